"""Cached access to the store, keyed on its identity (location, version) and the filter values."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from xhdash.data.store import Store, load_store
from xhdash.data.versions import as_of_identity, current_identity, snapshot_for
from xhdash.meaning.dimensions import DIMENSIONS, dimension_labels
from xhdash.meaning.filters import FilterOptions, Filters, apply_filters, build_filter_options

STORE_CACHE_ENTRIES = 2
VIEW_CACHE_ENTRIES = 8  # row sets of up to the whole store: a few recent filter choices


@st.cache_resource(max_entries=STORE_CACHE_ENTRIES, show_spinner="正在载入数据… Loading data…")
def _load_store_cached(data_dir: str, version: str) -> tuple[Store, FilterOptions]:
    # Shared read-only by all sessions (no per-call copy); the version in the key makes a
    # changed store load afresh.
    store = load_store(snapshot_for(data_dir, version))
    options = build_filter_options(store.tables)
    pa.default_memory_pool().release_unused()  # hand the loading's scratch memory back
    return store, options


def get_store(as_of: str | None = None) -> tuple[Store, FilterOptions]:
    """The store in force (or as published at `as_of`: a version or a date) and its filter
    choices; StoreError when the store is invalid, UnknownVersion for an `as_of` naming none."""
    location, version = current_identity() if as_of is None else as_of_identity(as_of)
    return _load_store_cached(location, version)


@st.cache_resource(max_entries=VIEW_CACHE_ENTRIES, show_spinner=False)
def _filter_cached(data_dir: str, version: str, filters: Filters) -> pd.DataFrame:
    # Shared, not copied per call (a pickled copy of a million rows per rerun); read-only.
    store, options = _load_store_cached(data_dir, version)
    return apply_filters(store.observations, store.indicators, filters, options)


def get_filtered_observations(store: Store, filters: Filters) -> pd.DataFrame:
    """Observations passing the filters, cached on (store version, filter values)."""
    if filters.is_empty():
        return store.observations
    return _filter_cached(store.data_dir, store.version, filters)


@st.cache_resource(max_entries=STORE_CACHE_ENTRIES * 2, show_spinner=False)
def _dimension_names(data_dir: str, version: str, lang: str) -> dict[str, dict[str, str]]:
    store, _ = _load_store_cached(data_dir, version)
    return {d.attribute: dimension_labels(d, store.tables, lang) for d in DIMENSIONS}


def get_dimension_names(store: Store, lang: str) -> dict[str, dict[str, str]]:
    """Each filter dimension's values in words, made once per store version and language."""
    return _dimension_names(store.data_dir, store.version, lang)
