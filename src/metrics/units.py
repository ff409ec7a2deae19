"""Units as data: each unit's factor to its base, and the scale a ratio of units needs."""

from __future__ import annotations

from metrics.core import MetricRefused

# factor to the base unit (元, 人, 件, 平方米 …); 平方公里 and 公顷 are their own bases
UNIT_FACTORS: dict[str, float] = {
    "元": 1.0, "万元": 1e4, "亿元": 1e8,
    "人": 1.0, "万人": 1e4, "人次": 1.0, "万人次": 1e4,
    "件": 1.0, "万件": 1e4,
    "平方米": 1.0, "万平方米": 1e4,
    "平方公里": 1.0, "公顷": 1.0, "个": 1.0, "家": 1.0, "项": 1.0, "座": 1.0, "%": 1.0,
}
UNIT_BASES: dict[str, str] = {
    "万元": "元", "亿元": "元", "万人": "人", "万人次": "人次", "万件": "件", "万平方米": "平方米",
}


def unit_factor(unit: str) -> float:
    if unit not in UNIT_FACTORS:
        raise MetricRefused(f"未登记的单位：{unit}", f"unit not registered: {unit}")
    return UNIT_FACTORS[unit]


def ratio_scale(numerator_unit: str, denominator_unit: str, result_unit: str) -> float:
    """Multiplier turning numerator ÷ denominator into the result unit.

    Example: 亿元 ÷ 万人 into 元/人 is × 10,000.
    """
    result_top, _, result_bottom = result_unit.partition("/")
    top = unit_factor(numerator_unit) / unit_factor(result_top)
    bottom = unit_factor(denominator_unit) / unit_factor(result_bottom or "个")
    return top / bottom
