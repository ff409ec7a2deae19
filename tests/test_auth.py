"""Editor sign-in: credentials file, password checks, the login throttle and lockout."""

from __future__ import annotations

import os
import stat
import threading
import time

import pytest

from tests.test_data_page import open_data_page
from tests.test_data_page import sign_in as submit_sign_in
from xhdash.data.versions import ensure_initialised
from xhdash.editors import auth, shared_throttle
from xhdash.editors.auth import (
    APPROVER,
    CHECK_SECONDS_SMOOTHING,
    EDITOR,
    LOCKOUT_FAILURES,
    LOCKOUT_SECONDS,
    LOCKOUT_WINDOW_SECONDS,
    THROTTLE_FIRST_DELAY_SECONDS,
    THROTTLE_FREE_FAILURES,
    THROTTLE_MAX_DELAY_SECONDS,
    THROTTLE_NAME_CHARS,
    VIEWER,
    Identity,
    LoginThrottle,
    SignInResult,
    ThrottleVerdict,
    add_editor,
    check_editor,
    claimed_roles,
    delay_after,
    display_name,
    listed_role,
    password_identity,
    provider_approvers,
    provider_identity,
    read_editors_file,
    read_provider_roles,
    sign_in,
    throttle_name_key,
    verify_password,
)
from xhdash.editors.shared_throttle import shared_login_throttle
from xhdash.serving.ui.admin import login_messages

PASSWORD = "correct horse battery"


def file_mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """Umask 0: a file created without an explicit mode would be world-readable (0666)."""
    previous = os.umask(0)
    yield
    os.umask(previous)


class TestAddEditor:
    def test_new_file_is_owner_only(self, tmp_path, open_umask):
        path = tmp_path / ".streamlit" / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        assert file_mode(path) == 0o600
        assert verify_password(PASSWORD, read_editors_file(path)["wang"])

    def test_file_never_has_a_wider_mode(self, tmp_path, open_umask, monkeypatch):
        created: list[int] = []
        before_rename: list[int] = []
        real_open, real_replace = os.open, os.replace

        def recording_open(file, flags, mode=0o777, *args, **kwargs):
            if flags & os.O_CREAT:
                created.append(mode)
            return real_open(file, flags, mode, *args, **kwargs)

        def recording_replace(source, target, *args, **kwargs):
            before_rename.append(file_mode(source))
            return real_replace(source, target, *args, **kwargs)

        monkeypatch.setattr(os, "open", recording_open)
        monkeypatch.setattr(os, "replace", recording_replace)
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        add_editor(path, "li", PASSWORD)
        assert created == [0o600, 0o600]
        assert before_rename == [0o600, 0o600]
        assert file_mode(path) == 0o600

    def test_existing_world_readable_file_becomes_owner_only(self, tmp_path, open_umask):
        path = tmp_path / "secrets.toml"
        path.write_text("[server]\nport = 8502\n", encoding="utf-8")
        path.chmod(0o644)
        add_editor(path, "wang", PASSWORD)
        assert file_mode(path) == 0o600

    def test_keeps_other_content_and_other_editors(self, tmp_path):
        path = tmp_path / "secrets.toml"
        path.write_text('[auth]\nredirect_uri = "https://example.org"\n', encoding="utf-8")
        add_editor(path, "wang", PASSWORD)
        add_editor(path, "li", "another password")
        add_editor(path, "wang", "a new password")
        text = path.read_text(encoding="utf-8")
        assert text.startswith('[auth]\nredirect_uri = "https://example.org"\n')
        editors = read_editors_file(path)
        assert set(editors) == {"wang", "li"}
        assert verify_password("a new password", editors["wang"])
        assert verify_password("another password", editors["li"])

    def test_keeps_the_owner_of_an_existing_file(self, tmp_path, monkeypatch):
        path = tmp_path / "secrets.toml"
        path.write_text("", encoding="utf-8")
        owners: list[tuple[int, int]] = []
        monkeypatch.setattr(os, "fchown", lambda fd, uid, gid: owners.append((uid, gid)))
        add_editor(path, "wang", PASSWORD)
        assert owners == [(path.stat().st_uid, path.stat().st_gid)]

    def test_leaves_no_temporary_file(self, tmp_path):
        add_editor(tmp_path / "secrets.toml", "wang", PASSWORD)
        assert [p.name for p in tmp_path.iterdir()] == ["secrets.toml"]

    def test_failed_write_leaves_the_old_file_and_no_temporary(self, tmp_path, monkeypatch):
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        before = path.read_bytes()

        def failing_replace(*args, **kwargs):
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", failing_replace)
        with pytest.raises(OSError):
            add_editor(path, "li", PASSWORD)
        assert path.read_bytes() == before
        assert [p.name for p in tmp_path.iterdir()] == ["secrets.toml"]

    def test_follows_a_symlink_to_its_target(self, tmp_path):
        target = tmp_path / "real.toml"
        link = tmp_path / "secrets.toml"
        link.symlink_to(target)
        add_editor(link, "wang", PASSWORD)
        assert link.is_symlink()
        assert "wang" in read_editors_file(target)

    @pytest.mark.parametrize("name, password", [("wang li", PASSWORD), ("wang", "short")])
    def test_refuses_bad_names_and_short_passwords(self, tmp_path, name, password):
        path = tmp_path / "secrets.toml"
        with pytest.raises(ValueError):
            add_editor(path, name, password)
        assert not path.exists()


class RecordedHashing:
    """Every PBKDF2 call made: iterations and password."""

    def __init__(self) -> None:
        self.iterations: list[int] = []
        self.passwords: list[bytes] = []

    def clear(self) -> None:
        self.iterations.clear()
        self.passwords.clear()


@pytest.fixture
def recorded_hashing(monkeypatch) -> RecordedHashing:
    """PBKDF2 replaced by a fast stand-in that records every call; a fresh dummy hash."""
    import hashlib

    record = RecordedHashing()

    def fake_pbkdf2(name, password, salt, iterations, *args):
        record.iterations.append(iterations)
        record.passwords.append(password)
        return hashlib.sha256(password + salt + str(iterations).encode()).digest()

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", fake_pbkdf2)
    monkeypatch.setattr(auth, "_dummy_hash", None)
    return record


class TestCheckEditor:
    def test_unknown_name_does_the_same_iterations_as_a_known_one(self, recorded_hashing):
        editors = {"wang": auth.hash_password(PASSWORD)}
        check_editor("nobody", "guess", editors)  # makes the dummy hash, once
        recorded_hashing.clear()
        assert not check_editor("wang", "guess", editors)
        known = list(recorded_hashing.iterations)
        recorded_hashing.clear()
        assert not check_editor("nobody", "guess", editors)
        assert recorded_hashing.iterations == known == [auth.ITERATIONS]

    def test_dummy_hash_is_made_once_not_per_call(self, recorded_hashing):
        for _ in range(3):
            assert not check_editor("nobody", PASSWORD, {})
        assert recorded_hashing.iterations == [auth.ITERATIONS] * 4  # one dummy, three verifications

    def test_dummy_hash_is_not_made_at_import(self):
        import subprocess
        import sys

        code = "import xhdash.editors.auth as a; print(a._dummy_hash)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "None"

    def test_right_and_wrong_passwords(self, recorded_hashing):
        editors = {"wang": auth.hash_password(PASSWORD)}
        assert check_editor("wang", PASSWORD, editors)
        assert not check_editor("wang", PASSWORD + "x", editors)
        assert not check_editor("Wang", PASSWORD, editors)


class FakeClock:
    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def throttle(clock) -> LoginThrottle:
    return LoginThrottle(clock=clock)


def fail(throttle: LoginThrottle, clock: FakeClock, times: int, name: str = "wang",
         session: str = "s1") -> None:
    """`times` admitted (and so failed) attempts, each after the delay has passed."""
    for _ in range(times):
        assert throttle.admit(name, session).allowed
        clock.advance(THROTTLE_MAX_DELAY_SECONDS)


class TestDelayAfter:
    def test_free_failures_then_doubling_then_capped(self):
        assert [delay_after(n) for n in range(11)] == [0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]

    def test_many_failures_stay_capped(self):
        assert delay_after(10_000) == THROTTLE_MAX_DELAY_SECONDS


class TestAdmit:
    def test_first_failures_are_free_then_the_next_waits(self, throttle):
        assert all(throttle.admit("wang", "s1").allowed for _ in range(THROTTLE_FREE_FAILURES))
        verdict = throttle.admit("wang", "s1")
        assert not verdict.allowed and not verdict.locked
        assert verdict.wait_seconds == THROTTLE_FIRST_DELAY_SECONDS

    def test_delays_grow_with_each_failure(self, throttle, clock):
        waits = []
        for _ in range(LOCKOUT_FAILURES - 1):
            assert throttle.admit("wang", "s1").allowed
            waits.append(throttle.status("wang", "s1").wait_seconds)
            clock.advance(waits[-1])
        assert waits == [0, 0, 1, 2, 4, 8, 16, 30, 30]

    def test_refused_until_the_delay_has_passed(self, throttle, clock):
        for _ in range(THROTTLE_FREE_FAILURES):
            throttle.admit("wang", "s1")
        clock.advance(0.75)
        verdict = throttle.admit("wang", "s1")
        assert not verdict.allowed and verdict.wait_seconds == pytest.approx(0.25)
        clock.advance(0.25)
        assert throttle.admit("wang", "s1").allowed

    def test_refused_attempts_are_not_counted(self, throttle, clock):
        for _ in range(THROTTLE_FREE_FAILURES):
            throttle.admit("wang", "s1")
        for _ in range(20):
            assert not throttle.admit("wang", "s1").allowed
        clock.advance(THROTTLE_FIRST_DELAY_SECONDS)
        assert throttle.admit("wang", "s1").allowed
        assert throttle.status("wang", "s1").wait_seconds == 2 * THROTTLE_FIRST_DELAY_SECONDS

    def test_lockout_after_n_failures(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES - 1)
        assert not throttle.status("wang", "s1").locked
        fail(throttle, clock, 1)
        verdict = throttle.admit("wang", "s2")
        assert not verdict.allowed and verdict.locked
        assert verdict.wait_seconds == LOCKOUT_SECONDS - THROTTLE_MAX_DELAY_SECONDS

    def test_lockout_ends_and_counting_starts_again(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES)
        clock.advance(LOCKOUT_SECONDS)
        assert throttle.status("wang", "s2") == ThrottleVerdict(allowed=True)
        for _ in range(THROTTLE_FREE_FAILURES):
            assert throttle.admit("wang", "s2").allowed
        assert not throttle.admit("wang", "s2").allowed

    def test_failures_outside_the_window_are_forgotten(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES - 1)
        clock.advance(LOCKOUT_WINDOW_SECONDS)
        assert throttle.status("wang", "s1") == ThrottleVerdict(allowed=True)
        fail(throttle, clock, THROTTLE_FREE_FAILURES)  # would have locked it within the window
        assert not throttle.status("wang", "s1").locked

    def test_the_window_slides(self, throttle, clock):
        start = clock.now
        fail(throttle, clock, 1)
        clock.advance(600 - THROTTLE_MAX_DELAY_SECONDS)
        fail(throttle, clock, LOCKOUT_FAILURES - 2)  # nine within the window
        clock.now = start + LOCKOUT_WINDOW_SECONDS + 1  # the first has left the window
        fail(throttle, clock, 1)
        assert not throttle.status("wang", "s1").locked
        fail(throttle, clock, 1)
        assert throttle.status("wang", "s1").locked

    def test_other_names_and_sessions_are_unaffected(self, throttle, clock):
        for session in range(LOCKOUT_FAILURES):
            assert throttle.admit("wang", f"s{session}").allowed
            clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        assert throttle.admit("wang", "new").locked
        assert throttle.admit("li", "s0") == ThrottleVerdict(allowed=True)
        assert throttle.admit("zhao", "new") == ThrottleVerdict(allowed=True)

    def test_a_session_trying_many_names_is_throttled(self, throttle):
        for name in range(THROTTLE_FREE_FAILURES):
            assert throttle.admit(f"name{name}", "s1").allowed
        verdict = throttle.admit("another", "s1")
        assert not verdict.allowed and not verdict.locked
        assert verdict.wait_seconds == THROTTLE_FIRST_DELAY_SECONDS
        assert throttle.admit("another", "s2").allowed

    def test_a_session_is_delayed_but_never_locked(self, throttle, clock):
        for name in range(3 * LOCKOUT_FAILURES):
            assert throttle.admit(f"name{name}", "s1").allowed
            assert throttle.status("fresh", "s1").wait_seconds <= THROTTLE_MAX_DELAY_SECONDS
            clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        assert throttle.admit("fresh", "s1").allowed

    def test_parallel_attempts_count_while_being_checked(self, throttle):
        barrier = threading.Barrier(40)
        verdicts: list[ThrottleVerdict] = []

        def attempt() -> None:
            barrier.wait()
            verdicts.append(throttle.admit("wang", f"s{threading.get_ident()}"))

        threads = [threading.Thread(target=attempt) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(v.allowed for v in verdicts) == THROTTLE_FREE_FAILURES

    def test_table_stays_bounded(self, clock):
        throttle = LoginThrottle(clock=clock, max_entries=50)
        for attempt in range(1_000):
            throttle.admit(f"name{attempt}", f"session{attempt}")
        assert len(throttle) <= 50

    def test_expired_entries_are_forgotten(self, throttle, clock):
        for attempt in range(100):
            throttle.admit(f"name{attempt}", f"session{attempt}")
        assert len(throttle) == 200
        clock.advance(LOCKOUT_WINDOW_SECONDS)
        throttle.admit("wang", "s1")
        assert len(throttle) == 2

    def test_a_locked_name_outlasts_a_flood_of_other_names(self, clock):
        throttle = LoginThrottle(clock=clock, max_entries=20)
        fail(throttle, clock, LOCKOUT_FAILURES)
        for attempt in range(500):
            throttle.admit(f"name{attempt}", f"session{attempt}")
        assert throttle.status("wang", "new").locked


class TestStatus:
    def test_records_nothing(self, throttle):
        for _ in range(10):
            assert throttle.status("wang", "s1").allowed
        assert len(throttle) == 0
        assert all(throttle.admit("wang", "s1").allowed for _ in range(THROTTLE_FREE_FAILURES))


class TestSucceed:
    def test_resets_the_name_and_the_session(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES - 1)
        throttle.succeed("wang", "s1")
        assert len(throttle) == 0
        assert all(throttle.admit("wang", "s1").allowed for _ in range(THROTTLE_FREE_FAILURES))

    def test_a_right_password_at_the_last_attempt_lifts_the_lockout(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES)  # the last one admitted, then found correct
        throttle.succeed("wang", "s1")
        assert throttle.status("wang", "s1") == ThrottleVerdict(allowed=True)

    def test_keeps_other_names_and_sessions(self, throttle, clock):
        fail(throttle, clock, LOCKOUT_FAILURES, name="li", session="s2")
        for _ in range(THROTTLE_FREE_FAILURES):
            throttle.admit("zhao", "s3")
        throttle.admit("wang", "s1")
        throttle.succeed("wang", "s1")
        assert throttle.status("li", "s1").locked
        assert not throttle.status("wang", "s3").allowed


class TestNoteCheckSeconds:
    def test_keeps_a_moving_average(self, throttle):
        assert throttle.typical_check_seconds() is None
        throttle.note_check_seconds(0.2)
        assert throttle.typical_check_seconds() == 0.2
        throttle.note_check_seconds(0.7)
        assert throttle.typical_check_seconds() == pytest.approx(0.2 + CHECK_SECONDS_SMOOTHING * 0.5)


class TestThrottleNameKey:
    def test_a_new_password_gives_a_new_key(self):
        assert throttle_name_key("wang", "hash-1") != throttle_name_key("wang", "hash-2")
        assert throttle_name_key("wang", "hash-1") == throttle_name_key("wang", "hash-1")

    def test_names_are_keys_of_their_own(self):
        assert throttle_name_key("wang", None) != throttle_name_key("Wang", None)

    def test_a_long_name_is_kept_short(self):
        assert len(throttle_name_key("x" * 100_000, None)) == THROTTLE_NAME_CHARS + 17


class SteppingTimer:
    """A timer that moves on by `step` at each reading: every check takes `step` seconds."""

    def __init__(self, step: float) -> None:
        self.step, self.now = step, 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


class TestSignIn:
    @pytest.fixture
    def editors(self, recorded_hashing) -> dict[str, str]:
        return {"wang": auth.hash_password(PASSWORD)}

    @pytest.fixture
    def sleeps(self) -> list[float]:
        return []

    @pytest.fixture
    def attempt(self, throttle, editors, sleeps, clock):
        def attempt(name: str, password: str, session: str = "s1", wait: bool = True):
            result = sign_in(throttle, name, password, session, editors, sleep=sleeps.append,
                             timer=SteppingTimer(0.25))
            if wait:
                clock.advance(THROTTLE_MAX_DELAY_SECONDS)
            return result
        return attempt

    def test_right_password_signs_in_and_resets(self, attempt, throttle):
        attempt("wang", "guess")
        assert attempt("wang", PASSWORD) == SignInResult(signed_in=True, refused=False)
        assert len(throttle) == 0

    def test_wrong_password_says_how_long_to_wait(self, attempt):
        results = [attempt("wang", "guess", wait=False) for _ in range(THROTTLE_FREE_FAILURES)]
        assert [r.wait_seconds for r in results] == [0, 0, THROTTLE_FIRST_DELAY_SECONDS]
        assert not any(r.refused or r.signed_in for r in results)

    def test_locked_name_refuses_the_right_password_without_hashing_it(
            self, attempt, recorded_hashing, sleeps):
        for _ in range(LOCKOUT_FAILURES - 1):
            assert not attempt("wang", "guess").locked
        assert attempt("wang", "guess").locked
        recorded_hashing.clear()
        result = attempt("wang", PASSWORD)
        assert result == SignInResult(signed_in=False, refused=True,
                                      wait_seconds=LOCKOUT_SECONDS - THROTTLE_MAX_DELAY_SECONDS,
                                      locked=True)
        assert recorded_hashing.iterations == []
        assert sleeps == [0.25]  # as long as a check takes

    def test_first_refusal_in_a_process_is_timed_on_the_dummy_hash(
            self, throttle, editors, recorded_hashing, sleeps):
        key = throttle_name_key("wang", editors["wang"])
        for _ in range(THROTTLE_FREE_FAILURES):
            throttle.admit(key, "s1")
        recorded_hashing.clear()
        result = sign_in(throttle, "wang", PASSWORD, "s1", editors, sleep=sleeps.append,
                         timer=SteppingTimer(0.25))
        assert result.refused
        assert PASSWORD.encode() not in recorded_hashing.passwords
        assert sleeps == [0.25]

    def test_unknown_name_is_throttled_like_a_known_one(self, attempt):
        known = [attempt("wang", "guess") for _ in range(LOCKOUT_FAILURES + 1)]
        unknown = [attempt("nobody", "guess", session="s2") for _ in range(LOCKOUT_FAILURES + 1)]
        assert known == unknown
        assert known[-1].locked and known[-1].refused

    def test_a_new_password_lifts_the_lockout(self, attempt, editors):
        for _ in range(LOCKOUT_FAILURES):
            attempt("wang", "guess", session="attacker")
        assert attempt("wang", PASSWORD).locked
        editors["wang"] = auth.hash_password("a new password")  # xhdash add-editor wang
        assert attempt("wang", "a new password").signed_in


class TestSharedLoginThrottle:
    def test_one_throttle_for_the_process(self, monkeypatch):
        monkeypatch.setattr(shared_throttle, "_shared_throttle", None)
        made = set()
        threads = [threading.Thread(target=lambda: made.add(id(shared_login_throttle())))
                   for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(made) == 1
        assert isinstance(shared_login_throttle(), LoginThrottle)


class TestLoginMessages:
    def test_wrong_password(self):
        result = SignInResult(signed_in=False, refused=False)
        assert login_messages(result, "zh") == ["账号或密码不正确。"]

    def test_wrong_password_and_the_wait_before_the_next(self):
        result = SignInResult(signed_in=False, refused=False, wait_seconds=1.5)
        assert login_messages(result, "en") == ["Wrong name or password.",
                                                "Several failed sign-ins: try again in 2 s."]

    def test_refused_names_the_wait_only(self):
        result = SignInResult(signed_in=False, refused=True, wait_seconds=16)
        assert login_messages(result, "zh") == ["登录失败次数较多：请 16 秒后再试。"]

    def test_lockout_names_the_minutes_and_the_administrators_reset(self):
        result = SignInResult(signed_in=False, refused=True, wait_seconds=LOCKOUT_SECONDS - 30,
                              locked=True)
        (zh,) = login_messages(result, "zh")
        assert "15 分钟后再试" in zh and "xhdash add-editor" in zh
        (en,) = login_messages(result, "en")
        assert "Try again in 15 min" in en and "xhdash add-editor" in en


class TestRenderLogin:
    """The data page's sign-in form, through AppTest, on the process-wide throttle."""

    @pytest.fixture
    def editors_file(self, tmp_path, monkeypatch, recorded_hashing):
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        ensure_initialised(tmp_path / "store")
        monkeypatch.setenv("XHDASH_STORE", str(tmp_path / "store"))
        return path

    @pytest.fixture
    def clock(self, monkeypatch) -> FakeClock:
        clock = FakeClock()
        monkeypatch.setattr(shared_throttle, "_shared_throttle", LoginThrottle(clock=clock))
        return clock

    def errors(self, at) -> str:
        return " ".join(e.value for e in at.error)

    def test_right_password_is_refused_after_the_allowed_failures(self, app_test, editors_file,
                                                                   clock):
        at = open_data_page(app_test)
        for _ in range(LOCKOUT_FAILURES - 1):
            submit_sign_in(at, "wang", "guess")
            assert "账号或密码不正确" in self.errors(at)
            assert "锁定" not in self.errors(at)
            clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        submit_sign_in(at, "wang", "guess")
        assert "已被锁定：请 15 分钟后再试" in self.errors(at)
        clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        submit_sign_in(at, "wang", PASSWORD)
        assert "已被锁定：请 15 分钟后再试" in self.errors(at)
        assert "管理员可用 xhdash add-editor" in self.errors(at)
        assert not at.get("file_uploader")
        assert not any("已登录编辑" in c.value for c in at.sidebar.caption)

    def test_lockout_holds_in_a_new_session_and_ends(self, app_test, editors_file, clock):
        at = open_data_page(app_test)
        for _ in range(LOCKOUT_FAILURES):
            submit_sign_in(at, "wang", "guess")
            clock.advance(THROTTLE_MAX_DELAY_SECONDS)
        other = submit_sign_in(open_data_page(app_test), "wang", PASSWORD)
        assert "已被锁定" in self.errors(other)
        clock.advance(LOCKOUT_SECONDS)
        submit_sign_in(other, "wang", PASSWORD)
        assert other.get("file_uploader")

    def test_quick_retries_are_told_to_wait(self, app_test, editors_file, clock):
        at = open_data_page(app_test)
        for _ in range(THROTTLE_FREE_FAILURES):
            submit_sign_in(at, "wang", "guess")
        assert "请 1 秒后再试" in self.errors(at)
        submit_sign_in(at, "wang", PASSWORD)
        assert "请 1 秒后再试" in self.errors(at)
        assert "账号或密码不正确" not in self.errors(at)
        clock.advance(THROTTLE_FIRST_DELAY_SECONDS)
        submit_sign_in(at, "wang", PASSWORD)
        assert at.get("file_uploader")


class TestOneEditorsFile:
    """`xhdash add-editor` and the app read the same file (issue 21: with XHDASH_EDITORS_FILE set,
    add-editor wrote .streamlit/secrets.toml, which the server never read)."""

    def test_add_editor_writes_the_file_the_app_reads(self, tmp_path, monkeypatch):
        import io as _io

        from xhdash.serving.cli import main
        from xhdash.serving.ui.admin import load_editors

        path = tmp_path / "etc" / "secrets.toml"
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        monkeypatch.setattr("sys.stdin", _io.StringIO(PASSWORD + "\n"))
        assert main(["add-editor", "li", "--password-stdin"]) == 0
        assert verify_password(PASSWORD, read_editors_file(path)["li"])
        assert verify_password(PASSWORD, load_editors()["li"])

    def test_without_the_variable_both_use_the_projects_secrets(self, monkeypatch):
        from xhdash.editors.auth import editors_file
        from xhdash.paths import PROJECT_ROOT

        monkeypatch.delenv("XHDASH_EDITORS_FILE", raising=False)
        assert editors_file() == PROJECT_ROOT / ".streamlit" / "secrets.toml"


class TestClaimedRoles:
    @pytest.mark.parametrize(("value", "roles"), [
        (["editor"], {EDITOR}),
        (["Approver", "staff"], {APPROVER}),
        ("editor approver", {EDITOR, APPROVER}),
        ("editor,staff", {EDITOR}),
        ([], set()),
        (None, set()),
        ({"editor": True}, set()),
        ([1, "editor"], {EDITOR}),
        ("administrator", set()),
    ])
    def test_known_roles_only(self, value, roles):
        assert claimed_roles(value) == roles


class TestDisplayName:
    def test_name_first(self):
        assert display_name({"sub": "0f3a9c", "name": "王编辑", "email": "w@x.example"}) == "王编辑"

    def test_then_username_then_email(self):
        assert display_name({"sub": "s", "preferred_username": "wang"}) == "wang"
        assert display_name({"sub": "s", "email": "w@x.example"}) == "w@x.example"

    def test_never_the_subject(self):
        assert display_name({"sub": "0f3a9c-77"}) == ""
        assert display_name({"sub": "0f3a9c-77", "name": "  "}) == ""

    def test_spaces_folded_and_length_bounded(self):
        assert display_name({"name": " 王\n 编辑 "}) == "王 编辑"
        assert len(display_name({"name": "王" * 500})) == auth.DISPLAY_NAME_CHARS


class TestListedRole:
    LISTED = {"wang@x.example": EDITOR, "sub-li": APPROVER}

    def test_by_verified_email_case_folded(self):
        claims = {"sub": "s1", "email": "Wang@X.example", "email_verified": True}
        assert listed_role(claims, self.LISTED) == EDITOR

    def test_an_unverified_email_counts_for_nothing(self):
        claims = {"sub": "s1", "email": "wang@x.example", "email_verified": False}
        assert listed_role(claims, self.LISTED) == VIEWER

    def test_by_subject(self):
        assert listed_role({"sub": "sub-li"}, self.LISTED) == APPROVER

    def test_unlisted_is_a_viewer(self):
        assert listed_role({"sub": "s9", "email": "zhao@x.example"}, self.LISTED) == VIEWER


class TestProviderIdentity:
    def test_role_from_the_claim(self):
        claims = {"sub": "s1", "name": "王编辑", "roles": ["editor"]}
        assert provider_identity(claims, "roles", {}) == Identity("王编辑", EDITOR, by_provider=True)

    def test_the_claim_name_is_a_setting(self):
        claims = {"sub": "s1", "name": "王编辑", "roles": ["editor"], "groups": ["approver"]}
        assert provider_identity(claims, "groups", {}).role == APPROVER
        assert provider_identity(claims, "", {}).role == VIEWER

    def test_the_higher_of_claim_and_file(self):
        claims = {"sub": "s1", "name": "李", "email": "li@x.example", "roles": ["editor"]}
        identity = provider_identity(claims, "roles", {"li@x.example": APPROVER})
        assert identity.role == APPROVER and identity.can_approve

    def test_no_role_is_a_viewer(self):
        identity = provider_identity({"sub": "s1", "name": "赵"}, "roles", {})
        assert identity.role == VIEWER and not identity.can_edit

    def test_no_name_may_not_edit_whatever_the_role(self):
        identity = provider_identity({"sub": "0f3a9c", "roles": ["approver"]}, "roles", {})
        assert identity.name == "" and not identity.can_edit and not identity.can_approve


class TestStaleSignIn:
    CLAIMS = {"sub": "s1", "name": "王编辑", "roles": ["editor"], "iat": 1_000_000}

    def test_within_the_age_may_edit(self):
        identity = provider_identity(self.CLAIMS, "roles", {}, max_age_seconds=3600,
                                     now=1_000_000 + 3600)
        assert identity.can_edit and not identity.stale

    def test_past_the_age_may_only_read(self):
        identity = provider_identity(self.CLAIMS, "roles", {}, max_age_seconds=3600,
                                     now=1_000_000 + 3601)
        assert identity.stale and not identity.can_edit and identity.role == EDITOR

    def test_a_token_that_does_not_say_when_it_was_issued_is_stale(self):
        claims = {k: v for k, v in self.CLAIMS.items() if k != "iat"}
        assert provider_identity(claims, "roles", {}, max_age_seconds=3600, now=0).stale
        assert provider_identity({**claims, "iat": "1000000"}, "roles", {},
                                 max_age_seconds=3600, now=1_000_000).stale

    def test_a_viewer_is_never_stale(self):
        claims = {"sub": "s9", "name": "赵", "iat": 0}
        assert not provider_identity(claims, "roles", {}, max_age_seconds=1, now=10**9).stale


class TestPasswordIdentity:
    def test_an_editor_and_an_approver(self):
        assert password_identity("wang", {"li"}) == Identity("wang", EDITOR)
        assert password_identity("li", {"li"}).can_approve

    def test_both_ways_give_the_same_kind_of_identity(self):
        by_password = password_identity("王编辑", set())
        by_provider = provider_identity({"sub": "s", "name": "王编辑", "roles": "editor"}, "roles", {})
        assert (by_password.name, by_password.role) == (by_provider.name, by_provider.role)


class TestReadProviderRoles:
    def test_reads_the_table_and_skips_unknown_roles(self, tmp_path):
        path = tmp_path / "secrets.toml"
        path.write_text('[editors]\nwang = "x"\n[provider_roles]\n"Wang@X.example" = "editor"\n'
                        '"sub-li" = "Approver"\n"zhao@x.example" = "admin"\n', encoding="utf-8")
        assert read_provider_roles(path) == {"wang@x.example": EDITOR, "sub-li": APPROVER}
        assert provider_approvers(path) == {"sub-li"}

    def test_no_file_no_roles(self, tmp_path):
        assert read_provider_roles(tmp_path / "none.toml") == {}


PROVIDER_SECRETS = {"auth": {"redirect_uri": "http://127.0.0.1:8501/oauth2callback",
                             "cookie_secret": "test-only-cookie-secret-0123456789",
                             "xhdash": {"client_id": "xhdash", "client_secret": "test-only",
                                        "server_metadata_url": "http://127.0.0.1:9/.well-known/"
                                                               "openid-configuration"}}}


class TestProviderSignIn:
    """The data page where Streamlit's secrets configure the identity provider (AppTest: st.user
    is given, as Streamlit's cookie would give it)."""

    @pytest.fixture
    def editors_file(self, tmp_path, monkeypatch):
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        with path.open("a", encoding="utf-8") as handle:
            handle.write('\n[provider_roles]\n"li@x.example" = "approver"\n')
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        ensure_initialised(tmp_path / "store")
        monkeypatch.setenv("XHDASH_STORE", str(tmp_path / "store"))
        return path

    def open_as(self, app_test, user: dict):
        at = app_test()
        at.secrets = PROVIDER_SECRETS
        at.user = user
        return open_data_page_with(at)

    def test_not_signed_in_gets_the_providers_button_not_the_password_form(
            self, app_test, editors_file):
        at = self.open_as(app_test, {"is_logged_in": False})
        assert any("仅供数据编辑使用" in e.value for e in at.error)
        assert [b.label for b in at.button if b.key == "provider_login"] == ["通过单位统一身份认证登录"]
        assert len(at.text_input) == 0
        assert not at.get("file_uploader")

    def test_an_editor_by_claim_gets_the_editors_controls(self, app_test, editors_file):
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "0f3a9c", "name": "王编辑",
                                     "email": "wang@x.example", "roles": ["editor"],
                                     "iat": int(time.time())})
        assert at.get("file_uploader")
        captions = " ".join(c.value for c in at.sidebar.caption)
        assert "已登录编辑：王编辑" in captions and "0f3a9c" not in captions
        assert not any(b.key == "provider_login" for b in at.button)

    def test_an_approver_by_the_editors_file(self, app_test, editors_file, monkeypatch):
        from xhdash.serving.ui import admin

        seen = {}
        monkeypatch.setattr(admin, "render_approvals",
                            lambda ctx: seen.setdefault("approver", admin.is_approver()))
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "s-li", "name": "李审核",
                                     "email": "li@x.example", "email_verified": True,
                                     "iat": int(time.time())})
        assert at.get("file_uploader")
        assert seen == {"approver": True}

    def test_an_approver_by_claim_approves_an_editors_request_by_display_names(
            self, app_test, editors_file, tmp_path):
        from tests.test_approval import submitted
        from xhdash.data.versions import current_version, list_versions
        from xhdash.editors import approval, audit

        store = tmp_path / "store"
        request = submitted(store, "王编辑")
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "0f3a9c-li", "name": "李审核",
                                     "roles": ["approver"], "iat": int(time.time())})
        assert at.selectbox(key="approval_pick").value == request.request_id
        at.text_input(key=f"note_{request.request_id}").input("核对无误").run()
        at.button(key="approve").click().run()
        assert not at.exception
        assert current_version(store) == 1
        latest = list_versions(store)[-1]
        assert (latest.editor, latest.approved_by) == ("王编辑", "李审核")
        assert approval.requests(store)[0].state == "approved"
        events = audit.read_events(store)
        assert "0f3a9c-li" not in " ".join(events["who"]) + " ".join(events["what"])

    def test_signed_in_without_a_role_is_told_they_may_only_read(self, app_test, editors_file):
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "s9", "name": "赵读者",
                                     "email": "zhao@x.example", "roles": []})
        assert not at.get("file_uploader")
        assert any("没有编辑权限，只能浏览" in w.value and "赵读者" in w.value for w in at.warning)
        assert any("已登录（仅浏览）：赵读者" in c.value for c in at.sidebar.caption)
        assert any(b.key == "logout" for b in at.sidebar.button)

    def test_without_a_name_the_subject_is_never_shown(self, app_test, editors_file):
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "0f3a9c-77",
                                     "roles": ["editor"], "iat": int(time.time())})
        assert not at.get("file_uploader")
        assert any("未提供您的姓名或电子邮箱" in w.value for w in at.warning)
        shown = " ".join(e.value for e in [*at.warning, *at.sidebar.caption, *at.markdown])
        assert "0f3a9c" not in shown

    def test_an_old_sign_in_must_be_renewed_to_edit(self, app_test, editors_file, monkeypatch):
        monkeypatch.setenv("XHDASH_OIDC_MAX_AGE_HOURS", "12")
        at = self.open_as(app_test, {"is_logged_in": True, "sub": "0f3a9c", "name": "王编辑",
                                     "roles": ["editor"], "iat": int(time.time()) - 13 * 3600})
        assert not at.get("file_uploader")
        assert any("您的登录已超过 12 小时" in w.value for w in at.warning)
        assert [b.label for b in at.button if b.key == "provider_login"] == ["通过单位统一身份认证登录"]

    def test_a_password_session_does_not_count_once_a_provider_is_configured(
            self, app_test, editors_file):
        at = app_test()
        at.session_state["editor"] = "wang"
        at.secrets = PROVIDER_SECRETS
        at.user = {"is_logged_in": False}
        open_data_page_with(at)
        assert not at.get("file_uploader")

    def test_the_english_page(self, app_test, editors_file):
        at = app_test()
        at.secrets = PROVIDER_SECRETS
        at.user = {"is_logged_in": True, "sub": "s9", "name": "Zhao", "roles": "staff"}
        at.query_params["lang"] = "en"
        open_data_page_with(at)
        assert any("without an editor's role" in w.value for w in at.warning)


def open_data_page_with(at):
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class TestFirstSightOfSignIn:
    def test_one_sign_in_is_recorded_once_however_many_sessions(self, monkeypatch):
        from collections import OrderedDict

        from xhdash.serving.ui import admin

        monkeypatch.setattr(admin, "_recorded_sign_ins", OrderedDict())
        assert admin.first_sight_of_sign_in("王编辑", "1700000000")
        assert not admin.first_sight_of_sign_in("王编辑", "1700000000")
        assert admin.first_sight_of_sign_in("王编辑", "1700000600")  # signed in again
        assert admin.first_sight_of_sign_in("李审核", "1700000000")

    def test_stays_bounded(self, monkeypatch):
        from collections import OrderedDict

        from xhdash.serving.ui import admin

        monkeypatch.setattr(admin, "_recorded_sign_ins", OrderedDict())
        monkeypatch.setattr(admin, "RECORDED_SIGN_INS_KEPT", 3)
        for stamp in range(5):
            admin.first_sight_of_sign_in("王编辑", str(stamp))
        assert len(admin._recorded_sign_ins) == 3
