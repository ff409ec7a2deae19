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
    Selection,
    build_card,
    present_observations,
    profile_lines,
    select_rows,
    summary_sentences,
    zone_coverage,
)

PAGE_CACHE_ENTRIES = 256
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
    return _built_chart(chart_rows(observations, spec), spec, store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _zone_chart(data_dir: str, version: str, filters: Filters, lang: str,
                spec: ChartSpec) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    store, observations = _observations(data_dir, version, filters)
    zones = store.tables["areas"].query("level == 'zone'")["area_id"]
    rows = observations[observations["indicator_id"].isin(spec.indicators)
                        & observations["area_id"].isin(zones)]
    return _built_chart(rows, spec, store.tables, lang)


def _built_chart(rows: pd.DataFrame, spec: ChartSpec, tables: dict[str, pd.DataFrame],
                 lang: str) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    if rows.empty:
        return rows, None, rows
    return rows, make_chart_figure(rows, spec, tables, lang), present_observations(
        rows, tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _structure(data_dir: str, version: str, lang: str) -> go.Figure:
    store, _ = load_cached_store(data_dir, version)
    return make_structure_figure(store.tables, lang)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _zone_coverage(data_dir: str, version: str, filters: Filters) -> dict[str, set[str]]:
    store, observations = _observations(data_dir, version, filters)
    _, options = load_cached_store(data_dir, version)
    return zone_coverage(observations, store.tables, options.area_children)


@st.cache_resource(max_entries=ROWS_CACHE_ENTRIES, show_spinner=False)
def _rows(data_dir: str, version: str, filters: Filters, selection: Selection) -> pd.DataFrame:
    store, observations = _observations(data_dir, version, filters)
    return select_rows(observations, store.indicators, selection)


@st.cache_resource(max_entries=PAGE_CACHE_ENTRIES, show_spinner=False)
def _shown(data_dir: str, version: str, filters: Filters, selection: Selection, lang: str,
           limit: int) -> pd.DataFrame:
    store, _ = load_cached_store(data_dir, version)
    rows = _rows(data_dir, version, filters, selection)
    return present_observations(rows.head(limit), store.tables, lang)


def _key(ctx) -> tuple[str, str, Filters, str]:
    # the store this run loaded, not a fresh look-up: a publish mid-run must not pair the new
    # folder with the old version
    return ctx.store.data_dir, ctx.store.version, ctx.filters, ctx.lang


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


def rows(ctx, selection: Selection) -> pd.DataFrame:
    """The selected observations under the current filters, as stored. Never presented whole
    here: at a million rows a presented copy per filter would not fit; downloads present them
    when clicked."""
    return _rows(ctx.store.data_dir, ctx.store.version, ctx.filters, selection)


def shown(ctx, selection: Selection, limit: int) -> pd.DataFrame:
    """The first `limit` selected rows, presented: what a table shows."""
    return _shown(*_key(ctx)[:3], selection, ctx.lang, limit)


def zone_chart(ctx, spec: ChartSpec) -> tuple[pd.DataFrame, go.Figure | None, pd.DataFrame]:
    """(rows, figure, table view) of `spec`'s indicator across the five zones."""
    return _zone_chart(*_key(ctx), spec)
