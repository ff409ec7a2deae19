"""A figure in words, the way its source said it: the stated decimals (2.6%, not 2.60%), the
source's own qualifying word in sentences (接近100%, 超6万平方米, 1100余名) and a symbol only where
space is short (≥, ≈), the measure word of a count (108个), large numbers with 万/亿 or
thousand/million/billion, and English units, plurals and capitals read as English.

Every place that shows a value (cards, tables, bars, hovers, sentences) reads it here.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from metrics.numbers import QUALIFIER_SYMBOL, round_half_up
from metrics.units import UNIT_BASES, UNIT_FACTORS
from xhdash.i18n import in_lang, tr

_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")
# The source's word → (where it goes in Chinese, its English). "before": 接近100%; "after":
# 5.5%以上; "number": between number and unit, 1100余名 / 1.43万余人次.
QUALIFIER_WORDS: dict[str, tuple[str, str]] = {
    "以上": ("after", "at least"), "以下": ("after", "at most"), "超": ("before", "over"),
    "超过": ("before", "over"), "突破": ("before", "over"), "接近": ("before", "close to"),
    "近": ("before", "nearly"), "约": ("before", "about"), "余": ("number", "more than"),
    "多": ("number", "more than"), "左右": ("after", "about"),
}
SYMBOL_WORDS = {"ge": ("以上", "at least"), "approx": ("约", "about"), "le": ("以下", "at most")}
# units that count things (a number of them), as against amounts (yuan, persons, m²)
COUNT_UNITS = ("个", "件", "项", "家", "座", "条", "幢", "期", "次", "人次", "年", "名")


def is_count(words: IndicatorWords) -> bool:
    """A number of things (or of people, other than a population), said 'the number of …'."""
    base = UNIT_BASES.get(words.unit_zh, words.unit_zh)
    return base in COUNT_UNITS or (base == "人" and "population" not in words.name_en.lower())


@dataclass(frozen=True)
class IndicatorWords:
    """What saying a figure needs to know of its indicator."""

    indicator_id: str
    name_zh: str
    name_en: str
    unit_zh: str
    unit_en: str
    kind: str  # level, growth, rate, rank
    decimals: int  # the indicator's display places, when a figure does not say its own

    def name(self, lang: str) -> str:
        return in_lang((self.name_zh, self.name_en), lang)


_WORDS: dict[int, tuple[pd.DataFrame, dict[str, IndicatorWords]]] = {}


def indicator_words(indicators: pd.DataFrame, indicator_id: str) -> IndicatorWords:
    """What saying a figure of `indicator_id` needs (read once per indicators table)."""
    kept = _WORDS.get(id(indicators))
    if kept is None or kept[0] is not indicators:
        words = {row.indicator_id: IndicatorWords(
            row.indicator_id, row.name_zh, row.name_en, row.unit_zh, row.unit_en, row.kind,
            int(row.decimals)) for row in indicators.itertuples(index=False)}
        if len(_WORDS) > 8:
            _WORDS.clear()
        kept = _WORDS[id(indicators)] = (indicators, words)
    return kept[1][indicator_id]


def stated_decimals(stated_as: object) -> int | None:
    """Decimals of the number as the source wrote it ('198.10 亿元' -> 2, '2.6%' -> 1)."""
    if not isinstance(stated_as, str):
        return None
    match = _DECIMALS.search(stated_as.replace(",", ""))
    return len(match[1]) if match and match[1] else (0 if match else None)


def figure_decimals(stated_as: object, words: IndicatorWords) -> int:
    """The places a figure is shown with: as stated (or as derived), else the indicator's."""
    stated = stated_decimals(stated_as)
    return words.decimals if stated is None else stated


def rounded(value: float, decimals: int) -> Decimal:
    """`value` to `decimals` places by the one rounding rule, 四舍五入 (half away from zero),
    read from the number as written (2.675 → 2.68, not the binary float's 2.67)."""
    return round_half_up(value, max(decimals, 0))


def said_decimals(row, words: IndicatorWords) -> int:
    """The places a figure of an observations row is said with: as stated or derived (its
    stated_as); for a number the source wrote in words (突破千亿元, 两个) none beyond its
    digits, so no conversion adds any (千亿元 is CNY 100 billion, not 100.0)."""
    stated = row.get("stated_as")
    if isinstance(stated, str) and stated.strip() and not re.search(r"\d", stated) \
            and row.get("status") == "reported":
        whole = f"{abs(float(row['value'])):.0f}"
        return -(len(whole) - len(whole.rstrip("0"))) if float(row["value"]) else 0
    return figure_decimals(stated, words)


def _digits(value: float, decimals: int) -> str:
    return f"{rounded(value, decimals):,}"


def _scaled(value: float, decimals: int, factor: float, size: float) -> tuple[str, int]:
    """`value` (stated with `decimals` places in a unit worth `factor`) in units of `size`,
    exactly: 250.85 (亿元) is 25.085 (billion), never 25.09; (digits, places)."""
    exact = rounded(value, decimals) * Decimal(repr(factor)) / Decimal(repr(size))
    places = max(decimals + round(math.log10(size / factor)), 0)
    return f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,}", places


def _large_zh(value: float, unit: str, decimals: int) -> tuple[str, str]:
    """(number, unit) with 万/亿 for units that have a base (1.43万人次 stays 1.43万人次)."""
    return _digits(value, decimals).replace(",", ""), unit


def singular(unit_en: str) -> str:
    """projects → project, centres → centre, companies → company; 'orders per 10k residents'
    → 'order per 10k residents'."""
    head, sep, tail = unit_en.partition(" per ")
    words = head.split(" ")
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "xes", "sses")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join([*words[:-1], last]) + sep + tail


MONEY_SIZES = ((1e9, "billion", "bn"), (1e6, "million", "m"))  # CNY 25.085 billion, CNY 25.085bn
MILLION = 1e6  # a card's 1.0985m persons


def millions_of(noun: str) -> str:
    """How a card says millions of `noun`: "m persons", but "million m²" — "1.2m m²" would read
    as metres."""
    return f"million {noun}" if noun[:1].islower() and "²" in noun else f"m {noun}"


@dataclass(frozen=True)
class EnglishScale:
    """The unit an English card says an amount in (CNY bn for 250.85亿元, m persons for
    109.85万人), so a chart of such amounts says them in the same unit: `unit` its words,
    `factor` the indicator's unit in base units (亿元: 1e8), `size` the scale's (bn: 1e9)."""

    unit: str
    factor: float = 1.0
    size: float = 1.0

    def number(self, value: float, decimals: int) -> tuple[float, int]:
        """`value` (in the indicator's unit, with `decimals` places) in this unit, exactly:
        (25.085, 3) for 250.85亿元 in CNY bn."""
        if self.factor == self.size:
            return value, decimals
        digits, places = _scaled(value, decimals, self.factor, self.size)
        return float(digits.replace(",", "")), places


def english_scale(value: float, words: IndicatorWords) -> EnglishScale:
    """The unit an English card (`amount_en(compact=True)`) says `value` of this indicator in."""
    unit_zh, unit_en = words.unit_zh, words.unit_en
    top, slash, _bottom = unit_zh.partition("/")
    if slash and top.endswith("元") and " per " in unit_en:  # 元/人, 亿元/平方公里
        money = english_scale(value, IndicatorWords(words.indicator_id, "", "", top, "CNY",
                                                    "level", words.decimals))
        return EnglishScale(f"{money.unit} per {unit_en.partition(' per ')[2]}", money.factor,
                            money.size)
    factor = UNIT_FACTORS.get(unit_zh, 1.0)
    base = abs(value * factor)
    if unit_zh.endswith("元") and unit_zh in UNIT_FACTORS:
        size, short = next(((size, short) for size, _word, short in MONEY_SIZES if base >= size),
                           (1.0, ""))
        return EnglishScale(f"CNY {short}".strip(), factor, size)
    if unit_zh in UNIT_BASES:  # 万人 → persons, 万件 → orders
        noun = re.sub(r"^(10k|hundred million|CNY 100m)\s*", "", unit_en).strip()
        return EnglishScale(millions_of(noun), factor, MILLION) if base >= MILLION else \
            EnglishScale(noun, factor, 1.0)
    return EnglishScale(unit_en, factor, factor)


def amount_en(value: float, decimals: int, words: IndicatorWords, compact: bool = False) -> str:
    """The number with its English unit: CNY 25.09 billion, 1,098,500 persons, 5.5%, 108
    projects, 1 town, CNY 232,850 per person; `compact` for a card (CNY 25.09bn, 1.10m
    persons)."""
    unit_zh, unit_en = words.unit_zh, words.unit_en
    if unit_en == "%":
        return f"{_digits(value, decimals)}%"
    top, slash, _bottom = unit_zh.partition("/")
    if slash and top.endswith("元") and " per " in unit_en:  # 元/人, 亿元/平方公里
        per = unit_en.partition(" per ")[2]
        money = IndicatorWords(words.indicator_id, "", "", top, "CNY", "level", decimals)
        return f"{amount_en(value, decimals, money, compact)} per {per}"
    factor = UNIT_FACTORS.get(unit_zh, 1.0)
    base = value * factor
    if unit_zh.endswith("元") and unit_zh in UNIT_FACTORS:
        for size, word, short in MONEY_SIZES:
            if abs(base) >= size:
                digits, _places = _scaled(value, decimals, factor, size)
                return f"CNY {digits}{short if compact else ' ' + word}"
        return f"CNY {_scaled(value, decimals, factor, 1.0)[0]}"
    if unit_zh in UNIT_BASES:  # 万人 → persons, 万件 → orders
        noun = re.sub(r"^(10k|hundred million|CNY 100m)\s*", "", unit_en).strip()
        if compact and abs(base) >= MILLION:
            millions = millions_of(noun)
            gap = "" if millions.startswith("m ") else " "  # 1.10m persons, 1.2 million m²
            return f"{_scaled(value, decimals, factor, MILLION)[0]}{gap}{millions}"
        digits, _places = _scaled(value, decimals, factor, 1.0)
        return f"{digits} {noun if abs(base) != 1 else singular(noun)}".strip()
    noun = unit_en if abs(value) != 1 else singular(unit_en)
    return f"{_digits(value, decimals)} {noun}".strip()


def amount_zh(value: float, decimals: int, words: IndicatorWords) -> str:
    """The number with its Chinese unit and measure word: 250.85亿元, 108个, 1.43万人次."""
    number, unit = _large_zh(value, words.unit_zh, decimals)
    return number + unit


def _word_of(qualifier: str, qualifier_word: object) -> str | None:
    if isinstance(qualifier_word, str) and qualifier_word in QUALIFIER_WORDS:
        return qualifier_word
    return SYMBOL_WORDS.get(qualifier, (None,))[0]


def said_zh(value: float, qualifier: str, qualifier_word: object, decimals: int,
            words: IndicatorWords) -> str:
    """The amount with the source's own word where it goes: 接近100%, 5.5%以上, 1100余人,
    超6万平方米; 约670件/万人 for a derived approximation."""
    number, unit = _large_zh(value, words.unit_zh, decimals)
    word = _word_of(qualifier, qualifier_word)
    if word is None:
        return number + unit
    place = QUALIFIER_WORDS[word][0]
    if place == "before":
        return word + number + unit
    if place == "number":  # 1.43万余人次: the word after 万 or 亿 if the unit starts with one
        if unit[:1] in ("万", "亿"):
            return number + unit[0] + word + unit[1:]
        return number + word + unit
    return number + unit + word


def said_en(value: float, qualifier: str, qualifier_word: object, decimals: int,
            words: IndicatorWords, compact: bool = False) -> str:
    """The amount with the source's word in English: close to 100%, at least 5.5%, more than
    1,100 persons, over 60,000 m²; `compact` for a card (over CNY 100bn)."""
    word = _word_of(qualifier, qualifier_word)
    amount = amount_en(value, decimals, words, compact)
    return f"{QUALIFIER_WORDS[word][1]} {amount}" if word else amount


def short_value(value: float, qualifier: str, decimals: int, words: IndicatorWords, lang: str,
                compact: bool = False) -> str:
    """Where space is short (cards, bars, tables): ≥5.5%, ≈670件/万人, 第1位, CNY 25.09bn."""
    symbol = QUALIFIER_SYMBOL.get(qualifier, "")
    if words.kind == "rank":
        return symbol + tr("rank_short", lang, rank=int(value))
    if lang == "zh":
        return symbol + amount_zh(value, decimals, words)
    return symbol + amount_en(value, decimals, words, compact)


def hover_text(value: float, decimals: int, words: IndicatorWords, lang: str) -> str:
    """Large numbers with 万/亿 in Chinese, thousands/millions/billions in English."""
    if lang == "zh":
        base = value * UNIT_FACTORS.get(words.unit_zh, 1.0)
        base_unit = UNIT_BASES.get(words.unit_zh, words.unit_zh)
        if words.unit_zh in UNIT_BASES and abs(base) >= 1e8:
            return f"{base / 1e8:,.2f}亿{base_unit}"
        if words.unit_zh in UNIT_BASES and abs(base) >= 1e4:
            return f"{base / 1e4:,.2f}万{base_unit}"
        return f"{_digits(value, decimals)}{words.unit_zh}"
    return amount_en(value, decimals, words)


def sentence_name_en(name: str) -> str:
    """An English name inside a sentence: 'District fiscal revenue' → 'district fiscal revenue';
    acronyms and proper names (GDP, West Bund clusters, Foreign-Funded Headquarters) kept."""
    first, _, rest = name.partition(" ")
    if not first or first.isupper() or first[:1].islower():
        return name
    if rest and rest[:1].isupper():  # a proper name of several capitalised words
        return name
    if any(char.isupper() for char in first[1:]) or any(char.isdigit() for char in first):
        return name
    return first[:1].lower() + first[1:] + (" " + rest if rest else "")


def is_finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def table_number(value: float, qualifier: str, qualifier_word: object, decimals: int,
                 words: IndicatorWords, lang: str, symbol: bool = False) -> str:
    """A table's value cell, the unit being in its own cell: the number with the source's word
    (5.5以上, 接近100, 1100余 / at least 5.5, close to 100), ≈ on a derived approximation; with
    `symbol` (bars, where space is short) the mark only: ≥5.5, ≈670."""
    number = _digits(value, decimals)
    if lang == "zh":
        number = number.replace(",", "")
    if words.kind == "rank":
        return short_value(value, qualifier, decimals, words, lang)
    stated_word = isinstance(qualifier_word, str) and qualifier_word in QUALIFIER_WORDS
    word = qualifier_word if stated_word and not symbol else None
    if word is None:
        return QUALIFIER_SYMBOL.get(qualifier, "") + number + ("%" if symbol and
                                                               words.unit_en == "%" else "")
    if lang == "en":
        return f"{QUALIFIER_WORDS[word][1]} {number}"
    return word + number if QUALIFIER_WORDS[word][0] == "before" else number + word
