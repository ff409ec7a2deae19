"""The value types every metric shares."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from metrics.numbers import round_half_up

EXACT = "exact"
WORKED_DECIMALS = 2  # the places a worked formula gives its result in (… = 9.93)


@dataclass(frozen=True)
class Input:
    """One figure a metric reads: what, when, where, how much, and how precisely stated."""

    indicator_id: str
    period: str
    value: float
    qualifier: str = EXACT
    source_id: str = ""
    area_id: str = ""  # the area the figure is of (the app names the district: xhdash.data.schema)
    industry_id: str | None = None
    decimals: int | None = None

    @property
    def half_unit(self) -> float:
        """Half the last stated decimal place: how far rounding may have moved the figure."""
        return 0.0 if self.decimals is None else 0.5 * 10.0 ** (-self.decimals)


@dataclass(frozen=True)
class Derived:
    """A derived figure with its formula, worked arithmetic, inputs and warnings."""

    metric: str
    value: float
    period: str
    formula_zh: str
    formula_en: str
    worked: str
    inputs: tuple[Input, ...]
    qualifier: str = EXACT
    tolerance: float = 0.0
    warnings: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    decimals: int | None = None  # the places the inputs support (negative: tens, hundreds…)

    def warning_text(self, lang: str = "zh") -> str:
        index = 1 if lang == "en" else 0  # warnings are (Chinese, English) pairs
        return ("; " if index else "；").join(w[index] for w in self.warnings)


class MetricRefused(ValueError):
    """A metric that must not be computed from these inputs, with the reason in both languages."""

    def __init__(self, reason_zh: str, reason_en: str):
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        super().__init__(reason_en)


def require_number(item: Input, role_zh: str, role_en: str) -> float:
    """The input's value, refusing a missing (NaN/None) one by name."""
    if item.value is None or (isinstance(item.value, float) and math.isnan(item.value)):
        raise MetricRefused(f"缺少{role_zh}（{item.indicator_id} {item.period}）",
                            f"missing {role_en} ({item.indicator_id} {item.period})")
    return float(item.value)


def combine_qualifiers(*inputs: Input) -> str:
    """Exact when every input is exact; otherwise approximate, since bounds do not compose."""
    return EXACT if all(i.qualifier == EXACT for i in inputs) else "approx"


def number_text(value: float, decimals: int | None = None) -> str:
    """Plain digits for worked formulas: stated decimals kept, trailing zeros otherwise trimmed."""
    if decimals is not None:
        return f"{round_half_up(value, max(decimals, 0))}"
    return f"{round_half_up(value, 4)}".rstrip("0").rstrip(".")


def significant_digits(item: Input) -> int | None:
    """How many significant digits the figure was stated with (7.4 → 2, 109.85 → 5, 0.5 → 1);
    None when its decimals are unknown."""
    if item.decimals is None or not item.value or not math.isfinite(item.value):
        return None
    return max(1, math.floor(math.log10(abs(item.value))) + 1 + item.decimals)


def decimals_for_significant(value: float, digits: int | None) -> int | None:
    """The decimal places that keep `digits` significant digits of `value` (670: −1)."""
    if digits is None or not value or not math.isfinite(value):
        return None
    return digits - (math.floor(math.log10(abs(value))) + 1)


def decimals_for_tolerance(tolerance: float) -> int | None:
    """The finest decimal place the uncertainty leaves within two units of: 111.52 ± 0.06 is
    ≈111.5 (not 111.52, whose last digit could be six units off), 220.52 ± 0.11 is ≈220.5; the
    last digit shown is never more than two units off."""
    if not tolerance or not math.isfinite(tolerance) or tolerance <= 0:
        return None
    return math.floor(-math.log10(tolerance / 2) + 1e-12)


def fewest_significant(*inputs: Input) -> int | None:
    """A product or quotient is no more precise than its least precise input."""
    digits = [d for d in (significant_digits(i) for i in inputs) if d is not None]
    return min(digits) if digits else None
