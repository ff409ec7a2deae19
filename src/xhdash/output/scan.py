"""Read a slice of the stored observations without loading the store: the filters become a
pyarrow dataset expression, which the scan pushes down to the Parquet row groups (rows whose
statistics cannot match are never read), on a local folder or object storage alike."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from xhdash.data.schema import OBSERVATIONS
from xhdash.data.tables import Where, decode, table_dataset
from xhdash.meaning.dimensions import DIMENSIONS, PERIOD_RANGE, matching_values
from xhdash.meaning.filters import Filters, periods_within


def filter_expression(filters: Filters, indicators: pd.DataFrame,
                      area_children: dict[str, tuple[str, ...]],
                      period_codes: list[str]) -> ds.Expression | None:
    """The dashboard's filters as one dataset expression (None when nothing is filtered)."""
    parts = []
    for dimension in DIMENSIONS:
        chosen = getattr(filters, dimension.attribute)
        if chosen:
            parts.append(pc.field(dimension.column).isin(matching_values(
                dimension, chosen, indicators, area_children, period_codes)))
    if filters.period_from or filters.period_to:
        parts.append(pc.field(PERIOD_RANGE.column).isin(periods_within(period_codes, filters)))
    if not parts:
        return None
    expression = parts[0]
    for part in parts[1:]:
        expression = expression & part
    return expression


def scan_observations(data_dir: Where, filters: Filters, indicators: pd.DataFrame,
                      area_children: dict[str, tuple[str, ...]]) -> pa.Table:
    """The stored observations that pass `filters`, read with the filter pushed down."""
    dataset = table_dataset(data_dir, OBSERVATIONS)
    if dataset is None:
        return OBSERVATIONS.arrow_schema().empty_table()
    codes = []
    if filters.period_from or filters.period_to or filters.frequencies:  # one column: cheap
        codes = pc.unique(decode(dataset.to_table(columns=["period"]))["period"]).to_pylist()
    expression = filter_expression(filters, indicators, area_children, codes)
    return decode(dataset.to_table(filter=expression))
