"""The DuckDB example of docs/operations.md runs as written: the observations table opened
through deltalake's Arrow dataset at the version the publishes row names, queried by period
and area — on the shipped data's first version and on a later publish."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.data.versions import current_version, ensure_initialised, publish, snapshot_at, tables_dir

OPERATIONS = Path(__file__).parents[1] / "docs" / "operations.md"
STORE_LINE = re.compile(r'^STORE = ".*$', re.MULTILINE)


def _example() -> str:
    """The Python block of the DuckDB section (the one that imports duckdb)."""
    blocks = re.findall(r"```python\n(.*?)```", OPERATIONS.read_text(encoding="utf-8"), re.DOTALL)
    found = [b for b in blocks if "import duckdb" in b]
    assert len(found) == 1, "docs/operations.md should hold one DuckDB example"
    return found[0]


def _run(store: Path) -> list[tuple]:
    code, count = STORE_LINE.subn(f"STORE = {str(store)!r}", _example())
    assert count == 1
    namespace: dict = {}
    exec(compile(code, str(OPERATIONS), "exec"), namespace)  # noqa: S102 — our own docs
    return namespace["rows"]


def _expected(store: Path, version: int | None = None) -> list[tuple]:
    observations = load_store(snapshot_at(store, version)).observations.astype(object)
    chosen = observations[(observations["area_id"] == "xuhui") & (observations["period"] == "2023")
                          & (observations["status"] == "reported")]
    chosen = chosen.sort_values(["indicator_id", "period"])
    return [(r.indicator_id, r.period, r.value, None if pd.isna(r.stated_as) else r.stated_as)
            for r in chosen.itertuples()]


@pytest.fixture
def store(tmp_path) -> Path:
    root = tmp_path / "store"
    ensure_initialised(root)
    return root


class TestDuckDBExample:
    def test_query_by_period_and_area_on_the_shipped_data(self, store):
        rows = _run(store)
        assert rows and sorted(rows) == sorted(_expected(store))
        assert ("fiscal_revenue", "2023", 250.85, "250.85亿元") in rows

    def test_reads_the_version_in_force_not_a_table_version_no_publish_names(self, store):
        from deltalake import DeltaTable, write_deltalake

        from tests.fixtures import import_corpus as corpus
        from xhdash.data.tables import load_parquet_tables
        from xhdash.editors.importer.pipeline import run_import
        from xhdash.editors.importer.resolve import ImportOptions

        result = run_import(corpus.bulletin_gbk(), "公报.csv", load_parquet_tables(tables_dir(store)),
                            ImportOptions())
        publish(store, result.tables, {"editor": "wang", "file_name": "公报.csv",
                                       "file_sha256": result.file_sha256},
                based_on=current_version(store))
        expected = _expected(store)
        assert len(expected) > 1
        assert sorted(_run(store)) == sorted(expected)
        # a publisher killed after writing observations, before its publish row: a newer table
        # version that no publish names; the example still reads the version in force
        half = DeltaTable(str(store / "observations")).to_pyarrow_table().slice(0, 1)
        write_deltalake(str(store / "observations"), half, mode="overwrite")
        assert sorted(_run(store)) == sorted(expected)
