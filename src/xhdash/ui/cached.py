"""What a page computes, cached on (store version, filter values, language) — never on frames.

Objects come from st.cache_resource, shared and not copied: a Plotly figure would be
re-validated on every unpickle, which costs more than building it. Callers must not mutate.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from xhdash.charts import chart_rows, make_chart_figure, make_structure_figure
from xhdash.filters import Filters
from xhdash.page_specs import ChartSpec
from xhdash.ui.data_access import _load_store_cached as load_cached_store
from xhdash.ui.data_access import get_filtered_observations
from xhdash.views import (
    Card,
    build_card,
    present_observations,
    profile_lines,
    search_indicators,
    summary_sentences,
    zone_coverage,
)

PAGE_CACHE_ENTRIES = 256
EXPLORER_CACHE_ENTRIES = 8  # whole row sets: few


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
    return summary_sentences(observations, store.indicators, ids, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _profile(data_dir: str, version: str, filters: Filters, lang: str,
             ids: tuple[str, ...]) -> list[str]:
    store, observations = _observations(data_dir, version, filters)
    return profile_lines(observations, store.tables, ids, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _chart(data_dir: str, version: str, filters: Filters, lang: str,
           spec: ChartSpec) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    store, observations = _observations(data_dir, version, filters)
    rows = chart_rows(observations, spec)
    if rows.empty:
        return rows, None, rows
    return rows, make_chart_figure(rows, spec, store.tables, lang), present_observations(
        rows, store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _domain_table(data_dir: str, version: str, filters: Filters, lang: str,
                  domains: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    store, observations = _observations(data_dir, version, filters)
    wanted = store.indicators.loc[store.indicators["domain_id"].isin(domains), "indicator_id"]
    rows = observations[observations["indicator_id"].isin(wanted)]
    return rows, present_observations(rows, store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _structure(data_dir: str, version: str, lang: str) -> go.Figure:
    store, _ = load_cached_store(data_dir, version)
    return make_structure_figure(store.tables, lang)


@st.cache_resource(max_entries=EXPLORER_CACHE_ENTRIES, show_spinner=False)
def _explorer_rows(data_dir: str, version: str, filters: Filters, query: str) -> pd.DataFrame:
    store, observations = _observations(data_dir, version, filters)
    if not query:
        return observations
    return observations[observations["indicator_id"].isin(
        search_indicators(store.indicators, query))]


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _explorer_shown(data_dir: str, version: str, filters: Filters, query: str, lang: str,
                    limit: int) -> pd.DataFrame:
    store, _ = load_cached_store(data_dir, version)
    rows = _explorer_rows(data_dir, version, filters, query)
    return present_observations(rows.head(limit), store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _zone_table(data_dir: str, version: str, filters: Filters, lang: str,
                areas: frozenset[str]) -> pd.DataFrame:
    store, observations = _observations(data_dir, version, filters)
    return present_observations(observations[observations["area_id"].isin(areas)],
                                store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _zone_coverage(data_dir: str, version: str, filters: Filters) -> dict[str, set[str]]:
    store, observations = _observations(data_dir, version, filters)
    _, options = load_cached_store(data_dir, version)
    return zone_coverage(observations, store.tables, options.area_children)


def _key(ctx) -> tuple[str, str, Filters, str]:
    # the store this run loaded, not a fresh look-up: a publish mid-run must not pair the new
    # folder with the old version
    return ctx.store.data_dir, ctx.store.version, ctx.filters, ctx.lang


def explorer_rows(ctx, query: str) -> pd.DataFrame:
    """Every observation under the current filters and search, as stored (not presented: at a
    million rows a presented copy per filter would not fit)."""
    return _explorer_rows(ctx.store.data_dir, ctx.store.version, ctx.filters, query)


def explorer_shown(ctx, query: str, limit: int) -> pd.DataFrame:
    """The first `limit` of those rows, presented: what the explorer's table shows."""
    return _explorer_shown(ctx.store.data_dir, ctx.store.version, ctx.filters, query, ctx.lang,
                           limit)


def zone_table(ctx, areas: set[str]) -> pd.DataFrame:
    """Every figure for a zone and the areas inside it, presented."""
    return _zone_table(*_key(ctx), frozenset(areas))


def zone_figures_coverage(ctx) -> dict[str, set[str]]:
    return _zone_coverage(*_key(ctx)[:3])


def structure_figure(ctx) -> go.Figure:
    return _structure(ctx.store.data_dir, ctx.store.version, ctx.lang)


def cards(ctx, ids: tuple[str, ...]) -> list[Card]:
    return _cards(*_key(ctx), tuple(ids))


def sentences(ctx, ids: tuple[str, ...]) -> list[str]:
    return _sentences(*_key(ctx), tuple(ids))


def profile(ctx, ids: tuple[str, ...]) -> list[str]:
    return _profile(*_key(ctx), tuple(ids))


def chart(ctx, spec: ChartSpec) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    """(rows, figure, table view) of a declared chart under the current filters."""
    return _chart(*_key(ctx), spec)


def domain_table(ctx, domains: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _domain_table(*_key(ctx), tuple(domains))
