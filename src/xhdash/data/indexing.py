"""Observations looked up by indicator without scanning the whole table each time.

Cards, sentences and charts each ask for one indicator's figures, dozens of times per page; a
boolean mask over every row for each of them was most of a page's first run. The row positions
of each indicator are found once per observations frame (the frames the page caches share) and
kept for the few frames in use; an indicator's rows are taken from the frame when asked for.
Positions, not copied frames: a copy of a million-row store per frame in use cost 340 MB."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

import numpy as np
import pandas as pd

from xhdash.data.schema import DISTRICT
from xhdash.periods import parse_period

GROUPINGS_KEPT = 16
TAKEN_KEPT = 8  # a chart asks for its indicators' rows several times in one run
_LOCK = Lock()


class _FrameCache:
    """Answers about a frame, kept for the last few frames asked about. The frame is kept with
    its answer, so an id() reused by a later frame is never mistaken for it."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: OrderedDict[Hashable, tuple[pd.DataFrame, Any]] = OrderedDict()

    def get(self, frame: pd.DataFrame, key: Hashable, build: Callable[[], Any]) -> Any:
        key = (id(frame), key)
        with _LOCK:
            kept = self.kept.get(key)
            if kept is not None and kept[0] is frame:
                self.kept.move_to_end(key)
                return kept[1]
        answer = build()
        with _LOCK:
            self.kept[key] = (frame, answer)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return answer


_POSITIONS = _FrameCache(GROUPINGS_KEPT)
_TAKEN = _FrameCache(TAKEN_KEPT)
_LATEST = _FrameCache(GROUPINGS_KEPT)


def positions_by_indicator(observations: pd.DataFrame) -> dict[str, np.ndarray]:
    """indicator_id → the positions of its rows in `observations`, ascending."""
    return _POSITIONS.get(observations, None, lambda: _find_positions(observations))


def _find_positions(observations: pd.DataFrame) -> dict[str, np.ndarray]:
    codes, uniques = pd.factorize(observations["indicator_id"], sort=False)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return {str(indicator): order[bounds[n]:bounds[n + 1]] for n, indicator in enumerate(uniques)}


def indicator_rows(observations: pd.DataFrame, indicator_ids) -> pd.DataFrame:
    """The rows of some indicators, in their order in `observations` (an empty frame with the
    columns when there are none). The last few answers are kept. Callers must not mutate."""
    ids = tuple(dict.fromkeys(indicator_ids))
    return _TAKEN.get(observations, ids, lambda: _take_rows(observations, ids))


def _take_rows(observations: pd.DataFrame, ids: tuple[str, ...]) -> pd.DataFrame:
    positions = positions_by_indicator(observations)
    parts = [positions[i] for i in ids if i in positions]
    if not parts:
        return observations.iloc[0:0]
    return observations.take(parts[0] if len(parts) == 1 else np.sort(np.concatenate(parts)))


def latest_rows(observations: pd.DataFrame) -> dict[str, pd.Series]:
    """Each indicator's latest figure (see cards.latest_district_row for the rule), found for
    every indicator in one sort of the frame and kept for the frames in use."""
    return _LATEST.get(observations, None, lambda: _find_latest(observations))


def _find_latest(observations: pd.DataFrame) -> dict[str, pd.Series]:
    rows = observations[observations["industry_id"].isna()]
    if rows.empty:
        return {}
    periods = {code: parse_period(code) for code in rows["period"].unique()}
    district = rows["area_id"].eq(DISTRICT)
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
