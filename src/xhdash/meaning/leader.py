"""The leader's table: a 统计月报's 主要指标 table — 指标, 期间, 本期, 同比, 年度目标, 完成度,
序时进度, 全市位次 — one row per indicator's latest district figure, every figure said through
xhdash.meaning.saying, every derived figure (完成度, 序时进度, a rank computed from district figures)
from src/metrics/. A cell with nothing to say is empty (no figure is invented); a column empty
on every row is left out when shown.
"""

from __future__ import annotations

import pandas as pd

from metrics.core import Input, MetricRefused
from metrics.targets import rank_derived
from xhdash.data.dtypes import text_equals, text_in
from xhdash.data.schema import DISTRICT
from xhdash.i18n import tr
from xhdash.meaning.cards import latest_district_row, matching_growth
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.progress import Standing, _places, find_standings, standing_clause
from xhdash.meaning.saying import say_figure
from xhdash.periods import parse_period, shift_years

LEADER_COLUMNS = ("indicator", "period", "current", "yoy", "target", "completion",
                  "time_progress", "city_rank")
ALWAYS_SHOWN = ("indicator", "period", "current")
TARGET_GROUP = ("target", "completion", "time_progress")  # under 目标完成情况 in the Excel


def leader_indicators(indicators: pd.DataFrame, ids) -> list[str]:
    """The table's rows: `ids` (the overview's headline figures), then every indicator a year's
    target is set for; a growth rate whose level is listed is that row's 同比, not a row."""
    listed = list(dict.fromkeys(ids))
    if "target_of" in indicators.columns:
        listed += [i for i in indicators["target_of"].dropna().astype(str) if i not in listed]
    meta = indicators.set_index("indicator_id")
    rows = []
    for indicator_id in listed:
        if indicator_id not in meta.index:
            continue
        parent = meta.loc[indicator_id, "growth_of"]
        if meta.loc[indicator_id, "kind"] == "growth" and isinstance(parent, str) and \
                parent in listed:
            continue
        rows.append(indicator_id)
    return rows


def _say(row, tables):
    return say_figure(row, tables)


def _find(observations: pd.DataFrame, indicator_id: str, period: str,
          area_id: str = DISTRICT) -> pd.Series | None:
    match = observations[text_equals(observations["indicator_id"], indicator_id)
                         & text_equals(observations["period"], period)
                         & text_equals(observations["area_id"], area_id)
                         & observations["industry_id"].isna()]
    if match.empty:
        return None
    return match.sort_values("status", key=lambda s: s.astype(str).eq("derived")).iloc[0]


def _no_prior(observations: pd.DataFrame, row: pd.Series) -> bool:
    """A part-year cumulative figure (1–N月) with no figure of the same span a year before."""
    period = parse_period(str(row["period"]))
    if period.kind == "year" or period.frequency != "cumulative":
        return False
    return _find(observations, str(row["indicator_id"]), shift_years(str(row["period"]), -1),
                 str(row["area_id"])) is None


def _rank_text(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], row: pd.Series,
               lang: str) -> str:
    """Xuhui's place among the districts with a figure of the same indicator and period,
    computed (metrics.targets.rank_derived) and said as computed; "" with fewer than two."""
    areas = tables["areas"]
    districts = set(areas.loc[text_equals(areas["level"], "district"), "area_id"].astype(str))
    same = observations[text_equals(observations["indicator_id"], str(row["indicator_id"]))
                        & text_equals(observations["period"], str(row["period"]))
                        & text_in(observations["area_id"], districts)
                        & observations["industry_id"].isna()]
    same = same.drop_duplicates("area_id")
    if len(same) < 2:
        return ""
    inputs = tuple(Input(str(r.indicator_id), str(r.period), float(r.value), str(r.qualifier),
                         str(r.source_id), str(r.area_id)) for r in same.itertuples(index=False))
    better = tables["indicators"].set_index("indicator_id")["higher_is_better"].get(
        str(row["indicator_id"]))
    try:
        rank = rank_derived("city_rank", inputs, DISTRICT,
                            higher_is_better=True if pd.isna(better) else bool(better))
    except MetricRefused:
        return ""
    return tr("rank_short", lang, rank=int(rank.value)) + tr("sentence_derived", lang)


def _standing_cells(standing: Standing | None, lang: str) -> tuple[str, str]:
    """完成度 and 序时进度 cells: 73.3% | 75.0%（低于1.7个百分点）; a growth target's gap in the
    完成度 cell (高于目标0.3个百分点)."""
    if standing is None:
        return "", ""
    if standing.kind == "growth":
        return (standing_clause(standing, lang) if standing.gap is not None else ""), ""
    completion = f"{_places(standing.completion.value, standing.completion.decimals)}%"
    if standing.time_progress is None or standing.against_time is None:
        return completion, ""
    points = standing.against_time.value
    key = "leader_ahead" if points > 0 else "leader_behind" if points < 0 else "leader_on_time"
    against = tr(key, lang, points=_places(abs(points), standing.completion.decimals))
    return completion, f"{_places(standing.time_progress, 1)}%{against}"


def leader_table(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], ids,
                 lang: str) -> pd.DataFrame:
    """One row per listed indicator with a district figure: its latest figure (本期) with its
    period as stated, its 同比 (or 无上年同期数 for a 1–N月 figure without one), its year's
    target, completion and time progress, and its computed place among the districts. Every
    cell is text; a cell with nothing to say is ""."""
    indicators = tables["indicators"]
    standings = {(s.indicator_id, s.period): s for s in find_standings(observations, indicators)}
    records = []
    for indicator_id in leader_indicators(indicators, ids):
        row = latest_district_row(observations, indicator_id)
        if row is None or str(row["area_id"]) != DISTRICT:
            continue
        said = _say(row, tables).in_lang(lang)
        kind = str(indicators.set_index("indicator_id").loc[indicator_id, "kind"])
        growth = matching_growth(observations, indicators, row) if kind == "level" else None
        if growth is not None:
            yoy = _say(growth, tables).in_lang(lang).short
        elif kind == "level" and _no_prior(observations, row):
            yoy = tr("leader_no_prior", lang)
        else:
            yoy = ""
        standing = standings.get((indicator_id, str(row["period"])))
        if standing is None and growth is not None:
            standing = standings.get((str(growth["indicator_id"]), str(growth["period"])))
        target = ""
        if standing is not None:
            goal = _find(observations, standing.target_id, standing.target_period)
            # said as the "current" column says its figure (CNY 27.0bn beside CNY 26.39bn)
            target = _say(goal, tables).in_lang(lang).short if goal is not None else ""
        completion, progress = _standing_cells(standing, lang)
        records.append({
            "indicator": indicator_words(indicators, indicator_id).name(lang),
            "period": said.period, "current": said.short, "yoy": yoy, "target": target,
            "completion": completion, "time_progress": progress,
            "city_rank": _rank_text(observations, tables, row, lang)})
    return pd.DataFrame.from_records(records, columns=list(LEADER_COLUMNS))


def shown_columns(frame: pd.DataFrame) -> list[str]:
    """The columns worth showing: the indicator, period and figure always; the others where
    some row has something to say."""
    return [c for c in LEADER_COLUMNS
            if c in ALWAYS_SHOWN or (c in frame.columns and frame[c].astype(str).ne("").any())]


def leader_header(column: str, lang: str) -> str:
    return tr(f"leader_{column}", lang)


def leader_caption(frame: pd.DataFrame, lang: str) -> str:
    """How to read the table; on data without targets or districts' figures, why those columns
    are not listed."""
    extra = set(shown_columns(frame)) - set(ALWAYS_SHOWN) - {"yoy"}
    return tr("leader_caption" if extra else "leader_caption_plain", lang)


def present_leader(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as shown: the columns with something to say, under their headers."""
    columns = shown_columns(frame)
    return frame[columns].rename(columns={c: leader_header(c, lang) for c in columns})


__all__ = ["LEADER_COLUMNS", "TARGET_GROUP", "leader_header", "leader_indicators",
           "leader_table", "present_leader", "shown_columns"]
