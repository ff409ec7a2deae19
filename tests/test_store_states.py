"""Every broken store state is answered by every command with a message and exit code 2, never
a traceback and never by serving another store; viewers are told what is wrong without a server
path or an exception's text."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from deltalake import DeltaTable

from tests.fixtures import import_corpus as corpus
from xhdash.data.health import inspect_store
from xhdash.data.schema import OBSERVATIONS, TABLES
from xhdash.data.storage import StoreLocationError
from xhdash.data.store import load_store
from xhdash.data.tables import check_table_files, read_parquet_tables, reading
from xhdash.data.validate import StoreError, ValidationIssue
from xhdash.data.versions import (
    current_version,
    ensure_initialised,
    locate_tables,
    publish,
    snapshot_at,
    tables_dir,
)
from xhdash.serving.cli import main

XHDASH = Path(sys.executable).parent / "xhdash"
COMMANDS = ("check", "versions", "rollback", "import", "export")
VIEWER_FORBIDDEN = ("/", "\\", "Errno", "Arrow", "arrow", "Traceback")


def make_unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """The folder as chmod 000 makes it for an ordinary user: it cannot be listed, and nothing
    in it can be looked up or opened. These tests run as root, for whom chmod 000 stops nothing,
    so the refusals are simulated at the calls that would fail (os.stat, os.listdir, io.open,
    which pathlib uses); pyarrow's own reads are not simulated, which is why every read of a
    store is preceded by those checks."""
    folder = folder.absolute()
    real_stat, real_listdir, real_open = os.stat, os.listdir, io.open

    def inside(path, include_folder: bool = False) -> bool:
        if isinstance(path, int):
            return False
        path = Path(os.fsdecode(path)).absolute()
        return folder in path.parents or (include_folder and path == folder)

    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))

    def stat(path, *args, **kwargs):
        return refuse(path) if inside(path) else real_stat(path, *args, **kwargs)

    def listdir(path="."):
        return refuse(path) if inside(path, include_folder=True) else real_listdir(path)

    def open_(file, *args, **kwargs):
        return refuse(file) if inside(file) else real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    monkeypatch.setattr(os, "listdir", listdir)
    monkeypatch.setattr(io, "open", open_)


def two_versions(store: Path) -> Path:
    """A sound Delta store with versions 0 and 1 (a copy of 0), 1 current."""
    ensure_initialised(store)
    publish(store, read_parquet_tables(snapshot_at(store, 0)),
            {"editor": "a", "file_name": "a.csv", "file_sha256": "0" * 64}, based_on=0)
    return store


def current_files(store: Path, name: str) -> list[Path]:
    version = tables_dir(store).table_version(name)
    return [Path(uri) for uri in DeltaTable(str(store / name), version=version).file_uris()]


def overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = len(data) // 3
    data[start:start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


# Each state: (build(tmp_path, monkeypatch) -> store, the rollback target that state offers).
# The target is what the broken store points at; rolling back to it must be refused.
def _file(tmp_path, monkeypatch):
    store = tmp_path / "store"
    store.write_text("not a folder", encoding="utf-8")
    return store


def _log_damaged(tmp_path, monkeypatch):
    store = two_versions(tmp_path / "store")
    (store / "publishes" / "_delta_log" / "00000000000000000001.json").write_bytes(b"{not")
    return store


def _files_missing(tmp_path, monkeypatch):
    store = two_versions(tmp_path / "store")
    for path in current_files(store, "observations"):
        path.unlink()
    return store


def _truncated(tmp_path, monkeypatch):
    store = two_versions(tmp_path / "store")
    for path in current_files(store, "domains"):
        path.write_bytes(path.read_bytes()[:100])
    return store


def _overwritten(tmp_path, monkeypatch):
    store = two_versions(tmp_path / "store")
    for path in current_files(store, "observations"):
        overwrite_middle(path)
    return store


def _old_layout(text: Callable[[Path], str]):
    def build(tmp_path, monkeypatch):
        store = tmp_path / "store"
        (store / "versions" / "v0001").mkdir(parents=True)
        (store / "CURRENT").write_text(text(tmp_path) + "\n", encoding="utf-8")
        return store
    return build


STATES: dict[str, tuple[Callable, str]] = {
    "store_is_a_file": (_file, "0"),
    "publishes_log_damaged": (_log_damaged, "1"),
    "current_files_missing": (_files_missing, "1"),
    "parquet_truncated": (_truncated, "1"),
    "parquet_overwritten": (_overwritten, "1"),
    "old_layout_relative": (_old_layout(lambda tmp: "../../other/versions/v0002"),
                            "../../other/versions/v0002"),
    "old_layout_absolute": (_old_layout(lambda tmp: str(tmp / "other" / "versions" / "v0002")),
                            "/tmp/other/versions/v0002"),
    "old_layout_300_characters": (_old_layout(lambda tmp: "v" * 300), "v" * 300),
}
REPAIRABLE = ["current_files_missing", "parquet_truncated", "parquet_overwritten"]


def argv(command: str, store: Path, tmp_path: Path, target: str) -> list[str]:
    if command == "rollback":
        return ["rollback", target, "--store", str(store)]
    if command == "import":
        source = tmp_path / "a.csv"
        source.write_bytes(corpus.long_utf8())
        return ["import", str(source), "--store", str(store)]
    if command == "export":
        return ["export", "--out", str(tmp_path / "out.csv"), "--store", str(store)]
    return [command, "--store", str(store)]


class TestEveryCommandOnABrokenStore:
    @pytest.mark.parametrize("command", COMMANDS)
    @pytest.mark.parametrize("state", list(STATES))
    def test_exit_2_with_a_message(self, tmp_path, monkeypatch, capsys, state, command):
        build, target = STATES[state]
        store = build(tmp_path, monkeypatch)
        code = main(argv(command, store, tmp_path, target))
        err = capsys.readouterr().err
        assert "Traceback" not in err
        if command == "import":  # being rewritten elsewhere: only that it answers
            return
        assert code == 2
        assert err.strip()
        assert not (tmp_path / "out.csv").exists()

    @pytest.mark.parametrize("command", ["check", "export"])
    def test_empty_named_store(self, tmp_path, capsys, command):
        store = tmp_path / "empty"
        store.mkdir()
        assert main(argv(command, store, tmp_path, "")) == 2
        err = capsys.readouterr().err
        assert "observations.parquet：文件不存在" in err and "file not found" in err

    @pytest.mark.parametrize("state", [s for s in STATES if s.startswith("old_layout")])
    def test_an_old_layout_store_is_never_served(self, tmp_path, monkeypatch, capsys, state):
        build, _target = STATES[state]
        store = build(tmp_path, monkeypatch)
        before = (store / "CURRENT").read_bytes()
        assert main(["rollback", "0", "--store", str(store)]) == 2
        assert "xhdash migrate-store" in capsys.readouterr().err
        assert (store / "CURRENT").read_bytes() == before
        with pytest.raises(StoreLocationError):
            locate_tables(store)


class TestRollbackRepairs:
    @pytest.mark.parametrize("state", REPAIRABLE)
    def test_rollback_to_a_sound_version(self, tmp_path, monkeypatch, capsys, state):
        build, _target = STATES[state]
        store = build(tmp_path, monkeypatch)
        assert main(["rollback", "0", "--store", str(store)]) == 0
        assert current_version(store) == 2  # a new version equal to 0
        assert main(["check", "--store", str(store)]) == 0
        assert main(["versions", "--store", str(store)]) == 0
        out = capsys.readouterr().out
        assert "* 2 " in out and "restore → 0" in out


class TestSubprocess:
    """The installed command, as an operator runs it (no simulation: states a root user sees)."""

    @pytest.mark.parametrize(("state", "command"), [
        ("store_is_a_file", "versions"), ("store_is_a_file", "rollback"),
        ("old_layout_relative", "check"), ("old_layout_300_characters", "rollback"),
        ("parquet_truncated", "export"), ("parquet_overwritten", "versions"),
    ])
    def test_exit_2_without_a_traceback(self, tmp_path, monkeypatch, state, command):
        build, target = STATES[state]
        store = build(tmp_path, monkeypatch)
        done = subprocess.run([str(XHDASH), *argv(command, store, tmp_path, target)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stdout + done.stderr
        assert done.stderr.strip() and "Traceback" not in done.stderr

    def test_300_character_rollback_id(self, tmp_path):
        store = two_versions(tmp_path / "store")
        done = subprocess.run([str(XHDASH), "rollback", "v" + "0" * 299, "--store", str(store)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "没有版本" in done.stderr
        assert "Traceback" not in done.stderr and "File name too long" not in done.stderr


def viewer_text(error: StoreError | StoreLocationError) -> str:
    return error.public_message("zh") + "\n" + error.public_message("en")


class TestViewerRendering:
    @pytest.mark.parametrize("state", list(STATES))
    def test_store_health_names_no_path(self, tmp_path, monkeypatch, state):
        build, _target = STATES[state]
        store = build(tmp_path, monkeypatch)
        health = inspect_store(store, read_data=True)
        assert not health.ok
        text = health.public_message("zh") + "\n" + health.public_message("en")
        assert text.strip()
        assert not [word for word in VIEWER_FORBIDDEN if word in text], text
        assert str(tmp_path) not in health.message("zh", detail=False)

    @pytest.mark.parametrize("state", list(STATES))
    def test_loading_error_names_no_path(self, tmp_path, monkeypatch, state):
        """What the app meets when it loads the tables: the viewers' text of the error."""
        build, _target = STATES[state]
        store = build(tmp_path, monkeypatch)
        with pytest.raises((StoreError, StoreLocationError)) as raised:
            load_store(locate_tables(store))
        text = viewer_text(raised.value)
        assert text.strip()
        assert not [word for word in VIEWER_FORBIDDEN if word in text], text

    def test_detailed_rendering_names_the_file(self, tmp_path, monkeypatch):
        store = _truncated(tmp_path, monkeypatch)
        with pytest.raises(StoreError) as raised:
            load_store(locate_tables(store))
        assert "part-" in raised.value.message("en")  # the Parquet file of the current version
        assert raised.value.public_message("zh") == "domains.parquet：数据文件无法读取"


class TestValidationIssueMessage:
    def test_unreadable_detail_only_when_asked(self):
        issue = ValidationIssue("observations.parquet", None, None, "", "unreadable",
                                (("detail", "[Errno 13] Permission denied: '/srv/x'"),))
        assert issue.message("zh") == ("observations.parquet：无法读取：[Errno 13] Permission "
                                       "denied: '/srv/x'")
        assert issue.message("zh", detail=False) == "observations.parquet：数据文件无法读取"
        assert issue.public_message("en") == "observations.parquet: the data file cannot be read"

    def test_other_rules_read_the_same(self):
        issue = ValidationIssue("areas.parquet", 3, "area_id", "x", "empty")
        expected = "areas.parquet 第3行「area_id」列：“x”不能为空"
        assert issue.public_message("zh") == issue.message("zh") == expected


class TestStoreErrorMessage:
    def test_lists_the_first_issues_and_counts_the_rest(self):
        issues = [ValidationIssue(f"t{n}.parquet", None, None, "", "missing_file")
                  for n in range(5)]
        text = StoreError(issues).message("en", limit=2)
        assert text.splitlines() == ["t0.parquet: file not found", "t1.parquet: file not found",
                                     "… 3 more"]

    def test_public_message_leaves_out_the_detail(self):
        error = StoreError([ValidationIssue("a.parquet", None, None, "", "unreadable",
                                            (("detail", "ArrowInvalid at /srv/a.parquet"),))])
        assert error.public_message("en") == "a.parquet: the data file cannot be read"
        assert "/srv/a.parquet" in error.message("en")


class TestCheckTableFiles:
    def test_sound_tables(self, built_store):
        assert check_table_files(built_store) == []
        assert check_table_files(built_store, read_data=True) == []

    def test_missing_and_truncated_files(self, built_store):
        (built_store / "places.parquet").unlink()
        truncated = built_store / "areas.parquet"
        truncated.write_bytes(truncated.read_bytes()[:50])
        found = {(i.file, i.rule) for i in check_table_files(built_store)}
        assert found == {("places.parquet", "missing_file"), ("areas.parquet", "unreadable")}

    def test_damage_inside_needs_a_full_read(self, built_store):
        overwrite_middle(built_store / "observations.parquet")
        assert check_table_files(built_store) == []  # the footer still reads
        (issue,) = check_table_files(built_store, read_data=True)
        assert (issue.file, issue.rule) == ("observations.parquet", "unreadable")

    def test_an_empty_folder(self, tmp_path):
        issues = check_table_files(tmp_path)
        assert {i.file for i in issues} == {spec.parquet_name for spec in TABLES.values()}


class TestReading:
    def test_read_error_becomes_a_store_error(self):
        with pytest.raises(StoreError) as raised, reading(OBSERVATIONS):
            raise OSError("[Errno 5] Input/output error: '/srv/store/observations.parquet'")
        (issue,) = raised.value.issues
        assert issue.public_message("zh") == "observations.parquet：数据文件无法读取"
        assert "Input/output error" in issue.message("zh")

    def test_other_errors_pass(self):
        with pytest.raises(KeyError), reading(OBSERVATIONS):
            raise KeyError("domains")


class TestReadParquetTables:
    def test_damaged_file_is_a_store_error(self, built_store):
        overwrite_middle(built_store / "observations.parquet")
        with pytest.raises(StoreError, match="observations.parquet"):
            read_parquet_tables(built_store, names=("observations",))
