"""Category filters: their state, how it travels in the URL, and how it narrows observations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import pandas as pd

from xhdash.periods import parse_period

LIST_PARAMS = {"domain": "domains", "area": "areas", "industry": "industries",
               "source": "sources", "status": "statuses"}
PERIOD_PARAMS = {"from": "period_from", "to": "period_to"}
SEPARATOR = ","


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

    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True)
class FilterOptions:
    """The values each filter accepts, in display order."""

    domains: tuple[str, ...]
    areas: tuple[str, ...]
    industries: tuple[str, ...]
    periods: tuple[str, ...]
    sources: tuple[str, ...]
    statuses: tuple[str, ...] = ("reported", "derived")
    area_children: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class DroppedValue:
    param: str
    value: str


def area_children(areas: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each area's direct children (a zone's clusters), from the areas table."""
    children: dict[str, list[str]] = {}
    for row in areas.sort_values("sort_order").itertuples():
        if isinstance(row.parent_id, str):
            children.setdefault(row.parent_id, []).append(row.area_id)
    return {parent: tuple(kids) for parent, kids in children.items()}


def build_filter_options(tables: dict[str, pd.DataFrame]) -> FilterOptions:
    """Filter choices from the store: dimension tables in their sort order, single periods."""
    observations = tables["observations"]
    areas = tables["areas"].sort_values("sort_order")
    periods = sorted(
        {p for p in observations["period"].unique() if "/" not in p},
        key=lambda code: (parse_period(code).start, parse_period(code).end),
    )
    return FilterOptions(
        domains=tuple(tables["domains"].sort_values("sort_order")["domain_id"]),
        areas=tuple(areas["area_id"]),
        industries=tuple(tables["industries"].sort_values("sort_order")["industry_id"]),
        periods=tuple(periods),
        sources=tuple(tables["sources"]["source_id"]),
        area_children=area_children(areas),
    )


def _values(raw: object) -> list[str]:
    items = raw if isinstance(raw, list) else [raw]
    return [v.strip() for item in items for v in str(item).split(SEPARATOR) if v.strip()]


def parse_query_params(params: Mapping[str, object], options: FilterOptions
                       ) -> tuple[Filters, list[DroppedValue]]:
    """Filters from URL parameters; unknown values are dropped and reported, never fatal."""
    chosen: dict[str, object] = {}
    dropped: list[DroppedValue] = []
    for param, attribute in LIST_PARAMS.items():
        if param not in params:
            continue
        allowed = getattr(options, attribute)
        kept = []
        for value in _values(params[param]):
            (kept if value in allowed else dropped).append(
                value if value in allowed else DroppedValue(param, value))
        chosen[attribute] = tuple(v for v in allowed if v in kept)
    for param, attribute in PERIOD_PARAMS.items():
        if param in params:
            values = _values(params[param])
            value = values[0] if values else ""
            if value in options.periods:
                chosen[attribute] = value
            else:
                dropped.append(DroppedValue(param, value))
    filters = Filters(**chosen)
    if filters.period_from and filters.period_to and options.periods.index(
            filters.period_from) > options.periods.index(filters.period_to):
        dropped.append(DroppedValue("from", filters.period_from))
        filters = replace(filters, period_from=None)
    return filters, dropped


def filters_to_params(filters: Filters) -> dict[str, str]:
    """URL parameters for the filters; everything left open is omitted."""
    params = {param: SEPARATOR.join(getattr(filters, attr))
              for param, attr in LIST_PARAMS.items() if getattr(filters, attr)}
    params.update({param: getattr(filters, attr)
                   for param, attr in PERIOD_PARAMS.items() if getattr(filters, attr)})
    return params


def expand_areas(areas: tuple[str, ...], children: dict[str, tuple[str, ...]]) -> set[str]:
    """The chosen areas with everything beneath them (a zone brings its clusters)."""
    found, stack = set(), list(areas)
    while stack:
        area = stack.pop()
        if area not in found:
            found.add(area)
            stack.extend(children.get(area, ()))
    return found


def indicators_in(indicators: pd.DataFrame, domains: tuple[str, ...]) -> pd.Series:
    """The ids of the indicators that belong to `domains`."""
    return indicators.loc[indicators["domain_id"].isin(domains), "indicator_id"]


def apply_filters(observations: pd.DataFrame, indicators: pd.DataFrame, filters: Filters,
                  options: FilterOptions) -> pd.DataFrame:
    """The observations that pass every filter."""
    mask = pd.Series(True, index=observations.index)
    if filters.domains:
        mask &= observations["indicator_id"].isin(indicators_in(indicators, filters.domains))
    if filters.areas:
        mask &= observations["area_id"].isin(expand_areas(filters.areas, options.area_children))
    if filters.industries:
        mask &= observations["industry_id"].isin(filters.industries)
    if filters.sources:
        mask &= observations["source_id"].isin(filters.sources)
    if filters.statuses:
        mask &= observations["status"].isin(filters.statuses)
    if filters.period_from or filters.period_to:
        mask &= _period_mask(observations["period"], filters)
    return observations[mask]


def periods_within(codes: list[str], filters: Filters) -> list[str]:
    """The period codes inside the filters' range (a span counts when wholly inside)."""
    lower = parse_period(filters.period_from).start if filters.period_from else None
    upper = parse_period(filters.period_to).end if filters.period_to else None
    return [code for code in codes
            if (lower is None or parse_period(code).start >= lower)
            and (upper is None or parse_period(code).end <= upper)]


def _period_mask(periods: pd.Series, filters: Filters) -> pd.Series:
    return periods.isin(periods_within(list(periods.unique()), filters))
