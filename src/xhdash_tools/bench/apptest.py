"""AppTests of app.py as a running server sees it (shared by the tests and the benchmark)."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from xhdash.paths import PROJECT_ROOT

_ORIGINAL_INIT = PagesManager.__init__


def _init_as_on_a_server(self, *args, **kwargs):
    _ORIGINAL_INIT(self, *args, **kwargs)
    # A server leaves the folder-based multipage mode (chosen because pages/ sits beside
    # app.py) at the first run that calls st.navigation and never goes back; AppTest
    # re-detects that mode before every run, which a real session never sees.
    PagesManager.uses_pages_directory = False


def server_like_pages_manager() -> tuple[type, str, object]:
    """What to patch, for monkeypatch.setattr(*server_like_pages_manager())."""
    return PagesManager, "__init__", _init_as_on_a_server


def new_app_test(timeout: float = 120) -> AppTest:
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=timeout)
