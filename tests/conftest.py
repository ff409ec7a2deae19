"""Shared fixtures: the authored tables, and tiny frames built from them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from xhdash.paths import SOURCE_DIR
from xhdash.tables import build_data, read_source_csvs


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

    A server leaves Streamlit's old folder-based multipage mode (chosen because pages/ sits
    beside app.py) at the first run that calls st.navigation, and never goes back. AppTest
    re-detects that mode before every run, which a real session never sees; this keeps it off
    as on a server. The one run a server makes in that mode, a fresh server's first deep link,
    is covered by the browser tests.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    from xhdash.paths import PROJECT_ROOT

    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    return lambda: AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
