"""Category filters: their state, how it travels in the URL, and how it narrows observations.

The dimensions themselves (parameter, column, values, names) are declared in
`xhdash.meaning.dimensions`; everything here loops over that declaration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from xhdash.meaning.dimensions import (
    DIMENSIONS,
    PERIOD_RANGE,
    area_children,
    dimension_values,
    expand_areas,
    indicators_in,
    matching_values,
)
from xhdash.periods import chronological_key, frequency_of, parse_period

SEPARATOR = ","
ANY_FREQUENCY = ""  # the period choices when no frequency is chosen: whole years

__all__ = ["DroppedValue", "FilterOptions", "Filters", "apply_filters", "area_children",
           "build_filter_options", "expand_areas", "filters_to_params", "indicators_in",
           "parse_query_params", "period_choices", "periods_within"]


@dataclass(frozen=True)
class Filters:
    """What the user narrowed to; an empty tuple or None means everything."""

    domains: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    period_from: str | None = None
    period_to: str | None = None
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    frequencies: tuple[str, ...] = ()  # at most one: the frequency every chart draws

    def is_empty(self) -> bool:
        return self == Filters()

    @property
    def frequency(self) -> str | None:
        return self.frequencies[0] if self.frequencies else None


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter accepts, in display order, and the period choices."""

    values: dict[str, tuple[str, ...]]  # dimension attribute -> allowed values
    periods_by_frequency: dict[str, tuple[str, ...]]  # "" (any: years) or frequency -> codes
    area_children: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def allowed(self, attribute: str) -> tuple[str, ...]:
        return self.values.get(attribute, ())

    def periods(self, frequency: str | None = None) -> tuple[str, ...]:
        """The period filter's choices: whole years, or the periods of one frequency."""
        return self.periods_by_frequency.get(frequency or ANY_FREQUENCY, ())


@dataclass(frozen=True)
class DroppedValue:
    param: str
    value: str


def period_choices(codes) -> dict[str, tuple[str, ...]]:
    """Years touched by any period (a span's ends included), and each frequency's periods."""
    parsed = {code: parse_period(code) for code in set(codes)}
    years = sorted({year for p in parsed.values() for year in (p.start.year, p.end.year)})
    choices = {ANY_FREQUENCY: tuple(str(year) for year in years)}
    for code in sorted(parsed, key=chronological_key):
        frequency = parsed[code].frequency
        choices[frequency] = (*choices.get(frequency, ()), code)
    return choices


def build_filter_options(tables: dict[str, pd.DataFrame]) -> FilterOptions:
    """Filter choices from the store: dimension tables in their sort order, period choices."""
    codes = list(tables["observations"]["period"].unique())
    return FilterOptions(
        values={d.attribute: dimension_values(d, tables, codes) for d in DIMENSIONS},
        periods_by_frequency=period_choices(codes),
        area_children=area_children(tables["areas"]),
    )


def _values(raw: object) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    return [v.strip() for item in items for v in str(item).split(SEPARATOR) if v.strip()]


def parse_query_params(params: Mapping[str, object], options: FilterOptions
                       ) -> tuple[Filters, list[DroppedValue]]:
    """Filters from URL parameters; unknown values are dropped and reported, never fatal."""
    chosen: dict[str, object] = {}
    dropped: list[DroppedValue] = []
    for dimension in DIMENSIONS:
        if dimension.param not in params:
            continue
        allowed = options.allowed(dimension.attribute)
        values = _values(params[dimension.param])
        dropped += [DroppedValue(dimension.param, v) for v in values if v not in allowed]
        kept = tuple(v for v in allowed if v in values)
        chosen[dimension.attribute] = kept[:1] if dimension.single else kept
    choices = options.periods((chosen.get("frequencies") or (None,))[0])
    for param, attribute in zip(PERIOD_RANGE.params, PERIOD_RANGE.attributes, strict=True):
        if param in params:
            values = _values(params[param])
            value = values[0] if values else ""
            if value in choices:
                chosen[attribute] = value
            else:
                dropped.append(DroppedValue(param, value))
    filters = Filters(**chosen)
    if filters.period_from and filters.period_to and choices.index(
            filters.period_from) > choices.index(filters.period_to):
        dropped.append(DroppedValue("from", filters.period_from))
        filters = replace(filters, period_from=None)
    return filters, dropped


def filters_to_params(filters: Filters) -> dict[str, str]:
    """URL parameters for the filters; everything left open is omitted."""
    params = {d.param: SEPARATOR.join(getattr(filters, d.attribute))
              for d in DIMENSIONS if getattr(filters, d.attribute)}
    params.update({param: getattr(filters, attribute) for param, attribute in
                   zip(PERIOD_RANGE.params, PERIOD_RANGE.attributes, strict=True)
                   if getattr(filters, attribute)})
    return params


def apply_filters(observations: pd.DataFrame, indicators: pd.DataFrame, filters: Filters,
                  options: FilterOptions) -> pd.DataFrame:
    """The observations that pass every filter."""
    mask = pd.Series(True, index=observations.index)
    codes = list(observations["period"].unique())
    for dimension in DIMENSIONS:
        chosen = getattr(filters, dimension.attribute)
        if chosen:
            mask &= observations[dimension.column].isin(matching_values(
                dimension, chosen, indicators, options.area_children, codes))
    if filters.period_from or filters.period_to:
        mask &= observations[PERIOD_RANGE.column].isin(periods_within(codes, filters))
    return observations[mask]


def periods_within(codes: list[str], filters: Filters) -> list[str]:
    """The period codes inside the filters' range (a span counts when wholly inside): 2024年
    1-9月 lies within 2024."""
    lower = parse_period(filters.period_from).start if filters.period_from else None
    upper = parse_period(filters.period_to).end if filters.period_to else None
    return [code for code in codes
            if (lower is None or parse_period(code).start >= lower)
            and (upper is None or parse_period(code).end <= upper)]


def frequency_rows(observations: pd.DataFrame, frequency: str) -> pd.DataFrame:
    """The observations of one frequency."""
    codes = [c for c in observations["period"].unique() if frequency_of(c) == frequency]
    return observations[observations["period"].isin(codes)]
