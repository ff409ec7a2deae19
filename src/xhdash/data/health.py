"""The store's health, without raising: where the tables in force are, whether they read, the
versions on record and whether this process may publish. The app shows viewers a plain message
from it and still gives editors the data page (versions, rollback) when the tables cannot be
read."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from deltalake.exceptions import DeltaError

from xhdash.data.storage import BrokenStore, StoreLocationError, as_location
from xhdash.data.tables import Snapshot, check_table_files
from xhdash.data.validate import StoreError
from xhdash.data.versions import Manifest, list_versions, locate_tables
from xhdash.paths import store_setting


@dataclass(frozen=True)
class StoreHealth:
    setting: str  # the store as named (path or URI): for editors and the CLI only
    tables: Snapshot | None  # the tables in force; None when they cannot be found
    version_id: int | None  # the version in force; None when unversioned or unreadable
    writable: bool  # a store this process may publish to, import into and roll back
    problem: StoreLocationError | StoreError | None  # why the tables cannot be found or read
    versions: tuple[Manifest, ...] = ()  # every version, oldest first

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
    """The state of the store (--store, $XHDASH_STORE or store/).

    By default no table data is read, only each file's Parquet footer (a few reads per file):
    a damaged page inside a file is then found when the tables are loaded (StoreError).
    `read_data` decodes every file in full and finds that too. `with_versions=False` skips the
    history (a request on object storage) when only the tables in force matter."""
    setting = store_setting(explicit)
    try:
        location = as_location(setting)
    except StoreLocationError as error:
        return StoreHealth(setting, None, None, False, error)
    versions: tuple[Manifest, ...] = ()
    writable = False
    try:
        writable = (location.is_local and _is_writable(Path(location.path))) or \
            location.text.startswith("s3://")
        versions = tuple(list_versions(location)) if with_versions else ()
        tables = locate_tables(explicit)
        issues = check_table_files(tables, read_data)
    except StoreLocationError as error:  # BrokenStore among them
        return StoreHealth(setting, None, None, writable, error, versions)
    except (OSError, ValueError, DeltaError) as error:  # unforeseen: an answer, not a traceback
        return StoreHealth(setting, None, None, writable,
                           BrokenStore("unreadable_store", setting, str(error)), versions)
    problem = StoreError(issues) if issues else None
    return StoreHealth(setting, tables, tables.version, writable, problem, versions)
