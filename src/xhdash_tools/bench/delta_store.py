"""The Delta store at scale, in a process of its own: publish time (a first publish into an
empty store, then a publish replacing it) and the load of the version in force set against a
raw `pyarrow.parquet.read_table` of the same Parquet files."""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

import pyarrow.parquet as pq

from xhdash.data.schema import TABLES
from xhdash.data.store import load_store
from xhdash.data.tables import delta_table, read_parquet_tables
from xhdash.data.versions import publish, snapshot_at
from xhdash_tools.bench.scale import _paired
from xhdash_tools.bench.synthetic import write_synthetic_store

METADATA = {"editor": "bench", "file_name": "测试用合成数据.csv", "file_sha256": "0" * 64}


def _raw_read(store: Path) -> None:
    """Every table's Parquet files of the version in force, read by bare pyarrow."""
    snapshot = snapshot_at(store)
    for name in TABLES:
        table = delta_table(snapshot.root, name, snapshot.table_version(name))
        pq.read_table(table.file_uris())


def measure_delta_store(rows: int, repeats: int = 3) -> dict:
    """Publish seconds (first and replacing) and the load ratio at `rows` synthetic rows."""
    folder = Path(tempfile.mkdtemp(prefix="xhdash-bench-delta-"))
    try:
        tables = read_parquet_tables(write_synthetic_store(folder / "plain", rows))
        store = folder / "store"
        start = time.perf_counter()
        first = publish(store, tables, METADATA, based_on=None)
        first_seconds = time.perf_counter() - start
        start = time.perf_counter()
        publish(store, tables, METADATA, based_on=first.version_id)
        again_seconds = time.perf_counter() - start
        load, raw = _paired(lambda: load_store(snapshot_at(store)), lambda: _raw_read(store),
                            repeats)
        return {"rows": rows, "publish_first_seconds": round(first_seconds, 1),
                "publish_seconds": round(again_seconds, 1), "delta_load_seconds": round(load, 2),
                "delta_raw_read_seconds": round(raw, 2), "delta_load_ratio": round(load / raw, 2)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_first_start(repeats: int = 3) -> dict:
    """A fresh clone's first start against a later one: the first `locate_tables` + load makes
    version 0 from data/ (the Delta initialisation); a later start reads version 0. Before the
    store was Delta from the first start, a fresh clone loaded data/'s Parquet files directly
    (the `folder_load` figure, the same path as then). Medians of `repeats` fresh stores."""
    import os
    import statistics

    from xhdash.data.versions import locate_tables
    from xhdash.paths import DATA_DIR

    first, later, folder_load = [], [], []
    load_store(DATA_DIR)  # warm-up: imports, the first read of data/
    for _ in range(repeats):
        folder = Path(tempfile.mkdtemp(prefix="xhdash-bench-first-"))
        os.environ["XHDASH_STORE"] = str(folder / "store")
        try:
            for times in (first, later):
                start = time.perf_counter()
                load_store(locate_tables())
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            load_store(DATA_DIR)
            folder_load.append(time.perf_counter() - start)
        finally:
            os.environ.pop("XHDASH_STORE", None)
            shutil.rmtree(folder, ignore_errors=True)
    return {"first_start_seconds": round(statistics.median(first), 2),
            "later_start_seconds": round(statistics.median(later), 2),
            "folder_load_seconds": round(statistics.median(folder_load), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=0, help="0: the first start on data/")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    result = measure_delta_store(args.rows, args.repeats) if args.rows else \
        measure_first_start(args.repeats)
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
