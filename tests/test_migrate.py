"""`xhdash migrate-store`: an old-layout folder store into the Delta store, every version in
order with its history record; the app refuses an old-layout store naming the command."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest

from xhdash.data.schema import TABLES
from xhdash.data.storage import BrokenStore
from xhdash.data.store import load_store
from xhdash.data.versions import list_versions, locate_tables, tables_dir
from xhdash.paths import DATA_DIR
from xhdash.serving.cli import main


def old_layout(tmp_path):
    """v0001 the shipped data, v0002 with ten figures, a rollback to v0001, CURRENT v0001."""
    store = tmp_path / "store"
    for version_id, rows in (("v0001", None), ("v0002", 10)):
        folder = store / "versions" / version_id
        folder.mkdir(parents=True)
        for spec in TABLES.values():
            shutil.copy(DATA_DIR / spec.parquet_name, folder / spec.parquet_name)
        if rows:
            table = pq.read_table(folder / "observations.parquet").slice(0, rows)
            pq.write_table(table, folder / "observations.parquet")
        (folder / "manifest.json").write_text(json.dumps({
            "version_id": version_id, "created_at": "2026-11-10T09:00:00", "editor":
            "system" if version_id == "v0001" else "王编辑", "file_name": f"{version_id}.csv",
            "file_sha256": "ab" * 32, "rows": {}, "note": ""}), encoding="utf-8")
    history = [{"action": "initialise", "version_id": "v0001", "editor": "system"},
               {"action": "publish", "version_id": "v0002", "editor": "王编辑",
                "file_name": "公报.csv"},
               {"action": "rollback", "version_id": "v0001", "editor": "李编辑"}]
    (store / "history.jsonl").write_text("\n".join(json.dumps(h, ensure_ascii=False)
                                                   for h in history) + "\n", encoding="utf-8")
    (store / "CURRENT").write_text("v0001\n", encoding="utf-8")
    return store


class TestMigrateStore:
    def test_every_version_in_order_with_its_history(self, tmp_path, capsys):
        store = old_layout(tmp_path)
        with pytest.raises(BrokenStore, match="xhdash migrate-store") as raised:
            locate_tables(store)
        assert raised.value.reason == "old_layout"
        assert main(["migrate-store", "--store", str(store)]) == 0
        assert "已迁移 3 个版本" in capsys.readouterr().out
        versions = list_versions(store)
        assert [(m.action, m.editor, m.restored_from) for m in versions] == [
            ("initialise", "system", None), ("publish", "王编辑", None), ("restore", "李编辑", 0)]
        assert "v0002" in versions[1].note and versions[1].file_name == "公报.csv"
        reported = load_store(tables_dir(store)).observations.query("status != 'derived'")
        assert len(reported) == 102  # CURRENT named v0001: the shipped rows
        assert (store / "old-layout" / "CURRENT").exists()  # kept, never deleted
        assert (store / "old-layout" / "versions" / "v0002" / "manifest.json").exists()

    def test_a_store_of_another_layout_is_refused(self, tmp_path, capsys):
        assert main(["migrate-store", "--store", str(tmp_path)]) == 2
        assert "not a store in the old layout" in capsys.readouterr().err
