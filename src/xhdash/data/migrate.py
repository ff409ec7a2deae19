"""`xhdash migrate-store`: an old-layout folder store (CURRENT + versions/vNNNN/ + history.jsonl)
into the Delta store, every version in order with its history record.

The history is replayed: each publish (and the first, shipped version) becomes a publish of that
version's tables, with its editor, file, SHA-256 and time in the commit metadata and a note
naming the old id; each rollback becomes a restore. Versions the history does not mention follow
in id order, and if CURRENT names another version than the replay ends on, a last restore makes
it current. The Delta tables are built in a temporary folder inside the store and moved in only
when complete; the old files are moved to `old-layout/` (kept, never deleted), CURRENT last, so
until the very end the app still refuses the store and a rerun starts afresh.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

from xhdash.data.schema import TABLES
from xhdash.data.storage import BrokenStore, as_location
from xhdash.data.tables import read_parquet_tables
from xhdash.data.versions import PUBLISHES, Manifest, list_versions, publish, rollback

OLD_CURRENT, OLD_VERSIONS, OLD_HISTORY = "CURRENT", "versions", "history.jsonl"
KEPT_AS = "old-layout"
BUILDING = ".migrating"


def _old_history(store: Path) -> list[dict]:
    path = store / OLD_HISTORY
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a torn last line: the versions themselves still migrate
        if isinstance(entry, dict):
            entries.append(entry)
    return entries


def _old_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return manifest if isinstance(manifest, dict) else {}
    except (OSError, ValueError):
        return {}


def _version_ids(store: Path) -> list[str]:
    folder = store / OLD_VERSIONS
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    return sorted((n for n in names if n[:1] == "v" and n[1:].isdigit()), key=lambda n: int(n[1:]))


def _created_at(text: object) -> str | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.astimezone().isoformat(timespec="seconds")  # old times were local, unzoned


def migrate_store(store: str | Path) -> list[Manifest]:
    """Migrate a local old-layout store in place; returns the new versions, oldest first.
    BrokenStore("not_old_layout") for anything else."""
    location = as_location(store)
    folder = location.local_path()
    if not (folder / OLD_CURRENT).exists() or not (folder / OLD_VERSIONS).is_dir() or (
            folder / PUBLISHES).exists():
        raise BrokenStore("not_old_layout", str(store))
    building = folder / BUILDING
    shutil.rmtree(building, ignore_errors=True)
    mapped: dict[str, int] = {}  # old id → new version
    ids = _version_ids(folder)

    def publish_old(old_id: str, entry: dict) -> None:
        source = folder / OLD_VERSIONS / old_id
        manifest = {**_old_manifest(source), **entry}
        tables = read_parquet_tables(source)
        if set(tables) != set(TABLES):
            return  # an incomplete folder was never a version
        base = list_versions(building)
        record = {"editor": str(manifest.get("editor") or "system"),
                  "file_name": str(manifest.get("file_name") or ""),
                  "file_sha256": str(manifest.get("file_sha256") or ""),
                  "note": f"迁移自 migrated from {old_id}"
                          + (f"；{manifest['note']}" if manifest.get("note") else ""),
                  "action": "initialise" if manifest.get("action") == "initialise" else "publish"}
        if created := _created_at(manifest.get("created_at")):
            record["created_at"] = created
        made = publish(building, tables, record, base[-1].version_id if base else None)
        mapped[old_id] = made.version_id

    for entry in _old_history(folder):
        old_id = str(entry.get("version_id", ""))
        if entry.get("action") in ("publish", "initialise") and old_id in ids \
                and old_id not in mapped:
            publish_old(old_id, entry)
        elif entry.get("action") == "rollback" and old_id in mapped:
            rollback(building, mapped[old_id], str(entry.get("editor") or "system"),
                     {"note": f"迁移自 migrated from rollback to {old_id}"})
    for old_id in ids:
        if old_id not in mapped:
            publish_old(old_id, {})
    current = (folder / OLD_CURRENT).read_text(encoding="utf-8", errors="replace").strip()
    versions = list_versions(building)
    if current in mapped and versions and mapped[current] not in (
            versions[-1].version_id, versions[-1].restored_from):
        rollback(building, mapped[current], "system", {"note": f"迁移：CURRENT 为 {current}"})
    kept = folder / KEPT_AS
    kept.mkdir(exist_ok=True)
    for name in [*TABLES, PUBLISHES]:
        (building / name).rename(folder / name)
    for name in (OLD_VERSIONS, OLD_HISTORY, ".lock"):
        if (folder / name).exists():
            (folder / name).rename(kept / name)
    building.rmdir()
    (folder / OLD_CURRENT).rename(kept / OLD_CURRENT)
    return list_versions(folder)
