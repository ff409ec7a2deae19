"""Shared fixtures: the authored tables, and tiny frames built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from xhdash.data.tables import build_data, read_source_csvs
from xhdash.paths import SOURCE_DIR


@pytest.fixture
def source_frames() -> dict[str, pd.DataFrame]:
    """The authored CSV tables as raw text frames, fresh for each test to break."""
    return read_source_csvs(SOURCE_DIR)


@pytest.fixture
def built_store(tmp_path: Path) -> Path:
    """A store folder built from the authored CSVs in a temporary directory."""
    out = tmp_path / "store"
    build_data(SOURCE_DIR, out)
    return out


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """A writable copy of data/source/."""
    target = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, target)
    return target


@pytest.fixture
def app_test(monkeypatch):
    """A factory of AppTests for app.py, as a running server sees it.

    See xhdash_tools.bench.apptest: AppTest re-detects Streamlit's folder-based multipage mode before
    every run, which a server leaves for good at its first st.navigation call. The one run a
    server makes in that mode, a fresh server's first deep link, is covered by the browser tests.
    """
    from xhdash_tools.bench.apptest import new_app_test, server_like_pages_manager

    monkeypatch.setattr(*server_like_pages_manager())
    return lambda: new_app_test(timeout=60)


@pytest.fixture(autouse=True, scope="session")
def _session_default_store(tmp_path_factory):
    """The project's default store (store/, made from data/ on first use) is one temporary
    folder per test session: tests never read or write the clone's own store/, and a session
    always starts from the data/ it tests."""
    import xhdash.paths

    original = xhdash.paths.DEFAULT_STORE
    xhdash.paths.DEFAULT_STORE = tmp_path_factory.mktemp("default") / "store"
    yield
    xhdash.paths.DEFAULT_STORE = original
