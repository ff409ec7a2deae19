"""Start and stop tests/oidc/provider.mjs: an OpenID Connect provider on a free loopback port.

Its one npm package is pinned in package.json and installed into tests/oidc/node_modules on first
use (`.ci/run` installs it up front); no lock file is kept.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import time
from pathlib import Path

import pytest

OIDC_DIR = Path(__file__).resolve().parent
PROVIDER_SCRIPT = OIDC_DIR / "provider.mjs"
NODE_MAJOR_NEEDED = 20  # oidc-provider 9 is ESM and needs Node.js 20 or later
NPM_INSTALL = ["npm", "install", "--no-audit", "--no-fund", "--no-package-lock", "--silent"]
START_SECONDS = 30
CLIENT_ID = "xhdash"


def require_node() -> None:
    """Fail (not skip) where Node.js or npm is missing or too old: the sign-in tests need them."""
    if not shutil.which("node") or not shutil.which("npm"):
        pytest.fail("the sign-in tests need Node.js >= 20 and npm (apt-get install -y nodejs npm)")
    version = subprocess.run(["node", "-v"], capture_output=True, text=True).stdout.strip()
    major = re.match(r"v(\d+)", version)
    if major is None or int(major.group(1)) < NODE_MAJOR_NEEDED:
        pytest.fail(f"oidc-provider 9 needs Node.js >= {NODE_MAJOR_NEEDED}, found {version!r}")


def ensure_installed() -> None:
    """npm install into tests/oidc/node_modules when oidc-provider is not there yet."""
    require_node()
    if (OIDC_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
        return
    done = subprocess.run(NPM_INSTALL, cwd=OIDC_DIR, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"npm install in {OIDC_DIR} failed: {done.stderr[-2000:]}")


def start_provider(redirect_uri: str, client_secret: str,
                   accounts: dict[str, dict] | None = None) -> tuple[subprocess.Popen, str]:
    """The provider process and its issuer URL, once it answers."""
    ensure_installed()
    env = {**os.environ, "OIDC_REDIRECT_URI": redirect_uri, "OIDC_CLIENT_ID": CLIENT_ID,
           "OIDC_CLIENT_SECRET": client_secret}
    if accounts is not None:
        env["OIDC_ACCOUNTS"] = json.dumps(accounts)
    process = subprocess.Popen(["node", str(PROVIDER_SCRIPT)], cwd=OIDC_DIR, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the OIDC provider exited with {process.returncode}")
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            if line.strip():
                return process, json.loads(line)["issuer"]
    stop_provider(process)
    raise RuntimeError(f"the OIDC provider did not start in {START_SECONDS} s")


def stop_provider(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
