"""Observations looked up by indicator without scanning the whole table each time.

Cards, sentences and charts each ask for one indicator's figures, dozens of times per page; a
boolean mask over every row for each of them was most of a page's first run. The row positions
of each indicator are found once per observations frame (the frames the page caches share) and
kept for the few frames in use; an indicator's rows are taken from the frame when asked for.
Positions, not copied frames: a copy of a million-row store per frame in use cost 340 MB."""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

import numpy as np
import pandas as pd

GROUPINGS_KEPT = 16
_GROUPINGS: OrderedDict[int, tuple[pd.DataFrame, dict[str, np.ndarray]]] = OrderedDict()
_LOCK = Lock()


def positions_by_indicator(observations: pd.DataFrame) -> dict[str, np.ndarray]:
    """indicator_id → the positions of its rows in `observations`, ascending. The frame is kept
    with its positions, so an id is never mistaken for another frame's."""
    key = id(observations)
    with _LOCK:
        kept = _GROUPINGS.get(key)
        if kept is not None and kept[0] is observations:
            _GROUPINGS.move_to_end(key)
            return kept[1]
    codes, uniques = pd.factorize(observations["indicator_id"], sort=False)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    positions = {str(indicator): order[bounds[n]:bounds[n + 1]]
                 for n, indicator in enumerate(uniques)}
    with _LOCK:
        _GROUPINGS[key] = (observations, positions)
        while len(_GROUPINGS) > GROUPINGS_KEPT:
            _GROUPINGS.popitem(last=False)
    return positions


TAKEN_KEPT = 8  # a chart asks for its indicators' rows several times in one run
_TAKEN: OrderedDict[tuple[int, tuple[str, ...]], tuple[pd.DataFrame, pd.DataFrame]] = OrderedDict()


def indicator_rows(observations: pd.DataFrame, indicator_ids) -> pd.DataFrame:
    """The rows of some indicators, in their order in `observations` (an empty frame with the
    columns when there are none). The last few answers are kept. Callers must not mutate."""
    ids = tuple(dict.fromkeys(indicator_ids))
    key = (id(observations), ids)
    with _LOCK:
        kept = _TAKEN.get(key)
        if kept is not None and kept[0] is observations:
            _TAKEN.move_to_end(key)
            return kept[1]
    positions = positions_by_indicator(observations)
    parts = [positions[i] for i in ids if i in positions]
    if not parts:
        return observations.iloc[0:0]
    rows = observations.take(parts[0] if len(parts) == 1 else np.sort(np.concatenate(parts)))
    with _LOCK:
        _TAKEN[key] = (observations, rows)
        while len(_TAKEN) > TAKEN_KEPT:
            _TAKEN.popitem(last=False)
    return rows


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
