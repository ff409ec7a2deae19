"""Four eyes before a publish (统计数据审核): an editor's publish becomes a pending request that
changes nothing readers see; an approver — never the same person — previews the same file the
same way and approves it (then it is published, naming both) or rejects it with a note (then it
never becomes visible).

Requests live beside the store, in a Delta table `approvals/` that is only appended to: a
request's rows are its submission (the file's bytes and the import options) and then at most
one decision; its state is its last row. Every replica reads the same table, so a request
submitted through one replica is seen, approved or rejected through another.

Who approves: the names under `[approvers]` in the editors' file (`li = true`). Whether four eyes
apply: XHDASH_FOUR_EYES — `auto` (the default: on when the file names an approver), `on`, `off`.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from xhdash.data.storage import Location, append_delta_rows, as_location, delta_options, delta_uri
from xhdash.editors.importer.resolve import ImportOptions

APPROVALS = "approvals"
NOTE_CHARS = 500
SCHEMA = pa.schema([("request_id", pa.string()), ("at", pa.string()), ("state", pa.string()),
                    ("editor", pa.string()), ("file_name", pa.string()),
                    ("file_sha256", pa.string()), ("data", pa.binary()),
                    ("options", pa.string()), ("summary", pa.string()),
                    ("decided_by", pa.string()), ("note", pa.string()),
                    ("version", pa.int64())])
STATES = ("pending", "approved", "rejected")


class ApprovalError(ValueError):
    """A decision that may not be made: one's own request, or one already decided."""

    def __init__(self, reason_zh: str, reason_en: str):
        super().__init__(f"{reason_zh} / {reason_en}")
        self.reason_zh, self.reason_en = reason_zh, reason_en


@dataclass(frozen=True)
class Request:
    request_id: str
    at: str
    state: str
    editor: str
    file_name: str
    file_sha256: str
    summary: str
    decided_by: str = ""
    note: str = ""
    version: int | None = None

    def options(self, store=None) -> ImportOptions:
        return _read_options(_row(self.request_id, store)["options"])


def approvers(editors_file: Path) -> set[str]:
    """The names under `[approvers]` (set to true) in the editors' file."""
    import tomllib

    if not editors_file.exists():
        return set()
    with open(editors_file, "rb") as handle:
        table = tomllib.load(handle).get("approvers", {})
    return {str(name) for name, allowed in table.items() if allowed is True}


def four_eyes_on(approver_names: set[str]) -> bool:
    from xhdash.settings import setting

    mode = str(setting("XHDASH_FOUR_EYES")).strip().lower()
    if mode in ("on", "true", "1", "yes"):
        return True
    if mode in ("off", "false", "0", "no"):
        return False
    return bool(approver_names)


def _root(store) -> Location:
    from xhdash.paths import store_setting

    return as_location(store if isinstance(store, Location) else store_setting(store))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _write_options(options: ImportOptions) -> str:
    return json.dumps(asdict(options), ensure_ascii=False, sort_keys=True)


def _read_options(text: str) -> ImportOptions:
    return ImportOptions(**json.loads(text))


def _append(row: dict, store) -> None:
    location = _root(store) / APPROVALS
    data = pa.Table.from_pylist([row], schema=SCHEMA)
    append_delta_rows(location, data)


def _rows(store, with_data: bool = False) -> pd.DataFrame:
    from deltalake import DeltaTable
    from deltalake.exceptions import TableNotFoundError

    location = _root(store) / APPROVALS
    columns = [n for n in SCHEMA.names if with_data or n not in ("data", "options")]
    try:
        table = DeltaTable(delta_uri(location), storage_options=delta_options(location))
    except TableNotFoundError:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    return table.to_pyarrow_table(columns=columns).to_pandas()


def _row(request_id: str, store) -> dict:
    rows = _rows(store, with_data=True)
    submitted = rows[(rows["request_id"] == request_id) & (rows["state"] == "pending")]
    if not len(submitted):
        raise ApprovalError("没有这项待审核的发布。", "No such request.")
    return submitted.iloc[0].to_dict()


def submit(data: bytes, file_name: str, options: ImportOptions, editor: str, summary: str,
           store=None) -> Request:
    """Keep a publish for approval; nothing readers see changes."""
    row = {"request_id": secrets.token_hex(8), "at": _now(), "state": "pending",
           "editor": editor, "file_name": file_name,
           "file_sha256": hashlib.sha256(data).hexdigest(), "data": data,
           "options": _write_options(options), "summary": summary, "decided_by": "",
           "note": "", "version": None}
    _append(row, store)
    return _request(row)


def _request(row: dict) -> Request:
    version = row.get("version")
    return Request(row["request_id"], row["at"], row["state"], row["editor"], row["file_name"],
                   row["file_sha256"], row["summary"] or "", row["decided_by"] or "",
                   row["note"] or "", None if pd.isna(version) else int(version))


def requests(store=None) -> list[Request]:
    """Every request in its current state, newest first."""
    rows = _rows(store)
    if not len(rows):
        return []
    # a decision always follows its submission, whatever order the table's files are read in
    ordered = rows.assign(decided=rows["state"] != "pending").sort_values(
        ["decided", "at"], kind="stable")
    latest = ordered.drop(columns="decided").groupby("request_id", sort=False).tail(1)
    submitted = rows[rows["state"] == "pending"].set_index("request_id")["at"]
    found = [_request({**row, "at": submitted.get(row["request_id"], row["at"])})
             for row in latest.to_dict("records")]
    return sorted(found, key=lambda r: r.at, reverse=True)


def pending_for(approver: str, store=None) -> list[Request]:
    """Requests `approver` may decide: pending, and not their own."""
    return [r for r in requests(store) if r.state == "pending" and r.editor != approver]


def request_file(request_id: str, store=None) -> tuple[bytes, ImportOptions]:
    row = _row(request_id, store)
    return bytes(row["data"]), _read_options(row["options"])


def _decidable(request_id: str, approver: str, store) -> Request:
    current = next((r for r in requests(store) if r.request_id == request_id), None)
    if current is None:
        raise ApprovalError("没有这项待审核的发布。", "No such request.")
    if current.state != "pending":
        raise ApprovalError("这项发布已经审核过了。", "This request has already been decided.")
    if current.editor == approver:
        raise ApprovalError("不能审核自己提交的发布：需另一位审核人。",
                            "You cannot approve your own publish: another approver must.")
    return current


def record_decision(request_id: str, state: str, approver: str, note: str,
                    version: int | None = None, store=None) -> Request:
    """Append the decision on a pending request (not one's own, not twice)."""
    if state not in ("approved", "rejected"):
        raise ValueError(state)
    current = _decidable(request_id, approver, store)
    row = {**asdict(current), "at": _now(), "state": state, "decided_by": approver,
           "note": str(note)[:NOTE_CHARS], "version": version, "data": None, "options": None}
    _append(row, store)
    return _request(row)


def approve(request_id: str, approver: str, note: str = "", store=None):
    """Publish the request's file as its editor's, approved by `approver`; the manifest (None
    when it changes nothing). StoreChanged when the figures it would publish differ from what
    was previewed (another publish since): the approver previews again."""
    from xhdash.editors.publishing import preview_import, publish_preview

    current = _decidable(request_id, approver, store)
    data, options = request_file(request_id, store)
    preview = preview_import(data, current.file_name, options, store)
    if not preview.publishable:
        raise ApprovalError("该文件已无法发布（检查未通过），请退回。",
                            "The file can no longer be published (checks fail): reject it.")
    outcome = publish_preview(preview, data, options, current.editor, store,
                              metadata={"approved_by": approver, "note": str(note)[:NOTE_CHARS]})
    version = outcome.manifest.version_id if outcome.manifest is not None else None
    record_decision(request_id, "approved", approver, note, version, store)
    return outcome.manifest


def reject(request_id: str, approver: str, note: str, store=None) -> Request:
    return record_decision(request_id, "rejected", approver, note, None, store)
