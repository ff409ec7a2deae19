"""Xuhui among Shanghai's districts: for each indicator with figures of two or more districts
(areas of level "district") in one period, Xuhui's place by value and, where the districts'
growth rates of that period are there too, by growth — computed by metrics.targets.rank_derived
and said as computed (1-6月区级财政收入位列全市第3，增速位列第5（本看板计算）). Ranks a source
states (位列全市第一) stay as stated, in their own indicators; nothing here replaces them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.core import Derived, Input, MetricRefused
from metrics.targets import rank_derived
from xhdash.data.dtypes import text_equals, text_in
from xhdash.data.schema import DISTRICT
from xhdash.i18n import tr
from xhdash.meaning.figures import indicator_words
from xhdash.periods import parse_period, recency_key

CITY_DISTRICTS = 16  # Shanghai's districts: 全市 only when all of them have a figure


@dataclass(frozen=True)
class CityRank:
    indicator_id: str
    period: str
    by_value: Derived
    by_growth: Derived | None = None


def district_rows(observations: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    districts = set(areas.loc[text_equals(areas["level"], "district"), "area_id"].astype(str))
    rows = observations[text_in(observations["area_id"], districts)
                        & observations["industry_id"].isna()]
    return rows.sort_values("status", key=lambda s: text_equals(s, "derived")).drop_duplicates(
        ["indicator_id", "period", "area_id"])


def _rank(rows: pd.DataFrame, metric: str, higher: bool) -> Derived | None:
    if len(rows) < 2 or not text_equals(rows["area_id"], DISTRICT).any():
        return None
    inputs = tuple(Input(str(r.indicator_id), str(r.period), float(r.value), str(r.qualifier),
                         str(r.source_id), str(r.area_id)) for r in rows.itertuples(index=False))
    try:
        return rank_derived(metric, inputs, DISTRICT, higher_is_better=higher)
    except MetricRefused:
        return None


def _ranked_periods(rows: pd.DataFrame) -> list[str]:
    """The periods with two or more districts' figures, most recent first."""
    counts = rows.groupby("period", observed=True)["area_id"].nunique()
    periods = list(counts[counts >= 2].index.astype(str))  # observed: only periods present
    return sorted(periods, key=recency_key)


def _city_rank(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], indicator_id: str,
               period: str) -> CityRank | None:
    indicators = tables["indicators"]
    better = indicators.set_index("indicator_id").loc[indicator_id, "higher_is_better"]
    higher = True if pd.isna(better) else bool(better)
    own = rows[text_equals(rows["indicator_id"], indicator_id)]
    by_value = _rank(own[text_equals(own["period"], period)], "city_rank_value", higher)
    if by_value is None:
        return None
    growth_ids = set(indicators.loc[indicators["growth_of"] == indicator_id, "indicator_id"])
    growth = rows[text_in(rows["indicator_id"], growth_ids) & text_equals(rows["period"], period)]
    return CityRank(indicator_id, period, by_value, _rank(growth, "city_rank_growth", True))


def find_city_ranks(observations: pd.DataFrame, tables: dict[str, pd.DataFrame]
                    ) -> list[CityRank]:
    """Xuhui's computed place among the districts for each level indicator's latest period
    with two or more districts' figures, with its place by growth where the growth rates are
    there too."""
    indicators = tables["indicators"]
    rows = district_rows(observations, tables["areas"])
    out = []
    for indicator_id in indicators.loc[text_equals(indicators["kind"], "level"), "indicator_id"]:
        periods = _ranked_periods(rows[text_equals(rows["indicator_id"], indicator_id)])
        rank = _city_rank(rows, tables, indicator_id, periods[0]) if periods else None
        if rank is not None:
            out.append(rank)
    return out


def ranks_for_period(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                     indicator_id: str, period: str, earlier: bool = False) -> CityRank | None:
    """Xuhui's place for `period`, or with `earlier` for the latest period before it of the same
    frequency (the release before: 1-3月 before 1-6月, the year before a year)."""
    indicators = tables["indicators"]
    wanted = {indicator_id, *indicators.loc[indicators["growth_of"] == indicator_id, "indicator_id"]}
    rows = district_rows(observations[text_in(observations["indicator_id"], wanted)],
                          tables["areas"])  # only the rows _city_rank reads: no full copy
    own = rows[text_equals(rows["indicator_id"], indicator_id)]
    if not earlier:
        return _city_rank(rows, tables, indicator_id, period)
    shape = parse_period(period)
    before = [p for p in _ranked_periods(own) if parse_period(p).frequency == shape.frequency
              and parse_period(p).end < shape.end]
    return _city_rank(rows, tables, indicator_id, before[0]) if before else None


def city_rank_sentence(rank: CityRank, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """2024年1-6月，区级财政收入位列全市第3，增速位列第5（本看板计算）。"""
    name = indicator_words(tables["indicators"], rank.indicator_id).name(lang)
    growth = tr("city_rank_growth", lang, rank=int(rank.by_growth.value)) if rank.by_growth \
        else ""
    count = len(rank.by_value.inputs)
    key = "city_rank_sentence_all" if count == CITY_DISTRICTS else "city_rank_sentence"
    return tr(key, lang, period=parse_period(rank.period).label(lang),
              name=name, rank=int(rank.by_value.value), growth=growth,
              count=count)


def city_rank_sentences(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                        lang: str) -> list[str]:
    return [city_rank_sentence(r, tables, lang) for r in find_city_ranks(observations, tables)]
