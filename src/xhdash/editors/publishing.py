"""The one publishing path, for the CLI and the editors' data page alike.

preview:  read → resolve → merge → validate → derive → consistency checks, nothing written;
publish:  the same pipeline on the version in force, then one logical Delta commit
          (versions.publish), on a local store or S3-compatible object storage alike.

One rule for a store that another editor replaced meanwhile: the file is merged again onto the
newer version; if the figures it would publish are the ones the editor previewed, it is
published, otherwise the editor is asked to preview again (nothing is lost, nothing unseen is
published). The UI and the CLI call this module and nothing below it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from xhdash.data.derive import derive_all
from xhdash.data.health import inspect_store
from xhdash.data.schema import OBSERVATION_KEY, TABLES
from xhdash.data.storage import Location, StoreLocationError, as_location
from xhdash.data.tables import load_parquet_tables
from xhdash.data.validate import StoreError, ValidationIssue, validate_tables
from xhdash.data.versions import (
    Manifest,
    StoreBusy,
    StoreChanged,
    UnknownVersion,
    current_version,
    ensure_initialised,
    first_publish_tables,
    publish,
    rollback,
    shown_time,
    snapshot_at,
)
from xhdash.editors.importer.grid import sheet_names
from xhdash.editors.importer.layout import ROLES as COLUMN_ROLES
from xhdash.editors.importer.limits import ImportLimits
from xhdash.editors.importer.pipeline import ImportResult, run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.importer.sniff import ImportRefused
from xhdash.paths import store_setting

PUBLISH_ATTEMPTS = 10  # merges onto a newer version before giving up (two editors need one)
RETRY_PAUSE_S = (0.05, 0.4)  # a random pause between attempts, so racing replicas spread out
WRITABLE_SCHEMES = ("s3://",)  # object storage publishing works on (conditional writes)
DERIVED_KEY = list(OBSERVATION_KEY)
DERIVED_STATES = ("added", "changed", "removed")
Progress = Callable[[float, str], None]

__all__ = ["COLUMN_ROLES", "ImportOptions", "ImportRefused", "Preview", "PublishOutcome",
           "StoreBusy", "StoreChanged", "UnknownVersion", "preview_import", "publish_import",
           "publish_preview", "roll_back", "sheet_names", "shown_time", "store_versions",
           "writable_store_problem"]


@dataclass
class Preview:
    """What publishing a file would do, computed against one version of the store."""

    file_name: str
    based_on: str | None
    result: ImportResult | None = None
    refused: ImportRefused | None = None
    derived_changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    refusals: pd.DataFrame = field(default_factory=pd.DataFrame)
    new_refusals: pd.DataFrame = field(default_factory=pd.DataFrame)
    failed_checks: pd.DataFrame = field(default_factory=pd.DataFrame)
    store_issues: list[ValidationIssue] = field(default_factory=list)

    @property
    def errors(self) -> list[ValidationIssue]:
        found = self.result.errors if self.result is not None else []
        return [*found, *self.store_issues]

    @property
    def problem_count(self) -> int:
        """Every problem, the listed ones and those counted but not listed."""
        counted = self.result.problem_count if self.result is not None else 0
        return counted + len(self.store_issues)

    @property
    def ok(self) -> bool:
        return self.refused is None and self.result is not None and self.result.ok \
            and not self.store_issues

    @property
    def publishable(self) -> bool:
        return self.ok and self.result.changes_anything

    def figures_key(self) -> tuple:
        """The figures this preview would publish, as a comparable value."""
        if self.result is None or self.result.diff is None:
            return ()
        diff = self.result.diff
        wanted = diff[diff["state"].isin(["new", "changed", "conflicting"])]
        return tuple(sorted(
            (str(r.indicator_id), str(r.period), str(r.area_id), str(r.industry_id), r.state,
             float(r.value), str(r.qualifier)) for r in wanted.itertuples(index=False)))


    def summary(self) -> str:
        """The preview's counts in words, as the commit records them."""
        if self.result is None:
            return ""
        counts = self.result.counts()
        return (f"新增 {counts['new']}，修改 {counts['changed']}，不变 {counts['unchanged']}，冲突 "
                f"{counts['conflicting']} / new {counts['new']}, changed {counts['changed']}, "
                f"unchanged {counts['unchanged']}, conflicting {counts['conflicting']}")


@dataclass(frozen=True)
class PublishOutcome:
    preview: Preview
    manifest: Manifest | None  # None: nothing new or changed, or refused (see preview)


def _derived_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """Derived figures a publish would add, change or remove, with values before and after."""
    def keyed(frame: pd.DataFrame) -> pd.DataFrame:
        keys = frame[DERIVED_KEY].astype("string").fillna("")
        return frame.assign(_key=keys.agg("|".join, axis=1)).set_index("_key")

    old, new = keyed(before), keyed(after)
    rows = []
    for key in new.index.union(old.index, sort=False):
        was = old.loc[key] if key in old.index else None
        now = new.loc[key] if key in new.index else None
        if was is not None and now is not None and abs(was["value"] - now["value"]) < 1e-9:
            continue
        state = "added" if was is None else "removed" if now is None else "changed"
        row = now if now is not None else was
        rows.append({"state": state, "indicator_id": row["indicator_id"], "period": row["period"],
                     "area_id": row["area_id"], "industry_id": row["industry_id"],
                     "value": None if now is None else float(now["value"]),
                     "previous_value": None if was is None else float(was["value"]),
                     "locator": row["locator"]})
    return pd.DataFrame(rows, columns=["state", *DERIVED_KEY, "value", "previous_value",
                                       "locator"])


def _new_refusals(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    key = ["indicator_id", "period", "metric"]
    known = set(before[key].astype(str).agg("|".join, axis=1)) if len(before) else set()
    if after.empty:
        return after
    return after[~after[key].astype(str).agg("|".join, axis=1).isin(known)]


def _complete(preview: Preview, current: dict[str, pd.DataFrame], step: Progress) -> None:
    """Derive and check the merged store, as loading it would; record what would change."""
    merged = preview.result.tables
    step(0.9, "推算派生数字 deriving figures")
    derived_now, checks_now, refusals_now = derive_all(current)
    derived, checks, refusals = derive_all(merged)
    preview.derived_changes = _derived_changes(derived_now, derived)
    preview.refusals = refusals
    preview.new_refusals = _new_refusals(refusals_now, refusals)
    failed_before = set(checks_now.loc[~checks_now["passed"].astype(bool), "check_id"])
    failed = checks[~checks["passed"].astype(bool)]
    preview.failed_checks = failed.assign(new=~failed["check_id"].isin(failed_before))
    complete = {**merged, "observations": pd.concat([merged["observations"], derived],
                                                    ignore_index=True)}
    names = {name: f"{spec.name}（合并并推算后 merged and derived）"
             for name, spec in TABLES.items()}
    try:
        validate_tables(complete, names, 1)
    except StoreError as error:
        preview.store_issues = list(error.issues)


def _root(store: str | Path | None) -> Location:
    return as_location(store_setting(store))


def preview_import(data: bytes, file_name: str, options: ImportOptions,
                   store: str | Path | None = None, limits: ImportLimits | None = None,
                   progress: Progress | None = None) -> Preview:
    """Everything a publish of this file would do, against the version in force; writes nothing.

    The store's tables in force must be readable (StoreError / StoreLocationError otherwise)."""
    step = progress or (lambda fraction, message: None)
    root = _root(store)
    based_on = current_version(root)
    # never published: a publish would start from these tables
    where = snapshot_at(root) if based_on is not None else first_publish_tables(root)
    current = load_parquet_tables(where)
    preview = Preview(file_name, based_on)
    try:
        preview.result = run_import(data, file_name, current, options, limits, step)
    except ImportRefused as refused:
        preview.refused = refused
        return preview
    if preview.result.ok:
        _complete(preview, current, step)
    step(1.0, "完成 done")
    return preview


def publish_preview(preview: Preview, data: bytes, options: ImportOptions, editor: str,
                    store: str | Path | None = None, limits: ImportLimits | None = None,
                    attempts: int = PUBLISH_ATTEMPTS, require_same_figures: bool = True,
                    metadata: Mapping[str, object] | None = None) -> PublishOutcome:
    """Publish what `preview` showed, as one commit recording the editor, the file, its SHA-256,
    the counts and the preview's summary, plus `metadata` (e.g. approved_by).

    If another editor published since (through this replica or any other, on this machine or
    another), the file is merged again onto their version; it is published when it would
    publish the same figures (`require_same_figures`), else StoreChanged asks for a new preview.
    Nothing is made current in either case."""
    root = _root(store)
    ensure_initialised(root)
    seen = preview
    for _attempt in range(attempts):
        if not preview.publishable:
            return PublishOutcome(preview, None)
        record = {"editor": editor, "file_name": preview.file_name,
                  "file_sha256": preview.result.file_sha256, "summary": preview.summary(),
                  **(metadata or {})}
        based_on = preview.based_on if preview.based_on is not None else current_version(root)
        try:
            return PublishOutcome(preview, publish(root, preview.result.tables, record, based_on))
        except StoreChanged:
            time.sleep(random.uniform(*RETRY_PAUSE_S))
            preview = preview_import(data, preview.file_name, options, store, limits)
            if require_same_figures and preview.figures_key() != seen.figures_key():
                raise StoreChanged(seen.based_on, preview.based_on) from None
    raise StoreChanged(seen.based_on, current_version(root))


def publish_import(data: bytes, file_name: str, options: ImportOptions, editor: str,
                   store: str | Path | None = None, limits: ImportLimits | None = None,
                   progress: Progress | None = None,
                   metadata: Mapping[str, object] | None = None) -> PublishOutcome:
    """Preview and publish in one go (the CLI): merged again onto a newer version if one
    lands meanwhile, since no one has confirmed a particular preview."""
    ensure_initialised(_root(store))
    preview = preview_import(data, file_name, options, store, limits, progress)
    return publish_preview(preview, data, options, editor, store, limits,
                           require_same_figures=False, metadata=metadata)


def writable_store_problem(store: str | Path | None = None) -> str | None:
    """None when this store can be published to from here (a local folder or S3-compatible
    object storage); otherwise why not."""
    try:
        root = _root(store)
    except StoreLocationError as error:
        return str(error)
    if root.is_local or root.text.startswith(WRITABLE_SCHEMES):
        return None
    return str(StoreLocationError("read_only", root.text))


def store_versions(store: str | Path | None = None) -> tuple[list[Manifest], int | None]:
    """Every version, oldest first, and the one in force."""
    health = inspect_store(store)
    return list(health.versions), health.versions[-1].version_id if health.versions else None


def roll_back(version_id: int | str, editor: str, store: str | Path | None = None,
              metadata: Mapping[str, object] | None = None) -> Manifest:
    """Make a version of this store current again, as a new version (UnknownVersion,
    DamagedVersion, StoreBusy)."""
    return rollback(_root(store), version_id, editor, metadata)
