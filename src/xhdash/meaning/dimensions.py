"""The filter dimensions, declared once: URL parameter, observation column, label, widget,
CLI flag, allowed values, their names, and which stored values a choice selects.

URL parsing, pandas and Arrow filtering, the sidebar widgets, export notes and the CLI's export
flags all read DIMENSIONS and PERIOD_RANGE; adding a dimension is one entry here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from xhdash.data.schema import DISTRICT, STATUSES
from xhdash.i18n import col, label, names, tr
from xhdash.periods import FREQUENCIES, frequency_label, frequency_of, is_period_code

TablesLike = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Dimension:
    attribute: str  # the field of Filters and FilterOptions
    param: str  # the URL parameter
    column: str  # the observation column it narrows
    label_key: str  # the i18n key of its name
    cli_flag: str  # the flag of `xhdash export`
    single: bool = False  # at most one value (the frequency)
    click: bool = False  # a click on a chart's bar may set it


@dataclass(frozen=True)
class PeriodRange:
    attributes: tuple[str, str] = ("period_from", "period_to")
    params: tuple[str, str] = ("from", "to")
    cli_flags: tuple[str, str] = ("--from", "--to")
    column: str = "period"
    label_key: str = "filter_period"


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("domains", "domain", "indicator_id", "filter_domain", "--domain"),
    Dimension("areas", "area", "area_id", "filter_area", "--area", click=True),
    Dimension("industries", "industry", "industry_id", "filter_industry", "--industry", click=True),
    Dimension("frequencies", "freq", "period", "filter_frequency", "--frequency", single=True),
    Dimension("sources", "source", "source_id", "filter_source", "--source"),
    Dimension("statuses", "status", "status", "filter_status", "--status"),
)
PERIOD_RANGE = PeriodRange()
BY_ATTRIBUTE = {dimension.attribute: dimension for dimension in DIMENSIONS}
# STATUSES (reported, derived, interpreted) are declared in xhdash.data.schema, their words in i18n.


def area_children(areas: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each area's direct children (a zone's clusters), from the areas table."""
    children: dict[str, list[str]] = {}
    for row in areas.sort_values("sort_order").itertuples():
        if isinstance(row.parent_id, str):
            children.setdefault(row.parent_id, []).append(row.area_id)
    return {parent: tuple(kids) for parent, kids in children.items()}


def expand_areas(areas: Iterable[str], children: dict[str, tuple[str, ...]]) -> set[str]:
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


_SOURCE_LABELS: dict[tuple[int, str], tuple[pd.DataFrame, dict[str, str]]] = {}


def source_labels(sources: pd.DataFrame, lang: str) -> dict[str, str]:
    """S1 → 'S1 解放日报' / 'S1 Jiefang Daily'; derived and imported figures → the source as
    stated (never an internal id). Made once per sources table; callers must not change it."""
    kept = _SOURCE_LABELS.get((id(sources), lang))
    if kept is None or kept[0] is not sources:
        column = col("publisher", lang)
        labels = {row.source_id: getattr(row, column) if row.kind in ("derived", "imported")
                  else f"{row.source_id} {getattr(row, column)}" for row in sources.itertuples()}
        if len(_SOURCE_LABELS) > 64:
            _SOURCE_LABELS.clear()
        kept = _SOURCE_LABELS[(id(sources), lang)] = (sources, labels)
    return kept[1]


def status_label(status: str, lang: str) -> str:
    """报告值 / 派生值 / 看板解读, or Reported / Derived / Dashboard's reading."""
    return label("status", status, lang)


def dimension_values(dimension: Dimension, tables: TablesLike, period_codes: Iterable[str]
                     ) -> tuple[str, ...]:
    """The values a dimension accepts, in display order."""
    name = dimension.attribute
    if name == "frequencies":
        present = {frequency_of(code) for code in period_codes}
        return tuple(f for f in FREQUENCIES if f in present)
    if name == "statuses":
        return STATUSES
    if name == "sources":
        return tuple(tables["sources"]["source_id"])
    table, key = {"domains": ("domains", "domain_id"), "areas": ("areas", "area_id"),
                  "industries": ("industries", "industry_id")}[name]
    frame = tables[table].sort_values("sort_order")
    if name == "areas":
        frame = frame[_areas_offered(frame, tables)]
    return tuple(frame[key])


def _areas_offered(areas: pd.DataFrame, tables: TablesLike) -> pd.Series:
    """Shanghai's other districts are in the areas table (their names are facts) but offered
    as a choice only where the store holds a figure of theirs (a city bulletin imported):
    a district with nothing to show is not a filter value."""
    other_district = areas["level"].astype(object).eq("district") & ~areas["area_id"].astype(
        object).eq(DISTRICT)
    if not other_district.any():
        return pd.Series(True, index=areas.index)
    observations = tables["observations"] if "observations" in tables else None
    present = set() if observations is None else set(observations["area_id"].astype(object))
    return ~other_district | areas["area_id"].astype(object).isin(present)


def dimension_labels(dimension: Dimension, tables: TablesLike, lang: str) -> dict[str, str]:
    """A reader's name for each value of a dimension."""
    name = dimension.attribute
    if name == "frequencies":
        return {f: frequency_label(f, lang) for f in FREQUENCIES}
    if name == "statuses":
        return {s: status_label(s, lang) for s in STATUSES}
    if name == "sources":
        return source_labels(tables["sources"], lang)
    table, key = {"domains": ("domains", "domain_id"), "areas": ("areas", "area_id"),
                  "industries": ("industries", "industry_id")}[name]
    frame = tables[table]
    return names(frame, key, lang)


def matching_values(dimension: Dimension, chosen: tuple[str, ...], indicators: pd.DataFrame,
                    children: dict[str, tuple[str, ...]], period_codes: Iterable[str]
                    ) -> list[str]:
    """The values of the dimension's observation column that the chosen values select."""
    name = dimension.attribute
    if name == "domains":
        return sorted(indicators_in(indicators, chosen))
    if name == "areas":
        return sorted(expand_areas(chosen, children))
    if name == "frequencies":
        return sorted(code for code in period_codes if frequency_of(code) in chosen)
    return sorted(chosen)


def unknown_filter_values(chosen: dict[str, tuple[str, ...]], period_from: str | None,
                          period_to: str | None, tables: dict[str, pd.DataFrame]) -> list[str]:
    """Each value the store does not know, as its flag and value (`--area nowhere`); more than
    one value for a single-valued dimension (the frequency) counts as unknown too."""
    unknown, only_one = [], f"（{tr('cli_only_one', 'zh')} {tr('cli_only_one', 'en')}）"
    for dimension in DIMENSIONS:
        values = chosen.get(dimension.attribute, ())
        allowed = FREQUENCIES if dimension.attribute == "frequencies" else dimension_values(
            dimension, tables, ())
        unknown += [f"{dimension.cli_flag} {v}" for v in values if v not in allowed]
        if dimension.single and len(values) > 1:
            unknown += [f"{dimension.cli_flag} {v}{only_one}" for v in values[1:]]
    unknown += [f"{flag} {value}" for flag, value in
                zip(PERIOD_RANGE.cli_flags, (period_from, period_to), strict=True)
                if value and not is_period_code(value)]
    return unknown
