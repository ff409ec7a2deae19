"""Whole-table checks in Arrow compute: the fast path for loading a large, valid store.

Each check here is one pandera rule of `validate.py` (type, empty, allowed, reference, period,
duplicate key), answered for all rows at once on the dictionary-encoded columns, so a million
rows cost about as much as their few hundred distinct values. It answers only "valid or not":
a table that fails (or that it cannot judge, such as an unexpected column type) goes through the
full pandera validation, which names every problem by row and column. So the fast path can
never accept what pandera would refuse.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xhdash.data.schema import ARROW_TYPES, REFERENCED, ColumnSpec, TableSpec
from xhdash.periods import is_period_code

MAX_KEY_CODE = 2**62  # key codes beyond this would overflow int64: use Arrow's group-by instead


def _distinct_values(column: pa.ChunkedArray) -> set:
    """Distinct non-null values; for dictionary columns, the dictionaries (a superset)."""
    if pa.types.is_dictionary(column.type):
        values = set()
        for chunk in column.chunks:
            values.update(chunk.dictionary.to_pylist())
        values.discard(None)  # a null entry of a dictionary (deltalake writes one) is a null
        return values
    return set(pc.unique(column.drop_null()).to_pylist())


def _null_count(column: pa.ChunkedArray) -> int:
    """Nulls, counting a dictionary's indices that point at a null entry of the dictionary (as
    deltalake's reads give a column with missing values), not only null indices."""
    if not pa.types.is_dictionary(column.type):
        return column.null_count
    count = 0
    for chunk in column.chunks:
        count += chunk.null_count
        null_entries = pc.indices_nonzero(pc.is_null(chunk.dictionary))
        if len(null_entries):
            count += pc.sum(pc.is_in(chunk.indices, value_set=null_entries.cast(
                chunk.indices.type))).as_py() or 0
    return count


def _value_type(column: pa.ChunkedArray) -> pa.DataType:
    return column.type.value_type if pa.types.is_dictionary(column.type) else column.type


def column_passes(column: pa.ChunkedArray, spec: ColumnSpec, known: dict[str, set[str]]) -> bool:
    """True when every value of `column` meets the rules declared for it."""
    if _value_type(column) != ARROW_TYPES[spec.dtype]:
        return False
    if not spec.nullable and _null_count(column):
        return False
    if spec.dtype == "float" and not spec.nullable and pc.any(pc.is_nan(column)).as_py():
        return False
    if not (spec.allowed or spec.references or spec.is_period):
        return True
    values = _distinct_values(column)
    if spec.allowed and not values <= set(spec.allowed):
        return False
    if spec.references and not values <= known.get(spec.references, set()):
        return False
    return not spec.is_period or all(is_period_code(value) for value in values)


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, int]:
    """Each row's position among the column's distinct values (missing and blank share one)."""
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    encoded = column.unify_dictionaries().combine_chunks() if column.num_chunks else column
    dictionary = encoded.dictionary.cast(pa.string())
    blank = pc.index(dictionary, "").as_py()
    size = len(dictionary) + 1
    missing = size - 1 if blank < 0 else blank
    indices = encoded.indices
    if indices.null_count:
        indices = indices.fill_null(missing)
    return indices.to_numpy(zero_copy_only=False), size


def _key_codes(table: pa.Table, key: tuple[str, ...]) -> np.ndarray | None:
    """One int64 per row that is equal exactly when the key columns are (blank = missing)."""
    codes = np.zeros(table.num_rows, dtype=np.int64)
    span = 1
    for name in key:
        indices, size = _codes(table.column(name))
        span *= size
        if span > MAX_KEY_CODE:
            return None
        codes *= size  # in place: a million rows, four columns
        np.add(codes, indices, out=codes, casting="unsafe")
    return codes


def key_is_unique(table: pa.Table, key: tuple[str, ...]) -> bool:
    if table.num_rows < 2:
        return True
    codes = _key_codes(table, key)
    if codes is None:
        text = [pc.fill_null(table.column(name).cast(pa.string()), "") for name in key]
        groups = pa.table(dict(zip(key, text, strict=True))).group_by(list(key)).aggregate([])
        return groups.num_rows == table.num_rows
    codes.sort()  # faster than hashing here: stored rows are mostly in key order
    return not (codes[1:] == codes[:-1]).any()


def table_passes(table: pa.Table, spec: TableSpec, known: dict[str, set[str]]) -> bool:
    """True when the table has exactly the declared columns and every rule holds."""
    if sorted(table.column_names) != sorted(spec.column_names):
        return False
    return (all(column_passes(table.column(c.name), c, known) for c in spec.columns)
            and key_is_unique(table, spec.key))


def known_keys(tables: dict[str, pa.Table]) -> dict[str, set[str]]:
    """The keys each table offers to references ("areas.area_id" -> {...})."""
    known = {}
    for reference in REFERENCED:
        name, column = reference.split(".")
        if name in tables and column in tables[name].column_names:
            values = tables[name].column(column).drop_null().cast(pa.string())
            known[reference] = set(values.to_pylist())
    return known
