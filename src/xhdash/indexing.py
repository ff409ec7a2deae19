"""Observations looked up by indicator without scanning the whole table each time.

Cards, sentences and charts each ask for one indicator's figures, dozens of times per page; a
boolean mask over every row for each of them was most of a page's first run. The rows are
grouped by indicator once per observations frame (the frames the page caches share), and
that grouping is kept for the few frames in use."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

import pandas as pd

GROUPINGS_KEPT = 16
_GROUPINGS: OrderedDict[int, tuple[pd.DataFrame, dict[str, pd.DataFrame]]] = OrderedDict()
_LOCK = Lock()


def rows_by_indicator(observations: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """indicator_id → its rows (in their order in `observations`). The frame is kept with its
    grouping, so an id is never mistaken for another frame's."""
    key = id(observations)
    with _LOCK:
        kept = _GROUPINGS.get(key)
        if kept is not None and kept[0] is observations:
            _GROUPINGS.move_to_end(key)
            return kept[1]
    groups = {indicator: rows for indicator, rows in
              observations.groupby("indicator_id", sort=False, observed=True)}
    with _LOCK:
        _GROUPINGS[key] = (observations, groups)
        while len(_GROUPINGS) > GROUPINGS_KEPT:
            _GROUPINGS.popitem(last=False)
    return groups


def indicator_rows(observations: pd.DataFrame, indicator_ids) -> pd.DataFrame:
    """The rows of some indicators (an empty frame with the columns when there are none)."""
    groups = rows_by_indicator(observations)
    parts = [groups[i] for i in dict.fromkeys(indicator_ids) if i in groups]
    if not parts:
        return observations.iloc[0:0]
    return parts[0] if len(parts) == 1 else pd.concat(parts).sort_index()


_LATEST: OrderedDict[int, tuple[pd.DataFrame, dict[str, pd.Series]]] = OrderedDict()


def latest_rows(observations: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's latest figure (see cards.latest_district_row for the rule), found for
    every indicator in one sort of the frame and kept for the frames in use."""
    key = id(observations)
    with _LOCK:
        kept = _LATEST.get(key)
        if kept is not None and kept[0] is observations:
            _LATEST.move_to_end(key)
            return kept[1]
    found = _find_latest(observations)
    with _LOCK:
        _LATEST[key] = (observations, found)
        while len(_LATEST) > GROUPINGS_KEPT:
            _LATEST.popitem(last=False)
    return found


def _find_latest(observations: pd.DataFrame) -> dict[str, pd.Series]:
    from xhdash.periods import parse_period

    rows = observations[observations["industry_id"].isna()]
    if rows.empty:
        return {}
    periods = {code: parse_period(code) for code in rows["period"].unique()}
    district = rows["area_id"].eq("xuhui")
    has_district = district.groupby(rows["indicator_id"]).transform("any")
    areas = rows.groupby("indicator_id")["area_id"].transform("nunique")
    # district figures; else the figures of the one area an indicator is stated for
    rows = rows[district | (~has_district & areas.eq(1))]
    span = rows["period"].map({c: p.frequency == "span" for c, p in periods.items()}).astype(bool)
    only_spans = span.groupby(rows["indicator_id"]).transform("all")
    rows = rows[~span | only_spans]
    ordered = rows.assign(
        _end=rows["period"].map({c: -p.end.toordinal() for c, p in periods.items()}),
        _months=rows["period"].map({c: -p.months for c, p in periods.items()}),
        _derived=rows["status"].eq("derived"))
    ordered = ordered.sort_values(["_end", "_months", "period", "_derived"], kind="stable")
    first = ordered.drop_duplicates("indicator_id").drop(columns=["_end", "_months", "_derived"])
    return {row["indicator_id"]: row for _, row in first.iterrows()}
