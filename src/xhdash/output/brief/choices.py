"""The brief's filters from command-line values, checked against the store: the same
dimensions and flags as the sidebar and `xhdash export` (xhdash.meaning.dimensions)."""

from __future__ import annotations

from xhdash.meaning.dimensions import DIMENSIONS
from xhdash.meaning.dimensions import unknown_filter_values as unknown_filter_values  # one check, cli's too
from xhdash.meaning.filters import Filters


def brief_filters(chosen: dict[str, tuple[str, ...]], period_from: str | None,
                  period_to: str | None) -> Filters:
    return Filters(period_from=period_from, period_to=period_to,
                   **{d.attribute: tuple(chosen.get(d.attribute, ())) for d in DIMENSIONS})
