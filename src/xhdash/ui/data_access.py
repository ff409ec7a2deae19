"""Cached access to the store, keyed on the store folder, its version and the filter values."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from xhdash.dimensions import DIMENSIONS, dimension_labels
from xhdash.filters import FilterOptions, Filters, apply_filters, build_filter_options
from xhdash.storage import as_location
from xhdash.store import Store, load_store
from xhdash.tables import store_version
from xhdash.versions import locate_tables

STORE_CACHE_ENTRIES = 2
VIEW_CACHE_ENTRIES = 8  # row sets of up to the whole store: a few recent filter choices


@st.cache_resource(max_entries=STORE_CACHE_ENTRIES, show_spinner="正在载入数据… Loading data…")
def _load_store_cached(data_dir: str, version: str) -> tuple[Store, FilterOptions]:
    # Shared read-only by all sessions (no per-call copy); the version in the key makes a
    # changed store load afresh.
    store = load_store(as_location(data_dir))
    options = build_filter_options(store.tables)
    pa.default_memory_pool().release_unused()  # hand the loading's scratch memory back
    return store, options


def get_store() -> tuple[Store, FilterOptions]:
    """The current store and its filter choices; raises StoreError when the store is invalid."""
    data_dir = locate_tables()
    return _load_store_cached(str(data_dir), store_version(data_dir))


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
