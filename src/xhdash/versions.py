"""A versioned store: every publish is a complete snapshot; CURRENT names the one in force.

Layout of a store folder:
    CURRENT              the id of the version in force (replaced atomically)
    versions/v0001/      one snapshot: the seven Parquet tables and manifest.json
    history.jsonl        publishes and rollbacks, one JSON line each
    .lock                held by the one writer at a time

A publish writes a new snapshot into a temporary folder inside the store, fsyncs every file
and the folder, renames it into versions/, fsyncs versions/, and only then replaces CURRENT
(write, fsync, rename, fsync of the store folder). A crash at any point leaves CURRENT naming
a complete version: the old one or the new one, never a mix.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from xhdash.paths import DATA_DIR, store_is_default, store_setting
from xhdash.schema import TABLES
from xhdash.storage import Location, as_location
from xhdash.tables import read_parquet_tables, write_parquet_tables

CURRENT_FILE = "CURRENT"
VERSIONS_DIR = "versions"
HISTORY_FILE = "history.jsonl"
LOCK_FILE = ".lock"
MANIFEST_FILE = "manifest.json"
TEMP_PREFIX = ".tmp-"
LOCK_WAIT_SECONDS = float(os.environ.get("XHDASH_LOCK_WAIT", "5"))
FAULT_ENV = "XHDASH_FAULT_STAGE"  # tests: die at this publish stage, as a crash would


class StoreBusy(RuntimeError):
    """Another editor is publishing; nothing was written."""

    def __init__(self):
        super().__init__("数据正由另一位编辑发布，请稍后再试。/ Another editor is publishing; "
                         "try again shortly.")


class StoreChanged(RuntimeError):
    """The store moved on since the preview this publish was built on; nothing was written."""

    def __init__(self, expected: str | None, found: str | None):
        self.expected, self.found = expected, found
        super().__init__(f"数据已被其他编辑更新（{expected} → {found}），请重新预览后再发布。/ The store "
                         f"changed since the preview ({expected} → {found}); preview again.")


class UnknownVersion(ValueError):
    def __init__(self, version_id: str):
        super().__init__(f"没有版本 {version_id} / no version {version_id}")


@dataclass(frozen=True)
class Manifest:
    version_id: str
    created_at: str
    editor: str
    file_name: str
    file_sha256: str
    rows: dict[str, int]
    note: str = ""


def _checkpoint(stage: str) -> None:
    if os.environ.get(FAULT_ENV) == stage:
        os._exit(99)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def is_versioned(store: Path | Location) -> bool:
    return (store / CURRENT_FILE).exists()


def current_version(store: Path | Location) -> str | None:
    path = store / CURRENT_FILE
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def version_dir(store: Path | Location, version_id: str) -> Path | Location:
    return store / VERSIONS_DIR / version_id


def tables_dir(store: Path | Location) -> Path | Location:
    """Where the tables in force live: the current version, or the folder itself if unversioned."""
    version_id = current_version(store)
    return version_dir(store, version_id) if version_id else store


def locate_tables(explicit: str | Path | None = None) -> Path | Location:
    """The tables in force for the app and the CLI.

    A named store (--store or $XHDASH_STORE) is read as it is: its current version, or its
    tables if it holds no versions. The project's own store/ is read once it has a version;
    until the first publish, the shipped data/ is its first version.
    """
    location = as_location(store_setting(explicit))
    if location.is_uri:  # read through its filesystem, wherever it is
        return tables_dir(location)
    store = location.local_path()
    if is_versioned(store) or not store_is_default(explicit):
        return tables_dir(store)
    return DATA_DIR


@contextmanager
def writer_lock(store: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """One writer at a time; a second one waits up to `wait_seconds`, then gets StoreBusy."""
    store.mkdir(parents=True, exist_ok=True)
    handle = open(store / LOCK_FILE, "a+")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusy() from None
                time.sleep(0.05)
        yield
    finally:
        handle.close()  # closing releases the lock


def _next_id(store: Path) -> str:
    existing = [p.name for p in (store / VERSIONS_DIR).glob("v*") if p.name[1:].isdigit()]
    number = max((int(name[1:]) for name in existing), default=0) + 1
    return f"v{number:04d}"


def _point_current(store: Path, version_id: str) -> None:
    temp = store / f"{CURRENT_FILE}{TEMP_PREFIX}{os.getpid()}"
    temp.write_text(version_id + "\n", encoding="utf-8")
    _fsync_file(temp)
    _checkpoint("current_written")
    os.replace(temp, store / CURRENT_FILE)
    _fsync_dir(store)


def _append_history(store: Path, entry: dict) -> None:
    with open(store / HISTORY_FILE, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _write_snapshot(store: Path, tables: dict[str, pd.DataFrame], manifest: Manifest) -> None:
    versions = store / VERSIONS_DIR
    versions.mkdir(parents=True, exist_ok=True)
    temp = store / f"{TEMP_PREFIX}{manifest.version_id}-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()
    for path in write_parquet_tables(tables, temp):
        _fsync_file(path)
        _checkpoint(f"table_written:{path.stem}")
    (temp / MANIFEST_FILE).write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    _fsync_file(temp / MANIFEST_FILE)
    _fsync_dir(temp)
    _checkpoint("snapshot_written")
    os.rename(temp, versions / manifest.version_id)
    _fsync_dir(versions)
    _checkpoint("snapshot_renamed")


def publish(store: Path, tables: dict[str, pd.DataFrame], editor: str, file_name: str,
            file_sha256: str, based_on: str | None, note: str = "") -> Manifest:
    """Write `tables` as a new version and make it current.

    `based_on` is the version the tables were merged from; if another editor published since,
    StoreChanged is raised and nothing is written, so no one's figures are lost.
    """
    with writer_lock(store):
        ensure_initialised(store, _locked=True)
        if current_version(store) != based_on:
            raise StoreChanged(based_on, current_version(store))
        manifest = Manifest(_next_id(store), datetime.now().isoformat(timespec="seconds"), editor,
                            file_name, file_sha256, {n: len(f) for n, f in tables.items()}, note)
        _write_snapshot(store, tables, manifest)
        _point_current(store, manifest.version_id)
        _checkpoint("current_replaced")
        _append_history(store, {"action": "publish", **asdict(manifest)})
        return manifest


def _holds_tables(folder: Path) -> bool:
    return all((folder / spec.parquet_name).exists() for spec in TABLES.values())


def ensure_initialised(store: Path, _locked: bool = False) -> None:
    """Give a store without versions its first one: the tables it holds itself, if it is a plain
    folder of tables, otherwise the shipped data."""
    if is_versioned(store):
        return
    if not _locked:
        with writer_lock(store):
            return ensure_initialised(store, _locked=True)
    source = store if _holds_tables(store) else DATA_DIR
    tables = read_parquet_tables(source)
    digest = hashlib.sha256()
    for spec in TABLES.values():
        digest.update((source / spec.parquet_name).read_bytes())
    manifest = Manifest(_next_id(store), datetime.now().isoformat(timespec="seconds"), "system",
                        "data/ (shipped)" if source == DATA_DIR else str(source), digest.hexdigest(),
                        {n: len(f) for n, f in tables.items()}, "随附数据 shipped data")
    _write_snapshot(store, tables, manifest)
    _point_current(store, manifest.version_id)
    _append_history(store, {"action": "initialise", **asdict(manifest)})


def list_versions(store: Path) -> list[Manifest]:
    """Every complete version, oldest first (unfinished temporary folders are not versions)."""
    manifests = []
    for folder in sorted((store / VERSIONS_DIR).glob("v*")):
        path = folder / MANIFEST_FILE
        if path.exists():
            manifests.append(Manifest(**json.loads(path.read_text(encoding="utf-8"))))
    return manifests


def rollback(store: Path, version_id: str, editor: str) -> None:
    """Make an earlier (or later) complete version current again."""
    with writer_lock(store):
        if not (version_dir(store, version_id) / MANIFEST_FILE).exists():
            raise UnknownVersion(version_id)
        previous = current_version(store)
        _point_current(store, version_id)
        _append_history(store, {"action": "rollback", "version_id": version_id, "from": previous,
                                "editor": editor,
                                "at": datetime.now().isoformat(timespec="seconds")})


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
