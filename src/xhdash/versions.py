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

CURRENT is never followed blindly: it must hold a version id of this store (v0001: v and four
or more digits) naming a complete folder under versions/. Anything else, and a store that is a
file or cannot be read, is a broken store (BrokenStore, a StoreLocationError with a viewer's and
a detailed message); rolling back to a sound version repairs a broken CURRENT.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pandas as pd

from xhdash.i18n import tr
from xhdash.paths import DATA_DIR, store_is_default, store_setting
from xhdash.schema import TABLES
from xhdash.storage import BrokenStore, Location, StoreLocationError, as_location
from xhdash.tables import check_table_files, read_parquet_tables, write_parquet_tables
from xhdash.validate import StoreError, ValidationIssue

CURRENT_FILE = "CURRENT"
VERSIONS_DIR = "versions"
HISTORY_FILE = "history.jsonl"
LOCK_FILE = ".lock"
MANIFEST_FILE = "manifest.json"
TEMP_PREFIX = ".tmp-"
LOCK_WAIT_SECONDS = float(os.environ.get("XHDASH_LOCK_WAIT", "5"))
FAULT_ENV = "XHDASH_FAULT_STAGE"  # tests: die at this publish stage, as a crash would
VERSION_ID = re.compile(r"v\d{4,}", re.ASCII)
VERSION_ID_MAX = 24  # v and up to 23 digits: a longer "id" is no id (and no file name)
SHOWN_CHARS = 40  # of a refused id or a broken CURRENT, in messages

Where = Path | Location  # a local store folder, or one on any pyarrow filesystem
T = TypeVar("T")


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
    """Not a complete version of this store (or not a version id at all); nothing was changed."""

    def __init__(self, version_id: str):
        self.version_id = version_id
        super().__init__(f"{self.message('zh')} / {self.message('en')}")

    def message(self, lang: str = "zh") -> str:
        return tr("version_unknown", lang, version=_shorten(self.version_id))


class DamagedVersion(UnknownVersion):
    """A version that exists but cannot be used (its manifest or a table file does not read);
    an UnknownVersion, so callers that only refuse need not tell them apart."""

    def __init__(self, version_id: str, issues: list[ValidationIssue]):
        self.issues = issues
        super().__init__(version_id)

    def message(self, lang: str = "zh") -> str:
        problems = tr("clause_separator", lang).join(i.message(lang) for i in self.issues[:5])
        return tr("version_damaged", lang, version=self.version_id, problems=problems)


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


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def _probe(action: Callable[[], T], reason: str, where: Where, value: str = "") -> T:
    """Run one filesystem step; an OSError (a local store: permission denied, not a folder, a
    name too long) becomes BrokenStore naming `where`. A Location's errors already say where."""
    try:
        return action()
    except OSError as error:
        raise BrokenStore(reason, str(where), str(error), value) from error


def is_version_id(text: str) -> bool:
    """A version id as publish makes them (v0001, v12345): never a path, nothing else."""
    return len(text) <= VERSION_ID_MAX and VERSION_ID.fullmatch(text) is not None


def _store_folder_exists(store: Where) -> bool:
    """True for a store folder, False when nothing is there yet; BrokenStore for a file. (One
    filesystem call for a folder: on object storage each is a request.)"""
    if _probe(store.is_dir, "unreadable_store", store):
        return True
    if _probe(store.exists, "unreadable_store", store):
        raise BrokenStore("not_a_folder", str(store))
    return False


def _has_current(store: Where) -> bool:
    return _probe((store / CURRENT_FILE).exists, "unreadable_store", store)


def is_versioned(store: Where) -> bool:
    """Whether the store has a CURRENT file (BrokenStore when the store cannot be read)."""
    return _store_folder_exists(store) and _has_current(store)


def _read_current(store: Where) -> str | None:
    """What CURRENT holds, stripped and unchecked; None when there is none. The store folder
    is known to exist."""
    if not _has_current(store):
        return None
    path = store / CURRENT_FILE
    return _probe(lambda: path.read_text(encoding="utf-8", errors="replace"),
                  "unreadable_store", path).strip()


def _current_text(store: Where) -> str | None:
    return _read_current(store) if _store_folder_exists(store) else None


def current_version(store: Where) -> str | None:
    """The version in force: None when the store has no CURRENT. BrokenStore when the store is
    a file or cannot be read, or CURRENT holds anything but the id of a complete version of
    this store (a path is never followed)."""
    return _checked_current(store, _current_text(store))


def _checked_current(store: Where, text: str | None) -> str | None:
    if text is None:
        return None
    if not is_version_id(text):
        raise BrokenStore("bad_current", str(store / CURRENT_FILE), value=_shorten(text))
    folder = version_dir(store, text)
    if not _probe((folder / MANIFEST_FILE).exists, "unreadable_version", folder, text):
        raise BrokenStore("missing_version", str(folder), value=text)
    return text


def version_dir(store: Where, version_id: str) -> Where:
    """A version's folder; UnknownVersion for anything but a version id (no path escapes)."""
    if not is_version_id(version_id):
        raise UnknownVersion(version_id)
    return store / VERSIONS_DIR / version_id


def _tables_and_version(store: Where, folder_checked: bool = False
                        ) -> tuple[Where, str | None]:
    if not folder_checked and not _store_folder_exists(store):
        return store, None  # a named store not made yet: its tables are reported missing
    version_id = _checked_current(store, _read_current(store))
    return (version_dir(store, version_id) if version_id else store), version_id


def tables_dir(store: Where) -> Where:
    """Where the tables in force live: the current version, or the folder itself if unversioned
    (BrokenStore when the store or its CURRENT cannot be used)."""
    return _tables_and_version(store)[0]


def _locate(explicit: str | Path | None) -> tuple[Where, str | None]:
    location = as_location(store_setting(explicit))
    if location.is_uri:  # read through its filesystem, wherever it is
        return _tables_and_version(location)
    store = location.local_path()
    if not store_is_default(explicit):
        return _tables_and_version(store)
    if _store_folder_exists(store) and _has_current(store):  # store/ once it has a version
        return _tables_and_version(store, folder_checked=True)
    return DATA_DIR, None


def locate_tables(explicit: str | Path | None = None) -> Where:
    """The tables in force for the app and the CLI.

    A named store (--store or $XHDASH_STORE) is read as it is: its current version, or its
    tables if it holds no versions. The project's own store/ is read once it has a version;
    until the first publish, the shipped data/ is its first version. StoreLocationError
    (BrokenStore among them) when the store cannot be opened or used.
    """
    return _locate(explicit)[0]


def _open_lock_file(store: Path):
    if not _store_folder_exists(store):
        _probe(lambda: store.mkdir(parents=True), "not_writable", store)
    return _probe(lambda: open(store / LOCK_FILE, "a+"), "not_writable", store)


@contextmanager
def writer_lock(store: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """One writer at a time; a second one waits up to `wait_seconds`, then gets StoreBusy.
    BrokenStore when the store is a file or its folder cannot be written."""
    handle = _open_lock_file(store)
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
    number = max((int(name[1:]) for name in _version_names(store)), default=0) + 1
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


def first_publish_tables(store: Path) -> Path:
    """The tables a first publish into an unversioned local store starts from, as
    ensure_initialised takes them: its own tables if it holds them, else the shipped data."""
    return store if _holds_tables(store) else DATA_DIR


def ensure_initialised(store: Path, _locked: bool = False) -> None:
    """Give a store without versions its first one: the tables it holds itself, if it is a plain
    folder of tables, otherwise the shipped data."""
    if is_versioned(store):
        return
    if not _locked:
        with writer_lock(store):
            return ensure_initialised(store, _locked=True)
    source = first_publish_tables(store)
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


def _version_names(store: Where) -> list[str]:
    """The version folders' names, in publish order (temporary folders are not versions);
    BrokenStore when versions/ cannot be listed."""
    versions = store / VERSIONS_DIR
    if not _store_folder_exists(store) or not _probe(versions.exists, "unreadable_store", store):
        return []
    names = _probe(lambda: [entry.name for entry in versions.iterdir()], "unreadable_store",
                   versions)
    return sorted((name for name in names if is_version_id(name)), key=lambda n: int(n[1:]))


def _well_formed(manifest: Manifest) -> bool:
    texts = (manifest.version_id, manifest.created_at, manifest.editor, manifest.file_name,
             manifest.file_sha256, manifest.note)
    return all(isinstance(text, str) for text in texts) and isinstance(manifest.rows, dict) \
        and all(isinstance(count, int) for count in manifest.rows.values())


def _read_manifest(store: Where, version_id: str) -> tuple[Manifest | None, str]:
    """A version's manifest, or None and why it cannot be used (missing, unreadable, not
    JSON, not a manifest, or naming another version)."""
    path = version_dir(store, version_id) / MANIFEST_FILE
    try:
        manifest = Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, StoreLocationError, ValueError, TypeError) as error:
        return None, str(error)[:200]
    if not _well_formed(manifest) or manifest.version_id != version_id:
        return None, "不是本版本的清单 / not this version's manifest"
    return manifest, ""


def _version_states(store: Where) -> list[tuple[str, Manifest | None]]:
    return [(name, _read_manifest(store, name)[0]) for name in _version_names(store)]


def list_versions(store: Where) -> list[Manifest]:
    """Every complete version whose manifest reads, oldest first. A version whose manifest is
    missing, unreadable or garbled is left out (damaged_versions names it); BrokenStore only
    when the store itself cannot be read."""
    return [manifest for _name, manifest in _version_states(store) if manifest]


def damaged_versions(store: Where) -> list[str]:
    """The version folders whose manifest is missing, unreadable or garbled: not offered for
    rollback."""
    return [name for name, manifest in _version_states(store) if manifest is None]


def rollback(store: Path, version_id: str, editor: str) -> None:
    """Make an earlier (or later) complete version current again.

    Only a version id of this store is accepted (UnknownVersion for anything else, a path
    included), and only a version whose manifest and every table file read in full
    (DamagedVersion). It works whatever CURRENT holds: a damaged or missing current version is
    what it repairs."""
    if not is_version_id(version_id):
        raise UnknownVersion(version_id)
    with writer_lock(store):
        if version_id not in _version_names(store):
            raise UnknownVersion(version_id)
        manifest, why = _read_manifest(store, version_id)
        issues = [ValidationIssue(MANIFEST_FILE, None, None, "", "unreadable",
                                  (("detail", why),))] if manifest is None else []
        issues += check_table_files(version_dir(store, version_id), read_data=True)
        if issues:
            raise DamagedVersion(version_id, issues)
        previous = _current_text(store)
        _point_current(store, version_id)
        _append_history(store, {"action": "rollback", "version_id": version_id,
                                "from": _shorten(previous) if previous else previous,
                                "editor": editor,
                                "at": datetime.now().isoformat(timespec="seconds")})


@dataclass(frozen=True)
class StoreHealth:
    """What inspect_store found: enough for the app to show viewers a plain message and still
    give editors the data page (versions, rollback) when the tables cannot be read."""

    setting: str  # the store as named (path or URI): for editors and the CLI only
    tables: Where | None  # the folder of the tables in force; None when it cannot be found
    version_id: str | None  # the version in force; None when unversioned or CURRENT is broken
    writable: bool  # a local folder this process may publish to, import into and roll back
    problem: StoreLocationError | StoreError | None  # why the tables cannot be found or read
    versions: tuple[Manifest, ...] = ()  # complete versions, oldest first
    damaged: tuple[str, ...] = ()  # version folders whose manifest does not read

    @property
    def ok(self) -> bool:
        return self.problem is None

    def message(self, lang: str = "zh", detail: bool = True) -> str:
        """The problem, "" when there is none; detail=False is the viewers' rendering."""
        return self.problem.message(lang, detail=detail) if self.problem else ""

    def public_message(self, lang: str = "zh") -> str:
        return self.message(lang, detail=False)


def _is_writable(folder: Path) -> bool:
    """A folder (or, before the first publish, its nearest existing parent) this process may
    create files in."""
    try:
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)
    except OSError:  # a parent that cannot be searched
        return False


def inspect_store(explicit: str | Path | None = None, read_data: bool = False,
                  with_versions: bool = True) -> StoreHealth:
    """The state of the store (--store, $XHDASH_STORE or store/), without raising: where the
    tables in force are and whether their files read, the current version, the versions on
    record, and whether the store is a local folder this process can write.

    By default no table data is read, only each file's Parquet footer (a few reads per file):
    a damaged page inside a file is then found when the tables are loaded (StoreError).
    `read_data` decodes every file in full (check_table_files) and finds that too.
    `with_versions=False` skips reading every manifest (a request each on object storage) when
    only the tables in force matter, as for a viewer."""
    setting = store_setting(explicit)
    try:
        location = as_location(setting)
    except StoreLocationError as error:
        return StoreHealth(setting, None, None, False, error)
    versions: tuple[Manifest, ...] = ()
    damaged: tuple[str, ...] = ()
    writable = False
    try:
        writable = location.is_local and _is_writable(Path(location.path))
        store = location if location.is_uri else location.local_path()
        states = _version_states(store) if with_versions else []
        versions = tuple(manifest for _name, manifest in states if manifest)
        damaged = tuple(name for name, manifest in states if manifest is None)
        tables, version_id = _locate(explicit)
        issues = check_table_files(tables, read_data)
    except StoreLocationError as error:  # BrokenStore among them
        return StoreHealth(setting, None, None, writable, error, versions, damaged)
    except (OSError, ValueError) as error:  # unforeseen: still an answer, never a traceback
        return StoreHealth(setting, None, None, writable,
                           BrokenStore("unreadable_store", setting, str(error)), versions, damaged)
    problem = StoreError(issues) if issues else None
    return StoreHealth(setting, tables, version_id, writable, problem, versions, damaged)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
