"""The figure-saying function: one observation row in, every way an output says that figure
out, in Chinese and English (`say_figure`).

Cards, sentences, chart bars, legends, hovers and screen-reader text, the page tables, the
explorer, CSV/Excel, the brief (DOCX, PDF, text), the chart images and the wall take their
words for a figure from here and format none of their own: so a figure keeps its words, release
stage, span, digits and status in every output and both languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from xhdash.data.schema import DISTRICT
from xhdash.i18n import LABELS, label, names, tr
from xhdash.meaning.figures import (
    QUALIFIER_WORDS,
    EnglishScale,
    IndicatorWords,
    indicator_words,
    said_decimals,
    said_en,
    said_zh,
    short_value,
    table_number,
)
from xhdash.meaning.sentences import READINGS_EN, period_words, sentence_parts

_DIGITS = re.compile(r"\d")
READING_MARK = {"zh": "看板解读", "en": "the dashboard's reading"}  # as the sentences say it


@dataclass(frozen=True)
class Said:
    """One figure in one language, in each form an output needs."""

    short: str  # cards and the wall: ≥5.5%, 250.85亿元, CNY 25.085bn, 两位数增长
    bar: str  # on a bar: as short in Chinese; in English the number (the unit is in the title)
    amount: str  # in running text, with the source's word: 5.5%以上, 接近100%, 1.43万余人次
    value: str  # a table's value cell, without the unit: 5.5以上, ≈111.5, 两位数增长（看板解读）
    unit: str  # the table's unit cell: 亿元, CNY 100m
    stage: str  # the release stage as stated (预计), or ""
    period: str  # the period as the source gives it: 2023年, 主题教育期间, 截至2023年底
    status: str  # 报告值 / 派生值 / 看板解读
    stated: str  # 原文表述: the source's own words (blank for a figure the dashboard computed)
    clause: str  # the sentence without its period and full stop: 全区区级财政收入250.85亿元
    sentence: str  # the whole 统计公报 sentence
    spoken: str  # for screen readers: the period, the name, the amount, stage and status
    hover: str  # a chart's hover: the amount, its stage and status


@dataclass(frozen=True)
class FigureSaying:
    """A figure said in both languages."""

    zh: Said
    en: Said

    def in_lang(self, lang: str) -> Said:
        return self.en if lang == "en" else self.zh


def _text(value: object) -> str:
    return value if isinstance(value, str) and value.strip() else ""


def _stated(row: Mapping) -> str:
    """What the source wrote, for the 原文表述 column: nothing for a computed figure."""
    return "" if row["status"] == "derived" else _text(row.get("stated_as"))


def _reading(row: Mapping, lang: str) -> str | None:
    """A figure the dashboard reads from words (两位数增长): the words with the reading mark."""
    if row["status"] != "interpreted" or not _text(row.get("stated_as")):
        return None
    words = row["stated_as"] if lang == "zh" else READINGS_EN.get(row["stated_as"],
                                                                  row["stated_as"])
    return words + tr("in_brackets", lang, text=READING_MARK[lang])


def _in_words(row: Mapping) -> str | None:
    """What the source wrote where it gave its word and no digits (突破千亿元): said as written."""
    stated = _text(row.get("stated_as"))
    word = row.get("qualifier_word")
    if row["status"] == "reported" and stated and not _DIGITS.search(stated) and \
            isinstance(word, str) and word in stated:
        return stated
    return None


def _bar_en(value: float, qualifier: str, word: object, decimals: int,
            words: IndicatorWords) -> str:
    """An English bar: the number alone (the unit is in the chart's title), with the source's
    word (at least 5.5%) or else its mark (≥5.5, ≈194.2); a rank as a rank."""
    if words.kind == "rank":
        return short_value(value, qualifier, decimals, words, "en")
    if isinstance(word, str) and word in QUALIFIER_WORDS:
        return table_number(value, qualifier, word, decimals, words, "en") + (
            "%" if words.unit_en == "%" else "")
    return table_number(value, qualifier, None, decimals, words, "en", symbol=True)


def bar_in_scale(row: Mapping, tables: dict[str, pd.DataFrame], scale: EnglishScale) -> str:
    """An English bar said in its chart's unit, the one the English card says the chart's
    figures in (25.085 under CNY bn for 250.85亿元); a reading keeps its words."""
    words = indicator_words(tables["indicators"], row["indicator_id"])
    reading = _reading(row, "en")
    if reading:
        return reading
    value, decimals = scale.number(float(row["value"]), said_decimals(row, words))
    return _bar_en(value, row["qualifier"], row.get("qualifier_word"), decimals, words)


def _said(row: Mapping, words: IndicatorWords, tables: dict[str, pd.DataFrame], lang: str,
          growth: Mapping | None) -> Said:
    value = float(row["value"])
    decimals = said_decimals(row, words)
    qualifier, word = row["qualifier"], row.get("qualifier_word")
    worded = isinstance(word, str) and word in QUALIFIER_WORDS  # the source's own word
    say_amount = said_en if lang == "en" else said_zh
    amount = (short_value(value, qualifier, decimals, words, lang) if words.kind == "rank"
              else say_amount(value, qualifier, word, decimals, words))
    if worded and words.kind != "rank":  # the word where space is short too: 接近100%
        short = amount if lang == "zh" else said_en(value, qualifier, word, decimals, words,
                                                    compact=True)
        bar = amount if lang == "zh" else _bar_en(value, qualifier, word, decimals, words)
    else:
        short = short_value(value, qualifier, decimals, words, lang, compact=True)
        bar = short_value(value, qualifier, decimals, words, lang) if lang == "zh" else \
            _bar_en(value, qualifier, word, decimals, words)
    cell = table_number(value, qualifier, word, decimals, words, lang)
    if lang == "zh" and _in_words(row):
        short = bar = amount = _in_words(row)
    reading = _reading(row, lang)
    if reading:
        short = bar = cell = amount = reading
    stage = label("stage", row["release_stage"], lang) if _text(
        row.get("release_stage")) in LABELS["stage"] else ""
    status = label("status", row["status"], lang)
    when = period_words(row, lang)
    areas = names(tables["areas"], "area_id", lang)
    lead, clause, tail = sentence_parts(row, tables, lang, growth)
    sentence = f"{lead}{clause}{tail}"
    area = areas.get(row["area_id"], "") if row["area_id"] != DISTRICT else ""
    industry = row.get("industry_id")
    industry_name = names(tables["industries"], "industry_id", lang).get(industry, "") if \
        isinstance(industry, str) else ""
    name = words.name(lang) + "".join(f" · {part}" for part in (industry_name, area) if part)
    # a reading carries its own mark; in English the status is said in running text
    derived = (status if lang == "zh" else status.lower()) if row["status"] == "derived" else ""
    spoken = " ".join(part for part in (when, name, stage, amount, derived) if part)
    hover = tr("detail_separator", lang).join(part for part in (stage, amount, derived) if part)
    unit = words.unit_en if lang == "en" else words.unit_zh
    return Said(short, bar, amount, cell, unit, stage, when, status, _stated(row), clause,
                sentence, spoken, hover)


def say_figure(row: Mapping, tables: dict[str, pd.DataFrame],
               growth: Mapping | None = None) -> FigureSaying:
    """Every form of one figure (an observations row: value, qualifier and its word, stated_as,
    release_stage, period and period_scope, area, status) in Chinese and English; `growth` is
    the matching growth-rate row a sentence adds (", 比上年增长10.87%")."""
    words = indicator_words(tables["indicators"], row["indicator_id"])
    return FigureSaying(_said(row, words, tables, "zh", growth),
                        _said(row, words, tables, "en", growth))


SAYING_COLUMNS = ("indicator_id", "period", "area_id", "industry_id", "value", "qualifier", "qualifier_word",
                  "stated_as", "release_stage", "period_scope", "status", "note", "formula_en")


def say_rows(rows: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[FigureSaying]:
    """`say_figure` of each row (without a growth clause), each distinct figure said once."""
    present = [c for c in SAYING_COLUMNS if c in rows.columns]
    kept: dict[tuple, FigureSaying] = {}
    said = []
    for record in rows[present].itertuples(index=False, name=None):
        key = tuple(None if isinstance(v, float) and v != v else v for v in record)
        if key not in kept:
            kept[key] = say_figure(dict(zip(present, record, strict=True)), tables)
        said.append(kept[key])
    return said


def say(row: pd.Series, tables: dict[str, pd.DataFrame], lang: str,
        growth: pd.Series | None = None) -> str:
    """The sentence of one figure in `lang` (the figure-saying function's)."""
    return say_figure(row, tables, growth).in_lang(lang).sentence


def rows_sentences(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """The sentence of each row (the explorer's column), without a growth clause."""
    return [said.in_lang(lang).sentence for said in say_rows(rows, tables)]


def amount_only(row: pd.Series, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The amount alone, with the source's word, for lists (the district profile)."""
    return say_figure(row, tables).in_lang(lang).amount


__all__ = ["SAYING_COLUMNS", "FigureSaying", "Said", "amount_only", "bar_in_scale", "period_words",
           "rows_sentences", "say", "say_figure", "say_rows"]
