"""Number formatting for readers: 万 and 亿 in Chinese, thousands and millions in English."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from metrics.units import UNIT_BASES, UNIT_FACTORS

QUALIFIER_PREFIX_ZH = {"approx": "约"}
QUALIFIER_SUFFIX_ZH = {"ge": "以上", "le": "以下"}
QUALIFIER_PREFIX_EN = {"ge": "at least ", "approx": "about ", "le": "at most "}
QUALIFIER_SYMBOL = {"exact": "", "ge": "≥", "approx": "≈", "le": "≤"}


def round_half_up(value: float, decimals: int) -> Decimal:
    """The one rounding rule, 四舍五入 (half away from zero), applied to the number as written
    (2.675 → 2.68, where the binary float would give 2.67); negative `decimals` round to tens,
    hundreds (673.65, −1 → 670)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals),
                                                rounding=ROUND_HALF_UP)


def format_number(value: float, decimals: int = 2) -> str:
    """Thousands separators and fixed decimals; '—' for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:,.{decimals}f}"


def format_large_zh(value: float, unit: str = "", decimals: int = 2) -> str:
    """Chinese reading with 万/亿 (1.43万人次, 250.85亿元), converting from the unit's base."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    base_unit = UNIT_BASES.get(unit, unit)
    base = value * UNIT_FACTORS.get(unit, 1.0)
    if unit in UNIT_FACTORS and abs(base) >= 1e8:
        return f"{base / 1e8:,.{decimals}f}亿{base_unit}"
    if unit in UNIT_FACTORS and abs(base) >= 1e4:
        return f"{base / 1e4:,.{decimals}f}万{base_unit}"
    return f"{value:,.{decimals}f}{unit}"


def format_large_en(value: float, unit_zh: str, unit_en: str, decimals: int = 2) -> str:
    """English reading: CNY 25.09 billion, 94,400 persons, 7.4 % kept as is."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    base = value * UNIT_FACTORS.get(unit_zh, 1.0)
    if unit_zh.endswith("元") and unit_zh in UNIT_FACTORS and abs(base) >= 1e9:
        return f"CNY {base / 1e9:,.{decimals}f} billion"
    if unit_zh.endswith("元") and unit_zh in UNIT_FACTORS and abs(base) >= 1e6:
        return f"CNY {base / 1e6:,.{decimals}f} million"
    if unit_zh in UNIT_BASES:
        base_en = unit_en.removeprefix("10k ").removeprefix("CNY 100m")
        return f"{base:,.0f} {base_en}".strip()
    if unit_en == "%":
        return f"{value:,.{decimals}f}%"
    return f"{value:,.{decimals}f} {unit_en}"
