"""One sign-in throttle for all replicas (issue 21, point 4): failed sign-ins counted in Redis.

Each test starts its own redis-server on a free loopback port. Replicas are throttle objects with
separate memory (and, once, separate processes) sharing that Redis.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.redis_service import free_port, start_redis, stop_redis
from tests.test_auth import PASSWORD, FakeClock
from tests.test_data_page import open_data_page
from tests.test_data_page import sign_in as submit_sign_in
from xhdash.data.versions import ensure_initialised
from xhdash.editors import auth, shared_throttle
from xhdash.editors.auth import (
    LOCKOUT_FAILURES,
    LOCKOUT_SECONDS,
    THROTTLE_FREE_FAILURES,
    THROTTLE_MAX_DELAY_SECONDS,
    LoginThrottle,
    ThrottleUnavailable,
    add_editor,
    hash_password,
    sign_in,
)
from xhdash.editors.shared_throttle import RedisLoginThrottle, shared_login_throttle
from xhdash.serving.ui.admin import login_messages


@pytest.fixture
def redis_url(tmp_path):
    process, url = start_redis(tmp_path)
    yield url
    stop_redis(process)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(now=1_800_000_000.0)


def replicas(url: str, clock: FakeClock, count: int) -> list[RedisLoginThrottle]:
    return [RedisLoginThrottle(url, clock=clock) for _ in range(count)]


def attempts_before_lockout(throttles, clock: FakeClock, name: str = "wang") -> int:
    """Admitted attempts for one name, spread round-robin over `throttles` (a fresh session
    each time, as an attacker would), until every one of them refuses with a lockout."""
    admitted = 0
    for turn in range(10 * LOCKOUT_FAILURES * len(throttles)):
        throttle = throttles[turn % len(throttles)]
        verdict = throttle.admit(name, f"session-{turn}")
        if verdict.allowed:
            admitted += 1
        elif verdict.locked and all(t.status(name, "other").locked for t in throttles):
            return admitted
        clock.advance(THROTTLE_MAX_DELAY_SECONDS)
    raise AssertionError("never locked")


class TestReplicas:
    def test_one_in_memory_throttle_locks_after_the_allowed_failures(self, clock):
        assert attempts_before_lockout([LoginThrottle(clock=clock)], clock) == LOCKOUT_FAILURES

    def test_separate_memories_would_give_more_attempts(self, clock):
        """What the shared throttle fixes: two replicas each counting alone."""
        two = [LoginThrottle(clock=clock), LoginThrottle(clock=clock)]
        assert attempts_before_lockout(two, clock) == 2 * LOCKOUT_FAILURES

    @pytest.mark.parametrize("count", [1, 2, 3])
    def test_n_replicas_give_no_more_attempts_than_one(self, redis_url, clock, count):
        assert attempts_before_lockout(replicas(redis_url, clock, count), clock) == \
            LOCKOUT_FAILURES

    def test_a_lockout_through_one_replica_holds_on_the_others(self, redis_url, clock):
        first, second = replicas(redis_url, clock, 2)
        for _ in range(LOCKOUT_FAILURES):
            assert first.admit("wang", "s1").allowed
            clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        verdict = second.admit("wang", "s2")
        assert verdict.locked and not verdict.allowed
        assert verdict.wait_seconds == LOCKOUT_SECONDS - THROTTLE_MAX_DELAY_SECONDS
        clock.advance(LOCKOUT_SECONDS)
        assert second.admit("wang", "s2").allowed

    def test_a_delay_set_on_one_replica_is_kept_by_the_other(self, redis_url, clock):
        first, second = replicas(redis_url, clock, 2)
        for _ in range(THROTTLE_FREE_FAILURES):
            assert first.admit("wang", "s1").allowed
        verdict = second.admit("wang", "s2")
        assert not verdict.allowed and verdict.wait_seconds == 1.0

    def test_success_on_one_replica_clears_the_count_on_all(self, redis_url, clock):
        first, second = replicas(redis_url, clock, 2)
        for _ in range(THROTTLE_FREE_FAILURES):
            first.admit("wang", "s1")
        second.succeed("wang", "s1")
        assert first.admit("wang", "s1").allowed

    def test_separate_processes_share_the_count(self, redis_url, clock):
        """Two app processes (each its own shared_login_throttle, made from the setting): ten
        failures through the first lock the name in the second, right password or not."""
        editors = {"wang": hash_password(PASSWORD, iterations=1000)}
        script = (
            "import json, sys\n"
            "from xhdash.editors.auth import sign_in\n"
            "from xhdash.editors.shared_throttle import shared_login_throttle\n"
            "editors, now = json.loads(sys.argv[1]), [float(sys.argv[2])]\n"
            "throttle = shared_login_throttle()\n"
            "throttle._clock = lambda: now[0]  # the test's clock, so no real waiting\n"
            "results = []\n"
            "for password in sys.argv[3:]:\n"
            "    result = sign_in(throttle, 'wang', password, 'proc', editors,\n"
            "                     sleep=lambda s: None)\n"
            "    results.append([type(throttle).__name__, result.signed_in, result.locked])\n"
            "    now[0] += 30\n"
            "print(json.dumps(results))\n")
        environ = {**os.environ, "XHDASH_THROTTLE_REDIS": redis_url}

        def run(start: float, *passwords: str) -> list[list]:
            done = subprocess.run([sys.executable, "-c", script, json.dumps(editors), str(start),
                                   *passwords], capture_output=True, text=True, env=environ,
                                  timeout=60, check=True)
            return json.loads(done.stdout)

        first = run(clock.now, *["guess"] * LOCKOUT_FAILURES)
        assert [r[1] for r in first] == [False] * LOCKOUT_FAILURES and first[-1][2]
        assert run(clock.now + 30 * LOCKOUT_FAILURES, PASSWORD) == \
            [["RedisLoginThrottle", False, True]]


class TestSameRulesAsInMemory:
    def test_the_same_verdicts_for_the_same_attempts(self, redis_url, clock):
        """A script of attempts, waits and a success gives the same verdicts on both."""
        memory_clock = FakeClock(now=clock.now)
        memory, shared = LoginThrottle(clock=memory_clock), RedisLoginThrottle(redis_url,
                                                                               clock=clock)
        steps = ([("admit", "wang", "s1", 0.0)] * 4 + [("admit", "wang", "s1", 1.0)]
                 + [("admit", "li", "s1", 0.5)] * 3 + [("admit", "wang", "s2", 30.0)] * 12
                 + [("succeed", "li", "s1", 0.0), ("admit", "li", "s1", 0.0)]
                 + [("admit", "wang", "s3", LOCKOUT_SECONDS)] * 2)
        for action, name, session, wait in steps:
            for throttle, tick in ((memory, memory_clock), (shared, clock)):
                tick.advance(wait)
                if action == "succeed":
                    throttle.succeed(name, session)
            if action == "admit":
                assert shared.admit(name, session) == memory.admit(name, session), (name, session)
                assert shared.status(name, "x") == memory.status(name, "x")


class TestUnreachable:
    @pytest.fixture
    def dead_url(self) -> str:
        return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there

    def test_the_throttle_says_so(self, dead_url):
        with pytest.raises(ThrottleUnavailable):
            RedisLoginThrottle(dead_url).admit("wang", "s1")

    def test_sign_in_is_refused_without_checking_the_password(self, dead_url, monkeypatch):
        checked = []
        monkeypatch.setattr(auth, "check_editor", lambda *a: checked.append(a) or True)
        result = sign_in(RedisLoginThrottle(dead_url), "wang", PASSWORD, "s1",
                         {"wang": "x"}, sleep=lambda s: None)
        assert not result.signed_in and result.refused and result.unavailable
        assert checked == []
        (zh,) = login_messages(result, "zh")
        assert "Redis" in zh and "浏览数据不受影响" in zh
        (en,) = login_messages(result, "en")
        assert "cannot be reached" in en

    def test_the_data_page_refuses_editors_and_still_serves_viewers(
            self, dead_url, app_test, tmp_path, monkeypatch):
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        ensure_initialised(tmp_path / "store")
        monkeypatch.setenv("XHDASH_STORE", str(tmp_path / "store"))
        monkeypatch.setenv("XHDASH_THROTTLE_REDIS", dead_url)
        monkeypatch.setattr(shared_throttle, "_shared_throttle", None)
        at = open_data_page(app_test)
        assert any("仅供数据编辑使用" in e.value for e in at.error)  # the viewer's page works
        submit_sign_in(at, "wang", PASSWORD)
        assert any("无法连接" in e.value for e in at.error)
        assert not at.get("file_uploader")
        overview = app_test()
        overview.run()
        assert not overview.exception


class TestSetting:
    def test_without_the_setting_the_throttle_is_in_memory(self, monkeypatch):
        monkeypatch.delenv("XHDASH_THROTTLE_REDIS", raising=False)
        monkeypatch.setattr(shared_throttle, "_shared_throttle", None)
        assert isinstance(shared_login_throttle(), LoginThrottle)

    def test_with_the_setting_it_is_in_redis(self, monkeypatch, redis_url):
        monkeypatch.setenv("XHDASH_THROTTLE_REDIS", redis_url)
        monkeypatch.setattr(shared_throttle, "_shared_throttle", None)
        throttle = shared_login_throttle()
        assert isinstance(throttle, RedisLoginThrottle)
        assert throttle.admit("wang", "s1").allowed
