"""How we are doing against the year's targets: for each figure of a year (the whole year or its
cumulative 1–N月) whose indicator has a target for that year, the completion of a level target,
the time progress (序时进度 = N/12) and the difference between them, or the gap to a growth
target in percentage points. Targets are figures a source states (an indicator of kind
"target" naming the indicator it is the target of); nothing here invents one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from metrics.core import Derived, Input, MetricRefused
from metrics.targets import (
    against_time_progress,
    completion_of_target,
    gap_to_growth_target,
    time_progress,
)
from xhdash.data.dtypes import text_equals, text_in
from xhdash.data.schema import DISTRICT
from xhdash.i18n import tr
from xhdash.meaning.saying import say_figure
from xhdash.periods import parse_period

PROGRESS_COLUMNS = ["indicator_id", "period", "area_id", "target_id", "target_period", "kind",
                    "actual", "target", "completion", "time_progress", "against_time",
                    "gap_points", "formula_zh", "formula_en"]


@dataclass(frozen=True)
class Standing:
    """One figure against its year's target."""

    indicator_id: str
    period: str
    area_id: str
    target_id: str
    target_period: str
    kind: str  # "level" (completion) or "growth" (gap in points)
    actual: Derived | Input
    target: Input
    completion: Derived | None = None
    time_progress: float | None = None  # % of the year elapsed; None for a whole year's figure
    against_time: Derived | None = None
    gap: Derived | None = None
    row: dict = field(default_factory=dict, compare=False)  # the figure's observation row


def months_elapsed(code: str) -> int | None:
    """N for a cumulative 1–N月 figure (12 for a whole year); None for other periods."""
    period = parse_period(code)
    if period.kind == "year":
        return 12
    if period.frequency == "cumulative":
        return period.end.month
    return None


def _input(row, decimals: int | None = None) -> Input:
    return Input(row.indicator_id, row.period, float(row.value), row.qualifier, row.source_id,
                 row.area_id, None if pd.isna(row.industry_id) else row.industry_id, decimals)


def stated_decimals(row) -> int | None:
    text = str(row.stated_as or "") if not pd.isna(row.stated_as) else ""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    if not digits:
        return None
    return len(digits.split(".", 1)[1]) if "." in digits else 0


def find_standings(observations: pd.DataFrame, indicators: pd.DataFrame) -> list[Standing]:
    """Every district figure of a year (the year or 1–N月) that has a stated target for that
    year, with its completion and time progress, or its gap to a growth target."""
    if "target_of" not in indicators.columns:
        return []
    targets_of = indicators.dropna(subset=["target_of"]).set_index("indicator_id")["target_of"]
    if targets_of.empty:
        return []
    kinds = indicators.set_index("indicator_id")["kind"]
    rows = observations[text_equals(observations["area_id"], DISTRICT)
                        & observations["industry_id"].isna()
                        & text_in(observations["status"], ["reported", "derived"])]
    targets = rows[text_in(rows["indicator_id"], targets_of.index)]
    standings = []
    for target in targets.itertuples(index=False):
        actual_id = str(targets_of[target.indicator_id])
        year = parse_period(target.period).start.year
        figures = rows[text_equals(rows["indicator_id"], actual_id)]
        for row in figures.itertuples(index=False):
            months = months_elapsed(row.period)
            if months is None or parse_period(row.period).start.year != year:
                continue
            standing = _standing(row, target, str(kinds.get(actual_id, "level")), months)
            if standing is not None:
                standings.append(standing)
    return standings


def _standing(row, target, kind: str, months: int) -> Standing | None:
    actual, goal = _input(row, stated_decimals(row)), _input(target, stated_decimals(target))
    base = dict(indicator_id=row.indicator_id, period=row.period, area_id=row.area_id,
                target_id=target.indicator_id, target_period=target.period, actual=actual,
                target=goal, row=row._asdict())
    try:
        if kind == "growth":
            return Standing(kind="growth", gap=gap_to_growth_target(actual, goal), **base)
        completion = completion_of_target(actual, goal)
        if months == 12:
            return Standing(kind="level", completion=completion, **base)
        progress = time_progress(months)
        return Standing(kind="level", completion=completion, time_progress=progress,
                        against_time=against_time_progress(completion, progress, f"{months}/12",
                                                           f"{months}/12"), **base)
    except MetricRefused:
        return None


def standings_frame(standings: list[Standing]) -> pd.DataFrame:
    """The standings as a table (one row each), with each derived figure's formula."""
    records = []
    for s in standings:
        shown = s.completion or s.gap
        records.append({
            "indicator_id": s.indicator_id, "period": s.period, "area_id": s.area_id,
            "target_id": s.target_id, "target_period": s.target_period, "kind": s.kind,
            "actual": s.actual.value, "target": s.target.value,
            "completion": s.completion.value if s.completion else None,
            "time_progress": s.time_progress,
            "against_time": s.against_time.value if s.against_time else None,
            "gap_points": s.gap.value if s.gap else None,
            "formula_zh": shown.formula_zh if shown else "",
            "formula_en": shown.formula_en if shown else ""})
    return pd.DataFrame.from_records(records, columns=PROGRESS_COLUMNS)


def _places(value: float, decimals: int | None) -> str:
    """四舍五入 to the decimals the inputs support (one when unknown)."""
    places = 1 if decimals is None else max(0, decimals)
    quantum = Decimal(1).scaleb(-places)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def time_clause(standing: Standing) -> tuple[str, str] | None:
    """The words against time progress as (key, points): ("progress_behind", "1.4"); None for a
    whole year's figure or a growth target."""
    if standing.against_time is None:
        return None
    points = standing.against_time.value
    key = "progress_ahead" if points > 0 else "progress_behind" if points < 0 \
        else "progress_on_time"
    return key, _places(abs(points), standing.completion.decimals)


def standing_clause(standing: Standing, lang: str, time_only: bool = False) -> str:
    """What a sentence adds after the figure: 完成年度目标的50.1%，超序时进度0.1个百分点 /
    above its growth target by 0.3 percentage points; with `time_only` the words against time
    progress alone (超序时进度0.1个百分点) where there are some."""
    if standing.kind == "growth" and standing.gap is not None:
        points = standing.gap.value
        key = "progress_gap_above" if points > 0 else "progress_gap_below" if points < 0 \
            else "progress_gap_equal"
        return tr(key, lang, points=_places(abs(points), standing.gap.decimals))
    completion = standing.completion
    text = tr("progress_completion", lang, share=_places(completion.value, completion.decimals))
    timed = time_clause(standing)
    if timed is None:
        return text
    words = tr(timed[0], lang, points=timed[1])
    return words.lstrip("，, ") if time_only else text + words


def standing_sentence(standing: Standing, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The figure said as every output says it (say_figure) and its standing: 2024年1-6月，全区
    区级财政收入135.40亿元，完成年度目标的50.1%，超序时进度0.1个百分点。"""
    said = getattr(say_figure(standing.row, tables), lang)
    return tr("progress_sentence", lang, period=said.period, figure=said.clause,
              clause=standing_clause(standing, lang))


def latest_standings(standings: list[Standing]) -> list[Standing]:
    """Each indicator's latest standing and, when that is a year to date, its latest whole year
    too (the year so far and the last full year, each with its own label); latest first."""
    chosen: dict[tuple[str, bool], Standing] = {}
    for standing in standings:
        whole = parse_period(standing.period).kind == "year"
        key = (standing.indicator_id, whole)
        if key not in chosen or _end(standing) > _end(chosen[key]):
            chosen[key] = standing
    kept = []
    for (indicator_id, whole), standing in chosen.items():
        year = chosen.get((indicator_id, True))
        if not whole and year is not None and _end(standing) <= _end(year):
            continue  # the whole year is as new as its months: the months are history
        kept.append(standing)
    return sorted(kept, key=lambda s: (-_end(s).toordinal(), s.indicator_id))


def _end(standing: Standing):
    return parse_period(standing.period).end


def standing_sentences(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                       lang: str) -> list[str]:
    """A sentence for each indicator's latest figure with a target (and its last whole year when
    the latest is a year to date), latest period first."""
    standings = find_standings(observations, tables["indicators"])
    return [standing_sentence(s, tables, lang) for s in latest_standings(standings)]
