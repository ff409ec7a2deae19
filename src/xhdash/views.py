"""Observations made readable: labelled columns, cards and chart data, in either language."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.numbers import QUALIFIER_SYMBOL
from xhdash.dimensions import (
    DIMENSIONS,
    PERIOD_RANGE,
    dimension_labels,
    indicators_in,
    source_labels,
    status_label,
)
from xhdash.i18n import tr
from xhdash.periods import parse_period
from xhdash.schema import PERIOD_SCOPES, RELEASE_STAGES

DISTRICT = "xuhui"
# display column key -> (Chinese header, English header)
DISPLAY_COLUMNS: dict[str, tuple[str, str]] = {
    "sentence": ("一句话", "Sentence"),
    "indicator": ("指标", "Indicator"),
    "period": ("期间", "Period"),
    "scope": ("期间口径", "Period as stated"),
    "stage": ("数据阶段", "Release stage"),
    "area": ("区域", "Area"),
    "industry": ("产业", "Industry"),
    "qualifier": ("限定", "Qualifier"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "stated_as": ("原文表述", "As stated"),
    "status": ("类型", "Type"),
    "source": ("来源", "Source"),
    "locator": ("出处或算式", "Where stated / worked formula"),
    "note": ("说明", "Note"),
    "indicator_id": ("指标代码", "Indicator ID"),
    "period_code": ("期间代码", "Period code"),
}


def header(key: str, lang: str) -> str:
    zh, en = DISPLAY_COLUMNS[key]
    return en if lang == "en" else zh


def _name_map(frame: pd.DataFrame, key: str, lang: str) -> dict[str, str]:
    return frame.set_index(key)["name_en" if lang == "en" else "name_zh"].to_dict()


def period_labels(codes, lang: str) -> dict[str, str]:
    return {code: parse_period(code).label(lang) for code in set(codes)}


def _labelled(observations: pd.DataFrame, column: str, labels: dict[str, tuple[str, str]],
              lang: str) -> pd.Series:
    """A declared code column in words (预计, 主题教育期间); blank where none is stated."""
    if column not in observations.columns:
        return pd.Series("", index=observations.index)
    index = 1 if lang == "en" else 0
    return observations[column].map({code: pair[index] for code, pair in labels.items()})


def present_observations(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                         lang: str, sentences: bool = False) -> pd.DataFrame:
    """One row per figure with readable, labelled columns; the value stays a number. With
    `sentences`, each row's sentence first (the explorer)."""
    indicators = tables["indicators"].set_index("indicator_id")
    obs = observations
    note = obs["note"] if lang == "zh" else obs["formula_en"].fillna(obs["note"])
    frame = pd.DataFrame({
        "indicator": obs["indicator_id"].map(indicators["name_en" if lang == "en" else "name_zh"]),
        "period": obs["period"].map(period_labels(obs["period"], lang)),
        "scope": _labelled(obs, "period_scope", PERIOD_SCOPES, lang),
        "stage": _labelled(obs, "release_stage", RELEASE_STAGES, lang),
        "area": obs["area_id"].map(_name_map(tables["areas"], "area_id", lang)),
        "industry": obs["industry_id"].map(_name_map(tables["industries"], "industry_id", lang)),
        "qualifier": obs["qualifier"].map(QUALIFIER_SYMBOL),
        "value": obs["value"].astype("float64"),
        "unit": obs["indicator_id"].map(indicators["unit_en" if lang == "en" else "unit_zh"]),
        "stated_as": obs["stated_as"],
        "status": obs["status"].map(lambda status: status_label(status, lang)),
        "source": obs["source_id"].map(source_labels(tables["sources"], lang)),
        "locator": obs["locator"],
        "note": note,
        "indicator_id": obs["indicator_id"],
        "period_code": obs["period"],
    })
    text_columns = ["scope", "stage", "area", "industry", "qualifier", "stated_as", "note"]
    frame[text_columns] = frame[text_columns].fillna("")
    frame.columns = [header(c, lang) for c in frame.columns]
    if sentences:
        from xhdash.sentences import rows_sentences

        frame.insert(0, header("sentence", lang), rows_sentences(observations, tables, lang))
    return frame.reset_index(drop=True)


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
    sep, colon = ("、", "：") if lang == "zh" else (", ", ": ")
    for dimension in DIMENSIONS:
        chosen = getattr(filters, dimension.attribute)
        if chosen:
            names = dimension_labels(dimension, tables, lang)
            parts.append(tr(dimension.label_key, lang) + colon
                         + sep.join(names.get(c, c) for c in chosen))
    if filters.period_from or filters.period_to:
        first = parse_period(filters.period_from).label(lang) if filters.period_from else "…"
        last = parse_period(filters.period_to).label(lang) if filters.period_to else "…"
        parts.append(f"{tr(PERIOD_RANGE.label_key, lang)}{colon}{first}—{last}")
    return ("；" if lang == "zh" else "; ").join(parts) or tr("export_none", lang)


def units_table(indicators: pd.DataFrame, indicator_ids, lang: str) -> pd.DataFrame:
    """Indicator, unit and 口径 for the indicators an export holds."""
    rows = indicators[indicators["indicator_id"].isin(set(indicator_ids))]
    suffix = "en" if lang == "en" else "zh"
    frame = rows[[f"name_{suffix}", f"unit_{suffix}", f"definition_{suffix}"]].copy()
    frame.columns = [header("indicator", lang), header("unit", lang),
                     "Definition" if lang == "en" else "口径"]
    return frame.reset_index(drop=True)


SOURCE_KIND_LABELS = {"primary": ("一手来源", "Primary"), "secondary": ("二手来源", "Secondary"),
                      "derived": ("派生", "Derived"), "imported": ("导入的统计表", "Imported table")}


def sources_table(sources: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every source as a reader cites it (S1 解放日报; an imported table's source as stated),
    never an internal id."""
    suffix = "en" if lang == "en" else "zh"
    index = 1 if lang == "en" else 0
    frame = pd.DataFrame({
        "source": sources["source_id"].map(source_labels(sources, lang)),
        "title": sources[f"title_{suffix}"], "author": sources["author"],
        "date": sources["date"], "address": sources["address"],
        "kind": sources["kind"].map({k: v[index] for k, v in SOURCE_KIND_LABELS.items()}),
    })
    frame.columns = (["Source", "Title", "Author", "Date", "Address", "Kind"] if lang == "en"
                     else ["来源", "标题", "作者", "日期", "地址", "类别"])
    return frame


PLACE_KIND_LABELS: dict[str, tuple[str, str]] = {
    "landmark": ("标志性项目", "Landmark project"),
    "heritage": ("风貌区", "Historic area"),
    "institution": ("科研院所与机构", "Institution"),
    "platform": ("平台", "Platform"),
    "fund": ("基金", "Fund"),
    "service": ("民生设施", "Public facility"),
    "renewal_project": ("旧改与更新项目", "Renewal project"),
    "pilot_unit": ("试点单元", "Pilot unit"),
}


def places_table(places: pd.DataFrame, tables: dict[str, pd.DataFrame], area_ids, kinds,
                 lang: str) -> pd.DataFrame:
    """Named projects and institutions in the given areas (or kinds), with their quote."""
    rows = places
    if area_ids is not None:
        rows = rows[rows["area_id"].isin(set(area_ids))]
    if kinds is not None:
        rows = rows[rows["kind"].isin(kinds)]
    index = 1 if lang == "en" else 0
    frame = pd.DataFrame({
        "name": rows["name_en" if lang == "en" else "name_zh"],
        "kind": rows["kind"].map({k: v[index] for k, v in PLACE_KIND_LABELS.items()}),
        "area": rows["area_id"].map(_name_map(tables["areas"], "area_id", lang)),
        "quote": rows["locator"],
    })
    frame.columns = (["Name", "Kind", "Area", "Source quote (Chinese)"] if lang == "en"
                     else ["名称", "类别", "所在区域", "原文"])
    return frame.reset_index(drop=True)


DIFF_STATE_LABELS = {"new": ("新增", "New"), "changed": ("修改", "Changed"),
                     "unchanged": ("不变", "Unchanged"), "conflicting": ("冲突", "Conflicting")}


def present_diff(diff: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> pd.DataFrame:
    """An import's comparison with the store, readable: state, figure, previous value, where."""
    frame = present_observations(diff, tables, lang)
    index = 1 if lang == "en" else 0
    frame.insert(0, "Change" if lang == "en" else "变化",
                 diff["state"].map({k: v[index] for k, v in DIFF_STATE_LABELS.items()}).values)
    frame.insert(frame.columns.get_loc(header("value", lang)) + 1,
                 "Previous value" if lang == "en" else "原值",
                 pd.to_numeric(diff["previous_value"], errors="coerce").values)
    keep = ["变化" if lang == "zh" else "Change", header("indicator", lang), header("period", lang),
            header("area", lang), header("industry", lang), header("qualifier", lang),
            header("value", lang), "Previous value" if lang == "en" else "原值",
            header("unit", lang), header("locator", lang)]
    return frame[keep]


def present_derived_changes(changes: pd.DataFrame, tables: dict[str, pd.DataFrame],
                            lang: str) -> pd.DataFrame:
    """Derived figures a publish adds, changes or removes: indicator, period, area, values."""
    indicators = tables["indicators"].set_index("indicator_id")
    suffix = "en" if lang == "en" else "zh"
    frame = pd.DataFrame({
        "变化" if lang == "zh" else "Change": changes["state"].map(
            lambda state: tr(f"derived_state_{state}", lang)),
        header("indicator", lang): changes["indicator_id"].map(indicators[f"name_{suffix}"]),
        header("period", lang): changes["period"].map(period_labels(changes["period"], lang)),
        header("area", lang): changes["area_id"].map(_name_map(tables["areas"], "area_id", lang)),
        header("value", lang): pd.to_numeric(changes["value"], errors="coerce"),
        "原值" if lang == "zh" else "Previous value": pd.to_numeric(changes["previous_value"],
                                                                   errors="coerce"),
        header("unit", lang): changes["indicator_id"].map(indicators[f"unit_{suffix}"]),
        header("locator", lang): changes["locator"],
    })
    return frame.reset_index(drop=True)


def present_ranking(ranking: pd.DataFrame, tables: dict[str, pd.DataFrame], indicator_id: str,
                    lang: str) -> pd.DataFrame:
    """A ranking of areas, readable: period, rank, area, value, unit, share of the district
    (derived, with its working), source."""
    indicators = tables["indicators"].set_index("indicator_id")
    suffix = "en" if lang == "en" else "zh"
    frame = pd.DataFrame({
        header("period", lang): ranking["period"].map(period_labels(ranking["period"], lang)),
        tr("rank", lang): ranking["rank"].astype("int64"),
        header("area", lang): ranking["area_id"].map(_name_map(tables["areas"], "area_id", lang)),
        header("qualifier", lang): ranking["qualifier"].map(QUALIFIER_SYMBOL),
        header("value", lang): ranking["value"].astype("float64"),
        header("unit", lang): indicators.loc[indicator_id, f"unit_{suffix}"],
        tr("share_of_district", lang): pd.to_numeric(ranking["share"], errors="coerce").map(
            lambda v: "—" if pd.isna(v) else f"{v:.1f}"),
        tr("share_worked", lang): ranking["share_worked"].fillna(tr("share_none", lang)),
        header("source", lang): ranking["source_id"].map(source_labels(tables["sources"], lang)),
    })
    return frame.reset_index(drop=True)
