"""Read and write the store's tables: authored CSV in data/source/, Parquet in the store folder."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from xhdash.arrow_checks import known_keys, table_passes
from xhdash.schema import AUTHORED_DEFAULTS, TABLES, TableSpec
from xhdash.storage import Location, as_location
from xhdash.validate import StoreError, ValidationIssue, validate_tables

CSV_ROW_OFFSET = 2  # header is line 1, so index 0 is line 2 of the file
PARQUET_ROW_OFFSET = 1  # data rows counted from 1
DECODE_THREADS = 2
ROW_GROUP_ROWS = 65_536
DECODE_THREADS_FROM_ROWS = 100_000


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


READ_ERRORS = (OSError, pa.ArrowException)  # what reading a damaged or unreadable file raises


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


def read_arrow_tables(data_dir: Path | Location, names: tuple[str, ...] = tuple(TABLES)
                      ) -> dict[str, pa.Table]:
    """Read each table through a pyarrow dataset on the store's filesystem, text columns
    dictionary-encoded (a million rows hold a few hundred distinct codes); an unreadable file
    raises StoreError naming it (a missing one is left out: validation names it)."""
    location = as_location(data_dir)
    tables, issues = {}, []
    for name, spec in ((n, TABLES[n]) for n in names):
        file = location / spec.parquet_name
        try:
            if not file.exists():
                continue
            tables[name] = open_dataset(file, spec).to_table()
        except READ_ERRORS as error:
            issues.append(unreadable_issue(spec, error))
    if issues:
        raise StoreError(issues)
    return tables


def check_table_files(data_dir: Path | Location, read_data: bool = False
                      ) -> list[ValidationIssue]:
    """Every table file present and readable. By default only each Parquet footer is read: a
    cheap check that finds a missing, truncated or overwritten-at-the-end file. `read_data`
    also decodes every row group, one batch at a time (memory stays small), which finds a
    damaged page inside a file too; it costs a full read."""
    location = as_location(data_dir)
    issues = []
    for spec in TABLES.values():
        file = location / spec.parquet_name
        try:
            if not file.exists():
                issues.append(ValidationIssue(spec.parquet_name, None, None, "", "missing_file"))
                continue
            with file.filesystem.open_input_file(file.path) as handle:
                parquet = pq.ParquetFile(handle)
                for _batch in parquet.iter_batches(ROW_GROUP_ROWS) if read_data else ():
                    pass
        except READ_ERRORS as error:
            issues.append(unreadable_issue(spec, error))
    return issues


def open_dataset(file: Location, spec: TableSpec) -> ds.Dataset:
    """One table's file as a dataset: scans may filter and pick columns, which pyarrow pushes
    down to the Parquet row groups."""
    text = [c.name for c in spec.columns if c.dtype == "string"]
    parquet = ds.ParquetFileFormat(read_options=ds.ParquetReadOptions(dictionary_columns=text))
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


def read_parquet_tables(data_dir: Path | Location, names: tuple[str, ...] = tuple(TABLES)
                        ) -> dict[str, pd.DataFrame]:
    return {name: to_pandas(table) for name, table in read_arrow_tables(data_dir, names).items()}


def load_arrow_tables(data_dir: Path | Location) -> dict[str, pa.Table]:
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


def load_parquet_tables(data_dir: Path | Location) -> dict[str, pd.DataFrame]:
    """The store's tables, validated, as frames (StoreError naming every problem)."""
    return {name: to_pandas(table) for name, table in load_arrow_tables(data_dir).items()}


def store_version(data_dir: Path | Location) -> str:
    """A short key that changes whenever any table file changes (name, size, mtime)."""
    location = as_location(data_dir)
    digest = hashlib.sha256()
    for spec in TABLES.values():
        stamp = (location / spec.parquet_name).file_stamp()
        if stamp:
            digest.update(f"{spec.name}:{stamp};".encode())
    return digest.hexdigest()[:16]
