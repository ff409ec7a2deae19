"""One sentence per figure, in Chinese and in English, ready to paste into a report."""

from __future__ import annotations

from dataclasses import dataclass

from metrics.core import Input
from metrics.numbers import (
    QUALIFIER_PREFIX_EN,
    QUALIFIER_PREFIX_ZH,
    QUALIFIER_SUFFIX_ZH,
    format_large_en,
)
from xhdash.periods import parse_period


@dataclass(frozen=True)
class IndicatorLabel:
    """What a sentence needs to know of an indicator."""

    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    kind: str
    decimals: int


def _amount_zh(item: Input, label: IndicatorLabel) -> str:
    number = f"{item.value:,.{label.decimals}f}".replace(",", "")
    unit = "" if label.unit_zh in ("个", "位") else label.unit_zh
    return (QUALIFIER_PREFIX_ZH.get(item.qualifier, "") + number + unit
            + QUALIFIER_SUFFIX_ZH.get(item.qualifier, ""))


def _ordinal_en(rank: int) -> str:
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return f"{rank}{suffix}"


def summarize_figure(item: Input, label: IndicatorLabel, growth: Input | None = None,
                     growth_decimals: int = 2) -> tuple[str, str]:
    """E.g. ('2023年区级财政收入250.85亿元，同比增长10.87%。',
    'In 2023, District fiscal revenue: CNY 25.09 billion, up 10.87% year on year.')."""
    period = parse_period(item.period)
    when_zh, when_en = period.label("zh"), period.label("en")
    prefix_en = QUALIFIER_PREFIX_EN.get(item.qualifier, "")
    if label.kind == "rank":
        zh = f"{when_zh}{label.name_zh}第{int(item.value)}位"
        en = f"In {when_en}, {label.name_en}: {_ordinal_en(int(item.value))}"
    elif label.kind == "growth":
        verb_zh = "增长" if item.value >= 0 else "下降"
        verb_en = "grew by" if item.value >= 0 else "fell by"
        magnitude = Input(item.indicator_id, item.period, abs(item.value), item.qualifier)
        zh = f"{when_zh}{label.name_zh.removesuffix('增长率')}{verb_zh}{_amount_zh(magnitude, label)}"
        en = f"In {when_en}, {label.name_en.removesuffix(' growth')} {verb_en} " \
             f"{prefix_en}{abs(item.value):,.{label.decimals}f}%"
    else:
        amount_en = format_large_en(item.value, label.unit_zh, label.unit_en, label.decimals)
        zh = f"{when_zh}{label.name_zh}{_amount_zh(item, label)}"
        en = f"In {when_en}, {label.name_en}: {prefix_en}{amount_en}"
    if growth is not None and label.kind != "growth":
        word_zh = "增长" if growth.value >= 0 else "下降"
        word_en = "up" if growth.value >= 0 else "down"
        rate = f"{abs(growth.value):.{growth_decimals}f}%"
        zh += f"，同比{word_zh}{QUALIFIER_PREFIX_ZH.get(growth.qualifier, '')}{rate}" \
              f"{QUALIFIER_SUFFIX_ZH.get(growth.qualifier, '')}"
        en += f", {word_en} {QUALIFIER_PREFIX_EN.get(growth.qualifier, '')}{rate} year on year"
    return zh + "。", en + "."
