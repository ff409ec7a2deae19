"""What a page computes, cached on (store version, filter values, language) — never on frames.

Objects come from st.cache_resource, shared and not copied: a Plotly figure would be
re-validated on every unpickle, which costs more than building it. Callers must not mutate.
"""

from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from xhdash.data.schema import COMPARABLE_LEVELS
from xhdash.i18n import col, tr
from xhdash.meaning.attention import Attention, attention_items
from xhdash.meaning.cards import Card, build_card, latest_sentences, profile_lines
from xhdash.meaning.changes import latest_publish as publish_changes
from xhdash.meaning.city_rank import city_rank_sentences, find_city_ranks
from xhdash.meaning.comparison import change_between as areas_change_between
from xhdash.meaning.comparison import (
    comparable_indicators,
    comparison_rows,
    level_areas,
    present_change,
    rank_areas,
)
from xhdash.meaning.comparison import comparison_periods as periods_of_comparison
from xhdash.meaning.filters import Filters
from xhdash.meaning.leader import leader_table
from xhdash.meaning.page_specs import ChartSpec
from xhdash.meaning.plain import escape_markdown
from xhdash.meaning.progress import standing_sentences
from xhdash.meaning.views import Selection, present_observations, present_ranking, select_rows
from xhdash.output.charts import (
    chart_frequencies,
    chart_rows,
    describe_chart,
    frequency_note,
    make_chart_figure,
    sentences_instead_of_chart,
    source_line,
)
from xhdash.output.city_chart import city_rank_rows, city_rank_source, make_city_rank_figure
from xhdash.serving.ui.asof import as_of_line
from xhdash.serving.ui.data_access import _load_store_cached as load_cached_store
from xhdash.serving.ui.data_access import get_filtered_observations

PAGE_CACHE_ENTRIES = 256
CHANGES_CACHE_ENTRIES = 8  # per (store version, language): two versions' figures compared
ROWS_CACHE_ENTRIES = 8  # whole row sets: a few recent ones


def _observations(data_dir: str, version: str, filters: Filters) -> tuple:
    store, _ = load_cached_store(data_dir, version)
    return store, get_filtered_observations(store, filters)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _cards(data_dir: str, version: str, filters: Filters, lang: str,
           ids: tuple[str, ...]) -> list[Card]:
    store, observations = _observations(data_dir, version, filters)
    return [build_card(observations, store.tables, i, lang) for i in ids]


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _sentences(data_dir: str, version: str, filters: Filters, lang: str,
               ids: tuple[str, ...]) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return latest_sentences(observations, store.tables, ids, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _standings(data_dir: str, version: str, filters: Filters, lang: str) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return standing_sentences(observations, store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _attention(data_dir: str, version: str, filters: Filters, lang: str) -> list[Attention]:
    store, observations = _observations(data_dir, version, filters)
    return attention_items(observations, store.tables, lang)


@st.cache_resource(max_entries=CHANGES_CACHE_ENTRIES, show_spinner=False)
def _latest_publish(data_dir: str, version: str, lang: str) -> tuple[str, list[str]] | None:
    store, _ = load_cached_store(data_dir, version)
    return publish_changes(store, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _as_of(data_dir: str, version: str, filters: Filters, lang: str) -> str:
    _, observations = _observations(data_dir, version, filters)
    return as_of_line(observations, data_dir, lang, version)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _city_rank_figures(data_dir: str, version: str, filters: Filters, lang: str
                       ) -> list[tuple[go.Figure, str]]:
    store, observations = _observations(data_dir, version, filters)
    charts = []
    for rank in find_city_ranks(observations, store.tables):
        rows = city_rank_rows(observations, store.tables, rank)
        charts.append((make_city_rank_figure(rows, store.tables, rank, lang),
                       escape_markdown(city_rank_source(rows, store.tables, lang))))
    return charts


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _city_ranks(data_dir: str, version: str, filters: Filters, lang: str) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return city_rank_sentences(observations, store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _leader(data_dir: str, version: str, filters: Filters, lang: str,
            ids: tuple[str, ...]) -> pd.DataFrame:
    store, observations = _observations(data_dir, version, filters)
    return leader_table(observations, store.tables, ids, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _profile(data_dir: str, version: str, filters: Filters, lang: str,
             ids: tuple[str, ...]) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return profile_lines(observations, store.tables, ids, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _chart(data_dir: str, version: str, filters: Filters, lang: str,
           spec: ChartSpec) -> BuiltChart:
    store, observations = _observations(data_dir, version, filters)
    rows = chart_rows(observations, spec, filters.frequency)
    note = frequency_note(rows, chart_frequencies(observations, spec),
                          filters.frequency is not None, lang)
    return _built_chart(rows, spec, store.tables, lang, note)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _full_years(data_dir: str, version: str, filters: Filters, lang: str,
                spec: ChartSpec) -> BuiltChart | None:
    """The chart's whole years, when it draws a year to date (its latest figures) and the
    reader has not chosen a frequency: 1-9月 is not set against the last whole year in one
    chart, yet the years stay in view beside it."""
    store, observations = _observations(data_dir, version, filters)
    available = chart_frequencies(observations, spec)
    if filters.frequency is not None or "year" not in available or available[0] == "year":
        return None
    rows = chart_rows(observations, spec, "year")
    built = _built_chart(rows, spec, store.tables, lang, tr("chart_full_years_note", lang))
    if built.figure is None:
        return None
    figure = go.Figure(built.figure)  # a copy: the cached year-to-date figure stays as it is
    # the title is escaped already; the words added are the catalogue's
    figure.update_layout(title_text=tr("chart_full_years_title", lang,
                                       title=built.figure.layout.title.text))
    return built._replace(figure=figure)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _comparable_levels(data_dir: str, version: str, filters: Filters
                       ) -> dict[str, list[str]]:
    store, observations = _observations(data_dir, version, filters)
    indicators = store.indicators.reset_index(drop=True)
    order = {i: (kind != "level", n) for n, (i, kind) in
             enumerate(zip(indicators["indicator_id"], indicators["kind"], strict=True))}
    levels = {level: sorted(comparable_indicators(
        observations, level_areas(store.tables["areas"], level)), key=order.get)
        for level in COMPARABLE_LEVELS}
    return {level: ids for level, ids in levels.items() if ids}


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _comparison_periods(data_dir: str, version: str, filters: Filters, level: str,
                        indicator_id: str) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return periods_of_comparison(observations, indicator_id,
                                 level_areas(store.tables["areas"], level))


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _area_comparison(data_dir: str, version: str, filters: Filters, lang: str, level: str,
                     spec: ChartSpec, periods: tuple[str, ...]
                     ) -> tuple[BuiltChart, pd.DataFrame, list[str]]:
    store, observations = _observations(data_dir, version, filters)
    area_ids = level_areas(store.tables["areas"], level)
    indicator_id = spec.indicators[0]
    rows = comparison_rows(observations, indicator_id, area_ids, list(periods))
    is_level = store.indicators.set_index("indicator_id").loc[indicator_id, "kind"] == "level"
    ranking = present_ranking(rank_areas(rows, observations, is_level), store.tables,
                              indicator_id, lang)
    names = store.tables["areas"].set_index("area_id")[col("name", lang)]
    missing = [names[a] for a in area_ids if a not in set(rows["area_id"])]
    return _built_chart(rows, spec, store.tables, lang), ranking, missing


class BuiltChart(NamedTuple):
    rows: pd.DataFrame  # exactly the figures drawn
    figure: go.Figure | None
    display: pd.DataFrame  # the table view and the CSV
    caption: str = ""  # sources, frequency, legends, as Markdown-safe text
    description: str = ""  # the chart in words, for screen readers (HTML-escaped)
    sentences: tuple[str, ...] = ()  # said in place of a chart with nothing to compare


def _built_chart(rows: pd.DataFrame, spec: ChartSpec, tables: dict[str, pd.DataFrame],
                 lang: str, note: str = "") -> BuiltChart:
    """Everything a chart block draws, made once per store version, filters and language."""
    if rows.empty:
        return BuiltChart(rows, None, rows)
    instead = tuple(sentences_instead_of_chart(rows, tables, lang))
    notes = [source_line(rows, tables["sources"], lang)]
    if note:
        notes.append(note)
    for status, key in (("derived", "derived_legend"), ("interpreted", "interpreted_legend")):
        if rows["status"].eq(status).any() and not instead:  # how bars are drawn
            notes.append(tr(key, lang))
    if spec.click and not instead:
        notes.append(tr("click_hint", lang))
    return BuiltChart(rows, make_chart_figure(rows, spec, tables, lang),
                      present_observations(rows, tables, lang), escape_markdown("　".join(notes)),
                      html.escape(describe_chart(rows, spec, tables, lang)), instead)


@st.cache_resource(max_entries=ROWS_CACHE_ENTRIES, show_spinner=False)
def _rows(data_dir: str, version: str, filters: Filters, selection: Selection) -> pd.DataFrame:
    store, observations = _observations(data_dir, version, filters)
    return select_rows(observations, store.indicators, selection)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _shown(data_dir: str, version: str, filters: Filters, selection: Selection, lang: str,
           limit: int, sentences: bool) -> pd.DataFrame:
    store, _ = load_cached_store(data_dir, version)
    rows = _rows(data_dir, version, filters, selection)
    return present_observations(rows.head(limit), store.tables, lang, sentences)


def _key(ctx) -> tuple[str, str, Filters, str]:
    # the store this run loaded, not a fresh look-up: a publish mid-run must not pair the new
    # folder with the old version
    return ctx.store.data_dir, ctx.store.version, ctx.filters, ctx.lang


def cards(ctx, ids: tuple[str, ...]) -> list[Card]:
    return _cards(*_key(ctx), tuple(ids))


def sentences(ctx, ids: tuple[str, ...]) -> list[str]:
    return _sentences(*_key(ctx), tuple(ids))


def standings(ctx) -> list[str]:
    """A sentence for every figure with a year's target: completion and 序时进度."""
    return _standings(*_key(ctx))


def attention(ctx) -> list[Attention]:
    """需关注: below target or time progress, growth turning negative, rank falling."""
    return _attention(*_key(ctx))


def latest_publish(ctx) -> tuple[str, list[str]] | None:
    """What the version in force changed (when, which file, old → new); None for the shipped
    data, a restore or a plain folder of tables."""
    if ctx.store.version_number is None:
        return None
    return _latest_publish(ctx.store.data_dir, ctx.store.version, ctx.lang)


def as_of(ctx) -> str:
    """徐汇区 · 数据截至2024年12月 · 更新于2026-12-07 22:21 for the figures the filters keep."""
    return _as_of(*_key(ctx))


def city_rank_figures(ctx) -> list[tuple[go.Figure, str]]:
    """A ranked chart of the districts for each indicator Xuhui is ranked on, Xuhui marked."""
    return _city_rank_figures(*_key(ctx))


def city_ranks(ctx) -> list[str]:
    """Xuhui's computed place among the districts with figures (by value and growth)."""
    return _city_ranks(*_key(ctx))


def leader(ctx, ids: tuple[str, ...]) -> pd.DataFrame:
    """The leader's table (主要指标) of `ids` and every indicator with a target (keyed columns)."""
    return _leader(*_key(ctx), tuple(ids))


def profile(ctx, ids: tuple[str, ...]) -> list[str]:
    return _profile(*_key(ctx), tuple(ids))


def chart(ctx, spec: ChartSpec) -> BuiltChart:
    """(rows, figure, table view) of a declared chart under the current filters."""
    return _chart(*_key(ctx), spec)


def full_years(ctx, spec: ChartSpec) -> BuiltChart | None:
    """The chart's whole years beside its year to date (None when it draws years already)."""
    return _full_years(*_key(ctx), spec)


def rows(ctx, selection: Selection) -> pd.DataFrame:
    """The selected observations under the current filters, as stored. Never presented whole
    here: at a million rows a presented copy per filter would not fit; downloads present them
    when clicked."""
    return _rows(ctx.store.data_dir, ctx.store.version, ctx.filters, selection)


def shown(ctx, selection: Selection, limit: int, sentences: bool = False) -> pd.DataFrame:
    """The first `limit` selected rows, presented: what a table shows (with each row's
    sentence, for the explorer)."""
    return _shown(*_key(ctx)[:3], selection, ctx.lang, limit, sentences)


def comparable_levels(ctx) -> dict[str, list[str]]:
    """The area levels (zone, street) with indicators to compare, and those indicators."""
    return _comparable_levels(*_key(ctx)[:3])


def comparison_periods(ctx, level: str, indicator_id: str) -> list[str]:
    return _comparison_periods(*_key(ctx)[:3], level, indicator_id)


def area_comparison(ctx, level: str, spec: ChartSpec, periods: tuple[str, ...]
                    ) -> tuple[BuiltChart, pd.DataFrame, list[str]]:
    """(chart, ranking table, areas without a figure) of `spec`'s indicator for the areas of a
    level."""
    return _area_comparison(*_key(ctx), level, spec, periods)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _change_between(data_dir: str, version: str, filters: Filters, lang: str, level: str,
                    indicator_id: str, before: str, now: str) -> tuple[pd.DataFrame, str | None]:
    store, observations = _observations(data_dir, version, filters)
    areas = store.tables["areas"]
    frame, note = areas_change_between(observations, indicator_id, level_areas(areas, level),
                                       before, now)
    return present_change(frame, areas, before, now, lang), note


def change_between(ctx, level: str, indicator_id: str, before: str, now: str
                   ) -> tuple[pd.DataFrame, str | None]:
    """Each area's 增量, 增速 and contribution between two periods (shown), and the one note."""
    return _change_between(*_key(ctx), level, indicator_id, before, now)


def comparison_spec(level: str, indicator_id: str, indicators: pd.DataFrame,
                    by_value: bool = True) -> ChartSpec:
    """The chart comparing the areas of `level` on one indicator (`indicators` by id), largest
    first unless the map order is asked for."""
    return ChartSpec(f"compare_{level}_{indicator_id}", *(
        tr("compare_chart_title", language, level=tr(f"compare_level_{level}", language),
           indicator=indicators.loc[indicator_id, f"name_{language}"])
        for language in ("zh", "en")), (indicator_id,), "by_area", by_value=by_value)


def main_comparison(ctx) -> BuiltChart | None:
    """The wall's comparison: the first level's first indicator for its latest period."""
    levels = comparable_levels(ctx)
    if not levels:
        return None
    level = next(iter(levels))
    indicator_id = levels[level][0]
    periods = comparison_periods(ctx, level, indicator_id)
    if not periods:
        return None
    spec = comparison_spec(level, indicator_id, ctx.store.indicators.set_index("indicator_id"))
    built, _ranking, _missing = area_comparison(ctx, level, spec, tuple(periods[:1]))
    return built
