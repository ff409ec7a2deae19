"""Editor sign-in: credentials file, password checks, the login throttle and lockout."""

from __future__ import annotations

import os
import stat

import pytest

from xhdash import auth
from xhdash.auth import add_editor, check_editor, read_editors_file, verify_password

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


@pytest.fixture
def recorded_iterations(monkeypatch):
    """PBKDF2 replaced by a fast stand-in that records the iterations of every call."""
    import hashlib

    calls: list[int] = []

    def fake_pbkdf2(name, password, salt, iterations, *args):
        calls.append(iterations)
        return hashlib.sha256(password + salt + str(iterations).encode()).digest()

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", fake_pbkdf2)
    monkeypatch.setattr(auth, "_dummy_hash", None)
    return calls


class TestCheckEditor:
    def test_unknown_name_does_the_same_iterations_as_a_known_one(self, recorded_iterations):
        editors = {"wang": auth.hash_password(PASSWORD)}
        check_editor("nobody", "guess", editors)  # makes the dummy hash, once
        recorded_iterations.clear()
        assert not check_editor("wang", "guess", editors)
        known = list(recorded_iterations)
        recorded_iterations.clear()
        assert not check_editor("nobody", "guess", editors)
        assert recorded_iterations == known == [auth.ITERATIONS]

    def test_dummy_hash_is_made_once_not_per_call(self, recorded_iterations):
        for _ in range(3):
            assert not check_editor("nobody", PASSWORD, {})
        assert recorded_iterations == [auth.ITERATIONS] * 4  # one dummy, three verifications

    def test_dummy_hash_is_not_made_at_import(self):
        import subprocess
        import sys

        code = "import xhdash.auth as a; print(a._dummy_hash)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "None"

    def test_right_and_wrong_passwords(self, recorded_iterations):
        editors = {"wang": auth.hash_password(PASSWORD)}
        assert check_editor("wang", PASSWORD, editors)
        assert not check_editor("wang", PASSWORD + "x", editors)
        assert not check_editor("Wang", PASSWORD, editors)
