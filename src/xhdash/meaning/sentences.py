"""One sentence for a figure, in the style of a 统计公报: "2023年，全区区级财政收入250.85亿元，比上年
增长10.87%。" / "In 2023, district fiscal revenue was CNY 25.085 billion, up 10.87% on the
previous year." — with the release stage (预计), the period as the source scopes it (主题教育期间,
no year it does not give), the source's own qualifying word and verb (接近, 提升至, 初步形成),
the stated decimals, a range as one figure (4—8家), 其中 with its total, no measure word or
unit said twice, and a derived or interpreted figure said to be so. English spans take the
present perfect ("Since the research drive began, 19 research case reports have been
compiled"), and counts are said with their nouns (xhdash.meaning.phrases).

The sentence builders here are read through the figure-saying function (xhdash.meaning.saying)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

from xhdash.data.indexing import indicator_rows
from xhdash.data.schema import DISTRICT
from xhdash.i18n import LABELS, label, names, tr
from xhdash.meaning.figures import (
    IndicatorWords,
    amount_en,
    figure_decimals,
    indicator_words,
    is_count,
    said_decimals,
    said_en,
    said_zh,
    sentence_name_en,
)
from xhdash.meaning.phrases import fill, phrase
from xhdash.periods import parse_period

GROWTH_SUFFIXES_ZH = ("增长率", "增速", "增长")
GROWTH_SUFFIXES_EN = (" growth rate", " growth")
READINGS_EN = {"全部完成整改": "all rectified", "两位数增长": "double-digit growth"}
LEVEL_VERB_EN = "was"
# the source's verb before a number (提升至90%, 达72幢, 累计157家) and its English
VERBS = {"提升至": "rose to", "达到": "reached", "达": "reached", "累计": "reached a cumulative",
         "保持在": "stayed at", "突破": "passed"}
TENSE_OF_SCOPE = {"since_campaign": "perfect", "since_research_drive": "perfect",
                  "to_year_end": "pluperfect"}
_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[—–~－-]\s*(\d+(?:\.\d+)?)\s*(\D*)$")
_BOUND_ZH = re.compile(r"（[下上]限）$")
_BOUND_EN = re.compile(r"\s*\((?:minimum|maximum)\)$")
_DIGITS = re.compile(r"\d")
PER_NAMES_ZH = ("人均", "每万", "地均", "每")
OF_WHICH_ZH, OF_WHICH_EN = "其中：", "of which: "


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def period_words(row: Mapping, lang: str) -> str:
    """The period as the source gives it: 2023年; a span the source does not date as the span
    alone (主题教育期间, no year); a stock at a date as at that date (截至2023年底)."""
    scope = _text(row.get("period_scope"))
    period = parse_period(row["period"])
    if scope in LABELS["scope"]:
        return label("scope", scope, lang).format(year=period.label(lang).rstrip("年"))
    return period.label(lang)


def _when(row: Mapping, lang: str) -> str:
    """2023年 / 2024年1-9月; a span as the source says it, with no year it does not give
    (主题教育期间); a total at its date (截至2023年底)."""
    words = period_words(row, lang)
    if lang == "zh" or _text(row.get("period_scope")) in LABELS["scope"]:
        return words
    return f"In {words}"


def tense(row: Mapping) -> str:
    """past for a period or "during"; perfect for "since"; pluperfect for "by the end of"."""
    return TENSE_OF_SCOPE.get(_text(row.get("period_scope")) or "", "past")


def _where_zh(row: Mapping, areas: dict[str, str], name: str) -> str:
    """全区 before a district figure's name, unless the name already says where (全区…, 其中：…)."""
    if row["area_id"] != DISTRICT:
        area = areas.get(row["area_id"], "")
        return "" if area and area in name else area
    return "" if name.startswith(("全区", "其中", "徐汇", "每位", "每个")) else "全区"


def _growth_clause(growth: Mapping | None, period: str, lang: str) -> str:
    """，比上年增长10.87% (a year) / ，比上年同期增长6.97% (a part of one) — the stated decimals."""
    if growth is None:
        return ""
    decimals = figure_decimals(growth["stated_as"], _RATE)
    value = float(growth["value"])
    whole_year = parse_period(period).frequency == "year"
    say_rate = said_zh if lang == "zh" else said_en
    rate = say_rate(abs(value), growth["qualifier"], growth.get("qualifier_word"), decimals, _RATE)
    verb = tr("growth_up" if value >= 0 else "growth_down", lang)
    return tr("growth_year" if whole_year else "growth_part_year", lang, verb=verb, rate=rate)

_RATE = IndicatorWords("rate", "", "", "%", "%", "rate", 2)


def _stage(row: Mapping, lang: str) -> str | None:
    stage = _text(row.get("release_stage"))
    return label("stage", stage, lang) if stage in LABELS["stage"] else None


BASIS_PATTERNS = {"zh": re.compile(r"（(按[^（）]*计算)）"),
                  "en": re.compile(r"\((using the [^()]*population)\)")}


def _basis(row: Mapping, lang: str) -> str | None:
    """How a derived figure's denominator was counted, as its formula says it (按2022年末常住
    人口计算): a per-capita figure is not read as one over the average population."""
    text = _text(row.get("note" if lang == "zh" else "formula_en"))
    found = BASIS_PATTERNS[lang].search(text) if text else None
    return found.group(1) if found else None


def _marks(row: Mapping, lang: str) -> str:
    if row["status"] == "derived":
        basis = _basis(row, lang)
        return (tr("sentence_derived_basis", lang, basis=basis) if basis
                else tr("sentence_derived", lang))
    if row["status"] == "interpreted":
        return tr("sentence_reading", lang)
    return ""


def _base_name(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _bare(words: IndicatorWords) -> IndicatorWords:
    """A count's words without its English noun: '1,907' (the phrase names the things)."""
    return IndicatorWords(words.indicator_id, words.name_zh, words.name_en, words.unit_zh, "",
                          words.kind, words.decimals)


def _numerator(words: IndicatorWords) -> IndicatorWords:
    """A per-unit figure's words with the unit's numerator only, for a name that already
    says "per": 'GDP per resident was CNY 232,850', 人均地区生产总值约232850元."""
    top_zh = words.unit_zh.partition("/")[0]
    top_en = words.unit_en.partition(" per ")[0]
    return IndicatorWords(words.indicator_id, words.name_zh, words.name_en, top_zh, top_en,
                          words.kind, words.decimals)


def _reading(row: Mapping, lang: str) -> str | None:
    """The words of a figure the dashboard reads from words (两位数增长 / double-digit growth)."""
    stated = _text(row.get("stated_as"))
    if row["status"] != "interpreted" or not stated:
        return None
    return stated if lang == "zh" else READINGS_EN.get(stated, stated)


def _range(row: Mapping) -> tuple[str, str, str] | None:
    """(low, high, unit) of a figure stated as a range (4—8家), which is said as one figure."""
    found = _RANGE.match(_text(row.get("stated_as")) or "")
    return (found[1], found[2], found[3]) if found else None


def _amounts(row: Mapping, words: IndicatorWords, lang: str) -> tuple[str, str]:
    """(amount with its unit, amount without an English count noun) as said in a sentence:
    the source's word where it goes, a range as one figure, a reading as its words, the
    source's words where it gave no digits (突破千亿元)."""
    reading = _reading(row, lang)
    if reading:
        return reading, reading
    stated = _text(row.get("stated_as")) or ""
    span = _range(row)
    if span:
        low, high, unit = span
        if lang == "zh":
            return f"{low}—{high}{unit or words.unit_zh}", f"{low}—{high}"
        return f"{low}–{high} {words.unit_en}", f"{low}–{high}"
    value, qualifier, word = float(row["value"]), row["qualifier"], row.get("qualifier_word")
    decimals = said_decimals(row, words) if row["status"] != "interpreted" else words.decimals
    if words.kind == "growth":
        value = abs(value)
    per_name = any(p in words.name_zh for p in PER_NAMES_ZH) and "/" in words.unit_zh
    unit_words = _numerator(words) if per_name or (
        " per " in words.name_en and " per " in words.unit_en) else words
    if lang == "zh":
        if stated and not _DIGITS.search(stated) and isinstance(word, str) and word in stated \
                and row["status"] == "reported":
            return stated, stated  # 突破千亿元, as written
        amount = said_zh(value, qualifier, word, decimals, unit_words)
        return amount, amount
    amount = said_en(value, qualifier, word, decimals, unit_words)
    if words.unit_en == "%" or unit_words.unit_zh.endswith("元"):
        return amount, amount  # 5.5%, CNY 25.085 billion: the unit is part of the number
    bare = said_en(value, qualifier, word, decimals, _bare(unit_words))
    return amount, "one" if bare == "1" else bare


def _plural(row: Mapping) -> bool:
    return not (float(row["value"]) == 1 and row["qualifier"] == "exact")


def _strip_doubled_zh(name: str, unit: str) -> str:
    """联动调研次数 + 50余次 → 联动调研50余次; 坚持年数 + 32年 → 坚持32年; 调研走访人次 + 1.43万余人次 →
    调研走访1.43万余人次: no measure word or unit said twice."""
    base = unit.removeprefix("万").removeprefix("亿")
    for tail in (base + "数", base):
        if base and name.endswith(tail) and len(name) > len(tail):
            return name[: -len(tail)]
    return name


def _verb_zh(row: Mapping) -> tuple[str, str]:
    """The source's verb before the number (提升至, 达, 累计) and the rest of what it stated."""
    stated = _text(row.get("stated_as")) or ""
    for verb in VERBS:
        if stated.startswith(verb) and verb != "突破":
            return verb, stated[len(verb):]
    return "", stated


def _values(row: Mapping, words: IndicatorWords, tables, lang: str) -> dict[str, str]:
    amount, bare = _amounts(row, words, lang)
    industry = row.get("industry_id")
    industry_name = names(tables["industries"], "industry_id", lang).get(industry, "") if \
        isinstance(industry, str) else ""
    area = names(tables["areas"], "area_id", lang).get(row["area_id"], "")
    if lang == "en":
        industry_name = sentence_name_en(industry_name)
    stated = _text(row.get("stated_as")) if row["status"] == "reported" else None
    plain = dict(row, qualifier="exact", qualifier_word=None)  # the number without its word
    number = _amounts(plain, words, lang)[0]
    return {"amount": amount, "n": bare, "industry": industry_name, "area": area,
            "stated": stated or amount, "number": number}


def clause_zh(row: Mapping, words: IndicatorWords, tables) -> str:
    """The Chinese clause of a figure, without its period: 全区区级财政收入250.85亿元."""
    template = phrase(words.indicator_id, "zh")
    values = _values(row, words, tables, "zh")
    stage = _stage(row, "zh") or ""
    if template:
        body = template.format(**values)
        return body.replace(values["amount"], stage + values["amount"], 1) if stage else body
    areas = names(tables["areas"], "area_id", "zh")
    name = words.name_zh.removeprefix(OF_WHICH_ZH)
    where = _where_zh(row, areas, words.name_zh)
    stated = _text(row.get("stated_as")) or ""
    if row["status"] == "reported" and name in stated and _DIGITS.search(stated):
        return f"{where}{stated}"  # 初步形成调研成果转化运用清单68项: the source's own words
    if words.kind == "growth":
        verb = "增长" if float(row["value"]) >= 0 else "下降"
        if _reading(row, "zh"):
            verb = ""
        return f"{where}{_base_name(name, GROWTH_SUFFIXES_ZH)}{stage}{verb}{values['amount']}"
    if words.kind == "rank":
        return _rank_zh(row, where, name, stage)
    verb, _rest = _verb_zh(row)
    if verb == "累计":
        name = name.replace("（累计）", "")
    if _range(row):
        name = _BOUND_ZH.sub("", name).removesuffix("数")
    name = _strip_doubled_zh(name, words.unit_zh)
    return f"{where}{name}{stage}{verb}{values['amount']}"


def clause_en(row: Mapping, words: IndicatorWords, tables) -> str:
    """The English clause of a figure, without its period: district fiscal revenue was CNY
    25.085 billion; 1,907 practical matters were resolved for residents."""
    values = _values(row, words, tables, "en")
    stage = _stage(row, "en")
    when = tense(row)
    template = phrase(words.indicator_id, "en")
    if template:
        body = fill(template, when, _plural(row), **values)
        return body + (f" ({stage})" if stage else "")
    name = sentence_name_en(words.name_en.removeprefix(OF_WHICH_EN))
    area = values["area"] if row["area_id"] != DISTRICT else ""
    if area and area not in words.name_en:
        name += f" in {area}"
    value = float(row["value"])
    if words.kind == "growth":
        base = sentence_name_en(_base_name(words.name_en, GROWTH_SUFFIXES_EN))
        if stage == "expected":
            verb = "is expected to grow by" if value >= 0 else "is expected to fall by"
        else:
            verb = ("grew by" if value >= 0 else "fell by") + (f" ({stage})" if stage else "")
        return f"{base} {verb} {values['amount']}"
    if words.kind == "rank":
        return _rank_en(words.name_en, int(value), _rank_verb(row) == "保持")
    verb_zh, _rest = _verb_zh(row)
    if words.kind == "rate":
        name = "the " + name
    if verb_zh:  # the source's verb: rose to 90%, reached 72
        name = name.replace(" (cumulative)", "") if verb_zh == "累计" else name
        amount = values["n"] if is_count(words) else values["amount"]
        verb_en = VERBS[verb_zh]
        if verb_zh == "保持在" and row.get("qualifier") == "ge":  # 保持在99%以上
            verb_en, amount = "stayed at or above", values["number"]
        return f"{name} {verb_en} {amount}" + (f" ({stage})" if stage else "")
    if _range(row) or is_count(words):
        name = _BOUND_EN.sub("", name)
        stated_verb = f" ({stage})" if stage else ""
        return f"there {fill('{be}', when, _plural(row))} {values['n']} {name}{stated_verb}"
    if stage == "expected":
        verb = "is expected to be"
    else:
        verb = fill("{was|has been}", when, False) + (f" ({stage})" if stage else "")
    return f"{name} {verb} {values['amount']}"


RANK_SCOPES_EN = {"City rank: ": "in the city", "Central-district rank: ":
                  "among the central districts"}


RANK_VERBS_ZH = ("保持", "位列", "位居")  # the source's verb before 全市第一, as it stated it
_RANK_STATED = re.compile(r"^(?P<verb>保持|位列|位居)?(?P<scope>\D*?)第(?P<rank>[一二三四五六七八九十\d]+)"
                          r"(?:位|名)?$")


def _rank_verb(row: Mapping) -> str:
    """The source's verb of a stated rank (保持中心城区第一 → 保持); "" where it gave none."""
    stated = _text(row.get("stated_as")) or ""
    match = _RANK_STATED.match(stated) if row.get("status") == "reported" else None
    return (match["verb"] or "") if match else ""


def _rank_zh(row: Mapping, where: str, name: str, stage: str) -> str:
    """A rank in the source's words: 全区不成套房屋改造完成率位列全市第一, 全区外资总部及研发中心数
    保持中心城区第一; where the source gave no such words, 第N位."""
    stated = _text(row.get("stated_as")) or ""
    match = _RANK_STATED.match(stated) if row.get("status") == "reported" else None
    scope = match["scope"] if match else ""
    if match and scope and name.endswith(scope + "排名"):
        subject = name.removesuffix(scope + "排名")
        return f"{where}{subject}{stage}{match['verb'] or '位列'}{stated.removeprefix(match['verb'] or '')}"
    return f"{name}{stage}第{int(row['value'])}位"


def _rank_en(name: str, rank: int, kept: bool = False) -> str:
    """'City rank: elevators added' → 'the district ranked No. 1 in the city for elevators
    added' ('remained No. 1' where the source says 保持)."""
    verb = "remained" if kept else "ranked"
    for prefix, scope in RANK_SCOPES_EN.items():
        if name.startswith(prefix):
            return (f"the district {verb} No. {rank} {scope} for "
                    f"{sentence_name_en(name[len(prefix):])}")
    return f"{sentence_name_en(name)} {'remained' if kept else 'was'} No. {rank}"


def parent_indicator(indicators: pd.DataFrame, indicator_id: str) -> str | None:
    """The total a 其中 (of which) indicator is part of: the nearest indicator before it, in the
    indicators table's order, that is not itself a part."""
    ids = list(indicators["indicator_id"])
    names_zh = dict(zip(indicators["indicator_id"], indicators["name_zh"], strict=True))
    if indicator_id not in names_zh or not names_zh[indicator_id].startswith(OF_WHICH_ZH):
        return None
    for earlier in reversed(ids[: ids.index(indicator_id)]):
        if not names_zh[earlier].startswith(OF_WHICH_ZH):
            return earlier
    return None


def parent_row(row: Mapping, tables) -> Mapping | None:
    """The total of the same period and area a 其中 figure is part of, if it is stated."""
    parent = parent_indicator(tables["indicators"], row["indicator_id"])
    if parent is None or "observations" not in tables:
        return None
    rows = indicator_rows(tables["observations"], [parent])
    rows = rows[rows["period"].eq(row["period"]) & rows["area_id"].eq(row["area_id"])
                & rows["status"].ne("derived")]
    return None if rows.empty else rows.iloc[0]


def clause(row: Mapping, tables, lang: str) -> str:
    words = indicator_words(tables["indicators"], row["indicator_id"])
    return (clause_en if lang == "en" else clause_zh)(row, words, tables)


def folded_clause(parent: Mapping, parts: list[Mapping], tables, lang: str) -> str:
    """A total with its parts: …68项，其中推进项目落地类16项、新机制新办法新举措类27项 /
    …, of which 16 are for project delivery and 27 are new mechanisms…"""
    said = [clause(part, tables, lang) for part in parts]
    joined = "、".join(said) if lang == "zh" else (
        said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1])
    return f"{clause(parent, tables, lang)}{tr('of_which', lang)}{joined}"


def sentence_parts(row: Mapping, tables, lang: str, growth: Mapping | None = None
                   ) -> tuple[str, str, str]:
    """(the period and its comma, the clause, the growth clause, marks and full stop); a 其中
    figure is said with its total."""
    parent = parent_row(row, tables)
    body = folded_clause(parent, [row], tables, lang) if parent is not None else clause(
        row, tables, lang)
    when = _when(row, lang)
    if lang == "zh":
        return f"{when}，", body, f"{_growth_clause(growth, row['period'], 'zh')}{_marks(row, 'zh')}。"
    lead = f"{when}, "
    return (lead[:1].upper() + lead[1:], body,
            f"{_growth_clause(growth, row['period'], 'en')}{_marks(row, 'en')}.")


__all__ = ["amount_en", "clause", "folded_clause", "parent_indicator", "parent_row", "period_words",
           "sentence_parts"]
