"""Areas side by side: the five functional zones, or the 13 street-level units, for one
indicator and one or more periods; never summed across periods. Each area is ranked within its
period, and its share of the district is derived where the district states the same period."""

from __future__ import annotations

import pandas as pd

from metrics.contribution import contribution_to_change
from metrics.core import Input, MetricRefused
from metrics.growth import change_of_levels, year_on_year
from metrics.ratios import share_of_district
from xhdash.data.schema import DISTRICT
from xhdash.i18n import tr
from xhdash.meaning.progress import stated_decimals
from xhdash.periods import chronological_key, parse_period, recency_key

RANKING_COLUMNS = ["period", "rank", "area_id", "value", "qualifier", "stated_as", "share",
                   "share_worked", "source_id", "status"]


def level_areas(areas: pd.DataFrame, level: str) -> list[str]:
    """The areas of a level, in their sort order."""
    return list(areas.loc[areas["level"].eq(level)].sort_values("sort_order")["area_id"])


def area_rows(observations: pd.DataFrame, area_ids: list[str]) -> pd.DataFrame:
    return observations[observations["area_id"].isin(area_ids)
                        & observations["industry_id"].isna()]


def comparable_indicators(observations: pd.DataFrame, area_ids: list[str]) -> list[str]:
    """Indicators with figures for at least two of the areas in one period."""
    rows = area_rows(observations, area_ids)
    counts = rows.groupby(["indicator_id", "period"])["area_id"].nunique()
    return sorted(set(counts[counts >= 2].index.get_level_values("indicator_id")))


def comparison_periods(observations: pd.DataFrame, indicator_id: str, area_ids: list[str]
                       ) -> list[str]:
    """The periods an indicator has area figures for, the most recent first."""
    rows = area_rows(observations, area_ids)
    codes = rows.loc[rows["indicator_id"].eq(indicator_id), "period"].unique()
    return sorted(codes, key=recency_key)


def comparison_rows(observations: pd.DataFrame, indicator_id: str, area_ids: list[str],
                    periods: list[str]) -> pd.DataFrame:
    """One figure per area and period (reported before derived), ordered by period, then
    area."""
    rows = area_rows(observations, area_ids)
    rows = rows[rows["indicator_id"].eq(indicator_id) & rows["period"].isin(periods)]
    rows = rows.sort_values("status", key=lambda s: s.eq("derived")).drop_duplicates(
        ["period", "area_id"])
    order = {area: n for n, area in enumerate(area_ids)}
    return rows.assign(_time=rows["period"].map(chronological_key),
                       _area=rows["area_id"].map(order)).sort_values(
        ["_time", "_area"]).drop(columns=["_time", "_area"])


def _input(row) -> Input:
    return Input(row.indicator_id, row.period, float(row.value), row.qualifier, row.source_id,
                 row.area_id)


def rank_areas(rows: pd.DataFrame, observations: pd.DataFrame, with_shares: bool = True
               ) -> pd.DataFrame:
    """Each area's rank within its period (1 = largest) and, for a level (an amount, not a
    rate), its share of the district's figure of the same indicator and period where the
    district states one."""
    district = observations[observations["area_id"].eq(DISTRICT)
                            & observations["industry_id"].isna()]
    records = []
    for period, part in rows.groupby("period", sort=False):
        ranked = part.sort_values("value", ascending=False, kind="stable")
        total = district[district["indicator_id"].eq(part["indicator_id"].iloc[0])
                         & district["period"].eq(period)]
        for rank, row in enumerate(ranked.itertuples(index=False), start=1):
            share = worked = None
            if with_shares and not total.empty:
                try:
                    derived = share_of_district(_input(row), _input(next(total.itertuples(
                        index=False))))
                    share, worked = derived.value, derived.worked
                except MetricRefused as refused:
                    worked = refused.reason_zh
            records.append({"period": period, "rank": rank, "area_id": row.area_id,
                            "value": float(row.value), "qualifier": row.qualifier,
                            "stated_as": getattr(row, "stated_as", None),
                            "share": share, "share_worked": worked,
                            "source_id": row.source_id, "status": row.status})
    return pd.DataFrame(records, columns=RANKING_COLUMNS)


CHANGE_COLUMNS = ["area_id", "before", "now", "change", "growth", "contribution",
                  "formula_zh", "formula_en"]


def _decimals(row) -> int | None:
    return stated_decimals(row)


def _input_at(row) -> Input:
    return Input(row.indicator_id, row.period, float(row.value), row.qualifier, row.source_id,
                 row.area_id, None, _decimals(row))


def present_change(frame: pd.DataFrame, areas: pd.DataFrame, before: str, now: str,
                   lang: str) -> pd.DataFrame:
    """The change table as shown: area, the two periods' values, 增量, 增速 (%) and 贡献率 (%),
    each derived figure rounded to at most two places; the formula column last."""
    names = dict(zip(areas["area_id"].astype(str),
                     areas["name_en" if lang == "en" else "name_zh"].astype(str), strict=True))
    return pd.DataFrame({
        tr("change_area", lang): frame["area_id"].map(names).fillna(frame["area_id"]),
        parse_period(before).label(lang): frame["before"],
        parse_period(now).label(lang): frame["now"],
        tr("change_change", lang): frame["change"].astype("float64").round(2),
        tr("change_growth", lang): frame["growth"].astype("float64").round(1),
        tr("change_contribution", lang): frame["contribution"].astype("float64").round(1),
        tr("change_formula", lang): frame["formula_en" if lang == "en" else "formula_zh"],
    })


def change_between(observations: pd.DataFrame, indicator_id: str, area_ids: list[str],
                   before: str, now: str) -> tuple[pd.DataFrame, str | None]:
    """Each area's 增量, 增速 and contribution to the district's change from `before` to
    `now` (metrics.growth and metrics.contribution, each with its formula), sorted by the
    later value, largest first; and, once for the whole table, why no contribution could be
    computed (the key of the reason) when none could."""
    rows = comparison_rows(observations, indicator_id, area_ids, [before, now])
    district = comparison_rows(observations, indicator_id, [DISTRICT], [before, now])
    totals = {r.period: _input_at(r) for r in district.itertuples(index=False)}
    records, reasons = [], set()
    for area_id, part in rows.groupby("area_id", sort=False, observed=True):
        by_period = {r.period: _input_at(r) for r in part.itertuples(index=False)}
        if set(by_period) != {before, now}:
            continue
        later, earlier = by_period[now], by_period[before]
        change = growth = contribution = None
        formulas_zh, formulas_en = [], []
        for metric, args, slot in ((change_of_levels, (later, earlier), "change"),
                                   (year_on_year, (later, earlier), "growth")):
            try:
                derived = metric(*args)
            except MetricRefused:
                continue
            if slot == "change":
                change = derived.value
            else:
                growth = derived.value
            formulas_zh.append(derived.formula_zh)
            formulas_en.append(derived.formula_en)
        if set(totals) == {before, now}:
            try:
                derived = contribution_to_change(later, earlier, totals[now], totals[before])
                contribution = derived.value
                formulas_zh.append(derived.formula_zh)
                formulas_en.append(derived.formula_en)
            except MetricRefused as refused:
                reasons.add(refused.reason_zh)
        else:
            reasons.add("no_district")
        records.append({"area_id": str(area_id), "before": earlier.value, "now": later.value,
                        "change": change, "growth": growth, "contribution": contribution,
                        "formula_zh": "；".join(formulas_zh),
                        "formula_en": "; ".join(formulas_en)})
    frame = pd.DataFrame(records, columns=CHANGE_COLUMNS)
    frame = frame.sort_values("now", ascending=False, kind="stable").reset_index(drop=True)
    note = None
    if len(frame) and frame["contribution"].isna().all():
        note = "change_no_district" if "no_district" in reasons else "change_no_contribution"
    return frame, note
