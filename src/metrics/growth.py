"""Growth: prior-period value, absolute change, year-on-year change and CAGR."""

from __future__ import annotations

from metrics.core import (
    Derived,
    Input,
    MetricRefused,
    combine_qualifiers,
    decimals_for_significant,
    decimals_for_tolerance,
    fewest_significant,
    number_text,
    require_number,
)
from metrics.periods import shift_years, span_in_years

NOMINAL = "nominal"
REFUSAL_BY_BASIS = {
    "real": (
        "增长率按可比价格计算（实际增长），不能由现价值推算上年现价值",
        "the growth rate is real (at comparable prices); a nominal prior value cannot be derived",
    ),
    "unstated": (
        "来源未说明增长率按现价还是可比价计算，不予推算",
        "the source does not say whether growth is nominal or real, so nothing is derived",
    ),
}


def _check_growth_inputs(current: Input, growth: Input, basis: str) -> tuple[float, float]:
    if basis != NOMINAL:
        raise MetricRefused(*REFUSAL_BY_BASIS.get(basis, REFUSAL_BY_BASIS["unstated"]))
    if current.period != growth.period:
        raise MetricRefused(
            f"数值期间 {current.period} 与增长率期间 {growth.period} 不一致",
            f"value period {current.period} differs from growth period {growth.period}",
        )
    value = require_number(current, "当期值", "current value")
    rate = require_number(growth, "增长率", "growth rate")
    if rate <= -100:
        raise MetricRefused("增长率不大于 −100%，无法推算上年值",
                            "growth of −100% or less leaves no prior value to derive")
    return value, rate


def prior_value_from_growth(current: Input, growth: Input, basis: str) -> Derived:
    """Prior-period value = current ÷ (1 + growth%), for nominal growth only."""
    value, rate = _check_growth_inputs(current, growth, basis)
    prior = value / (1 + rate / 100)
    tolerance = prior * (current.half_unit / value if value else 0.0) + prior * (
        growth.half_unit / 100 / (1 + rate / 100)
    )
    return Derived(
        metric="prior_value_from_growth",
        value=prior,
        period=shift_years(current.period, -1),
        formula_zh="上年值 = 当年值 ÷ (1 + 名义增长率)",
        formula_en="prior value = current value ÷ (1 + nominal growth rate)",
        worked=f"{number_text(value, current.decimals)} ÷ (1 {'−' if rate < 0 else '+'} "
        f"{number_text(abs(rate), growth.decimals)}%) = {number_text(prior, 2)}",
        inputs=(current, growth),
        qualifier=combine_qualifiers(current, growth),
        tolerance=tolerance,
        decimals=decimals_for_tolerance(tolerance),
    )


def absolute_change_from_growth(current: Input, growth: Input, basis: str) -> Derived:
    """Absolute change = current − current ÷ (1 + growth%), for nominal growth only."""
    prior = prior_value_from_growth(current, growth, basis)
    change = current.value - prior.value
    return Derived(
        metric="absolute_change_from_growth",
        value=change,
        period=current.period,
        formula_zh="增量 = 当年值 − 当年值 ÷ (1 + 名义增长率)",
        formula_en="change = current − current ÷ (1 + nominal growth rate)",
        worked=f"{number_text(current.value, current.decimals)} − {number_text(prior.value, 2)}"
        f" = {number_text(change, 2)}",
        inputs=(current, growth),
        qualifier=prior.qualifier,
        tolerance=prior.tolerance + current.half_unit,
        decimals=decimals_for_significant(change, fewest_significant(current, growth)),
    )


def change_of_levels(current: Input, previous: Input) -> Derived:
    """Absolute change = current − previous, from two stated levels one year apart (250.85 −
    226.25 = 24.60): exact to the coarser of their stated places; preferred over a change
    derived from a rounded growth rate."""
    now = require_number(current, "当期值", "current value")
    before = require_number(previous, "上年值", "previous value")
    if shift_years(current.period, -1) != previous.period:
        raise MetricRefused(
            f"{previous.period} 不是 {current.period} 的上年同期",
            f"{previous.period} is not one year before {current.period}",
        )
    places = [d for d in (current.decimals, previous.decimals) if d is not None]
    decimals = min(places) if places else None
    change = now - before
    return Derived(
        metric="change_of_levels",
        value=change,
        period=current.period,
        formula_zh="增量 = 当年值 − 上年值",
        formula_en="change = current − previous year",
        worked=f"{number_text(now, current.decimals)} − {number_text(before, previous.decimals)}"
        f" = {number_text(change, decimals if decimals is not None else 2)}",
        inputs=(current, previous),
        qualifier=combine_qualifiers(current, previous),
        tolerance=current.half_unit + previous.half_unit,
        decimals=decimals,
    )


def year_on_year(current: Input, previous: Input) -> Derived:
    """Year-on-year change in % between two values one year apart."""
    now = require_number(current, "当期值", "current value")
    before = require_number(previous, "上年值", "previous value")
    if shift_years(current.period, -1) != previous.period:
        raise MetricRefused(
            f"{previous.period} 不是 {current.period} 的上年同期",
            f"{previous.period} is not one year before {current.period}",
        )
    if before == 0:
        raise MetricRefused("上年值为零，增长率无意义", "the previous value is zero")
    change = (now / before - 1) * 100
    tolerance = 100 * (now / before) * (current.half_unit / now if now else 0.0) + 100 * (
        now / before) * (previous.half_unit / before)
    return Derived(
        metric="year_on_year",
        value=change,
        period=current.period,
        formula_zh="同比增长率 = (当期值 ÷ 上年同期值 − 1) × 100%",
        formula_en="year-on-year change = (current ÷ same period last year − 1) × 100%",
        worked=f"({number_text(now, current.decimals)} ÷ {number_text(before, previous.decimals)}"
        f" − 1) × 100% = {number_text(change, 2)}%",
        inputs=(current, previous),
        qualifier=combine_qualifiers(current, previous),
        tolerance=tolerance,
        decimals=decimals_for_tolerance(tolerance),
    )


def cagr(first: Input, last: Input) -> Derived:
    """Compound annual growth in % between the first and last values of a series."""
    start = require_number(first, "首期值", "first value")
    end = require_number(last, "末期值", "last value")
    years = span_in_years(first.period, last.period)
    if years <= 0:
        raise MetricRefused("末期须晚于首期", "the last period must come after the first")
    if start <= 0 or end < 0:
        raise MetricRefused("首期值须为正、末期值不为负",
                            "needs a positive first and non-negative last value")
    rate = ((end / start) ** (1 / years) - 1) * 100
    return Derived(
        metric="cagr",
        value=rate,
        period=f"{first.period}/{last.period}",
        formula_zh="年均增长率 = (末期值 ÷ 首期值)^(1 ÷ 年数) − 1",
        formula_en="CAGR = (last ÷ first)^(1 ÷ years) − 1",
        worked=f"({number_text(end, last.decimals)} ÷ {number_text(start, first.decimals)})"
        f"^(1 ÷ {number_text(years)}) − 1 = {number_text(rate, 2)}%",
        inputs=(first, last),
        qualifier=combine_qualifiers(first, last),
        decimals=decimals_for_significant(rate, fewest_significant(first, last)),
    )
