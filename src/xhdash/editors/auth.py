"""Editor credentials: salted PBKDF2 hashes kept in a secrets file that is never committed.

The file is TOML with one table:

    [editors]
    wang = "pbkdf2_sha256$600000$<salt>$<hash>"

Streamlit reads it as .streamlit/secrets.toml; XHDASH_EDITORS_FILE names another file.

Where Streamlit's secrets configure an identity provider (`[auth]` with `[auth.xhdash]`), editors
sign in through it (OpenID Connect, `st.login`) and the password form is not offered. A person's
role — viewer, editor or approver — comes from a claim of their ID token (XHDASH_OIDC_ROLES_CLAIM,
`roles` by default) or from the editors' file, which may list e-mail addresses or subjects:

    [provider_roles]
    "wang@xuhui.example" = "editor"
    "li@xuhui.example" = "approver"

A signed-in person with neither is a viewer. Both ways of signing in give the same `Identity`:
the name shown in the sidebar, the versions and the audit trail (a display name, never the
provider's subject id) and a role.

Sign-in attempts go through a LoginThrottle, counted per name and per session across the
server (across every replica when XHDASH_THROTTLE_REDIS names a shared Redis: shared_throttle.py):
growing delays after a few failures, and a lockout of the name after many. A refused attempt
never looks at the password. Setting a new password for a name (`xhdash add-editor`) lifts its
lockout, since the name is counted together with its stored hash.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
import tomllib
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from xhdash.paths import PROJECT_ROOT
from xhdash.settings import setting

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
EDITORS_FILE_ENV = "XHDASH_EDITORS_FILE"
ROLES_CLAIM_ENV = "XHDASH_OIDC_ROLES_CLAIM"
MAX_AGE_ENV = "XHDASH_OIDC_MAX_AGE_HOURS"
PROVIDER_ROLES_TABLE = "provider_roles"  # the editors' file's list of e-mails/subjects → role
VIEWER, EDITOR, APPROVER = "viewer", "editor", "approver"
ROLES = (VIEWER, EDITOR, APPROVER)  # each one may do what the ones before it may
NAME_CLAIMS = ("name", "preferred_username", "email")  # the first one given names the person
DISPLAY_NAME_CHARS = 80
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")

THROTTLE_FREE_FAILURES = 3  # failures (of a name or a session) before any delay
THROTTLE_FIRST_DELAY_SECONDS = 1.0  # wait after the 3rd failure; doubles with each further one
THROTTLE_MAX_DELAY_SECONDS = 30.0  # the longest delay: 1, 2, 4, 8, 16, 30, 30 s
LOCKOUT_FAILURES = 10  # failures of one name within the window that lock it
LOCKOUT_WINDOW_SECONDS = 15 * 60  # failures older than this are forgotten
LOCKOUT_SECONDS = 15 * 60  # how long a locked name is refused, even with the right password
THROTTLE_MAX_ENTRIES = 10_000  # names and sessions remembered at once (oldest forgotten first)
THROTTLE_NAME_CHARS = 64  # of a typed name, the characters kept as its key (names have at most 40)
CHECK_SECONDS_SMOOTHING = 0.2  # weight of the latest check in the typical check time


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


def editors_file() -> Path:
    """The one editors' file every command and the app read and write: XHDASH_EDITORS_FILE, else
    the project's .streamlit/secrets.toml (where Streamlit also finds `[auth]`)."""
    value = setting(EDITORS_FILE_ENV)
    return Path(str(value)) if value else PROJECT_ROOT / ".streamlit" / "secrets.toml"


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
    read, and a crash leaves the old file or the new one. A symlink is followed to its target,
    and the new file keeps the old one's owner where allowed (root updating the app's file).
    """
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        if target.exists():
            old = target.stat()
            with contextlib.suppress(PermissionError):
                os.fchown(descriptor, old.st_uid, old.st_gid)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Identity:
    """Who is signed in, however they signed in: the name every page and record shows, and what
    they may do."""

    name: str  # a display name or an editor's account name, never a provider's subject id
    role: str  # one of ROLES
    by_provider: bool = False  # signed in through the identity provider (else a password)
    stale: bool = False  # the provider's sign-in is older than XHDASH_OIDC_MAX_AGE_HOURS

    @property
    def can_edit(self) -> bool:
        return self.role in (EDITOR, APPROVER) and bool(self.name) and not self.stale

    @property
    def can_approve(self) -> bool:
        return self.role == APPROVER and self.can_edit


def password_identity(name: str, approver_names: set[str]) -> Identity:
    """An editor signed in with the password form: an approver when `[approvers]` names them."""
    return Identity(name, APPROVER if name in approver_names else EDITOR)


def roles_claim() -> str:
    """The ID token's claim that holds a person's roles (XHDASH_OIDC_ROLES_CLAIM)."""
    return str(setting(ROLES_CLAIM_ENV)).strip()


def claimed_roles(value: object) -> set[str]:
    """The known roles in a claim's value: a list of strings, or one string separated by spaces
    or commas (providers do both); any other value or word grants nothing."""
    if isinstance(value, str):
        words = re.split(r"[\s,]+", value)
    elif isinstance(value, list | tuple):
        words = [word for word in value if isinstance(word, str)]
    else:
        return set()
    return {word.strip().lower() for word in words} & set(ROLES)


def listed_role(claims: Mapping[str, object], listed: Mapping[str, str]) -> str:
    """The role the editors' file gives this person, by subject or by a verified e-mail address
    (one the provider marks unverified counts for nothing)."""
    keys = []
    if isinstance(claims.get("sub"), str):
        keys.append(str(claims["sub"]))
    email = claims.get("email")
    if isinstance(email, str) and claims.get("email_verified") is not False:
        keys.append(email.strip().lower())
    return highest_role(listed[key] for key in keys if key in listed)


def highest_role(roles) -> str:
    known = [ROLES.index(role) for role in roles if role in ROLES]
    return ROLES[max(known)] if known else VIEWER


def display_name(claims: Mapping[str, object]) -> str:
    """The person's name from their claims (name, else username, else e-mail); "" if none."""
    for claim in NAME_CLAIMS:
        value = claims.get(claim)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())[:DISPLAY_NAME_CHARS]
    return ""


def max_age_hours() -> float:
    """How long a sign-in through the provider carries an editor's rights
    (XHDASH_OIDC_MAX_AGE_HOURS)."""
    return float(setting(MAX_AGE_ENV))


def is_stale(claims: Mapping[str, object], max_age_seconds: float, now: float) -> bool:
    """Whether the ID token was issued (`iat`) longer ago than `max_age_seconds`; a token that
    does not say when it was issued is stale. Streamlit keeps its cookie for 30 days, so a role
    withdrawn at the provider would otherwise last that long."""
    issued = claims.get("iat")
    if isinstance(issued, bool) or not isinstance(issued, int | float):
        return True
    return now - float(issued) > max_age_seconds


def provider_identity(claims: Mapping[str, object], claim: str, listed: Mapping[str, str],
                      max_age_seconds: float | None = None, now: float | None = None) -> Identity:
    """A person signed in through the identity provider; a viewer unless their roles claim or the
    editors' file makes them an editor or approver. Without a name, e-mail or username they may
    only read (a change must say who made it), and so they may once the sign-in is older than
    `max_age_seconds` (None: no limit) until they sign in again."""
    role = highest_role([*claimed_roles(claims.get(claim) if claim else None),
                         listed_role(claims, listed)])
    stale = role != VIEWER and max_age_seconds is not None and is_stale(
        claims, max_age_seconds, time.time() if now is None else now)
    return Identity(display_name(claims), role, by_provider=True, stale=stale)


def read_provider_roles(path: Path) -> dict[str, str]:
    """`[provider_roles]` of the editors' file: a subject or an e-mail (lower-cased) → its role;
    an entry naming no known role is left out."""
    if not path.exists():
        return {}
    with open(path, "rb") as handle:
        table = tomllib.load(handle).get(PROVIDER_ROLES_TABLE, {})
    roles = {}
    for key, role in table.items():
        if isinstance(role, str) and role.strip().lower() in ROLES:
            roles[str(key).strip().lower() if "@" in str(key) else str(key)] = role.strip().lower()
    return roles


def provider_approvers(path: Path) -> set[str]:
    """The e-mails and subjects `[provider_roles]` makes approvers (for four eyes' `auto`)."""
    return {key for key, role in read_provider_roles(path).items() if role == APPROVER}


def delay_after(failures: int) -> float:
    """Seconds to wait after the last of `failures` recent failures before the next attempt."""
    if failures < THROTTLE_FREE_FAILURES:
        return 0.0
    doublings = min(failures - THROTTLE_FREE_FAILURES, 32)
    return min(THROTTLE_FIRST_DELAY_SECONDS * 2.0**doublings, THROTTLE_MAX_DELAY_SECONDS)


class ThrottleUnavailable(RuntimeError):
    """The shared throttle's store (Redis) cannot be reached: editors' sign-in is refused."""


@dataclass(frozen=True)
class ThrottleVerdict:
    """Whether an attempt may be checked now; if not, how long to wait and whether locked out."""

    allowed: bool
    wait_seconds: float = 0.0
    locked: bool = False


@dataclass
class _Failures:
    times: deque[float] = field(default_factory=lambda: deque(maxlen=LOCKOUT_FAILURES))
    locked_until: float = 0.0

    def forget_old(self, now: float) -> None:
        while self.times and self.times[0] <= now - LOCKOUT_WINDOW_SECONDS:
            self.times.popleft()
        if self.locked_until <= now:
            self.locked_until = 0.0

    def is_empty(self) -> bool:
        return not self.times and not self.locked_until

    def is_locked(self, now: float) -> bool:
        return self.locked_until > now

    def expires_at(self) -> float:
        last = self.times[-1] + LOCKOUT_WINDOW_SECONDS if self.times else 0.0
        return max(last, self.locked_until)


class CheckTimes:
    """The typical time of a password check (a moving average), kept by every throttle so a
    refused attempt takes as long as a checked one."""

    _lock: threading.Lock
    _check_seconds: float | None

    def note_check_seconds(self, seconds: float) -> None:
        """Record how long a password check took (a moving average is kept)."""
        with self._lock:
            previous = self._check_seconds
            self._check_seconds = seconds if previous is None else (
                previous + CHECK_SECONDS_SMOOTHING * (seconds - previous))

    def typical_check_seconds(self) -> float | None:
        with self._lock:
            return self._check_seconds


class LoginThrottle(CheckTimes):
    """Failed sign-ins per name and per session, for the whole server.

    Thread-safe (Streamlit runs each session in its own thread) and bounded: entries are
    forgotten once their failures are older than LOCKOUT_WINDOW_SECONDS and their lockout is
    over, and at most `max_entries` are kept (unlocked ones forgotten first, oldest first).
    An admitted attempt counts as a failure at once, so parallel attempts cannot slip past the
    count while their passwords are being checked; `succeed` clears it.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 max_entries: int = THROTTLE_MAX_ENTRIES) -> None:
        self._clock = clock
        self._max_entries = max_entries
        self._entries: OrderedDict[tuple[str, str], _Failures] = OrderedDict()
        self._lock = threading.Lock()
        self._check_seconds: float | None = None

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def status(self, name: str, session: str) -> ThrottleVerdict:
        """What an attempt for `name` from `session` would be told now, recording nothing."""
        with self._lock:
            return self._verdict(name, session, self._clock())

    def admit(self, name: str, session: str) -> ThrottleVerdict:
        """Whether to check an attempt now; an admitted one counts as a failure until `succeed`."""
        with self._lock:
            now = self._clock()
            verdict = self._verdict(name, session, now)
            if verdict.allowed:
                self._record_failure(("name", name), now, lockable=True)
                self._record_failure(("session", session), now, lockable=False)
            return verdict

    def succeed(self, name: str, session: str) -> None:
        """A correct password: forget the failures of this name and of this session."""
        with self._lock:
            self._entries.pop(("name", name), None)
            self._entries.pop(("session", session), None)

    def _current(self, key: tuple[str, str], now: float) -> _Failures | None:
        entry = self._entries.get(key)
        if entry is None:
            return None
        entry.forget_old(now)
        if entry.is_empty():
            del self._entries[key]
            return None
        return entry

    def _verdict(self, name: str, session: str, now: float) -> ThrottleVerdict:
        waits: list[float] = []
        locked = False
        for key in (("name", name), ("session", session)):
            entry = self._current(key, now)
            if entry is None:
                continue
            if entry.is_locked(now):
                locked = True
                waits.append(entry.locked_until - now)
                continue
            ready = entry.times[-1] + delay_after(len(entry.times))
            if ready > now:
                waits.append(ready - now)
        if waits:
            return ThrottleVerdict(allowed=False, wait_seconds=max(waits), locked=locked)
        return ThrottleVerdict(allowed=True)

    def _record_failure(self, key: tuple[str, str], now: float, lockable: bool) -> None:
        entry = self._current(key, now)
        if entry is None:
            self._make_room(now)
            entry = self._entries[key] = _Failures()
        self._entries.move_to_end(key)
        entry.times.append(now)
        if lockable and len(entry.times) >= LOCKOUT_FAILURES:
            entry.times.clear()
            entry.locked_until = now + LOCKOUT_SECONDS

    def _make_room(self, now: float) -> None:
        """Forget expired entries from the oldest end, then others until one more fits."""
        while self._entries:
            key, entry = next(iter(self._entries.items()))
            if entry.expires_at() > now:
                break
            del self._entries[key]
        while len(self._entries) >= self._max_entries:
            unlocked = next((k for k, e in self._entries.items() if not e.is_locked(now)), None)
            del self._entries[unlocked if unlocked is not None else next(iter(self._entries))]


@dataclass(frozen=True)
class SignInResult:
    """The outcome of one sign-in attempt and what the throttle says about the next one."""

    signed_in: bool
    refused: bool  # the throttle refused it: the password was not checked
    wait_seconds: float = 0.0  # before the next attempt will be checked
    locked: bool = False  # the name is locked out
    unavailable: bool = False  # the shared throttle cannot be reached: nothing was checked


def throttle_name_key(name: str, stored: str | None) -> str:
    """The throttle's key for a typed name: its first characters and a digest of its stored hash.

    A new password (`xhdash add-editor`) changes the key, which is how an administrator lifts
    a lockout. Known and unknown names take the same steps.
    """
    digest = hashlib.sha256((stored or "").encode("utf-8")).hexdigest()[:16]
    return f"{name[:THROTTLE_NAME_CHARS]}\x00{digest}"


def sign_in(throttle: LoginThrottle, name: str, password: str, session: str,
            editors: dict[str, str], sleep: Callable[[float], None] = time.sleep,
            timer: Callable[[], float] = time.perf_counter) -> SignInResult:
    """One attempt, throttled per name and per session.

    A refused attempt never computes the password's hash (a locked name is no oracle for the
    right password) but takes as long as a check, so a refusal cannot be told apart by timing.
    """
    name_key = throttle_name_key(name, editors.get(name))
    try:
        verdict = throttle.admit(name_key, session)
    except ThrottleUnavailable:  # no count means no attempt: refused, never checked
        return SignInResult(signed_in=False, refused=True, unavailable=True)
    if not verdict.allowed:
        sleep(_typical_check_seconds(throttle, timer))
        return SignInResult(signed_in=False, refused=True, wait_seconds=verdict.wait_seconds,
                            locked=verdict.locked)
    started = timer()
    correct = check_editor(name, password, editors)
    throttle.note_check_seconds(timer() - started)
    try:
        if correct:
            throttle.succeed(name_key, session)
            return SignInResult(signed_in=True, refused=False)
        after = throttle.status(name_key, session)
    except ThrottleUnavailable:
        return SignInResult(signed_in=False, refused=True, unavailable=True)
    return SignInResult(signed_in=False, refused=False, wait_seconds=after.wait_seconds,
                        locked=after.locked)


def _typical_check_seconds(throttle: LoginThrottle, timer: Callable[[], float]) -> float:
    seconds = throttle.typical_check_seconds()
    if seconds is None:  # no check timed yet in this process: time one against the dummy hash
        stored = dummy_hash()
        started = timer()
        verify_password("", stored)
        seconds = timer() - started
        throttle.note_check_seconds(seconds)
    return seconds
