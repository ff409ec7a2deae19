"""The brief's filters from command-line values, checked against the store: the same
dimensions and flags as the sidebar and `xhdash export` (xhdash.dimensions)."""

from __future__ import annotations

import pandas as pd

from xhdash.dimensions import DIMENSIONS, PERIOD_RANGE, dimension_values
from xhdash.filters import Filters
from xhdash.periods import FREQUENCIES, is_period_code


def unknown_filter_values(chosen: dict[str, tuple[str, ...]], period_from: str | None,
                          period_to: str | None, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Each value the store does not know, as its flag and value (`--area nowhere`); more than
    one value for a single-valued dimension (the frequency) counts as unknown too."""
    unknown = []
    for dimension in DIMENSIONS:
        values = chosen.get(dimension.attribute, ())
        allowed = FREQUENCIES if dimension.attribute == "frequencies" else dimension_values(
            dimension, tables, ())
        unknown += [f"{dimension.cli_flag} {v}" for v in values if v not in allowed]
        if dimension.single and len(values) > 1:
            unknown += [f"{dimension.cli_flag} {v}（只能选一个 only one）" for v in values[1:]]
    unknown += [f"{flag} {value}" for flag, value in
                zip(PERIOD_RANGE.cli_flags, (period_from, period_to), strict=True)
                if value and not is_period_code(value)]
    return unknown


def brief_filters(chosen: dict[str, tuple[str, ...]], period_from: str | None,
                  period_to: str | None) -> Filters:
    return Filters(period_from=period_from, period_to=period_to,
                   **{d.attribute: tuple(chosen.get(d.attribute, ())) for d in DIMENSIONS})
