"""Observations made readable: labelled columns, cards and chart data, in either language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.core import WORKED_DECIMALS, number_text
from metrics.numbers import QUALIFIER_SYMBOL
from xhdash.data.dtypes import fill_text
from xhdash.i18n import col, in_lang, join, label, labels, names, tr
from xhdash.meaning.dimensions import (
    DIMENSIONS,
    PERIOD_RANGE,
    dimension_labels,
    indicators_in,
    source_labels,
    status_label,
)
from xhdash.meaning.saying import period_words, rows_sentences
from xhdash.periods import parse_period

# the columns of a figures table, in order (their words: xhdash.i18n.LABELS["column"])
FIGURE_COLUMNS = ("indicator", "period", "scope", "stage", "area", "industry", "qualifier",
                  "value", "unit", "stated_as", "status", "source", "locator", "note",
                  "indicator_id", "period_code")


def header(key: str, lang: str) -> str:
    return label("column", key, lang)


def _headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A frame built with column keys, given the reader's column names."""
    frame.columns = [header(key, lang) for key in frame.columns]
    return frame


def period_labels(codes, lang: str) -> dict[str, str]:
    return {code: parse_period(code).label(lang) for code in set(codes)}


def _labelled(observations: pd.DataFrame, column: str, kind: str, lang: str) -> pd.Series:
    """A declared code column in words (预计, 主题教育期间); blank where none is stated."""
    if column not in observations.columns:
        return pd.Series("", index=observations.index)
    return observations[column].map(labels(kind, lang))


def said_periods(observations: pd.DataFrame, lang: str) -> tuple[pd.Series, pd.Series]:
    """(the period as the source gives it, the span alone where one is stated) for each row:
    the figure-saying function's words (xhdash.meaning.saying.period_words), found once per distinct
    period and span: 主题教育期间 with no year, 截至2023年底 for a total at a date."""
    scopes = (observations["period_scope"] if "period_scope" in observations.columns
              else pd.Series(None, index=observations.index, dtype="object"))
    scopes = scopes.astype("object")
    scopes = scopes.where(scopes.map(lambda s: isinstance(s, str) and bool(s)), "")
    keys = pd.Series(list(zip(observations["period"], scopes, strict=True)),
                     index=observations.index, dtype="object")
    words = {key: period_words({"period": key[0], "period_scope": key[1] or None}, lang)
             for key in set(keys)}
    period = keys.map(words)
    return period, period.where(scopes.ne(""), "")


def present_observations(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                         lang: str, sentences: bool = False) -> pd.DataFrame:
    """One row per figure with readable, labelled columns, in the figure-saying function's
    words (xhdash.meaning.saying): the period as stated (a span without a year), the release stage,
    原文表述 only where the source wrote it (blank for a computed figure), and the value a
    number — blank for a reading from words (两位数增长), which is said in 原文表述 and the
    type, never tabled as a number it was not given. With `sentences`, each row's sentence
    first (the explorer)."""
    indicators = tables["indicators"].set_index("indicator_id")
    obs = observations
    note = in_lang((obs["note"], obs["formula_en"].fillna(obs["note"])), lang)
    period, scope = said_periods(obs, lang)
    reading = obs["status"].eq("interpreted") & obs["stated_as"].astype("object").map(
        lambda s: isinstance(s, str) and bool(s.strip())).astype(bool)
    frame = pd.DataFrame({
        "indicator": obs["indicator_id"].map(indicators[col("name", lang)]),
        "period": period,
        "scope": scope,
        "stage": _labelled(obs, "release_stage", "stage", lang),
        "area": obs["area_id"].map(names(tables["areas"], "area_id", lang)),
        "industry": obs["industry_id"].map(names(tables["industries"], "industry_id", lang)),
        "qualifier": obs["qualifier"].map(QUALIFIER_SYMBOL).mask(reading, ""),
        "value": obs["value"].astype("float64").mask(reading),
        "unit": obs["indicator_id"].map(indicators[col("unit", lang)]),
        "stated_as": obs["stated_as"].mask(obs["status"].eq("derived"), ""),
        "status": obs["status"].map(lambda status: status_label(status, lang)),
        "source": obs["source_id"].map(source_labels(tables["sources"], lang)),
        "locator": obs["locator"],
        "note": note,
        "indicator_id": obs["indicator_id"],
        "period_code": obs["period"],
    })
    text_columns = ["scope", "stage", "area", "industry", "qualifier", "stated_as", "note"]
    for column in text_columns:  # categorical from the observations' codes, or text
        frame[column] = fill_text(frame[column], "")
    frame = _headed(frame, lang)
    if sentences:
        frame.insert(0, header("sentence", lang), rows_sentences(observations, tables, lang))
    return frame.reset_index(drop=True)


def count_by_status(observations: pd.DataFrame, lang: str) -> str:
    """How many figures of each kind a table holds, every kind present named so that the parts
    add up to the whole: 报告值 96，派生值 19，看板解读 6 / Reported 96, Derived 19, Dashboard's
    reading 6 (the declared kinds' order, then any other)."""
    counts = observations["status"].astype(object).value_counts()
    declared = list(labels("status", lang))
    order = [code for code in declared if code in counts.index]
    order += sorted(code for code in counts.index if code not in declared)
    separator = "，" if lang == "zh" else ", "
    return separator.join(f"{label('status', code, lang)} {int(counts[code])}" for code in order)


def search_indicators(indicators: pd.DataFrame, query: str) -> set[str]:
    """Indicators whose Chinese or English name or code contains `query` (any case)."""
    hits = pd.Series(False, index=indicators.index)
    for column in ("name_zh", "name_en", "indicator_id"):
        hits |= indicators[column].str.contains(query, case=False, regex=False)
    return set(indicators.loc[hits, "indicator_id"])


@dataclass(frozen=True)
class Selection:
    """Which of the filtered observations a table holds: all, a page's domains, the areas of
    a zone, or a search of indicator names (one of them)."""

    domains: tuple[str, ...] = ()
    areas: frozenset[str] = frozenset()
    query: str = ""


def select_rows(observations: pd.DataFrame, indicators: pd.DataFrame,
                selection: Selection) -> pd.DataFrame:
    rows = observations
    if selection.domains:
        rows = rows[rows["indicator_id"].isin(indicators_in(indicators, selection.domains))]
    if selection.areas:
        rows = rows[rows["area_id"].isin(selection.areas)]
    if selection.query:
        rows = rows[rows["indicator_id"].isin(search_indicators(indicators, selection.query))]
    return rows


def describe_filters(filters, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The filters in words, for export notes: 领域：民生服务；期间：2022年—2023年."""
    parts = []
    for dimension in DIMENSIONS:
        chosen = getattr(filters, dimension.attribute)
        if chosen:
            words = dimension_labels(dimension, tables, lang)
            parts.append(tr("named_value", lang, name=tr(dimension.label_key, lang),
                            value=join([words.get(c, c) for c in chosen], lang)))
    if filters.period_from or filters.period_to:
        first = parse_period(filters.period_from).label(lang) if filters.period_from else "…"
        last = parse_period(filters.period_to).label(lang) if filters.period_to else "…"
        parts.append(tr("named_value", lang, name=tr(PERIOD_RANGE.label_key, lang),
                        value=f"{first}—{last}"))
    return tr("clause_separator", lang).join(parts) or tr("export_none", lang)


def units_table(indicators: pd.DataFrame, indicator_ids, lang: str) -> pd.DataFrame:
    """Indicator, unit and 口径 for the indicators an export holds."""
    rows = indicators[indicators["indicator_id"].isin(set(indicator_ids))]
    return _headed(pd.DataFrame({
        "indicator": rows[col("name", lang)], "unit": rows[col("unit", lang)],
        "definition": rows[col("definition", lang)]}), lang).reset_index(drop=True)


def sources_table(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every source as a reader cites it (S1 解放日报; an imported table's source as stated),
    never an internal id."""
    return _headed(pd.DataFrame({
        "source": sources["source_id"].map(source_labels(sources, lang)),
        "title": sources[col("title", lang)], "author": sources["author"],
        "date": sources["date"], "address": sources["address"],
        "kind": sources["kind"].map(labels("source_kind", lang)),
    }), lang)


def places_table(places: pd.DataFrame, tables: dict[str, pd.DataFrame], area_ids, kinds,
                 lang: str) -> pd.DataFrame:
    """Named projects and institutions in the given areas (or kinds), with their quote."""
    rows = places
    if area_ids is not None:
        rows = rows[rows["area_id"].isin(set(area_ids))]
    if kinds is not None:
        rows = rows[rows["kind"].isin(kinds)]
    return _headed(pd.DataFrame({
        "name": rows[col("name", lang)],
        "kind": rows["kind"].map(labels("place_kind", lang)),
        "place_area": rows["area_id"].map(names(tables["areas"], "area_id", lang)),
        "quote": rows["locator"],
    }), lang).reset_index(drop=True)


def present_diff(diff: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """An import's comparison with the store, readable: state, figure, previous value, where."""
    frame = present_observations(diff, tables, lang)
    frame.insert(0, header("change", lang), diff["state"].map(labels("diff_state", lang)).values)
    frame.insert(frame.columns.get_loc(header("value", lang)) + 1, header("previous_value", lang),
                 pd.to_numeric(diff["previous_value"], errors="coerce").values)
    keep = ("change", "indicator", "period", "area", "industry", "qualifier", "value",
            "previous_value", "unit", "locator")
    return frame[[header(key, lang) for key in keep]]


def present_derived_changes(changes: pd.DataFrame, tables: dict[str, pd.DataFrame],
                            lang: str) -> pd.DataFrame:
    """Derived figures a publish adds, changes or removes: indicator, period, area, values."""
    indicators = tables["indicators"].set_index("indicator_id")
    return _headed(pd.DataFrame({
        "change": changes["state"].map(lambda state: tr(f"derived_state_{state}", lang)),
        "indicator": changes["indicator_id"].map(indicators[col("name", lang)]),
        "period": changes["period"].map(period_labels(changes["period"], lang)),
        "area": changes["area_id"].map(names(tables["areas"], "area_id", lang)),
        "value": pd.to_numeric(changes["value"], errors="coerce"),
        "previous_value": pd.to_numeric(changes["previous_value"], errors="coerce"),
        "unit": changes["indicator_id"].map(indicators[col("unit", lang)]),
        "locator": changes["locator"],
    }), lang).reset_index(drop=True)


def present_ranking(ranking: pd.DataFrame, tables: dict[str, pd.DataFrame], indicator_id: str,
                    lang: str) -> pd.DataFrame:
    """A ranking of areas, readable: period, rank, area, value, unit, share of the district
    (derived, with its working), source."""
    indicators = tables["indicators"].set_index("indicator_id")
    frame = pd.DataFrame({
        header("period", lang): ranking["period"].map(period_labels(ranking["period"], lang)),
        tr("rank", lang): ranking["rank"].astype("int64"),
        header("area", lang): ranking["area_id"].map(names(tables["areas"], "area_id", lang)),
        header("qualifier", lang): ranking["qualifier"].map(QUALIFIER_SYMBOL),
        header("value", lang): ranking["value"].astype("float64"),
        header("unit", lang): indicators.loc[indicator_id, col("unit", lang)],
        # the figure as the source wrote it (9.90 万人), beside the sortable number (9.9)
        header("stated_as", lang): ranking["stated_as"],  # blank when missing, as shown
        # the share in the digits its worked formula ends with (10.97 ÷ 110.52 × 100 = 9.93)
        tr("share_of_district", lang): pd.to_numeric(ranking["share"], errors="coerce").map(
            lambda v: "—" if pd.isna(v) else number_text(v, WORKED_DECIMALS)),
        tr("share_worked", lang): ranking["share_worked"].fillna(tr("share_none", lang)),
        header("source", lang): ranking["source_id"].map(source_labels(tables["sources"], lang)),
    })
    return frame.reset_index(drop=True)


def blank_missing_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A table as shown: a missing text cell is blank, as a report leaves it (a table widget
    would write None); numbers are left as they are.

    A categorical column is shown as plain text: Streamlit's table draws a category column's
    empty text (a figure without a stage or qualifier) as a grey "None", like a missing cell.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        text_with_gaps = not pd.api.types.is_numeric_dtype(values) and values.isna().any()
        if isinstance(values.dtype, pd.CategoricalDtype) or text_with_gaps:
            out[column] = values.astype("object").where(values.notna(), "")
    return out
