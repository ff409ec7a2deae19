"""A dashboard server on a free local port, for browser tests and the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from xhdash.paths import PROJECT_ROOT
from xhdash_tools.loadtest.server import free_port, stop_server, wait_healthy

STARTUP_SECONDS = 60
__all__ = ["start_server", "stop_server"]  # stop_server: the load harness's, shared


def start_server(extra_env: dict[str, str] | None = None, app: Path | None = None,
                 port: int | None = None) -> tuple[subprocess.Popen, str]:
    """A server on `port` (a free one when not given) and its URL, once it answers."""
    port = port or free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "xhdash.serving.launch", str(app or PROJECT_ROOT / "app.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    wait_healthy(url, process, STARTUP_SECONDS)
    return process, url
