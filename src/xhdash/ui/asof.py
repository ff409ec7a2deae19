"""The one line saying whose figures these are and how fresh: the district, 数据截至 (the
latest period a figure is stated for) and 更新于 (when the store's tables were last written).
The wall shows it always; pages may show it too — one function, so both say the same."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from xhdash.i18n import tr
from xhdash.periods import chronological_key, parse_period
from xhdash.storage import as_location
from xhdash.tables import TABLES


def latest_period_label(observations: pd.DataFrame, lang: str) -> str:
    """The label of the latest period any figure is stated for ("" when there are none)."""
    if observations.empty:
        return ""
    latest = max(observations["period"].unique(), key=chronological_key)
    return parse_period(latest).label(lang)


def updated_at(data_dir: str) -> datetime | None:
    """When the store's tables were last written (the newest table file's time), if known."""
    location = as_location(data_dir)
    times = []
    for spec in TABLES.values():
        stamp = (location / spec.parquet_name).file_stamp()
        if stamp:
            times.append(int(stamp.split(":")[1]))
    return datetime.fromtimestamp(max(times) / 1e9) if times else None


def as_of_line(observations: pd.DataFrame, data_dir: str, lang: str) -> str:
    """徐汇区 · 数据截至2023年 · 更新于2026-12-06 10:30 (parts that are unknown left out)."""
    parts = [tr("asof_district", lang)]
    period = latest_period_label(observations, lang)
    if period:
        parts.append(tr("asof_period", lang, period=period))
    when = updated_at(data_dir)
    if when:
        parts.append(tr("asof_updated", lang, when=when.strftime("%Y-%m-%d %H:%M")))
    return " · ".join(parts)
