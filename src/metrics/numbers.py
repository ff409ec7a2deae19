"""Numbers for readers: the qualifier's symbol and the one rounding rule. A figure is put in
words by the figure-saying function (xhdash.meaning.saying), nowhere else."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

QUALIFIER_SYMBOL = {"exact": "", "ge": "≥", "approx": "≈", "le": "≤"}


def round_half_up(value: float, decimals: int) -> Decimal:
    """The one rounding rule, 四舍五入 (half away from zero), applied to the number as written
    (2.675 → 2.68, where the binary float would give 2.67); negative `decimals` round to tens,
    hundreds (673.65, −1 → 670)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals),
                                                rounding=ROUND_HALF_UP)
