"""The sign-in throttle shared by every replica: failed sign-ins counted in Redis.

Set XHDASH_THROTTLE_REDIS (e.g. ``redis://127.0.0.1:6379/0``) and every replica counts the
failures of a name and of a session in the same Redis, with the same rules as the in-memory
LoginThrottle in auth.py (free failures, doubling delays, a lockout of the name): N replicas give
no more attempts than one. Each check and count is one Lua script, so two replicas admitting an
attempt for the same name at once cannot both slip past the count.

If Redis cannot be reached, ThrottleUnavailable is raised and the sign-in is refused (never a
silent fall-back to a per-replica count); reading the dashboard never touches Redis.

Keys (under ``xhdash:throttle:``, a SHA-256 of the throttle key, so no typed name is stored):
``<digest>:f`` a sorted set of failure times, ``<digest>:lock`` the end of a lockout; both expire
on their own, so Redis holds nothing older than the window or the lockout.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from collections.abc import Callable

from xhdash.editors.auth import (
    LOCKOUT_FAILURES,
    LOCKOUT_SECONDS,
    LOCKOUT_WINDOW_SECONDS,
    THROTTLE_FIRST_DELAY_SECONDS,
    THROTTLE_FREE_FAILURES,
    THROTTLE_MAX_DELAY_SECONDS,
    CheckTimes,
    LoginThrottle,
    ThrottleUnavailable,
    ThrottleVerdict,
)
from xhdash.settings import setting

PREFIX = "xhdash:throttle:"
REDIS_TIMEOUT_SECONDS = 2.0  # connect and answer; longer means unreachable

# KEYS: name failures, name lock, session failures, session lock.
# ARGV: now, record (1/0), window, lockout failures, lockout seconds, free failures,
#       first delay, max delay, a unique member for this attempt.
_ADMIT = """
local now = tonumber(ARGV[1])
local record = ARGV[2] == '1'
local window = tonumber(ARGV[3])
local lock_failures = tonumber(ARGV[4])
local lock_seconds = tonumber(ARGV[5])
local free = tonumber(ARGV[6])
local first = tonumber(ARGV[7])
local most = tonumber(ARGV[8])
local wait, locked = 0, 0
for i = 1, 3, 2 do
  local failures, lock = KEYS[i], KEYS[i + 1]
  redis.call('ZREMRANGEBYSCORE', failures, '-inf', now - window)
  local until_ = tonumber(redis.call('GET', lock) or '0')
  if until_ > now then
    locked = 1
    wait = math.max(wait, until_ - now)
  else
    local count = redis.call('ZCARD', failures)
    if count > 0 then
      local delay = 0
      if count >= free then
        delay = math.min(first * 2 ^ math.min(count - free, 32), most)
      end
      local last = tonumber(redis.call('ZRANGE', failures, -1, -1, 'WITHSCORES')[2])
      if last + delay > now then wait = math.max(wait, last + delay - now) end
    end
  end
end
local allowed = wait == 0
if allowed and record then
  for i = 1, 3, 2 do
    local failures, lock = KEYS[i], KEYS[i + 1]
    redis.call('ZADD', failures, now, ARGV[9])
    redis.call('ZREMRANGEBYRANK', failures, 0, -(lock_failures + 1))
    redis.call('PEXPIRE', failures, math.ceil(window * 1000))
    if i == 1 and redis.call('ZCARD', failures) >= lock_failures then
      redis.call('DEL', failures)
      redis.call('SET', lock, tostring(now + lock_seconds), 'PX', math.ceil(lock_seconds * 1000))
    end
  end
end
return {allowed and 1 or 0, tostring(wait), locked}
"""


def _keys(name: str, session: str) -> list[str]:
    keys = []
    for kind, value in (("name", name), ("session", session)):
        digest = hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()
        keys += [f"{PREFIX}{digest}:f", f"{PREFIX}{digest}:lock"]
    return keys


class RedisLoginThrottle(CheckTimes):
    """LoginThrottle's interface (status, admit, succeed, check times) on a shared Redis.

    `clock` is wall-clock time (replicas on different machines share it through NTP); tests
    pass a fake one. The typical password-check time is kept per process, as it measures this
    machine. Any Redis error becomes ThrottleUnavailable.
    """

    def __init__(self, url: str, clock: Callable[[], float] = time.time) -> None:
        import redis  # only where the setting is given

        self._redis = redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT_SECONDS,
                                           socket_connect_timeout=REDIS_TIMEOUT_SECONDS)
        self._errors = (redis.RedisError, OSError)
        self._script = self._redis.register_script(_ADMIT)
        self._clock = clock
        self._lock = threading.Lock()
        self._check_seconds: float | None = None

    def _run(self, name: str, session: str, record: bool) -> ThrottleVerdict:
        arguments = [repr(float(self._clock())), "1" if record else "0",
                     LOCKOUT_WINDOW_SECONDS, LOCKOUT_FAILURES, LOCKOUT_SECONDS,
                     THROTTLE_FREE_FAILURES, THROTTLE_FIRST_DELAY_SECONDS,
                     THROTTLE_MAX_DELAY_SECONDS, secrets.token_hex(8)]
        try:
            allowed, wait, locked = self._script(keys=_keys(name, session), args=arguments)
        except self._errors as error:
            raise ThrottleUnavailable(str(error)) from error
        return ThrottleVerdict(allowed=bool(allowed), wait_seconds=float(wait),
                               locked=bool(locked))

    def status(self, name: str, session: str) -> ThrottleVerdict:
        return self._run(name, session, record=False)

    def admit(self, name: str, session: str) -> ThrottleVerdict:
        return self._run(name, session, record=True)

    def succeed(self, name: str, session: str) -> None:
        try:
            self._redis.delete(*_keys(name, session))
        except self._errors as error:
            raise ThrottleUnavailable(str(error)) from error


_shared_throttle: LoginThrottle | RedisLoginThrottle | None = None
_shared_throttle_lock = threading.Lock()


def shared_login_throttle() -> LoginThrottle | RedisLoginThrottle:
    """The server's one throttle, made on first use: counted in Redis for every replica when
    XHDASH_THROTTLE_REDIS is set, else in this process's memory (an office with one replica)."""
    global _shared_throttle
    with _shared_throttle_lock:
        if _shared_throttle is None:
            url = setting("XHDASH_THROTTLE_REDIS")
            if url:
                _shared_throttle = RedisLoginThrottle(str(url))
            else:
                _shared_throttle = LoginThrottle()
        return _shared_throttle
