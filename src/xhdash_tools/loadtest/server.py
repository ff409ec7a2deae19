"""A dashboard server for a load test, started as `xhdash serve` starts it (the launcher), with
its log kept in a file: under load a log written to an unread pipe would stall the server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from xhdash.paths import PROJECT_ROOT, STORE_ENV

STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen | None = None,
                 seconds: float = STARTUP_SECONDS) -> None:
    """Until `url`/_stcore/health answers 200; RuntimeError if the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"dashboard server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} not healthy after {seconds:.0f} s")


def start_logged_server(store: str | None = None) -> tuple[subprocess.Popen, str, Path]:
    """A fresh server on a free loopback port: (process, URL, log file)."""
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **({STORE_ENV: store} if store else {})}
    log = Path(tempfile.mkdtemp(prefix="xhdash-loadtest-")) / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "xhdash.serving.launch", str(PROJECT_ROOT / "app.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false"],
            cwd=PROJECT_ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process)
    except RuntimeError:
        stop_server(process)
        raise
    return process, url, log


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
