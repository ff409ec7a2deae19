"""One sentence for a figure, in the style of a 统计公报: "2023年，全区区级财政收入250.85亿元，比上年
增长10.87%。" / "In 2023, district fiscal revenue was CNY 25.09 billion, up 10.87% on the
previous year." — with the release stage (预计), the period as the source scopes it (主题教育期间),
the source's own qualifying word, the stated decimals, and a derived or interpreted figure
said to be so."""

from __future__ import annotations

import re

import pandas as pd

from xhdash.figures import (
    IndicatorWords,
    amount_en,
    figure_decimals,
    is_count,
    said_en,
    said_zh,
    sentence_name_en,
)
from xhdash.i18n import LABELS, label
from xhdash.periods import parse_period

DISTRICT = "xuhui"
GROWTH_SUFFIXES_ZH = ("增长率", "增速", "增长")
GROWTH_SUFFIXES_EN = (" growth rate", " growth")
READINGS_EN = {"全部完成整改": "all rectified", "两位数增长": "double-digit growth"}
LEVEL_VERB_EN = "was"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _when(row: pd.Series, lang: str) -> str:
    """2023年 / 2024年1-9月; a span as the source says it, with no year it does not give
    (主题教育期间); a stock at its date (截至2023年底)."""
    from xhdash.saying import period_words

    words = period_words(row, lang)
    if lang == "zh" or _text(row.get("period_scope")) in LABELS["scope"]:
        return words
    return f"In {words}"


def _where_zh(row: pd.Series, areas: dict[str, str], name: str) -> str:
    """全区 before a district figure's name, unless the name already says where (全区…, 其中：…)."""
    if row["area_id"] != DISTRICT:
        area = areas.get(row["area_id"], "")
        return "" if area and area in name else area
    return "" if name.startswith(("全区", "其中", "徐汇")) else "全区"


def _growth_clause(growth: pd.Series | None, period: str, lang: str) -> str:
    """，比上年增长10.87% (a year) / ，比上年同期增长6.97% (a part of one) — the stated decimals."""
    if growth is None:
        return ""
    decimals = figure_decimals(growth["stated_as"], _RATE)
    value = float(growth["value"])
    whole_year = parse_period(period).frequency == "year"
    rate = said_zh(abs(value), growth["qualifier"], growth.get("qualifier_word"), decimals, _RATE)
    if lang == "zh":
        verb = "增长" if value >= 0 else "下降"
        return f"，比上年{'' if whole_year else '同期'}{verb}{rate}"
    rate_en = said_en(abs(value), growth["qualifier"], growth.get("qualifier_word"), decimals,
                      _RATE)
    direction = "up" if value >= 0 else "down"
    return f", {direction} {rate_en} " + ("on the previous year" if whole_year else
                                          "on the same period of the previous year")


_RATE = IndicatorWords("rate", "", "", "%", "%", "rate", 2)


def _stage(row: pd.Series, lang: str) -> str | None:
    stage = _text(row.get("release_stage"))
    return label("stage", stage, lang) if stage in LABELS["stage"] else None


BASIS_PATTERNS = {"zh": re.compile(r"（(按[^（）]*计算)）"),
                  "en": re.compile(r"\((using the [^()]*population)\)")}


def _basis(row: pd.Series, lang: str) -> str | None:
    """How a derived figure's denominator was counted, as its formula says it (按2022年末常住
    人口计算): a per-capita figure is not read as one over the average population."""
    text = _text(row.get("note" if lang == "zh" else "formula_en"))
    found = BASIS_PATTERNS[lang].search(text) if text else None
    return found.group(1) if found else None


def _marks(row: pd.Series, lang: str) -> str:
    if row["status"] == "derived":
        basis = _basis(row, lang)
        if lang == "zh":
            return f"（{basis}，本看板计算）" if basis else "（本看板计算）"
        return f" ({basis}; computed by the dashboard)" if basis else " (computed by the dashboard)"
    if row["status"] == "interpreted" and not _text(row["stated_as"]):
        return "（看板解读）" if lang == "zh" else " (the dashboard's reading)"
    return ""


def _base_name(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def say_zh(row: pd.Series, words: IndicatorWords, areas: dict[str, str],
           growth: pd.Series | None = None) -> str:
    return "".join(parts_zh(row, words, areas, growth))


def parts_zh(row, words: IndicatorWords, areas: dict[str, str], growth=None
             ) -> tuple[str, str, str]:
    when, where = _when(row, "zh"), _where_zh(row, areas, words.name_zh)
    decimals = figure_decimals(row["stated_as"], words)
    amount = said_zh(float(row["value"]), row["qualifier"], row.get("qualifier_word"), decimals,
                     words)
    stage = _stage(row, "zh") or ""
    if row["status"] == "interpreted" and _text(row["stated_as"]):
        body = f"{where}{words.name_zh}（原文：“{row['stated_as']}”，看板解读）"
    elif words.kind == "growth":
        verb = "增长" if float(row["value"]) >= 0 else "下降"
        amount = said_zh(abs(float(row["value"])), row["qualifier"], row.get("qualifier_word"),
                         decimals, words)
        body = f"{where}{_base_name(words.name_zh, GROWTH_SUFFIXES_ZH)}{stage}{verb}{amount}"
    elif words.kind == "rank":
        body = f"{words.name_zh}{stage}第{int(row['value'])}位"
    else:
        body = f"{where}{words.name_zh}{stage}{amount}"
    return f"{when}，", body, f"{_growth_clause(growth, row['period'], 'zh')}{_marks(row, 'zh')}。"


def say_en(row: pd.Series, words: IndicatorWords, areas: dict[str, str],
           growth: pd.Series | None = None) -> str:
    return "".join(parts_en(row, words, areas, growth))


def parts_en(row, words: IndicatorWords, areas: dict[str, str], growth=None
             ) -> tuple[str, str, str]:
    when = _when(row, "en")
    name = sentence_name_en(words.name_en)
    area = areas.get(row["area_id"], "") if row["area_id"] != DISTRICT else ""
    if area and area not in words.name_en:
        name += f" in {area}"
    decimals = figure_decimals(row["stated_as"], words)
    value = float(row["value"])
    stage = _stage(row, "en")
    if row["status"] == "interpreted" and _text(row["stated_as"]):
        reading = READINGS_EN.get(row["stated_as"], row["stated_as"])
        body = f"{name}: {reading} (the source: “{row['stated_as']}”; the dashboard's reading)"
    elif words.kind == "growth":
        base = sentence_name_en(_base_name(words.name_en, GROWTH_SUFFIXES_EN))
        amount = said_en(abs(value), row["qualifier"], row.get("qualifier_word"), decimals,
                         words)
        if stage == "expected":
            verb = "is expected to grow by" if value >= 0 else "is expected to fall by"
        else:
            verb = ("grew by" if value >= 0 else "fell by") + (f" ({stage})" if stage else "")
        body = f"{base} {verb} {amount}"
    elif words.kind == "rank":
        body = _rank_en(words.name_en, int(value))
    else:
        if is_count(words):  # the number of urban renewal projects was 108
            amount = said_en(value, row["qualifier"], row.get("qualifier_word"), decimals,
                             _bare(words))
            lead, of_which, rest = name.partition("of which: ")
            name = f"of which, the number of {rest}" if of_which else f"the number of {name}"
        else:
            per_name = " per " in words.name_en and " per " in words.unit_en  # no "per" twice
            amount = said_en(value, row["qualifier"], row.get("qualifier_word"), decimals,
                             _numerator(words) if per_name else words)
            if words.kind == "rate":
                name = "the " + name
        verb = "is expected to be" if stage == "expected" else (
            f"was ({stage})" if stage else LEVEL_VERB_EN)
        body = f"{name} {verb} {amount}"
    lead = f"{when}, "
    return (lead[:1].upper() + lead[1:], body,
            f"{_growth_clause(growth, row['period'], 'en')}{_marks(row, 'en')}.")


def sentence_parts(row, words: IndicatorWords, areas: dict[str, str], lang: str, growth=None
                   ) -> tuple[str, str, str]:
    """(the period and its comma, the clause, the growth clause, marks and full stop)."""
    return (parts_en if lang == "en" else parts_zh)(row, words, areas, growth)


RANK_SCOPES_EN = {"City rank: ": "in the city", "Central-district rank: ":
                  "among the central districts"}


def _rank_en(name: str, rank: int) -> str:
    """'City rank: elevators added' → 'the district ranked No. 1 in the city for elevators
    added'."""
    for prefix, scope in RANK_SCOPES_EN.items():
        if name.startswith(prefix):
            return f"the district ranked No. {rank} {scope} for {sentence_name_en(name[len(prefix):])}"
    return f"{sentence_name_en(name)} was No. {rank}"


def _bare(words: IndicatorWords) -> IndicatorWords:
    """A count's words without its English noun: 'the number of projects was 108'."""
    return IndicatorWords(words.indicator_id, words.name_zh, words.name_en, words.unit_zh, "",
                          words.kind, words.decimals)


def _numerator(words: IndicatorWords) -> IndicatorWords:
    """A per-unit figure's words with the unit's numerator only, for a name that already
    says "per": 'GDP per resident was CNY 232,850', '… per 10k residents was 670 orders'."""
    top_zh = words.unit_zh.partition("/")[0]
    top_en = words.unit_en.partition(" per ")[0]
    return IndicatorWords(words.indicator_id, words.name_zh, words.name_en, top_zh, top_en,
                          words.kind, words.decimals)


def say(row: pd.Series, tables: dict[str, pd.DataFrame], lang: str,
        growth: pd.Series | None = None) -> str:
    """The sentence of one figure in `lang` (the figure-saying function's)."""
    from xhdash.saying import say_figure

    return say_figure(row, tables, growth).in_lang(lang).sentence


def rows_sentences(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """The sentence of each row (the explorer's column), without a growth clause."""
    from xhdash.saying import say_rows

    return [said.in_lang(lang).sentence for said in say_rows(rows, tables)]


def amount_only(row: pd.Series, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The amount alone, with the source's word, for lists (the district profile)."""
    from xhdash.saying import say_figure

    return say_figure(row, tables).in_lang(lang).amount


__all__ = ["amount_en", "amount_only", "rows_sentences", "say", "say_en", "say_zh"]
