"""Every path the project uses, in one place."""

from __future__ import annotations

from pathlib import Path

from xhdash.settings import setting

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
SOURCE_DIR = DATA_DIR / "source"
SHARED_DIR = PROJECT_ROOT.parent / "shared"
FAVICON = PROJECT_ROOT / "assets" / "favicon.png"
DEFAULT_STORE = PROJECT_ROOT / "store"  # git-ignored; published versions live here
STORE_ENV = "XHDASH_STORE"


def store_setting(explicit: str | Path | None = None) -> str:
    """The store's location as given: an explicit path or URI, else $XHDASH_STORE, else the
    project's store/."""
    return str(explicit or setting(STORE_ENV) or DEFAULT_STORE)


def shared_dir() -> Path:
    """The source article (seed/) and source notes (sources/): $XHDASH_SHARED_DIR, else
    ../shared/ beside the project."""
    return Path(str(setting("XHDASH_SHARED_DIR") or SHARED_DIR))
