"""The one line saying whose figures these are and how fresh: the district, 数据截至 (the
latest period a figure is stated for) and 更新于 (when the store's tables were last written).
The wall shows it always; pages may show it too — one function, so both say the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from xhdash.data.storage import StoreLocationError, as_location
from xhdash.data.tables import FOLDER_KEY, TABLES
from xhdash.data.versions import LOCAL_TZ, read_manifest, shown_time
from xhdash.i18n import tr
from xhdash.periods import chronological_key, parse_period


def latest_period_label(observations: pd.DataFrame, lang: str) -> str:
    """The label of the latest period any figure is stated for ("" when there are none)."""
    if observations.empty:
        return ""
    latest = max(observations["period"].unique(), key=chronological_key)
    return parse_period(latest).label(lang)


def updated_at(data_dir: str, version: str = "") -> str:
    """When the version in force was published (Shanghai time, 2026-12-06 10:30), or for a plain
    folder of Parquet tables when its newest table file was written; "" when unknown."""
    if version and not version.startswith(FOLDER_KEY):
        try:
            return shown_time(read_manifest(data_dir, int(version)))
        except (ValueError, OSError, StoreLocationError):
            return ""
    location = as_location(data_dir)
    times = []
    for spec in TABLES.values():
        stamp = (location / spec.parquet_name).file_stamp()
        if stamp:
            times.append(int(stamp.split(":")[1]))
    if not times:
        return ""
    moment = datetime.fromtimestamp(max(times) / 1e9, tz=UTC).astimezone(LOCAL_TZ)
    return moment.strftime("%Y-%m-%d %H:%M")


def as_of_line(observations: pd.DataFrame, data_dir: str, lang: str, version: str = "") -> str:
    """徐汇区 · 数据截至2023年 · 更新于2026-12-06 10:30 (parts that are unknown left out)."""
    parts = [tr("asof_district", lang)]
    period = latest_period_label(observations, lang)
    if period:
        parts.append(tr("asof_period", lang, period=period))
    when = updated_at(data_dir, version)
    if when:
        parts.append(tr("asof_updated", lang, when=when))
    return " · ".join(parts)
