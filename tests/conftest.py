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
