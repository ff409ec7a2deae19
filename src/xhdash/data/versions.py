"""The store's versions on Delta Lake: publish, restore, history, time travel, vacuum.

Layout of a store (a local folder or a prefix in S3-compatible object storage):
    observations/ indicators/ areas/ industries/ sources/ domains/ places/
                  one Delta table each (Parquet files and a _delta_log), readable by any Delta
                  reader (deltalake, DuckDB, Spark)
    publishes/    a one-row Delta table: the row of its version N is publish N, naming each
                  table's Delta version and who published which file (its commit metadata says
                  the same, so `history()` lists the publishes without reading data)

Design: one logical commit per publish. A publish first commits each table (a full overwrite,
a new Delta version of that table that no reader follows yet), then commits the row that names
those versions as a new version of `publishes`. Readers read the `publishes` row first, then
each table at the version it names, so they never see the observations of one publish with the
indicators or sources of another, and a publisher killed at any moment leaves the last committed
row in force (tables it had already committed are versions no row names). Why not one table:
the seven tables have different columns, and IT should read `observations` as a Delta table of
its own. Why not a row appended per publish: two appends never conflict in Delta, so two
publishers would both land on the same base. Overwriting the one row does conflict: the second
publisher's commit fails (on local disks by an atomic rename that never replaces, on S3 by a
conditional write, If-None-Match, which delta-rs 1.x uses by default), and publishing merges its
file again onto the newer version and retries. No lock file and no lock service.

A store version is the Delta version of `publishes` (0 is the first publish: the shipped data);
`(location, version)` is the store's identity everywhere. Rollback is a restore: every table is
restored (Delta RESTORE, a new table version equal to the old one) and a new publish row names
them, so history is kept and says who rolled back to what. History and time travel are kept for
years (RETENTION); `vacuum` removes old files only when asked.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa
from deltalake import CommitProperties, WriterProperties, write_deltalake
from deltalake.exceptions import CommitFailedError, DeltaError, TableNotFoundError

from xhdash.data.schema import TABLES
from xhdash.data.storage import (
    BrokenStore,
    Location,
    StoreLocationError,
    as_location,
    delta_options,
    delta_uri,
)
from xhdash.data.tables import (
    FOLDER_KEY,
    ROW_GROUP_ROWS,
    Snapshot,
    check_table_files,
    delta_table,
    read_parquet_tables,
    to_arrow,
)
from xhdash.data.validate import ValidationIssue
from xhdash.i18n import tr
from xhdash.paths import DATA_DIR, store_setting
from xhdash.settings import setting

PUBLISHES = "publishes"
OLD_LAYOUT_MARKS = ("CURRENT", "versions")  # the hand-written folder store this replaced
FAULT_ENV = "XHDASH_FAULT_STAGE"  # tests: die at this publish stage, as a crash would
RETENTION = {  # history and time travel for years, not Delta's 30/7-day defaults
    "delta.logRetentionDuration": "interval 3650 days",
    "delta.deletedFileRetentionDuration": "interval 3650 days",
}
WRITER = WriterProperties(compression="ZSTD", max_row_group_size=ROW_GROUP_ROWS)
RESTORE_ATTEMPTS = 8
LOCAL_TZ = timezone(timedelta(hours=8))  # a date in ?as_of= is a day in Shanghai
VERSION_DIGITS = 12
SHOWN_CHARS = 40
RECORD_FIELDS = ("action", "at", "editor", "file_name", "file_sha256", "rows", "summary", "note",
                 "approved_by", "restored_from", "tables")
PUBLISH_SCHEMA = pa.schema([
    ("action", pa.string()), ("at", pa.string()), ("editor", pa.string()),
    ("file_name", pa.string()), ("file_sha256", pa.string()), ("rows", pa.string()),
    ("summary", pa.string()), ("note", pa.string()), ("approved_by", pa.string()),
    ("restored_from", pa.int64()), ("tables", pa.string())])


class StoreBusy(RuntimeError):
    """The store kept changing under a restore (other editors publishing); nothing was written."""

    def __init__(self):
        super().__init__("数据正由另一位编辑发布，请稍后再试。/ Another editor is publishing; "
                         "try again shortly.")


class StoreChanged(RuntimeError):
    """The store moved on since the preview this publish was built on; nothing was made current."""

    def __init__(self, expected: int | None, found: int | None):
        self.expected, self.found = expected, found
        super().__init__(f"数据已被其他编辑更新（{expected} → {found}），请重新预览后再发布。/ The store "
                         f"changed since the preview ({expected} → {found}); preview again.")


class UnknownVersion(ValueError):
    """Not a version of this store (or not a version number at all); nothing was changed."""

    def __init__(self, version_id: object):
        self.version_id = str(version_id)
        super().__init__(f"{self.message('zh')} / {self.message('en')}")

    def message(self, lang: str = "zh") -> str:
        return tr("version_unknown", lang, version=_shorten(self.version_id))


class DamagedVersion(UnknownVersion):
    """A version that exists but cannot be used (a table file does not read); an UnknownVersion,
    so callers that only refuse need not tell them apart."""

    def __init__(self, version_id: object, issues: list[ValidationIssue]):
        self.issues = issues
        super().__init__(version_id)

    def message(self, lang: str = "zh") -> str:
        problems = tr("clause_separator", lang).join(i.message(lang) for i in self.issues[:5])
        return tr("version_damaged", lang, version=self.version_id, problems=problems)


@dataclass(frozen=True)
class Manifest:
    """One version of the store, as its publish row and commit metadata record it."""

    version_id: int
    created_at: str
    editor: str
    file_name: str
    file_sha256: str
    rows: dict[str, int]
    note: str = ""
    action: str = "publish"  # initialise, publish, restore, migrate
    summary: str = ""  # the preview's summary (new / changed / unchanged / conflicting)
    approved_by: str = ""  # a second editor who approved the publish (four eyes), if any
    restored_from: int | None = None  # a restore: the version it made current again
    tables: dict[str, int] = field(default_factory=dict)  # each table's Delta version

    def snapshot(self, root: Location) -> Snapshot:
        return Snapshot(root, self.version_id, tuple(sorted(self.tables.items())))

    @property
    def is_shipped(self) -> bool:
        """Version 0 made from the shipped data: published by the dashboard, not an editor."""
        return self.action == "initialise" and self.editor == SHIPPED_EDITOR and \
            self.file_name == SHIPPED_FILE


def _checkpoint(stage: str) -> None:
    if setting(FAULT_ENV) == stage:
        os._exit(99)


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


def is_version_id(text: str) -> bool:
    """A version as the store numbers them (0, 1, 12), optionally written v12: nothing else."""
    body = text[1:] if text[:1] in ("v", "V") else text
    return 0 < len(body) <= VERSION_DIGITS and body.isascii() and body.isdigit()


def parse_version(text: str | int) -> int:
    """A version number from how people write it (12, v12, v0012); UnknownVersion otherwise."""
    if isinstance(text, int) and not isinstance(text, bool) and text >= 0:
        return text
    if not isinstance(text, str) or not is_version_id(text):
        raise UnknownVersion(str(text))
    return int(text.lstrip("vV"))


def _root(store: str | Path | Location) -> Location:
    return as_location(store)


def _probe_folder(root: Location) -> bool:
    """True for a store folder, False when nothing is there yet; BrokenStore for a file or an
    unreadable folder."""
    try:
        if root.is_dir():
            return True
        if root.exists():
            raise BrokenStore("not_a_folder", str(root))
    except OSError as error:
        raise BrokenStore("unreadable_store", str(root), str(error)) from error
    return False


def is_old_layout(store: str | Path | Location) -> bool:
    """A folder store of the hand-written layout (CURRENT + versions/): `xhdash migrate-store`."""
    root = _root(store)
    try:
        return _probe_folder(root) and not (root / PUBLISHES).exists() and any(
            (root / mark).exists() for mark in OLD_LAYOUT_MARKS)
    except OSError as error:
        raise BrokenStore("unreadable_store", str(root), str(error)) from error


def _refuse_old_layout(root: Location) -> None:
    if is_old_layout(root):
        raise BrokenStore("old_layout", str(root))


def _publishes(root: Location, version: int | None = None, without_files: bool = False):
    """The publishes table (None when the store has none yet); BrokenStore when its log cannot
    be read, UnknownVersion for a version it does not have."""
    try:
        return delta_table(root, PUBLISHES, version, without_files)
    except TableNotFoundError:
        if version is not None and (root / PUBLISHES).exists():
            raise UnknownVersion(str(version)) from None
        return None
    except DeltaError as error:
        if version is not None and "version" in str(error).lower() and "not" in str(error).lower():
            raise UnknownVersion(str(version)) from error
        raise BrokenStore("unreadable_log", str(root / PUBLISHES), str(error)) from error
    except OSError as error:
        raise BrokenStore("unreadable_log", str(root / PUBLISHES), str(error)) from error


def is_versioned(store: str | Path | Location) -> bool:
    root = _root(store)
    return _probe_folder(root) and not is_old_layout(root) and (root / PUBLISHES).exists()


def current_version(store: str | Path | Location) -> int | None:
    """The version in force (the Delta version of `publishes`); None before the first publish.
    BrokenStore for a file, an unreadable folder or log, or an old-layout store."""
    root = _root(store)
    if not _probe_folder(root):
        return None
    _refuse_old_layout(root)
    table = _publishes(root, without_files=True)
    return None if table is None else table.version()


def _record(root: Location, version: int, values: Mapping[str, object]) -> Manifest:
    """A Manifest from a publish row; BrokenStore when the row does not name table versions."""
    try:
        tables = json.loads(values.get("tables") or "{}")
        rows = json.loads(values.get("rows") or "{}")
        if set(tables) != set(TABLES) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in tables.values()):
            raise ValueError("the row does not name a version of every table")
        restored = values.get("restored_from")
        return Manifest(version, str(values.get("at") or ""), str(values.get("editor") or ""),
                        str(values.get("file_name") or ""), str(values.get("file_sha256") or ""),
                        {str(k): int(v) for k, v in rows.items()}, str(values.get("note") or ""),
                        str(values.get("action") or "publish"), str(values.get("summary") or ""),
                        str(values.get("approved_by") or ""),
                        None if restored in (None, "") else int(restored), tables)
    except (ValueError, TypeError, AttributeError) as error:
        raise BrokenStore("bad_publish", str(root / PUBLISHES), str(error), str(version)) from error


def read_manifest(store: str | Path | Location, version: int | str | None = None) -> Manifest:
    """The publish row of `version` (the one in force by default): which table versions it
    names, who published which file. UnknownVersion for a version the store does not have."""
    root = _root(store)
    number = None if version is None else parse_version(version)
    table = _publishes(root, number)
    if table is None:
        raise UnknownVersion(str(version))
    try:
        rows = table.to_pyarrow_table().to_pylist()
    except (DeltaError, OSError, pa.ArrowException) as error:
        raise BrokenStore("bad_publish", str(root / PUBLISHES), str(error)[:200],
                          str(table.version())) from error
    if len(rows) != 1:
        raise BrokenStore("bad_publish", str(root / PUBLISHES), f"{len(rows)} rows",
                          str(table.version()))
    return _record(root, table.version(), rows[0])


def snapshot_at(store: str | Path | Location, version: int | str | None = None) -> Snapshot:
    """The tables as publish `version` left them (the version in force by default)."""
    root = _root(store)
    return read_manifest(root, version).snapshot(root)


def version_as_of(store: str | Path | Location, when: datetime | date) -> int:
    """The version in force at a moment (a date: at the end of that day in Shanghai)."""
    if not isinstance(when, datetime):
        when = datetime.combine(when, datetime.max.time(), LOCAL_TZ)
    when = when if when.tzinfo else when.replace(tzinfo=LOCAL_TZ)
    instant = when.astimezone(UTC).timestamp() * 1000
    found = [m.version_id for m in list_versions(store) if _created_ms(m) <= instant]
    if not found:
        raise UnknownVersion(when.astimezone(LOCAL_TZ).isoformat(timespec="minutes"))
    return found[-1]


def _created_ms(manifest: Manifest) -> float:
    moment = datetime.fromisoformat(manifest.created_at)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp() * 1000


def parse_as_of(store: str | Path | Location, text: str) -> int:
    """`?as_of=` and `--as-of`: a version (12, v12) or a date or moment (2026-11-10,
    2026-11-10T15:00); UnknownVersion when it names none of this store's versions."""
    text = text.strip()
    if is_version_id(text):
        number = parse_version(text)
        latest = current_version(store)
        if latest is None or number > latest:
            raise UnknownVersion(text)
        return number
    try:
        when: datetime | date = datetime.fromisoformat(text) if "T" in text or " " in text \
            else date.fromisoformat(text)
    except ValueError:
        raise UnknownVersion(text) from None
    return version_as_of(store, when)


def _commit_metadata(manifest: Manifest) -> dict[str, str]:
    """What a commit records: who, which file, its SHA-256, counts, the summary, approval."""
    values = _row(manifest)
    return {key: ("" if value is None else str(value)) for key, value in values.items()}


def _row(manifest: Manifest) -> dict[str, object]:
    return {"action": manifest.action, "at": manifest.created_at, "editor": manifest.editor,
            "file_name": manifest.file_name, "file_sha256": manifest.file_sha256,
            "rows": json.dumps(manifest.rows, ensure_ascii=False), "summary": manifest.summary,
            "note": manifest.note, "approved_by": manifest.approved_by,
            "restored_from": manifest.restored_from,
            "tables": json.dumps(manifest.tables, sort_keys=True)}


def _write_table(root: Location, name: str, data: pa.Table, metadata: dict[str, str]) -> int:
    """One table overwritten as a new Delta version (no reader follows it until a publish row
    names it); returns that version. CommitFailedError when another writer got there first."""
    try:
        table = delta_table(root, name)
    except TableNotFoundError:
        table = None
    # no retry inside delta-rs: a create that lost the race would be rebased as version 1 with
    # the winner's files and its own (no remove to conflict), a table of twice the rows
    properties = CommitProperties(custom_metadata=metadata, max_commit_retries=0)
    if table is None:
        write_deltalake(_uri(root, name), data, mode="overwrite", configuration=RETENTION,
                        writer_properties=WRITER, commit_properties=properties,
                        storage_options=_options(root))
        return delta_table(root, name, without_files=True).version()
    write_deltalake(table, data, mode="overwrite", schema_mode="overwrite",
                    writer_properties=WRITER, commit_properties=properties)
    return table.version()


def _uri(root: Location, name: str) -> str:
    return delta_uri(root / name)


def _options(root: Location) -> dict[str, str] | None:
    return delta_options(root)


def _commit_publish(root: Location, base, manifest: Manifest) -> int:
    """Make `manifest` the store's version: overwrite the one publish row, from the `publishes`
    table as it was read (`base`; None for the first publish). CommitFailedError when another
    publish landed since `base`: the caller merges again onto it."""
    data = pa.Table.from_pylist([_row(manifest)], schema=PUBLISH_SCHEMA)
    properties = CommitProperties(custom_metadata=_commit_metadata(manifest), max_commit_retries=0)
    if base is None:
        write_deltalake(_uri(root, PUBLISHES), data, mode="error", configuration=RETENTION,
                        commit_properties=properties, storage_options=_options(root))
        return 0
    write_deltalake(base, data, mode="overwrite", commit_properties=properties)
    return base.version()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def shown_time(manifest: Manifest) -> str:
    """When a version was made, in Shanghai time, as people read it (2026-11-10 15:04)."""
    try:
        moment = datetime.fromisoformat(manifest.created_at)
    except ValueError:
        return manifest.created_at
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def _manifest(metadata: Mapping[str, object], rows: dict[str, int]) -> Manifest:
    """A Manifest from publish metadata: editor, file_name, file_sha256 (required), and summary,
    note, approved_by, action (optional; unknown keys are refused, so a typo is not lost)."""
    known = {"editor", "file_name", "file_sha256", "summary", "note", "approved_by", "action",
             "created_at"}
    if unknown := set(metadata) - known:
        raise TypeError(f"unknown publish metadata: {', '.join(sorted(unknown))}")
    return Manifest(-1, str(metadata.get("created_at") or _now()), str(metadata["editor"]),
                    str(metadata["file_name"]), str(metadata["file_sha256"]), rows,
                    str(metadata.get("note", "")), str(metadata.get("action", "publish")),
                    str(metadata.get("summary", "")), str(metadata.get("approved_by", "")))


def publish(store: str | Path | Location, tables: dict[str, pd.DataFrame],
            metadata: Mapping[str, object], based_on: int | None) -> Manifest:
    """Write `tables` (all seven) as a new version and make it current: one logical commit.

    `metadata` is recorded in the commits (editor, file_name, file_sha256; optionally summary,
    note, approved_by). `based_on` is the version the tables were merged from; if another editor
    published since, StoreChanged is raised and nothing new is in force (publishing merges the
    file again onto the newer version)."""
    root = _root(store)
    if _probe_folder(root):
        _refuse_old_layout(root)
    base = _publishes(root)
    found = None if base is None else base.version()
    if found != based_on:
        raise StoreChanged(based_on, found)
    manifest = _manifest(metadata, {n: len(f) for n, f in tables.items()})
    commit = _commit_metadata(manifest)
    versions = {}
    try:
        for name, spec in TABLES.items():
            versions[name] = _write_table(root, name, to_arrow(tables[name], name), commit)
            _checkpoint(f"table_written:{spec.name}")
        manifest = _with(manifest, tables=versions)
        _checkpoint("tables_written")
        number = _commit_publish(root, base, manifest)
    except CommitFailedError:
        latest = _publishes(root, without_files=True)
        raise StoreChanged(based_on, None if latest is None else latest.version()) from None
    _checkpoint("published")
    return _with(manifest, version_id=number)


def _with(manifest: Manifest, **changes) -> Manifest:
    return replace(manifest, **changes)


def _holds_tables(folder: Path | Location) -> bool:
    location = as_location(folder)
    return all((location / spec.parquet_name).exists() for spec in TABLES.values())


def first_publish_tables(store: str | Path | Location) -> Path | Location:
    """The tables a first publish starts from: a plain folder's own Parquet tables, if it holds
    them, else the shipped data."""
    root = _root(store)
    return root if _probe_folder(root) and _holds_tables(root) else DATA_DIR


SHIPPED_EDITOR = "system"  # version 0 of a store: published by the dashboard itself (as migrate says)
SHIPPED_FILE = "随看板发布的数据 data shipped with the dashboard"
INIT_ATTEMPTS = 40  # a replica that loses the race to create version 0 reads the winner's


def _first_metadata(source: Path | Location) -> dict[str, str]:
    """Who published which file, for version 0: the dashboard, its shipped data (or a plain
    folder's own tables), with the SHA-256 of the Parquet files it was made from."""
    digest = hashlib.sha256()
    for spec in TABLES.values():
        file = as_location(source) / spec.parquet_name
        with file.filesystem.open_input_stream(file.path) as stream:
            digest.update(stream.read())
    shipped = source == DATA_DIR
    return {"editor": SHIPPED_EDITOR, "action": "initialise", "file_sha256": digest.hexdigest(),
            "file_name": SHIPPED_FILE if shipped else as_location(source).name,
            "note": SHIPPED_FILE if shipped else ""}


def ensure_initialised(store: str | Path | Location) -> None:
    """Give a store without versions its first one (version 0): the Parquet tables it holds
    itself, if it is a plain folder of tables, otherwise the shipped data (data/, which stays
    plain Parquet built from data/source/: the figures as authored, with their sources, read
    by `xhdash build-data` and the shipped-data tests without a Delta reader).

    Safe when replicas start at once: version 0 of `publishes` is created only if absent (an
    atomic put-if-absent on disk and on S3), so one creator lands; a loser (its table or its
    row refused) finds the winner's version 0 and reads it, and if the winner died before its
    row, publishes the first version itself."""
    root = _root(store)
    if current_version(root) is not None:
        return
    source = first_publish_tables(root)
    tables = read_parquet_tables(source)
    metadata = _first_metadata(source)
    for attempt in range(INIT_ATTEMPTS):
        try:
            publish(root, tables, metadata, based_on=None)
            return
        except (StoreChanged, DeltaError, FileExistsError):  # another process is initialising
            if current_version(root) is not None:
                return
            if attempt == INIT_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.05, 0.25))


def _opened(explicit: str | Path | None) -> Location:
    """The store the app and the CLI use. The configured store ($XHDASH_STORE, else the
    project's store/) is given its first version if nothing is there yet (a fresh clone, a new
    folder or prefix of a deployment): from first use on, it is Delta tables. A store named on
    the command line (`--store`) is read as it is: a plain folder of Parquet tables (`--store
    data`) as Parquet, a missing one is named as missing (a mistyped path makes no store)."""
    root = as_location(store_setting(explicit))
    if _probe_folder(root):
        _refuse_old_layout(root)
        if (root / PUBLISHES).exists() or _holds_tables(root):
            return root
    if explicit is not None:
        return root
    try:
        ensure_initialised(root)
    except (OSError, DeltaError) as error:
        raise StoreLocationError("not_writable", root.text, str(error)) from error
    return root


def _history_entries(root: Location) -> list[dict]:
    table = _publishes(root, without_files=True)
    if table is None:
        return []
    try:
        return table.history()
    except (DeltaError, OSError) as error:
        raise BrokenStore("unreadable_log", str(root / PUBLISHES), str(error)) from error


def list_versions(store: str | Path | Location) -> list[Manifest]:
    """Every version, oldest first, read from the commit metadata of the `publishes` log (no
    table data is read)."""
    root = _root(store)
    if not _probe_folder(root):
        return []
    _refuse_old_layout(root)
    manifests = []
    for entry in _history_entries(root):
        if "tables" not in entry or "version" not in entry:
            continue
        try:
            manifests.append(_record(root, int(entry["version"]), entry))
        except BrokenStore:
            continue
    return sorted(manifests, key=lambda m: m.version_id)


def rollback(store: str | Path | Location, version_id: int | str, editor: str,
             metadata: Mapping[str, object] | None = None) -> Manifest:
    """Make an earlier version current again as a new version (Delta RESTORE of every table,
    then a publish row naming the restored versions): history keeps both, and says who rolled
    back to what. UnknownVersion for anything but a version of this store, DamagedVersion when
    a file of that version does not read; a damaged current version is what it repairs."""
    root = _root(store)
    number = parse_version(version_id)
    target = read_manifest(root, number)
    issues = check_table_files(target.snapshot(root), read_data=True)
    if issues:
        raise DamagedVersion(number, issues)
    extra = dict(metadata or {})
    for _attempt in range(RESTORE_ATTEMPTS):
        base = _publishes(root)
        manifest = Manifest(-1, _now(), editor, target.file_name, target.file_sha256,
                            dict(target.rows), str(extra.get("note", "")), "restore",
                            target.summary, str(extra.get("approved_by", "")), number)
        commit = _commit_metadata(manifest)
        try:
            versions = {name: _restore_table(root, name, target.tables[name], commit)
                        for name in TABLES}
            manifest = _with(manifest, tables=versions)
            return _with(manifest, version_id=_commit_publish(root, base, manifest))
        except CommitFailedError:
            time.sleep(random.uniform(0.05, 0.3))
    raise StoreBusy()


def _restore_table(root: Location, name: str, version: int, commit: dict[str, str]) -> int:
    table = delta_table(root, name)
    if table.version() == version:
        return version
    table.restore(version, commit_properties=CommitProperties(custom_metadata=commit))
    return table.version()


def vacuum(store: str | Path | Location, keep: int) -> dict[str, int]:
    """Delete the files that only versions older than the last `keep` need (time travel to them
    stops working); returns the files removed per table. Only on request (`xhdash vacuum`)."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    root = _root(store)
    kept = list_versions(root)[-keep:]
    removed = {}
    for name in TABLES:
        versions = sorted({m.tables[name] for m in kept})
        table = delta_table(root, name)
        removed[name] = len(table.vacuum(retention_hours=0, dry_run=False,
                                         enforce_retention_duration=False, keep_versions=versions))
    return removed  # `publishes` is never vacuumed: a vacuum commits, and its versions are the
    # store's (each holds one small row, so keeping them all costs a few kB per publish)


def locate_tables(explicit: str | Path | None = None, as_of: int | str | None = None
                  ) -> Snapshot:
    """The tables in force for the app and the CLI (or at version `as_of`).

    The store (--store or $XHDASH_STORE, else the project's store/) is read at its current
    version, made on first use from the shipped data when nothing is there yet; a plain folder
    of Parquet tables named on purpose is read as it is. StoreLocationError (BrokenStore among
    them) when the store cannot be opened, initialised or used."""
    root = _opened(explicit)
    if (root / PUBLISHES).exists():
        return snapshot_at(root, as_of)
    if as_of is not None:
        raise UnknownVersion(str(as_of))
    return Snapshot(root)


def tables_dir(store: str | Path | Location) -> Snapshot:
    """The tables in force of a store (a plain folder's own tables if it has no versions)."""
    root = _root(store)
    if _probe_folder(root):
        _refuse_old_layout(root)
        if (root / PUBLISHES).exists():
            return snapshot_at(root)
    return Snapshot(root)


def current_identity(explicit: str | Path | None = None) -> tuple[str, str]:
    """(location, version): the store's identity, cheaply (only the log's last entry is read):
    what the wall compares to know a new version is in force."""
    root = _opened(explicit)
    if (root / PUBLISHES).exists():
        return root.text, str(current_version(root))
    return root.text, Snapshot(root).version_key


def snapshot_for(location: str, version_key: str) -> Snapshot:
    """The snapshot an identity names: (location, "12") or a plain folder's (location, "folder:…")."""
    root = as_location(location)
    if version_key.startswith(FOLDER_KEY):
        return Snapshot(root)
    return snapshot_at(root, parse_version(version_key))


def as_of_identity(as_of: str, explicit: str | Path | None = None) -> tuple[str, str]:
    """(location, version) of the store as published at `as_of` (a version or a date); a fresh
    store is given its first version first, so `?as_of=0` works from the first request."""
    root = _opened(explicit)
    return root.text, str(parse_as_of(root, as_of))


__all__ = ["SHIPPED_EDITOR", "SHIPPED_FILE", "DamagedVersion", "Manifest", "StoreBusy",
           "StoreChanged", "StoreLocationError", "UnknownVersion", "as_of_identity",
           "current_identity", "current_version", "ensure_initialised", "first_publish_tables",
           "is_old_layout", "is_version_id", "list_versions", "locate_tables", "parse_as_of",
           "parse_version", "publish", "read_manifest", "rollback", "shown_time", "snapshot_at",
           "snapshot_for", "tables_dir", "vacuum", "version_as_of"]
