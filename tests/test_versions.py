"""The versioned store: publish, list, roll back; refusals leave it untouched; crashes and
concurrent editors never leave it half-written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures import import_corpus as corpus
from xhdash.cli import main
from xhdash.storage import BrokenStore, StoreLocationError
from xhdash.store import load_store
from xhdash.tables import load_parquet_tables
from xhdash.validate import StoreError
from xhdash.versions import (
    FAULT_ENV,
    DamagedVersion,
    StoreBusy,
    StoreChanged,
    UnknownVersion,
    current_version,
    damaged_versions,
    ensure_initialised,
    inspect_store,
    is_version_id,
    list_versions,
    publish,
    rollback,
    tables_dir,
    version_dir,
    writer_lock,
)

SHIPPED_ROWS = 102  # stored rows: reported and interpreted
SHIPPED_REPORTED = 96
PUBLISH_STAGES = [f"table_written:{t}" for t in ("domains", "sources", "areas", "industries",
                                                 "indicators", "places", "observations")] + [
    "snapshot_written", "snapshot_renamed", "current_written", "current_replaced"]


def store_fingerprint(store: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(store.rglob("*")) if store.exists() else []:
        if path.is_file():
            digest.update(str(path.relative_to(store)).encode() + path.read_bytes())
    return digest.hexdigest()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xhdash.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


@pytest.fixture
def store(tmp_path) -> Path:
    folder = tmp_path / "store"
    ensure_initialised(folder)
    return folder


class TestEnsureInitialised:
    def test_first_version_is_the_shipped_data(self, store):
        (first,) = list_versions(store)
        assert (first.version_id, first.editor, first.rows["observations"]) == (
            "v0001", "system", SHIPPED_ROWS)
        assert current_version(store) == "v0001"

    def test_idempotent(self, store):
        ensure_initialised(store)
        assert len(list_versions(store)) == 1


class TestPublishAndRollback:
    def test_publish_makes_a_new_current_version(self, store):
        tables = load_parquet_tables(tables_dir(store))
        tables["observations"] = tables["observations"].head(100)
        manifest = publish(store, tables, "王编辑", "a.csv", "abc", based_on="v0001")
        assert current_version(store) == manifest.version_id == "v0002"
        assert len(load_store(tables_dir(store)).observations.query("status != 'derived'")) == 100

    def test_rollback_to_any_version(self, store):
        tables = load_parquet_tables(tables_dir(store))
        publish(store, tables, "a", "a.csv", "1", based_on="v0001")
        publish(store, tables, "b", "b.csv", "2", based_on="v0002")
        rollback(store, "v0001", "c")
        assert current_version(store) == "v0001"
        rollback(store, "v0003", "c")
        assert current_version(store) == "v0003"
        history = (store / "history.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(history) == 5

    def test_publish_built_on_an_old_version_is_refused(self, store):
        tables = load_parquet_tables(tables_dir(store))
        publish(store, tables, "a", "a.csv", "1", based_on="v0001")
        with pytest.raises(StoreChanged, match="v0001 → v0002"):
            publish(store, tables, "b", "b.csv", "2", based_on="v0001")
        assert current_version(store) == "v0002"

    def test_unknown_version(self, store):
        with pytest.raises(UnknownVersion):
            rollback(store, "v0099", "x")

    def test_second_writer_is_told_busy(self, store, monkeypatch):
        with writer_lock(store), pytest.raises(StoreBusy, match="另一位编辑"):
            with writer_lock(store, wait_seconds=0.2):
                pass


def add_version(store: Path, version_id: str, current: bool = False) -> Path:
    """A copy of v0001 as another complete version (its manifest names it)."""
    folder = store / "versions" / version_id
    shutil.copytree(store / "versions" / "v0001", folder)
    manifest = folder / "manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"v0001"', f'"{version_id}"'),
                        encoding="utf-8")
    if current:
        (store / "CURRENT").write_text(version_id + "\n", encoding="utf-8")
    return folder


def history(store: Path) -> list[dict]:
    return [json.loads(line) for line in
            (store / "history.jsonl").read_text(encoding="utf-8").splitlines()]


PATH_LIKE_IDS = ["../v0001", "../../other/versions/v0001", "/srv/other/versions/v0001",
                 "v0001/../v0001", "versions/v0001", ".", ""]


class TestIsVersionId:
    @pytest.mark.parametrize("text", ["v0001", "v0042", "v12345", "v" + "9" * 23])
    def test_ids_publish_makes(self, text):
        assert is_version_id(text)

    @pytest.mark.parametrize("text", [*PATH_LIKE_IDS, "v001", "V0001", "v0001\n", " v0001",
                                      "v\u0660\u0660\u0660\u0661", "v" + "0" * 300, "v" * 300])
    def test_anything_else(self, text):
        assert not is_version_id(text)


class TestCurrentVersion:
    def test_the_id_in_current(self, store):
        assert current_version(store) == "v0001"

    def test_unversioned_folder(self, tmp_path):
        assert current_version(tmp_path) is None

    @pytest.mark.parametrize("text", [*PATH_LIKE_IDS, "v" * 300, "\x00\xff"])
    def test_anything_but_an_id_is_a_broken_store(self, store, text):
        (store / "CURRENT").write_text(text, encoding="utf-8", errors="replace")
        with pytest.raises(BrokenStore) as raised:
            current_version(store)
        assert raised.value.reason == "bad_current"

    def test_a_missing_or_incomplete_version(self, store):
        (store / "CURRENT").write_text("v0009\n", encoding="utf-8")
        with pytest.raises(BrokenStore, match="v0009") as raised:
            current_version(store)
        assert raised.value.reason == "missing_version"
        (store / "versions" / "v0009").mkdir()  # a folder without its manifest is no version
        with pytest.raises(BrokenStore, match="v0009"):
            current_version(store)

    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        with pytest.raises(BrokenStore) as raised:
            current_version(tmp_path / "store")
        assert raised.value.reason == "not_a_folder"


class TestVersionDir:
    def test_inside_versions(self, store):
        assert version_dir(store, "v0001") == store / "versions" / "v0001"

    @pytest.mark.parametrize("text", PATH_LIKE_IDS)
    def test_never_a_path(self, store, text):
        with pytest.raises(UnknownVersion):
            version_dir(store, text)


class TestTablesDir:
    def test_current_version(self, store):
        assert tables_dir(store) == store / "versions" / "v0001"

    def test_plain_folder_of_tables(self, built_store):
        assert tables_dir(built_store) == built_store

    def test_never_outside_the_store(self, tmp_path, store):
        other = tmp_path / "other"
        ensure_initialised(other)
        (store / "CURRENT").write_text(str(other / "versions" / "v0001"), encoding="utf-8")
        with pytest.raises(BrokenStore):
            tables_dir(store)


class TestWriterLock:
    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        with pytest.raises(BrokenStore) as raised, writer_lock(tmp_path / "store"):
            pass
        assert raised.value.reason == "not_a_folder"

    def test_a_folder_that_cannot_be_made(self, tmp_path):
        (tmp_path / "file").write_text("x", encoding="utf-8")
        with pytest.raises(BrokenStore) as raised, writer_lock(tmp_path / "file" / "store"):
            pass
        assert raised.value.reason == "not_writable"


class TestListVersions:
    def test_in_publish_order(self, store):
        for version_id in ("v0002", "v9999", "v10000"):
            add_version(store, version_id)
        assert [m.version_id for m in list_versions(store)] == ["v0001", "v0002", "v9999",
                                                                 "v10000"]

    @pytest.mark.parametrize("garble", [
        lambda path: path.write_bytes(b"{not json"),
        lambda path: path.write_bytes(b"\xff\xfe\x00"),
        lambda path: path.write_text("[1, 2]", encoding="utf-8"),
        lambda path: path.write_text('{"version_id": "v0002"}', encoding="utf-8"),
        lambda path: path.write_text(path.read_text(encoding="utf-8").replace(
            '"v0002"', '"v0001"'), encoding="utf-8"),  # claims to be another version
        lambda path: path.write_text(path.read_text(encoding="utf-8").replace(
            '"rows": {', '"rows": {"x": "many", '), encoding="utf-8"),
        lambda path: path.unlink(),
    ])
    def test_a_damaged_manifest_is_left_out(self, store, garble):
        garble(add_version(store, "v0002") / "manifest.json")
        assert [m.version_id for m in list_versions(store)] == ["v0001"]

    def test_temporary_and_stray_folders_are_not_versions(self, store):
        (store / "versions" / ".tmp-v0002-1").mkdir()
        (store / "versions" / "vnotes").mkdir()
        assert [m.version_id for m in list_versions(store)] == ["v0001"]

    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        with pytest.raises(BrokenStore):
            list_versions(tmp_path / "store")


class TestDamagedVersions:
    def test_names_the_versions_left_out(self, store):
        (add_version(store, "v0002") / "manifest.json").write_bytes(b"{")
        add_version(store, "v0003")
        assert damaged_versions(store) == ["v0002"]
        assert [m.version_id for m in list_versions(store)] == ["v0001", "v0003"]


class TestRollback:
    @pytest.mark.parametrize("text", [*PATH_LIKE_IDS, "v" * 300, "v" + "0" * 300])
    def test_only_a_version_id_of_this_store(self, tmp_path, store, text):
        before = (store / "CURRENT").read_bytes()
        with pytest.raises(UnknownVersion) as raised:
            rollback(store, text, "x")
        assert not isinstance(raised.value, DamagedVersion)
        assert (store / "CURRENT").read_bytes() == before

    def test_not_to_another_stores_version(self, tmp_path, store):
        other = tmp_path / "other"
        ensure_initialised(other)
        add_version(other, "v0002")
        with pytest.raises(UnknownVersion):
            rollback(store, str(other / "versions" / "v0002"), "x")
        with pytest.raises(UnknownVersion):
            rollback(store, "v0002", "x")
        assert current_version(store) == "v0001"

    @pytest.mark.parametrize("damage", [
        lambda folder: (folder / "manifest.json").write_bytes(b"{"),
        lambda folder: (folder / "areas.parquet").write_bytes(b"PAR1"),
        lambda folder: (folder / "places.parquet").unlink(),
    ])
    def test_not_to_a_damaged_version(self, store, damage):
        damage(add_version(store, "v0002"))
        with pytest.raises(DamagedVersion, match="v0002"):
            rollback(store, "v0002", "x")
        assert current_version(store) == "v0001"

    @pytest.mark.parametrize("current", ["v0009", "../../elsewhere/versions/v0001", "", "v" * 300])
    def test_repairs_a_broken_current(self, store, current):
        add_version(store, "v0002", current=True)
        (store / "CURRENT").write_text(current + "\n", encoding="utf-8")
        rollback(store, "v0001", "王编辑")
        assert current_version(store) == "v0001"
        entry = history(store)[-1]
        assert entry["action"] == "rollback" and entry["version_id"] == "v0001"
        assert entry["from"] == (current if len(current) <= 40 else current[:40] + "…")

    def test_repairs_a_damaged_current_version(self, store):
        folder = add_version(store, "v0002", current=True)
        (folder / "observations.parquet").write_bytes(b"damaged")
        with pytest.raises(StoreError):
            load_store(tables_dir(store))
        rollback(store, "v0001", "x")
        assert len(load_store(tables_dir(store)).observations) > SHIPPED_ROWS


class TestInspectStore:
    def test_sound_store(self, store):
        health = inspect_store(store)
        assert health.ok and health.problem is None and health.message() == ""
        assert (health.tables, health.version_id, health.writable) == (
            store / "versions" / "v0001", "v0001", True)
        assert [m.version_id for m in health.versions] == ["v0001"] and health.damaged == ()

    def test_damaged_current_version_keeps_the_versions(self, store):
        add_version(store, "v0002", current=True)
        (store / "versions" / "v0002" / "observations.parquet").write_bytes(b"damaged")
        health = inspect_store(store)
        assert not health.ok and isinstance(health.problem, StoreError)
        assert health.version_id == "v0002" and health.writable
        assert [m.version_id for m in health.versions] == ["v0001", "v0002"]
        assert health.public_message("en") == ("observations.parquet: the data file cannot be "
                                               "read")

    def test_broken_current_keeps_the_versions(self, store):
        (store / "CURRENT").write_text("../../other", encoding="utf-8")
        health = inspect_store(store)
        assert isinstance(health.problem, BrokenStore) and health.tables is None
        assert health.version_id is None and health.writable
        assert [m.version_id for m in health.versions] == ["v0001"]
        assert "../../other" in health.message("en")
        assert "../../other" not in health.public_message("en")

    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        health = inspect_store(tmp_path / "store")
        assert not health.ok and not health.writable and health.versions == ()
        assert health.public_message("zh") == "数据存储位置不是文件夹，无法读取数据。"

    def test_named_store_not_made_yet(self, tmp_path):
        health = inspect_store(tmp_path / "new")
        assert isinstance(health.problem, StoreError) and health.writable
        assert {i.rule for i in health.problem.issues} == {"missing_file"}

    def test_unopenable_location(self):
        health = inspect_store("nosuch://bucket/store")
        assert isinstance(health.problem, StoreLocationError) and not health.writable
        assert "nosuch" not in health.public_message("en")

    def test_without_versions(self, store):
        health = inspect_store(store, with_versions=False)
        assert health.ok and health.version_id == "v0001" and health.versions == ()

    def test_read_only_filesystem(self):
        assert not inspect_store("mock:///store").writable

    def test_store_from_environment(self, store, monkeypatch):
        monkeypatch.setenv("XHDASH_STORE", str(store))
        assert inspect_store().version_id == "v0001"

    def test_a_damaged_page_needs_read_data(self, store):
        folder = add_version(store, "v0002", current=True)
        path = folder / "observations.parquet"
        data = bytearray(path.read_bytes())
        data[len(data) // 3:len(data) // 3 + 200] = b"\xff" * 200
        path.write_bytes(bytes(data))
        assert inspect_store(store).ok
        assert not inspect_store(store, read_data=True).ok


class TestCliVersionsAndRollback:
    def test_damaged_manifest_is_listed_and_refused(self, store, capsys):
        (add_version(store, "v0002") / "manifest.json").write_bytes(b"{")
        assert main(["versions", "--store", str(store)]) == 0
        assert "! v0002" in capsys.readouterr().out
        assert main(["rollback", "v0002", "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert "版本 v0002 已损坏" in err and "version v0002 is damaged" in err

    def test_broken_current_lists_versions_and_says_how_to_repair(self, store, capsys):
        add_version(store, "v0002")
        (store / "CURRENT").write_text("v0009", encoding="utf-8")
        assert main(["versions", "--store", str(store)]) == 2
        captured = capsys.readouterr()
        assert "v0001" in captured.out and "v0002" in captured.out and "*" not in captured.out
        assert "CURRENT 指向 v0009" in captured.err and "xhdash rollback VERSION" in captured.err


class TestCliImport:
    def test_publish_list_and_rollback(self, tmp_path, store, capsys):
        path = write(tmp_path, "公报.csv", corpus.bulletin_gbk())
        assert main(["import", str(path), "--store", str(store), "--editor", "王编辑"]) == 0
        out = capsys.readouterr().out
        assert "新增 new 5" in out and "已发布版本 published version v0002" in out
        assert main(["versions", "--store", str(store)]) == 0
        listing = capsys.readouterr().out
        assert "* v0002" in listing and "王编辑" in listing and "公报.csv" in listing
        assert main(["rollback", "v0001", "--store", str(store)]) == 0
        assert current_version(store) == "v0001"

    def test_dry_run_writes_nothing(self, tmp_path, store, capsys):
        before = store_fingerprint(store)
        path = write(tmp_path, "a.csv", corpus.long_utf8())
        assert main(["import", str(path), "--store", str(store), "--dry-run"]) == 0
        assert "试运行" in capsys.readouterr().out
        assert store_fingerprint(store) == before

    @pytest.mark.parametrize(("name", "maker", "words"), [
        ("bomb.xlsx", corpus.zip_bomb_xlsx, "压缩炸弹"),
        ("laughs.xlsx", corpus.xml_bomb_xlsx, "XML 炸弹"),
        ("picture.xlsx", corpus.png_named_xlsx, "不是 CSV 或 Excel"),
        ("old.xls", corpus.legacy_xls, "另存为 .xlsx"),
        ("noise.csv", corpus.undecodable, "不是可识别的文本"),
        ("payloads.csv", corpus.formula_payloads, "不是已有指标"),
        ("bad.csv", corpus.thousand_bad_cells, "共 1,000 处问题"),
        ("units.csv", corpus.unit_variants, "确认换算后将乘以"),
        ("new.csv", corpus.unknown_items, "不是已有区域"),
    ])
    def test_refusals_exit_2_and_leave_the_store_untouched(self, tmp_path, store, capsys, name,
                                                            maker, words):
        before = store_fingerprint(store)
        assert main(["import", str(write(tmp_path, name, maker())), "--store", str(store)]) == 2
        assert words in capsys.readouterr().err
        assert store_fingerprint(store) == before

    def test_size_and_row_limits(self, tmp_path, store, capsys, monkeypatch):
        before = store_fingerprint(store)
        monkeypatch.setenv("XHDASH_MAX_IMPORT_MB", "1")
        assert main(["import", str(write(tmp_path, "big.csv", corpus.oversized(1.5))),
                     "--store", str(store)]) == 2
        monkeypatch.setenv("XHDASH_MAX_IMPORT_ROWS", "50")
        assert main(["import", str(write(tmp_path, "rows.csv", corpus.many_rows(80))),
                     "--store", str(store)]) == 2
        err = capsys.readouterr().err
        assert "超过上限 1 MB" in err and "行数超过上限 50 行" in err
        assert store_fingerprint(store) == before

    def test_allow_new_with_domain(self, tmp_path, store, capsys):
        path = write(tmp_path, "new.csv", corpus.unknown_items())
        assert main(["import", str(path), "--store", str(store), "--allow-new",
                     "--domain", "economy"]) == 0
        assert "新指标 new indicators: 夜间经济消费额" in capsys.readouterr().out
        indicators = load_store(tables_dir(store)).indicators
        assert "夜间经济消费额" in set(indicators["name_zh"])

    def test_same_file_twice_publishes_once(self, tmp_path, store, capsys):
        path = write(tmp_path, "a.csv", corpus.long_utf8())
        assert main(["import", str(path), "--store", str(store)]) == 0
        assert main(["import", str(path), "--store", str(store)]) == 0
        assert "未发布" in capsys.readouterr().out
        assert len(list_versions(store)) == 2


class TestCrashDuringPublish:
    @pytest.mark.parametrize("stage", PUBLISH_STAGES)
    def test_store_is_old_or_new_after_a_crash(self, tmp_path, store, stage):
        path = write(tmp_path, "a.csv", corpus.long_utf8())
        crashed = cli("import", str(path), "--store", str(store), env={FAULT_ENV: stage})
        assert crashed.returncode == 99, crashed.stderr
        rows = len(load_store(tables_dir(store)).observations.query("status == 'reported'"))
        expected = SHIPPED_REPORTED + 10 if stage == "current_replaced" else SHIPPED_REPORTED
        assert rows == expected
        assert all((store / "versions" / m.version_id / "manifest.json").exists()
                   for m in list_versions(store))
        again = cli("import", str(path), "--store", str(store))
        assert again.returncode == 0, again.stderr
        rows = len(load_store(tables_dir(store)).observations.query("status == 'reported'"))
        assert rows == SHIPPED_REPORTED + 10

    def test_killed_at_random_moments_in_a_loop(self, tmp_path, store):
        path = write(tmp_path, "a.csv", corpus.long_utf8())
        valid_counts = {SHIPPED_REPORTED, SHIPPED_REPORTED + 10}
        for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
            process = subprocess.Popen([sys.executable, "-m", "xhdash.cli", "import", str(path),
                                        "--store", str(store)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            rows = len(load_store(tables_dir(store)).observations.query("status == 'reported'"))
            assert rows in valid_counts


class TestConcurrentEditors:
    def test_every_publish_lands_or_is_told(self, tmp_path, store):
        files = [write(tmp_path, f"e{n}.csv",
                       f"指标,期间,数值\n区级财政收入,2030-{n + 1:02d},{n + 1}\n".encode())
                 for n in range(4)]
        processes = [subprocess.Popen([sys.executable, "-m", "xhdash.cli", "import", str(f),
                                       "--store", str(store), "--editor", f"e{n}",
                                       "--source", "测试用合成数据"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      env={**os.environ, "XHDASH_LOCK_WAIT": "0.05"})
                     for n, f in enumerate(files)]
        outcomes = [(p.wait(timeout=120), p.communicate()) for p in processes]
        landed = [n for n, (code, _) in enumerate(outcomes) if code == 0]
        told = [n for n, (code, (_, err)) in enumerate(outcomes) if code == 3 and "另一位编辑" in err]
        assert sorted(landed + told) == [0, 1, 2, 3]
        assert landed
        published = {m.file_name for m in list_versions(store)}
        assert {f"e{n}.csv" for n in landed} <= published
        # each landed publish built on the one before it: the last version holds every landed row
        final = load_store(tables_dir(store)).observations
        periods = set(final.query("indicator_id == 'fiscal_revenue'")["period"])
        latest = list_versions(store)[-1]
        assert current_version(store) == latest.version_id
        assert {f"2030-{n + 1:02d}" for n in landed} <= periods
