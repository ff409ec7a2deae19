"""Ratios: shares, completion rates and per-capita, per-10,000-residents and per-km² figures."""

from __future__ import annotations

from metrics.core import (
    WORKED_DECIMALS,
    Derived,
    Input,
    MetricRefused,
    combine_qualifiers,
    decimals_for_significant,
    fewest_significant,
    number_text,
    require_number,
)


def _period_warnings(numerator: Input, denominator: Input) -> tuple[tuple[str, str], ...]:
    if numerator.period == denominator.period:
        return ()
    return ((
        f"分子期间 {numerator.period} 与分母期间 {denominator.period} 不同",
        f"numerator period {numerator.period} differs from denominator period "
        f"{denominator.period}",
    ),)


def ratio(metric: str, numerator: Input, denominator: Input, scale: float,
          formula_zh: str, formula_en: str) -> Derived:
    """numerator ÷ denominator × scale, refusing a zero or missing denominator."""
    top = require_number(numerator, "分子", "numerator")
    bottom = require_number(denominator, "分母", "denominator")
    if bottom == 0:
        raise MetricRefused(f"分母为零（{denominator.indicator_id} {denominator.period}）",
                            f"zero denominator ({denominator.indicator_id} {denominator.period})")
    value = top / bottom * scale
    scale_text = "" if scale == 1 else f" × {number_text(scale)}"
    return Derived(
        metric=metric,
        value=value,
        period=numerator.period,
        formula_zh=formula_zh,
        formula_en=formula_en,
        worked=f"{number_text(top, numerator.decimals)} ÷ {number_text(bottom, denominator.decimals)}"
        f"{scale_text} = {number_text(value, WORKED_DECIMALS)}",
        inputs=(numerator, denominator),
        qualifier=combine_qualifiers(numerator, denominator),
        warnings=_period_warnings(numerator, denominator),
        decimals=decimals_for_significant(value, fewest_significant(numerator, denominator)),
    )


def share_of_total(part: Input, total: Input) -> Derived:
    """A part as a percentage of its total."""
    return ratio("share_of_total", part, total, 100.0,
                 "占比 = 部分 ÷ 总量 × 100%", "share = part ÷ total × 100%")


def share_of_district(part: Input, district: Input) -> Derived:
    """An area's figure (a zone, a street) as a percentage of the district's, same period only."""
    if part.period != district.period:
        raise MetricRefused("区域与全区的期间不同，不计算比重",
                            "the area's and the district's periods differ: no share")
    return ratio("share_of_district", part, district, 100.0,
                 "占全区比重 = 区域值 ÷ 全区值 × 100%",
                 "share of district = area value ÷ district value × 100%")


def share_of_city(district: Input, city: Input) -> Derived:
    """The district's figure as a percentage of Shanghai's."""
    return ratio("share_of_city", district, city, 100.0,
                 "占全市比重 = 全区值 ÷ 全市值 × 100%",
                 "share of city = district value ÷ city value × 100%")


def completion_rate(done: list[Input], total: list[Input]) -> Derived:
    """Completed items as a percentage of all items (several parts summed on each side)."""
    if not done or not total:
        raise MetricRefused("缺少已完成数或总数", "missing completed or total counts")
    done_sum = sum(require_number(i, "已完成数", "completed count") for i in done)
    total_sum = sum(require_number(i, "总数", "total count") for i in total)
    if total_sum == 0:
        raise MetricRefused("总数为零，完成率无意义", "total is zero, so there is no rate")
    value = done_sum / total_sum * 100
    warnings = () if done_sum <= total_sum else (
        ("已完成数大于总数", "more completed than the total"),)
    done_text = " + ".join(number_text(i.value, i.decimals) for i in done)
    total_text = " + ".join(number_text(i.value, i.decimals) for i in total)
    return Derived(
        metric="completion_rate",
        value=value,
        period=done[0].period,
        formula_zh="完成率 = 已完成数 ÷ 总数 × 100%",
        formula_en="completion rate = completed ÷ total × 100%",
        worked=f"({done_text}) ÷ ({total_text}) × 100% = {number_text(value, 1)}%",
        inputs=tuple(done) + tuple(total),
        qualifier=combine_qualifiers(*done, *total),
        warnings=warnings,
        decimals=decimals_for_significant(value, fewest_significant(*done, *total)),
    )


def per_capita(value: Input, population: Input, scale: float) -> Derived:
    """A figure per resident; `scale` converts units (see metrics.units.ratio_scale)."""
    return ratio("per_capita", value, population, scale,
                 "人均值 = 总量 ÷ 常住人口", "per resident = total ÷ resident population")


def per_10k_residents(value: Input, population: Input, scale: float) -> Derived:
    """A figure per 10,000 residents; `scale` converts units."""
    return ratio("per_10k_residents", value, population, scale,
                 "每万人值 = 总量 ÷ 常住人口 × 1万",
                 "per 10k residents = total ÷ resident population × 10,000")


def per_km2(value: Input, area: Input, scale: float) -> Derived:
    """A figure per square kilometre of land area."""
    return ratio("per_km2", value, area, scale,
                 "地均值 = 总量 ÷ 行政区域面积", "per km² = total ÷ land area")
