"""The audit trail: who signed in, published, approved, rejected and rolled back — when, what,
and through which replica.

Kept beside the store, as one more Delta table in its location (`audit/`), so every replica
(on this machine or another, on a local folder or S3) appends to the same trail: Delta appends
never conflict with one another, so replicas need no lock. Events are only ever appended. The
store's `publishes` history already says who published and approved each version; the trail
adds what happens around it (sign-ins, pending versions, rejections) and the replica.

Writing an event never stops what it records: a store that cannot be written (read-only here)
loses the event, and the failure is logged.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pyarrow as pa

from xhdash.data.storage import Location, append_delta_rows, as_location, delta_options, delta_uri
from xhdash.i18n import tr
from xhdash.meaning.plain import remove_xml_invalid

AUDIT = "audit"
LOCAL_TZ = timezone(timedelta(hours=8))  # shown in Shanghai time, kept in UTC
WHO_CHARS = 64  # a typed name is kept to this many characters
WHAT_CHARS = 500
LOG = logging.getLogger(__name__)

ACTIONS = ("sign_in", "sign_in_failed", "sign_in_locked", "sign_in_throttled",
           "sign_in_unavailable", "sign_out", "publish", "submit", "approve", "reject",
           "rollback")  # each said by i18n's audit_<action>
COLUMNS = ("at", "action", "who", "what", "replica")  # each headed by i18n's audit_col_<column>
SCHEMA = pa.schema([("at", pa.string()), ("action", pa.string()), ("who", pa.string()),
                    ("what", pa.string()), ("replica", pa.string())])


@dataclass(frozen=True)
class AuditEvent:
    at: str  # UTC, ISO 8601 to the second
    action: str  # a key of ACTIONS
    who: str
    what: str
    replica: str


def replica_name(port: int | str | None = None) -> str:
    """XHDASH_REPLICA, else this machine's hostname and the server's port (or "cli")."""
    from xhdash.settings import setting

    named = setting("XHDASH_REPLICA")
    if named:
        return str(named)
    return f"{socket.gethostname()}:{port}" if port else f"{socket.gethostname()}:{os.getpid()}"


def _clean(text: object, limit: int) -> str:
    return remove_xml_invalid(str(text)).replace("\r", " ").replace("\n", " ")[:limit]


def make_event(action: str, who: str, what: str = "", replica: str = "",
               at: datetime | None = None) -> AuditEvent:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    return AuditEvent(when, action, _clean(who, WHO_CHARS), _clean(what, WHAT_CHARS),
                      _clean(replica or replica_name(), WHO_CHARS))


def _root(store: str | Path | Location | None) -> Location:
    from xhdash.paths import store_setting

    return as_location(store if isinstance(store, Location) else store_setting(store))


def append_event(event: AuditEvent, store: str | Path | Location | None = None) -> None:
    """Append one event to the store's trail (made on first use); errors propagate."""
    location = _root(store) / AUDIT
    data = pa.Table.from_pylist([asdict(event)], schema=SCHEMA)
    append_delta_rows(location, data)


def record(action: str, who: str, what: str = "", replica: str = "",
           store: str | Path | Location | None = None) -> bool:
    """Append an event; False (and a log line) when the trail cannot be written."""
    try:
        append_event(make_event(action, who, what, replica), store)
    except Exception as error:  # the trail never stops what it records
        LOG.warning("audit event %s by %s not written: %s", action, who, error)
        return False
    return True


def read_events(store: str | Path | Location | None = None) -> pd.DataFrame:
    """Every event, newest first (an empty frame with the columns before the first)."""
    from deltalake import DeltaTable
    from deltalake.exceptions import TableNotFoundError

    location = _root(store) / AUDIT
    try:
        table = DeltaTable(delta_uri(location), storage_options=delta_options(location))
    except TableNotFoundError:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in SCHEMA.names})
    frame = table.to_pyarrow_table().to_pandas()
    return frame.sort_values("at", ascending=False, kind="stable").reset_index(drop=True)


def beijing_time(text: str) -> str:
    """A stored UTC time (ISO 8601) as officials read it: Shanghai time to the minute."""
    return datetime.fromisoformat(text).astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")


def present_events(events: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trail as an editor reads it (and exports it): action words, not keys."""
    shown = {column: events[column].astype(object) for column in COLUMNS}
    shown["at"] = pd.to_datetime(events["at"], utc=True, format="ISO8601").dt.tz_convert(
        LOCAL_TZ).dt.strftime("%Y-%m-%d %H:%M:%S").astype(object)
    shown["action"] = shown["action"].map(
        lambda key: tr(f"audit_{key}", lang) if key in ACTIONS else key)
    return pd.DataFrame({tr(f"audit_col_{column}", lang): values
                         for column, values in shown.items()})
