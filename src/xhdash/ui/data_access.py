"""Cached access to the store, keyed on the store folder and its version."""

from __future__ import annotations

import streamlit as st

from xhdash.paths import resolve_data_dir
from xhdash.store import Store, load_store
from xhdash.tables import store_version

STORE_CACHE_ENTRIES = 2


@st.cache_resource(max_entries=STORE_CACHE_ENTRIES, show_spinner=False)
def _load_store_cached(data_dir: str, version: str) -> Store:
    # Shared read-only across sessions; `version` is in the key so a new store loads afresh.
    from pathlib import Path

    return load_store(Path(data_dir))


def get_store() -> Store:
    """The current store; raises StoreError (shown by the app as a message) when invalid."""
    data_dir = resolve_data_dir()
    return _load_store_cached(str(data_dir), store_version(data_dir))
