"""A fresh clone's store is a set of Delta tables from its first use: version 0 is the shipped
data (data/ stays plain Parquet), made once even when two processes start at once, and the
CLI's history, restore and as-of work on it."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from pathlib import Path

import pytest

import xhdash.paths
from xhdash.data.schema import TABLES
from xhdash.data.store import load_store
from xhdash.data.tables import read_parquet_tables
from xhdash.data.versions import (
    PUBLISHES,
    SHIPPED_EDITOR,
    SHIPPED_FILE,
    current_identity,
    list_versions,
    locate_tables,
)
from xhdash.paths import DATA_DIR
from xhdash.serving.cli import main


@pytest.fixture
def fresh(tmp_path, monkeypatch) -> Path:
    """The project's default store on a fresh clone: nothing there yet, no XHDASH_STORE."""
    monkeypatch.delenv("XHDASH_STORE", raising=False)
    root = tmp_path / "clone" / "store"
    monkeypatch.setattr(xhdash.paths, "DEFAULT_STORE", root)
    return root


def _shipped_sha256() -> str:
    digest = hashlib.sha256()
    for spec in TABLES.values():
        digest.update((DATA_DIR / spec.parquet_name).read_bytes())
    return digest.hexdigest()


class TestFreshStoreIsDelta:
    def test_first_use_makes_version_0_of_delta_tables(self, fresh):
        from deltalake import DeltaTable

        assert not fresh.exists()
        located = locate_tables()
        assert located.root.text == str(fresh) and located.version_key == "0"
        shipped = read_parquet_tables(DATA_DIR)
        for name in TABLES:
            assert (fresh / name / "_delta_log").is_dir()
            table = DeltaTable(str(fresh / name), version=dict(located.tables)[name])
            assert table.to_pyarrow_table().num_rows == len(shipped[name])
        assert DeltaTable(str(fresh / PUBLISHES)).version() == 0
        assert not list(DATA_DIR.glob("**/_delta_log"))  # data/ stays the shipped Parquet

    def test_duckdb_reads_the_observations_table(self, fresh):
        import duckdb
        from deltalake import DeltaTable

        locate_tables()
        dataset = DeltaTable(str(fresh / "observations")).to_pyarrow_dataset()  # noqa: F841
        found = duckdb.sql("select count(*) from dataset where area_id = 'xuhui'").fetchall()[0][0]
        shipped = read_parquet_tables(DATA_DIR)["observations"]
        assert found == int((shipped["area_id"] == "xuhui").sum()) > 0

    def test_the_app_identity_and_load_are_version_0(self, fresh):
        assert current_identity() == (str(fresh), "0")
        store = load_store(locate_tables())
        assert store.version == "0" and store.version_number == 0
        assert "fiscal_revenue" in set(store.observations["indicator_id"])

    def test_history_names_who_published_which_file(self, fresh):
        locate_tables()
        (first,) = list_versions(fresh)
        assert first.version_id == 0 and first.action == "initialise"
        assert first.editor == SHIPPED_EDITOR and "随看板发布的数据" in first.file_name
        assert first.file_name == SHIPPED_FILE and first.file_sha256 == _shipped_sha256()
        assert first.rows["observations"] == len(read_parquet_tables(DATA_DIR)["observations"])

    def test_a_plain_folder_named_on_purpose_is_read_as_it_is(self, built_store):
        located = locate_tables(built_store)
        assert located.version_key.startswith("folder:")
        assert not (built_store / PUBLISHES).exists()

    def test_a_named_store_not_made_yet_is_not_made(self, tmp_path):
        located = locate_tables(tmp_path / "mistyped")
        assert located.version_key.startswith("folder:")
        assert not (tmp_path / "mistyped").exists()

    def test_a_configured_place_that_cannot_be_written_says_so(self, tmp_path, monkeypatch):
        from xhdash.data.storage import StoreLocationError

        blocker = tmp_path / "blocker"
        blocker.write_text("a file where a folder should be", encoding="utf-8")
        monkeypatch.setenv("XHDASH_STORE", str(blocker / "store"))
        with pytest.raises(StoreLocationError) as raised:
            locate_tables()
        assert raised.value.reason == "not_writable"
        assert str(blocker) not in raised.value.public_message("zh")


def _start_replica(store: str, barrier, results) -> None:
    """A replica's first request on a fresh store, as a spawned process: puts (version in
    force, versions in the history, observation rows served)."""
    os.environ["XHDASH_STORE"] = store
    from xhdash.data.store import load_store as load
    from xhdash.data.versions import current_identity as identity
    from xhdash.data.versions import list_versions as history
    from xhdash.data.versions import locate_tables as locate

    barrier.wait(timeout=240)
    version = identity()[1]
    rows = len(load(locate()).observations)
    results.put((version, len(history(store)), rows))


class TestTwoReplicasStartAtOnce:
    @pytest.mark.parametrize("round_", range(3))
    def test_one_version_0_and_both_serve(self, tmp_path, round_):
        context = multiprocessing.get_context("spawn")
        store = str(tmp_path / "store")
        barrier, results = context.Barrier(2), context.Queue()
        replicas = [context.Process(target=_start_replica, args=(store, barrier, results))
                    for _ in range(2)]
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.join(timeout=300)
        assert [replica.exitcode for replica in replicas] == [0, 0]
        served = [results.get(timeout=10) for _ in replicas]
        assert [version for version, _, _ in served] == ["0", "0"]
        assert served[0][2] == served[1][2] > 0
        (only,) = list_versions(store)
        assert only.version_id == 0 and only.action == "initialise"


class TestCliOnAFreshStore:
    def test_versions_lists_the_shipped_version(self, fresh, capsys):
        assert main(["versions"]) == 0
        out = capsys.readouterr().out
        assert "* 0" in out and "随看板发布的数据" in out and SHIPPED_EDITOR in out

    def test_check_reads_version_0(self, fresh, capsys):
        assert main(["check"]) == 0
        assert (fresh / PUBLISHES).exists()

    def test_as_of_0_and_restore_on_a_fresh_store(self, fresh, tmp_path, capsys):
        out = tmp_path / "at0.csv"
        assert main(["export", "--as-of", "0", "--out", str(out)]) == 0
        assert out.stat().st_size > 0
        assert main(["rollback", "0", "--editor", "li"]) == 0
        versions = list_versions(fresh)
        assert [(m.version_id, m.action, m.restored_from) for m in versions] == [
            (0, "initialise", None), (1, "restore", 0)]
        assert versions[1].editor == "li"
