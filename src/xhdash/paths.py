"""Every path the project uses, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
SOURCE_DIR = DATA_DIR / "source"
SHARED_DIR = PROJECT_ROOT.parent / "shared"
FAVICON = PROJECT_ROOT / "assets" / "favicon.png"
STORE_ENV = "XHDASH_STORE"


def resolve_data_dir(explicit: str | Path | None = None) -> Path:
    """The folder holding the Parquet tables: an explicit path, else $XHDASH_STORE, else data/."""
    chosen = explicit or os.environ.get(STORE_ENV) or DATA_DIR
    return Path(chosen)
