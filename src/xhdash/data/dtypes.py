"""The observations' low-cardinality text held as pandas `category`, straight from the Arrow
dictionaries the store is read with: a few hundred distinct codes in millions of rows take one
or two bytes a row instead of the text (about 216 bytes a row as `str` columns).

Categories are kept sorted, so a sort, a min or a max orders as text would. Code that compares,
fills, concatenates or groups these columns goes through the helpers here (or passes
`observed=True`): two categoricals compare and concatenate only with the same categories, and a
fill value must be a category first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CATEGORY_COLUMNS = ("indicator_id", "area_id", "industry_id", "source_id", "status", "qualifier",
                    "release_stage", "period_scope", "period", "locator")


def _text_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    text = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    return column.cast(pa.large_string()) if pa.types.is_string(text) else column


def _category_column(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary column as pandas can hold it: a dictionary with a null entry (deltalake
    reads missing values so) is encoded again, the null a missing value, not a category."""
    if pa.types.is_dictionary(column.type):
        if not any(chunk.dictionary.null_count for chunk in column.chunks):
            return column
        column = column.cast(column.type.value_type)
    return pc.dictionary_encode(column.cast(pa.string()))


def as_observations_frame(table: pa.Table) -> pd.DataFrame:
    """Observations from Arrow to pandas: CATEGORY_COLUMNS as sorted categoricals built from
    the dictionaries (the codes are not decoded to text), other text as `str`, true/false as
    nullable boolean. Pass the table's only reference (`as_observations_frame(d.pop(k))`):
    its buffers are then freed column by column as they are converted."""
    columns = [_category_column(column) if field.name in CATEGORY_COLUMNS
               else _text_column(column) for field, column in zip(table.schema, table.columns,
                                                                   strict=True)]
    source_schema = table.schema
    schema = pa.schema([f.with_type(c.type) for f, c in zip(table.schema, columns, strict=True)])
    unified = pa.Table.from_arrays(columns, schema=schema).unify_dictionaries()
    del table, columns  # the caller hands over its only reference: each buffer is freed once
    frame = unified.to_pandas(self_destruct=True, split_blocks=True)  # converted, not at the end
    del unified
    for field in source_schema:
        if field.name in CATEGORY_COLUMNS:
            frame[field.name] = sorted_categories(frame[field.name])
        elif pa.types.is_boolean(field.type):
            frame[field.name] = frame[field.name].astype("boolean")
    return frame


def sorted_categories(values: pd.Series) -> pd.Series:
    """A categorical with its categories in text order (only the categories are sorted; the
    codes are remapped, the text is never decoded)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype("category")
    categories = values.cat.categories
    if categories.is_monotonic_increasing:
        return values
    return values.cat.reorder_categories(sorted(categories))


def with_categories(values: pd.Series, extra) -> pd.Series:
    """`values` with the categories of `extra` (values or categories) added, sorted: before a
    fill, a comparison with another categorical, or an assignment of a new value."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values
    new = pd.Index(extra).dropna().difference(values.cat.categories)
    if not len(new):
        return values
    return sorted_categories(values.cat.add_categories(new))


def fill_text(values: pd.Series, fill: str) -> pd.Series:
    """Missing values replaced by `fill`, whether the column is text or categorical."""
    return with_categories(values, [fill]).fillna(fill)


def concat_observations(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Rows of frames of observations one after another, the categorical columns kept
    categorical: each column is given the union of the frames' categories first."""
    frames = [f for f in frames if len(f.columns)]
    for name in CATEGORY_COLUMNS:
        kinds = [f[name] for f in frames if name in f.columns]
        if not kinds or not any(isinstance(k.dtype, pd.CategoricalDtype) for k in kinds):
            continue
        union = sorted(set().union(*(set(k.cat.categories) if isinstance(k.dtype, pd.CategoricalDtype)
                                     else set(k.dropna().unique()) for k in kinds)))
        frames = [f.assign(**{name: f[name].astype(pd.CategoricalDtype(union))})
                  if name in f.columns else f for f in frames]
    return pd.concat(frames, ignore_index=True)


def text_equals(values: pd.Series, text: str) -> pd.Series:
    """`values.astype(str) == text` without decoding a categorical column: the text's code is
    looked up once and the codes compared (a 5M-row `astype(str)` makes 5M strings)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        code = values.cat.categories.get_indexer([text])[0]
        return pd.Series(values.cat.codes.to_numpy() == code if code >= 0 else
                         np.zeros(len(values), dtype=bool), index=values.index)
    return values.astype(str) == text


def text_in(values: pd.Series, texts) -> pd.Series:
    """`values.astype(str).isin(texts)` without decoding a categorical column."""
    texts = [str(t) for t in texts]
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.categories.get_indexer(texts)
        return pd.Series(np.isin(values.cat.codes.to_numpy(), codes[codes >= 0]),
                         index=values.index)
    return values.astype(str).isin(texts)
