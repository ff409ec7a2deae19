"""How a figure stands against its year's target and against the time elapsed (序时进度), and
where an area ranks among others: pure functions, each result carrying its formula and inputs.

- completion of a level target: 完成度 = 本期累计 ÷ 年度目标 × 100%;
- time progress: 序时进度 = 已过月数 ÷ 12 × 100% (1–N月 → N/12), or days elapsed ÷ days in
  the year where an office counts by days;
- against time progress: 完成度 − 序时进度, in percentage points (超/低于序时进度);
- gap to a growth target: 实际增速 − 目标增速, in percentage points;
- rank: competition ranking (1, 2, 2, 4) of the values, highest first unless lower is better.
"""

from __future__ import annotations

import math

from metrics.core import (
    EXACT,
    Derived,
    Input,
    MetricRefused,
    combine_qualifiers,
    decimals_for_significant,
    fewest_significant,
    number_text,
    require_number,
)

MONTHS_IN_YEAR = 12


def completion_of_target(actual: Input, target: Input) -> Derived:
    """The share of a year's level target that the figure so far reaches, in %."""
    done = require_number(actual, "实际数", "actual figure")
    goal = require_number(target, "年度目标", "annual target")
    if goal <= 0:
        raise MetricRefused(f"年度目标不为正数（{target.indicator_id} {target.period}）",
                            f"the annual target is not positive ({target.indicator_id} "
                            f"{target.period})")
    value = done / goal * 100.0
    return Derived(
        metric="completion_of_target", value=value, period=actual.period,
        formula_zh="完成度 = 实际数 ÷ 年度目标 × 100%",
        formula_en="completion = actual ÷ annual target × 100%",
        worked=f"{number_text(done, actual.decimals)} ÷ {number_text(goal, target.decimals)} × 100"
               f" = {number_text(value, 2)}",
        inputs=(actual, target), qualifier=combine_qualifiers(actual, target),
        decimals=_at_most_one(decimals_for_significant(value, fewest_significant(actual, target))),
    )


def time_progress(months_elapsed: int, months_in_year: int = MONTHS_IN_YEAR) -> float:
    """序时进度 in %: the share of the year that 1–N月 covers (N/12)."""
    if not 1 <= months_elapsed <= months_in_year:
        raise MetricRefused(f"已过月数 {months_elapsed} 不在 1–{months_in_year} 之间",
                            f"months elapsed {months_elapsed} is not within 1–{months_in_year}")
    return months_elapsed / months_in_year * 100.0


def time_progress_by_days(days_elapsed: int, days_in_year: int) -> float:
    """序时进度 in %, counted by days (an office's choice): days elapsed ÷ days in the year."""
    if days_in_year not in (365, 366) or not 1 <= days_elapsed <= days_in_year:
        raise MetricRefused(f"天数 {days_elapsed}/{days_in_year} 不合理",
                            f"days {days_elapsed}/{days_in_year} are not a year's")
    return days_elapsed / days_in_year * 100.0


def against_time_progress(completion: Derived, progress: float, basis_zh: str,
                          basis_en: str) -> Derived:
    """完成度 − 序时进度 in percentage points: positive is ahead (超序时进度), negative behind."""
    value = completion.value - progress
    return Derived(
        metric="against_time_progress", value=value, period=completion.period,
        formula_zh=f"与序时进度之差 = 完成度 − 序时进度（{basis_zh}）",
        formula_en=f"against time progress = completion − time progress ({basis_en})",
        worked=f"{number_text(completion.value, 2)} − {number_text(progress, 2)} = "
               f"{number_text(value, 2)}",
        inputs=completion.inputs, qualifier=completion.qualifier,
        decimals=completion.decimals,
    )


def gap_to_growth_target(actual: Input, target: Input) -> Derived:
    """Actual growth − target growth, in percentage points, to the more decimals of the two: a
    target is an exact statement (5%以上 is 5, not 4.5 to 5.5), so 5.1 against 5 is 0.1, not 0."""
    done = require_number(actual, "实际增速", "actual growth")
    goal = require_number(target, "目标增速", "target growth")
    value = done - goal
    places = [d for d in (actual.decimals, target.decimals) if d is not None]
    return Derived(
        metric="gap_to_growth_target", value=value, period=actual.period,
        formula_zh="与目标之差 = 实际增速 − 目标增速（百分点）",
        formula_en="gap to target = actual growth − target growth (percentage points)",
        worked=f"{number_text(done, actual.decimals)} − {number_text(goal, target.decimals)} = "
               f"{number_text(value, 2)}",
        inputs=(actual, target), qualifier=combine_qualifiers(actual, target),
        decimals=max(places) if places else None,
    )


def rank_among(values: dict[str, float], area_id: str, higher_is_better: bool = True) -> int:
    """The competition rank (1, 2, 2, 4) of `area_id`'s value among `values`; MetricRefused
    when the area has no value or a value is not a number."""
    if area_id not in values:
        raise MetricRefused(f"{area_id} 无可比数字", f"{area_id} has no figure to rank")
    if any(v is None or not math.isfinite(v) for v in values.values()):
        raise MetricRefused("有地区的数字缺失", "an area's figure is missing")
    own = values[area_id]
    better = sum(1 for v in values.values() if (v > own if higher_is_better else v < own))
    return better + 1


def rank_derived(metric: str, inputs: tuple[Input, ...], area_id: str,
                 higher_is_better: bool = True) -> Derived:
    """The rank as a derived figure: its inputs are every area's figure of one period."""
    values = {item.area_id: require_number(item, "数值", "value") for item in inputs}
    rank = rank_among(values, area_id, higher_is_better)
    order_zh, order_en = ("从高到低", "highest first") if higher_is_better else ("从低到高",
                                                                              "lowest first")
    return Derived(
        metric=metric, value=float(rank), period=inputs[0].period,
        formula_zh=f"位次 = 在{len(values)}个地区中按数值{order_zh}排序的名次（并列同名次）",
        formula_en=f"rank = place among {len(values)} areas by value, {order_en} (ties share a "
                   f"place)",
        worked=f"{area_id} = {number_text(values[area_id])}; {len(values)} areas",
        inputs=inputs, qualifier=EXACT if all(i.qualifier == EXACT for i in inputs) else "approx",
        decimals=0,
    )


def _at_most_one(decimals: int | None) -> int:
    """A completion rate is said to one decimal at most (完成年度目标的50.1%)."""
    return 1 if decimals is None else max(0, min(decimals, 1))
