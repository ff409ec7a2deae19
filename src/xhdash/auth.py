"""Editor credentials: salted PBKDF2 hashes kept in a secrets file that is never committed.

The file is TOML with one table:

    [editors]
    wang = "pbkdf2_sha256$600000$<salt>$<hash>"

Streamlit reads it as .streamlit/secrets.toml; XHDASH_EDITORS_FILE names another file. In
production, sign-in through the organisation's identity provider (OIDC, `st.login`) is the
better path; see README.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import secrets
import threading
import tomllib
from pathlib import Path

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
EDITORS_FILE_ENV = "XHDASH_EDITORS_FILE"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


def hash_password(password: str, iterations: int = ITERATIONS) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return "$".join((ALGORITHM, str(iterations), base64.b64encode(salt).decode(),
                     base64.b64encode(digest).decode()))


def verify_password(password: str, stored: str) -> bool:
    """Constant-time check of a password against a stored hash; False for a malformed hash."""
    try:
        algorithm, iterations, salt, expected = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), base64.b64decode(salt),
                                     int(iterations))
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, TypeError):
        return False


_dummy_hash: str | None = None
_dummy_hash_lock = threading.Lock()


def dummy_hash() -> str:
    """A hash of a random password with ITERATIONS, made once per process on first use."""
    global _dummy_hash
    with _dummy_hash_lock:
        if _dummy_hash is None:
            _dummy_hash = hash_password(secrets.token_urlsafe(16))
        return _dummy_hash


def check_editor(name: str, password: str, editors: dict[str, str]) -> bool:
    """Whether `password` is the editor's; an unknown name costs the same PBKDF2 work."""
    stored = editors.get(name)
    if stored is None:  # the same work as a known name, so the name cannot be found by timing
        verify_password(password, dummy_hash())
        return False
    return verify_password(password, stored)


def read_editors_file(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        return {str(k): str(v) for k, v in tomllib.load(handle).get("editors", {}).items()}


def editors_file_from_environment() -> Path | None:
    value = os.environ.get(EDITORS_FILE_ENV)
    return Path(value) if value else None


def add_editor(path: Path, name: str, password: str) -> None:
    """Add or replace one editor in the secrets file, keeping everything else in it."""
    if not NAME_PATTERN.match(name):
        raise ValueError("编辑名只能用字母、数字、点、横线和下划线 / names use letters, digits, . - _")
    if len(password) < 10:
        raise ValueError("密码至少 10 个字符 / the password needs at least 10 characters")
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    line = f'{name} = "{hash_password(password)}"'
    if "[editors]" not in text:
        text = text.rstrip() + ("\n\n" if text.strip() else "") + "[editors]\n" + line + "\n"
    else:
        head, _, tail = text.partition("[editors]")
        rows = tail.split("\n")
        kept = [r for r in rows if not re.match(rf"^\s*{re.escape(name)}\s*=", r)]
        body = "\n".join(kept).lstrip("\n")
        text = head + "[editors]\n" + line + "\n" + body
    write_private_file(path, text)


def write_private_file(path: Path, text: str) -> None:
    """Replace `path` with `text` through a file that is owner-only (0600) from its creation.

    The text goes to a temporary file in the same folder, opened with O_CREAT | O_EXCL and mode
    0600, synced, and then renamed over `path`: the hashes are never in a file anyone else can
    read, and a crash leaves the old file or the new one. A symlink is followed to its target.
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
