"""Headline figures: each indicator's latest figure as a card, a sentence, a profile line."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from xhdash.data.indexing import indicator_rows, latest_rows
from xhdash.data.schema import DISTRICT
from xhdash.i18n import names, tr
from xhdash.meaning.dimensions import source_labels
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.saying import period_words, say, say_figure
from xhdash.meaning.sentences import folded_clause, parent_indicator, sentence_parts
from xhdash.periods import parse_period, recency_key, shift_years


def latest_district_row(observations: pd.DataFrame, indicator_id: str) -> pd.Series | None:
    """The latest figure of an indicator, with its own period: the latest end first, then the
    longer period (2024年1-9月 before 2024年第3季度), reported before derived.

    District-level figures come first; an indicator stated only for one area (the West Bund's
    clusters) falls back to that area. Multi-year spans (a derived CAGR's 2020—2023) count only
    when the indicator has nothing else. (Found for every indicator at once: indexing.)"""
    return latest_rows(observations).get(indicator_id)


def matching_growth(observations: pd.DataFrame, indicators: pd.DataFrame,
                    row: pd.Series) -> pd.Series | None:
    """The growth rate of the same indicator, period (the same span) and area as a level
    figure: stated first, else derived from the same span a year before."""
    growth_ids = indicators.loc[indicators["growth_of"] == row["indicator_id"], "indicator_id"]
    rows = indicator_rows(observations, growth_ids)
    match = rows[(rows["period"] == row["period"]) & (rows["area_id"] == row["area_id"])]
    if match.empty:
        return None
    return match.sort_values("status", key=lambda s: s.eq("derived")).iloc[0]


def period_text(row: pd.Series, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The period as the source gives it (2024年1-9月, 主题教育期间 with no year, 截至2023年底),
    with the area when not the district."""
    text = period_words(row, lang)
    if row["area_id"] != DISTRICT:
        text += " · " + names(tables["areas"], "area_id", lang).get(row["area_id"], row["area_id"])
    return text


def is_part_year(row: pd.Series) -> bool:
    """A cumulative figure of part of a year (1–N月, N < 12)."""
    period = parse_period(str(row["period"]))
    return period.kind != "year" and period.frequency == "cumulative" and period.months < 12


def latest_full_year_row(observations: pd.DataFrame, row: pd.Series) -> pd.Series | None:
    """Beside a part-year cumulative figure (2024年1-9月), the indicator's latest whole year
    (2023年) of the same area, reported before derived; None for any other figure."""
    if not is_part_year(row):
        return None
    rows = indicator_rows(observations, [row["indicator_id"]])
    rows = rows[(rows["area_id"].astype(str) == str(row["area_id"])) & rows["industry_id"].isna()]
    years = [c for c in rows["period"].astype(str).unique() if parse_period(c).kind == "year"]
    if not years:
        return None
    latest = max(years, key=lambda c: parse_period(c).end)
    match = rows[rows["period"].astype(str) == latest]
    return match.sort_values("status", key=lambda s: s.astype(str).eq("derived")).iloc[0]


def has_prior_same_span(observations: pd.DataFrame, row: pd.Series) -> bool:
    """Whether the same span a year before has a figure (2023年1-9月 for 2024年1-9月)."""
    rows = indicator_rows(observations, [row["indicator_id"]])
    before = shift_years(str(row["period"]), -1)
    return bool(((rows["period"].astype(str) == before)
                 & (rows["area_id"].astype(str) == str(row["area_id"]))
                 & rows["industry_id"].isna()).any())


def card_notes(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], row: pd.Series,
               growth: pd.Series | None, lang: str) -> tuple[str, ...]:
    """What a card of a part-year figure adds: why it has no 同比 (无上年同期数), and the latest
    whole year beside it, with its own label and its 同比 (2023年：250.85亿元 +10.87% 同比)."""
    notes = []
    kind = tables["indicators"].set_index("indicator_id")["kind"].get(row["indicator_id"])
    if growth is None and kind == "level" and is_part_year(row) and \
            not has_prior_same_span(observations, row):
        notes.append(tr("card_no_prior", lang))
    year = latest_full_year_row(observations, row)
    if year is not None:
        said = say_figure(year, tables).in_lang(lang)
        year_growth = matching_growth(observations, tables["indicators"], year)
        change = growth_delta(year_growth, tables, lang) if year_growth is not None else ""
        stage = tr("in_brackets", lang, text=said.stage) if said.stage else ""  # （预计）
        notes.append(tr("card_full_year", lang, period=said.period, value=said.short + stage,
                        change=f" {change}" if change else ""))
    return tuple(notes)


@dataclass(frozen=True)
class Card:
    indicator_id: str
    title: str
    value_text: str
    delta_text: str | None
    delta_color: str
    source_text: str
    help_text: str
    notes: tuple[str, ...] = ()  # a part-year figure's 无上年同期数 and its latest whole year


def growth_delta(growth: pd.Series, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """+10.87% 同比, as the figure-saying function says the rate (the decimals and the word the
    source gave: +10%以上); the sign leads (st.metric reads the arrow's direction from it)."""
    meta = tables["indicators"].set_index("indicator_id").loc[growth["indicator_id"]]
    short = say_figure(growth, tables).in_lang(lang).short
    sign = "+" if float(growth["value"]) >= 0 else "-"
    short = short.replace("-", "", 1) if sign == "-" else short
    word = tr("yoy_real" if meta["growth_basis"] == "real" else "yoy", lang)
    derived = tr("yoy_derived", lang) if growth["status"] == "derived" else ""
    return f"{sign}{short.removeprefix('+')} {word}{derived}"


def build_card(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], indicator_id: str,
               lang: str) -> Card:
    """A headline card: the latest figure as the figure-saying function says it where space is
    short, its change, its period as stated, release stage, status and source."""
    indicators = tables["indicators"]
    words = indicator_words(indicators, indicator_id)
    title = words.name(lang)
    row = latest_district_row(observations, indicator_id)
    if row is None:
        return Card(indicator_id, title, tr("no_data_card", lang), None, "off", "", "")
    growth = matching_growth(observations, indicators, row)
    delta = growth_delta(growth, tables, lang) if growth is not None else None
    said = say_figure(row, tables, growth).in_lang(lang)
    area = names(tables["areas"], "area_id", lang).get(row["area_id"], row["area_id"]) if \
        row["area_id"] != DISTRICT else ""
    source = source_labels(tables["sources"], lang).get(row["source_id"], "")
    status = said.status if row["status"] != "reported" else ""
    parts = [said.period, area, said.stage, source, status]
    source_text = " · ".join(part for part in parts if part)
    help_text = "\n\n".join(part for part in (said.sentence, row["locator"])
                             if isinstance(part, str) and part)
    better = indicators.set_index("indicator_id").loc[indicator_id, "higher_is_better"]
    color = "off" if pd.isna(better) else ("normal" if better else "inverse")
    notes = card_notes(observations, tables, row, growth, lang)
    return Card(indicator_id, title, said.short, delta, color, source_text, help_text, notes)


def sentence_rows(observations: pd.DataFrame, indicator_id: str) -> list[pd.Series]:
    """The figures an indicator's sentence says: its latest figure; for an indicator stated
    only by industry (文化创意产业规模突破千亿元), each industry's figure of the latest period."""
    row = latest_district_row(observations, indicator_id)
    if row is not None:
        return [row]
    rows = indicator_rows(observations, [indicator_id])
    rows = rows[rows["industry_id"].notna() & rows["area_id"].eq(DISTRICT)]
    if rows.empty:
        return []
    latest = min(rows["period"].unique(), key=recency_key)
    return [row for _, row in rows[rows["period"].eq(latest)].iterrows()]


def _key(row: pd.Series) -> tuple:
    return row["indicator_id"], row["period"], row["area_id"]


def latest_sentences(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                     indicator_ids, lang: str) -> list[str]:
    """The sentence of each indicator's latest figure, for those that have one, each figure
    said once: a growth rate said with its level is not said again, a range (4—8家) is one
    sentence, and 其中 figures are said with their total (…68项，其中…16项、…27项)."""
    indicators = tables["indicators"]
    ids = list(indicator_ids)
    rows = {i: sentence_rows(observations, i) for i in ids}
    parts: dict[tuple, list[pd.Series]] = {}
    folded = set()
    for indicator_id in ids:
        parent = parent_indicator(indicators, indicator_id)
        if parent in rows and rows[parent] and rows[indicator_id]:
            child, total = rows[indicator_id][0], rows[parent][0]
            if _key(child)[1:] == _key(total)[1:]:
                parts.setdefault(_key(total), []).append(child)
                folded.add(indicator_id)
    sentences, said_growth = [], set()
    for indicator_id in ids:
        if indicator_id in folded:
            continue
        for row in rows[indicator_id]:
            if row["industry_id"] is None or pd.isna(row["industry_id"]):
                if _key(row) in said_growth:
                    continue
            growth = matching_growth(observations, indicators, row) if pd.isna(
                row["industry_id"]) else None
            if growth is not None:
                said_growth.add(_key(growth))
            if _key(row) in parts:
                lead, _clause, tail = sentence_parts(row, tables, lang, growth)
                sentence = lead + folded_clause(row, parts[_key(row)], tables, lang) + tail
            else:
                sentence = say_figure(row, tables, growth).in_lang(lang).sentence
            level = indicators.set_index("indicator_id")["kind"].get(indicator_id) == "level"
            if growth is None and level and is_part_year(row) and \
                    not has_prior_same_span(observations, row):  # why it has no 同比
                sentence = sentence[:-1] + tr("sentence_no_prior", lang) + sentence[-1]
            if sentence not in sentences:
                sentences.append(sentence)
            year = latest_full_year_row(observations, row) if pd.isna(row["industry_id"]) \
                else None
            if year is not None:  # the latest whole year beside the year so far
                year_growth = matching_growth(observations, indicators, year)
                if year_growth is not None:
                    said_growth.add(_key(year_growth))
                said_growth.add(_key(year))
                sentence = say_figure(year, tables, year_growth).in_lang(lang).sentence
                if sentence not in sentences:
                    sentences.append(sentence)
    return sentences


def domain_indicators(indicators: pd.DataFrame, domains) -> list[str]:
    """The indicators of some domains, in the indicators table's order, levels before the rates
    that describe them."""
    rows = indicators[indicators["domain_id"].isin(list(domains))]
    return list(rows["indicator_id"])


def profile_lines(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                  indicator_ids: tuple[str, ...], lang: str) -> list[str]:
    """'常住人口：109.85万人（2022年，S2 徐汇区投资促进网）' for each profile figure present."""
    lines = []
    sources = source_labels(tables["sources"], lang)
    for indicator_id in indicator_ids:
        row = latest_district_row(observations, indicator_id)
        if row is None:
            continue
        said = say_figure(row, tables).in_lang(lang)
        name = indicator_words(tables["indicators"], indicator_id).name(lang)
        value = said.amount
        extra = [period_text(row, tables, lang), said.stage, sources.get(row["source_id"], "")]
        if row["status"] != "reported" and not any(said.status in part for part in extra):
            extra.append(said.status)  # unless the source's label says it (派生值（本看板计算）)
        details = tr("detail_separator", lang).join(part for part in extra if part)
        lines.append(tr("profile_line", lang, name=name, value=value, details=details))
    return lines


def sentence_lines(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str
                   ) -> list[str]:
    """'indicator_id<TAB>sentence' for every indicator with a figure, in the indicators table's
    order: what `xhdash sentences` prints and the golden files hold."""
    lines = []
    for indicator_id in tables["indicators"]["indicator_id"]:
        for row in sentence_rows(observations, indicator_id):
            growth = matching_growth(observations, tables["indicators"], row) if pd.isna(
                row["industry_id"]) else None
            lines.append(f"{indicator_id}\t{say(row, tables, lang, growth)}")
    return lines
