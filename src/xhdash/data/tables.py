"""Read and write the store's tables: authored CSV in data/source/, the store's Delta tables at
one version (a Snapshot), or a plain folder of Parquet files (the shipped data/).

This is the one read/load module: every read of a store goes through `table_dataset`, so the
app, `xhdash export`, the checks and DuckDB (see the README) see the same files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq
from deltalake import DeltaTable
from deltalake.exceptions import DeltaError

from xhdash.data.arrow_checks import known_keys, table_passes
from xhdash.data.schema import AUTHORED_DEFAULTS, TABLES, TableSpec
from xhdash.data.storage import Location, as_location, delta_options, delta_uri
from xhdash.data.validate import StoreError, ValidationIssue, validate_tables

CSV_ROW_OFFSET = 2  # header is line 1, so index 0 is line 2 of the file
PARQUET_ROW_OFFSET = 1  # data rows counted from 1
DECODE_THREADS = 2
ROW_GROUP_ROWS = 65_536
DECODE_THREADS_FROM_ROWS = 100_000
FOLDER_KEY = "folder:"  # the version key of a plain folder of Parquet files: its files' stamp


@dataclass(frozen=True)
class Snapshot:
    """The store's tables as one publish left them: `root` is the store, `version` the publish
    (the Delta version of its `publishes` table; None for a plain folder of Parquet files) and
    `tables` each table's own Delta version, as that publish recorded them."""

    root: Location
    version: int | None = None
    tables: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        return self.root.text if self.version is None else f"{self.root.text}@v{self.version}"

    def table_version(self, name: str) -> int | None:
        return dict(self.tables).get(name)

    @property
    def version_key(self) -> str:
        """With the location, the store's identity (cache keys, the wall's refresh, `xhdash
        check`, exports): the publish version, or for a plain folder its files' stamp."""
        return str(self.version) if self.version is not None else FOLDER_KEY + _folder_stamp(
            self.root)


Where = Path | Location | Snapshot


def as_snapshot(where: Where | str) -> Snapshot:
    """A Snapshot for a snapshot, or a plain folder of Parquet tables named by path or URI."""
    return where if isinstance(where, Snapshot) else Snapshot(as_location(where))


def delta_table(root: Location, name: str, version: int | None = None,
                without_files: bool = False) -> DeltaTable:
    """The Delta table `name` of the store at `root` (its latest version unless one is named)."""
    del without_files  # deltalake 1.6 loads file metadata anyway (the flag is deprecated)
    return DeltaTable(delta_uri(root / name), version=version, storage_options=delta_options(root))


def read_source_csvs(source_dir: Path) -> dict[str, pd.DataFrame]:
    """Read the authored CSV tables as text, blanks as missing, build defaults added."""
    tables = {}
    for name, spec in TABLES.items():
        path = source_dir / spec.csv_name
        if not path.exists():
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        frame = frame.replace("", pd.NA)
        for column, default in AUTHORED_DEFAULTS.get(name, {}).items():
            if column not in frame.columns:
                frame[column] = default
        tables[name] = frame
    return tables


def load_source_tables(source_dir: Path) -> dict[str, pd.DataFrame]:
    """The authored tables, validated; raises StoreError naming file, row and column."""
    names = {name: spec.csv_name for name, spec in TABLES.items()}
    return validate_tables(read_source_csvs(source_dir), names, CSV_ROW_OFFSET)


def to_arrow(frame: pd.DataFrame, name: str) -> pa.Table:
    spec = TABLES[name]
    return pa.Table.from_pandas(frame[spec.column_names], schema=spec.arrow_schema(),
                                preserve_index=False)


def write_parquet(table: pa.Table, path: Path) -> None:
    """zstd, with row groups small enough that a filtered scan skips most of a large table by
    their min/max statistics."""
    pq.write_table(table, path, compression="zstd", row_group_size=ROW_GROUP_ROWS)


def write_parquet_tables(tables: dict[str, pd.DataFrame], data_dir: Path) -> list[Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = data_dir / TABLES[name].parquet_name
        write_parquet(to_arrow(frame, name), path)
        written.append(path)
    return written


def build_data(source_dir: Path, data_dir: Path) -> dict[str, int]:
    """Validate the authored CSVs and write them as Parquet; returns row counts per table."""
    tables = load_source_tables(source_dir)
    write_parquet_tables(tables, data_dir)
    return {name: len(frame) for name, frame in tables.items()}


READ_ERRORS = (OSError, pa.ArrowException, DeltaError)  # reading a damaged or unreadable file


def unreadable_issue(spec: TableSpec, error: Exception) -> ValidationIssue:
    """A table file that cannot be read: its bare file name, and the error for the detailed
    message only (ValidationIssue.public_message leaves it out)."""
    return ValidationIssue(spec.parquet_name, None, None, "", "unreadable",
                           (("detail", str(error)[:200]),))


@contextmanager
def reading(spec: TableSpec) -> Iterator[None]:
    """Turn a read error of one table's file (damaged, truncated, unreadable) into StoreError."""
    try:
        yield
    except READ_ERRORS as error:
        raise StoreError([unreadable_issue(spec, error)]) from error


def _text_columns(spec: TableSpec) -> list[str]:
    return [c.name for c in spec.columns if c.dtype == "string"]


def table_dataset(where: Where, spec: TableSpec) -> ds.Dataset | None:
    """One table as a pyarrow dataset, text columns dictionary-encoded (a million rows hold a
    few hundred distinct codes): scans may filter and pick columns, which pyarrow pushes down to
    the Parquet row groups. None when a plain folder lacks the file; READ_ERRORS when it cannot
    be read."""
    snapshot = as_snapshot(where)
    options = ds.ParquetReadOptions(dictionary_columns=_text_columns(spec))
    if snapshot.version is None:
        file = snapshot.root / spec.parquet_name
        return open_dataset(file, spec) if file.exists() else None
    table = delta_table(snapshot.root, spec.name, snapshot.table_version(spec.name))
    return table.to_pyarrow_dataset(parquet_read_options=options)


def read_arrow_tables(where: Where, names: tuple[str, ...] = tuple(TABLES)
                      ) -> dict[str, pa.Table]:
    """Read each table (table_dataset); an unreadable one raises StoreError naming it (a file
    missing from a plain folder is left out: validation names it)."""
    tables, issues = {}, []
    for name, spec in ((n, TABLES[n]) for n in names):
        try:
            dataset = table_dataset(where, spec)
            if dataset is not None:
                tables[name] = dataset.to_table()
        except READ_ERRORS as error:
            issues.append(unreadable_issue(spec, error))
    if issues:
        raise StoreError(issues)
    return tables


def _table_files(snapshot: Snapshot, spec: TableSpec) -> list[Location]:
    """The Parquet files that hold one table in this snapshot (READ_ERRORS when its Delta log
    cannot be read at that version)."""
    if snapshot.version is None:
        return [snapshot.root / spec.parquet_name]
    folder = snapshot.root / spec.name
    table = delta_table(snapshot.root, spec.name, snapshot.table_version(spec.name))
    prefix = delta_uri(folder).rstrip("/") + "/"
    files = []
    for uri in table.file_uris():
        relative = uri[len(prefix):] if uri.startswith(prefix) else uri.rsplit("/", 1)[-1]
        files.append(folder / relative)
    return files


def check_table_files(where: Where, read_data: bool = False) -> list[ValidationIssue]:
    """Every table present and readable. By default only each Parquet footer is read: a
    cheap check that finds a missing, truncated or overwritten-at-the-end file. `read_data`
    also decodes every row group, one batch at a time (memory stays small), which finds a
    damaged page inside a file too; it costs a full read."""
    snapshot = as_snapshot(where)
    issues = []
    for spec in TABLES.values():
        try:
            files = _table_files(snapshot, spec)
        except READ_ERRORS as error:
            issues.append(unreadable_issue(spec, error))
            continue
        for file in files:
            shown = spec.parquet_name  # viewers see the table; the detail names the file
            where = (("detail", f"{spec.name}/{file.name}"),) if snapshot.version is not None \
                else ()
            try:
                if not file.exists():
                    issues.append(ValidationIssue(shown, None, None, "", "missing_file", where))
                    continue
                with file.filesystem.open_input_file(file.path) as handle:
                    parquet = pq.ParquetFile(handle)
                    for _batch in parquet.iter_batches(ROW_GROUP_ROWS) if read_data else ():
                        pass
            except READ_ERRORS as error:
                detail = f"{where[0][1]}: {error}" if where else str(error)
                issues.append(ValidationIssue(shown, None, None, "", "unreadable",
                                              (("detail", detail[:200]),)))
    return issues


def open_dataset(file: Location, spec: TableSpec) -> ds.Dataset:
    """One Parquet file as a dataset, text columns dictionary-encoded."""
    parquet = ds.ParquetFileFormat(
        read_options=ds.ParquetReadOptions(dictionary_columns=_text_columns(spec)))
    return ds.dataset(file.path, filesystem=file.filesystem, format=parquet)


def _decode_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text as large_string, the layout pandas' str columns hold, so to_pandas copies nothing."""
    text = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    return column.cast(pa.large_string()) if pa.types.is_string(text) else column


def decode(table: pa.Table) -> pa.Table:
    """Dictionary-encoded text columns back to plain text; large tables a column per thread."""
    if table.num_rows < DECODE_THREADS_FROM_ROWS:
        columns = [_decode_column(column) for column in table.columns]
    else:
        with ThreadPoolExecutor(max_workers=DECODE_THREADS) as pool:  # Arrow releases the GIL
            columns = list(pool.map(_decode_column, table.columns))
    schema = pa.schema([f.with_type(c.type) for f, c in zip(table.schema, columns, strict=True)])
    return pa.Table.from_arrays(columns, schema=schema)


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A frame with the types validation gives: text as str, true/false as nullable boolean."""
    table = decode(table)
    frame = table.to_pandas()
    for field in (f for f in table.schema if pa.types.is_boolean(f.type)):
        frame[field.name] = frame[field.name].astype("boolean")
    return frame


def is_in(column: pa.ChunkedArray, values: list[str]) -> pa.ChunkedArray:
    """Row mask of `column` in `values`; a dictionary column is matched on its dictionary."""
    if not pa.types.is_dictionary(column.type):
        return pc.is_in(column, pa.array(values, column.type))
    wanted = pa.array(values, column.type.value_type)
    return pa.chunked_array(
        [pc.fill_null(pc.take(pc.is_in(chunk.dictionary, wanted), chunk.indices), False)
         for chunk in column.chunks], pa.bool_())


def read_parquet_tables(data_dir: Where, names: tuple[str, ...] = tuple(TABLES)
                        ) -> dict[str, pd.DataFrame]:
    return {name: to_pandas(table) for name, table in read_arrow_tables(data_dir, names).items()}


def load_arrow_tables(data_dir: Where) -> dict[str, pa.Table]:
    """The store's tables, validated, as Arrow tables with the declared columns in order.

    A store that passes the whole-table Arrow checks is returned as read; otherwise pandera
    validates it and names every problem (StoreError)."""
    tables = read_arrow_tables(data_dir)
    known = known_keys(tables)
    if set(tables) == set(TABLES) and all(
            table_passes(tables[name], spec, known) for name, spec in TABLES.items()):
        return {name: tables[name].select(spec.column_names) for name, spec in TABLES.items()}
    names = {name: spec.parquet_name for name, spec in TABLES.items()}
    frames = {name: to_pandas(table) for name, table in tables.items()}
    valid = validate_tables(frames, names, PARQUET_ROW_OFFSET)
    return {name: to_arrow(frame, name) for name, frame in valid.items()}


def load_parquet_tables(data_dir: Where) -> dict[str, pd.DataFrame]:
    """The store's tables, validated, as frames (StoreError naming every problem)."""
    return {name: to_pandas(table) for name, table in load_arrow_tables(data_dir).items()}


def _folder_stamp(folder: Location) -> str:
    """A short key that changes whenever a plain folder's table files change (size, mtime)."""
    digest = hashlib.sha256()
    for spec in TABLES.values():
        stamp = (folder / spec.parquet_name).file_stamp()
        if stamp:
            digest.update(f"{spec.name}:{stamp};".encode())
    return digest.hexdigest()[:16]
