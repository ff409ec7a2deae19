"""The Delta store: publish, list, restore, vacuum; refusals leave it untouched; crashes and
concurrent editors never leave it half-written."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from deltalake import DeltaTable

from tests.fixtures import import_corpus as corpus
from xhdash.data.health import inspect_store
from xhdash.data.storage import BrokenStore, StoreLocationError
from xhdash.data.store import load_store
from xhdash.data.tables import load_parquet_tables
from xhdash.data.validate import StoreError
from xhdash.data.versions import (
    FAULT_ENV,
    DamagedVersion,
    StoreChanged,
    UnknownVersion,
    current_version,
    ensure_initialised,
    is_version_id,
    list_versions,
    parse_as_of,
    publish,
    rollback,
    snapshot_at,
    tables_dir,
    vacuum,
)
from xhdash.serving.cli import main

SHIPPED_ROWS = 102  # stored rows: reported and interpreted
SHIPPED_REPORTED = 96
PUBLISH_STAGES = [f"table_written:{t}" for t in ("domains", "sources", "areas", "industries",
                                                 "indicators", "places", "observations")] + [
    "tables_written", "published"]


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
    return subprocess.run([sys.executable, "-m", "xhdash.serving.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


def meta(editor: str = "a", file_name: str = "a.csv", **more) -> dict:
    return {"editor": editor, "file_name": file_name, "file_sha256": "0" * 64, **more}


@pytest.fixture
def store(tmp_path) -> Path:
    folder = tmp_path / "store"
    ensure_initialised(folder)
    return folder


def fewer_rows(store: Path, rows: int = 100) -> dict:
    tables = load_parquet_tables(snapshot_at(store, 0))
    tables["observations"] = tables["observations"].head(rows)
    return tables


class TestEnsureInitialised:
    def test_first_version_is_the_shipped_data(self, store):
        (first,) = list_versions(store)
        assert (first.version_id, first.editor, first.action, first.rows["observations"]) == (
            0, "system", "initialise", SHIPPED_ROWS)
        assert current_version(store) == 0

    def test_idempotent(self, store):
        ensure_initialised(store)
        assert len(list_versions(store)) == 1

    def test_every_table_is_a_delta_table_kept_for_years(self, store):
        for name in ("observations", "indicators", "areas", "industries", "sources", "domains",
                     "places", "publishes"):
            table = DeltaTable(str(store / name))
            assert table.metadata().configuration["delta.logRetentionDuration"] == \
                "interval 3650 days"
            assert table.metadata().configuration["delta.deletedFileRetentionDuration"] == \
                "interval 3650 days"
        assert DeltaTable(str(store / "observations")).to_pyarrow_table().num_rows == SHIPPED_ROWS


class TestPublishAndRestore:
    def test_publish_makes_a_new_current_version(self, store):
        manifest = publish(store, fewer_rows(store), meta("王编辑", summary="新增 1",
                                                           approved_by="李审核"), based_on=0)
        assert current_version(store) == manifest.version_id == 1
        assert len(load_store(tables_dir(store)).observations.query("status != 'derived'")) == 100
        latest = list_versions(store)[-1]
        assert (latest.editor, latest.file_name, latest.summary, latest.approved_by) == (
            "王编辑", "a.csv", "新增 1", "李审核")
        history = DeltaTable(str(store / "observations")).history()[0]
        assert history["editor"] == "王编辑" and history["file_name"] == "a.csv"

    def test_unknown_metadata_is_refused(self, store):
        with pytest.raises(TypeError):
            publish(store, fewer_rows(store), meta(aproved_by="x"), based_on=0)
        assert current_version(store) == 0

    def test_rollback_is_a_new_version_with_history_kept(self, store):
        publish(store, fewer_rows(store, 100), meta("a"), based_on=0)
        publish(store, fewer_rows(store, 50), meta("b"), based_on=1)
        made = rollback(store, 0, "c")
        assert made.version_id == current_version(store) == 3
        assert len(load_store(tables_dir(store)).observations.query("status != 'derived'")) == \
            SHIPPED_ROWS
        made = rollback(store, "v1", "c")
        assert len(load_store(tables_dir(store)).observations.query("status != 'derived'")) == 100
        assert [(m.action, m.editor, m.restored_from) for m in list_versions(store)] == [
            ("initialise", "system", None), ("publish", "a", None), ("publish", "b", None),
            ("restore", "c", 0), ("restore", "c", 1)]

    def test_publish_built_on_an_old_version_is_refused(self, store):
        tables = fewer_rows(store)
        publish(store, tables, meta("a"), based_on=0)
        with pytest.raises(StoreChanged, match="0 → 1"):
            publish(store, tables, meta("b"), based_on=0)
        assert current_version(store) == 1

    def test_unknown_version(self, store):
        with pytest.raises(UnknownVersion):
            rollback(store, 99, "x")

    def test_time_travel_reads_an_earlier_version(self, store):
        publish(store, fewer_rows(store, 10), meta(), based_on=0)
        assert len(load_store(snapshot_at(store, 0)).observations.query(
            "status != 'derived'")) == SHIPPED_ROWS
        assert parse_as_of(store, "1") == 1 and parse_as_of(store, "v0") == 0
        assert parse_as_of(store, "2999-01-01") == 1
        with pytest.raises(UnknownVersion):
            parse_as_of(store, "1999-01-01")
        with pytest.raises(UnknownVersion):
            parse_as_of(store, "7")

    def test_vacuum_keeps_the_last_versions(self, store):
        publish(store, fewer_rows(store, 10), meta(), based_on=0)
        publish(store, fewer_rows(store, 20), meta(), based_on=1)
        removed = vacuum(store, keep=2)
        assert removed["observations"] >= 1
        assert len(load_store(snapshot_at(store, 1)).observations.query("status != 'derived'")) == 10
        assert main(["vacuum", "--keep", "1", "--store", str(store)]) == 0
        assert len(load_store(tables_dir(store)).observations.query("status != 'derived'")) == 20


PATH_LIKE_IDS = ["../v0001", "../../other/publishes", "/srv/other", "1/../1", ".", "",
                 "v", "-1", "1.5", "\u0661"]


class TestIsVersionId:
    @pytest.mark.parametrize("text", ["0", "12", "v12", "v0001"])
    def test_versions(self, text):
        assert is_version_id(text)

    @pytest.mark.parametrize("text", [*PATH_LIKE_IDS, "9" * 300, "v" * 300])
    def test_anything_else(self, text):
        assert not is_version_id(text)


class TestStoreShapes:
    def test_unversioned_folder(self, tmp_path):
        assert current_version(tmp_path) is None

    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        with pytest.raises(BrokenStore) as raised:
            current_version(tmp_path / "store")
        assert raised.value.reason == "not_a_folder"

    def test_plain_folder_of_tables(self, built_store):
        assert tables_dir(built_store).version is None

    def test_a_damaged_log_is_a_broken_store(self, store):
        publish(store, fewer_rows(store), meta(), based_on=0)
        (store / "publishes" / "_delta_log" / "00000000000000000001.json").write_bytes(b"{not")
        with pytest.raises(StoreLocationError):
            load_store(tables_dir(store))

    @pytest.mark.parametrize("text", [*PATH_LIKE_IDS, "9" * 300])
    def test_rollback_only_to_a_version_of_this_store(self, store, text):
        before = store_fingerprint(store)
        with pytest.raises(UnknownVersion) as raised:
            rollback(store, text, "x")
        assert not isinstance(raised.value, DamagedVersion)
        assert store_fingerprint(store) == before

    def test_not_to_a_damaged_version(self, store):
        publish(store, fewer_rows(store), meta(), based_on=0)
        for uri in DeltaTable(str(store / "areas"), version=0).file_uris():
            Path(uri).write_bytes(b"PAR1")
        with pytest.raises(DamagedVersion, match="0"):
            rollback(store, 0, "x")
        assert current_version(store) == 1

    def test_repairs_a_damaged_current_version(self, store):
        publish(store, fewer_rows(store, 100), meta(), based_on=0)
        (path,) = [p for p in (store / "observations").glob("*.parquet")
                   if p.name in {f.rsplit("/", 1)[-1] for f in
                                 DeltaTable(str(store / "observations")).file_uris()}]
        path.write_bytes(b"damaged")
        with pytest.raises(StoreError):
            load_store(tables_dir(store))
        rollback(store, 0, "x")
        assert len(load_store(tables_dir(store)).observations) > SHIPPED_ROWS


class TestInspectStore:
    def test_sound_store(self, store):
        health = inspect_store(store)
        assert health.ok and health.problem is None and health.message() == ""
        assert (health.version_id, health.writable) == (0, True)
        assert [m.version_id for m in health.versions] == [0]

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

    def test_store_from_environment(self, store, monkeypatch):
        monkeypatch.setenv("XHDASH_STORE", str(store))
        assert inspect_store().version_id == 0


class TestCliImport:
    def test_publish_list_and_rollback(self, tmp_path, store, capsys):
        path = write(tmp_path, "公报.csv", corpus.bulletin_gbk())
        assert main(["import", str(path), "--store", str(store), "--editor", "王编辑"]) == 0
        out = capsys.readouterr().out
        assert "新增 new 5" in out and "已发布版本 published version 1" in out
        assert main(["versions", "--store", str(store)]) == 0
        listing = capsys.readouterr().out
        assert "* 1 " in listing and "王编辑" in listing and "公报.csv" in listing
        assert main(["rollback", "0", "--store", str(store)]) == 0
        assert current_version(store) == 2
        assert list_versions(store)[-1].restored_from == 0

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
        expected = SHIPPED_REPORTED + 10 if stage == "published" else SHIPPED_REPORTED
        assert rows == expected
        again = cli("import", str(path), "--store", str(store))
        assert again.returncode == 0, again.stderr
        rows = len(load_store(tables_dir(store)).observations.query("status == 'reported'"))
        assert rows == SHIPPED_REPORTED + 10

    def test_killed_at_random_moments_in_a_loop(self, tmp_path, store):
        path = write(tmp_path, "a.csv", corpus.long_utf8())
        valid_counts = {SHIPPED_REPORTED, SHIPPED_REPORTED + 10}
        for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.1, 2.4):
            process = subprocess.Popen([sys.executable, "-m", "xhdash.serving.cli", "import", str(path),
                                        "--store", str(store)], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            try:
                process.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                process.kill()  # SIGKILL: kill -9
                process.wait()
            rows = len(load_store(tables_dir(store)).observations.query("status == 'reported'"))
            assert rows in valid_counts


class TestConcurrentEditors:
    def test_every_publish_lands(self, tmp_path, store):
        files = [write(tmp_path, f"e{n}.csv",
                       f"指标,期间,数值\n区级财政收入,2030-{n + 1:02d},{n + 1}\n".encode())
                 for n in range(2)]
        processes = [subprocess.Popen([sys.executable, "-m", "xhdash.serving.cli", "import", str(f),
                                       "--store", str(store), "--editor", f"e{n}",
                                       "--source", "测试用合成数据"],
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for n, f in enumerate(files)]
        outcomes = [(p.wait(timeout=180), p.communicate()) for p in processes]
        assert [code for code, _ in outcomes] == [0, 0], outcomes
        published = {m.file_name for m in list_versions(store)}
        assert {"e0.csv", "e1.csv"} <= published
        final = load_store(tables_dir(store)).observations
        periods = set(final.query("indicator_id == 'fiscal_revenue'")["period"])
        assert {"2030-01", "2030-02"} <= periods
