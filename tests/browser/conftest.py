"""Browser tests: a fresh dashboard server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from xhdash.paths import PROJECT_ROOT
from xhdash_tools.bench.server import start_server, stop_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "artifacts" / "screenshots"
__all__ = ["start_server", "stop_server"]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"browser tests need Debian's Chromium at {CHROMIUM}: "
                    "apt-get install -y chromium fonts-noto-cjk (.ci/run does this)")


@pytest.fixture(scope="session")
def dashboard_url():
    require_chromium()
    process, url = start_server()
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def base_url(dashboard_url):
    return dashboard_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768},
            "accept_downloads": True, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def cjk_font_installed() -> bool:
    if not shutil.which("fc-list"):
        return False
    listing = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return "CJK" in listing
