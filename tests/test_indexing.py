"""Observations looked up by indicator: positions found once, rows taken in frame order."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.testing import assert_frame_equal

from xhdash.data.indexing import indicator_rows, positions_by_indicator


def frame() -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": ["a", "b", "a", "c", "b"],
                         "value": [1.0, 2.0, 3.0, 4.0, 5.0]}, index=[10, 11, 12, 13, 14])


class TestPositionsByIndicator:
    def test_each_indicator_maps_to_its_positions_ascending(self):
        positions = positions_by_indicator(frame())
        assert {k: v.tolist() for k, v in positions.items()} == {
            "a": [0, 2], "b": [1, 4], "c": [3]}

    def test_a_new_frame_is_not_answered_from_another_frames_positions(self):
        first = frame()
        positions_by_indicator(first)
        second = first.iloc[[3, 4]]
        assert {k: v.tolist() for k, v in positions_by_indicator(second).items()} == {
            "c": [0], "b": [1]}


class TestIndicatorRows:
    def test_rows_of_several_indicators_keep_the_frames_order_and_index(self):
        expected = pd.DataFrame({"indicator_id": ["b", "a", "b"], "value": [2.0, 3.0, 5.0]},
                                index=[11, 12, 14])
        assert_frame_equal(indicator_rows(frame().iloc[1:], ["b", "a"]), expected)

    def test_an_unknown_indicator_gives_an_empty_frame_with_the_columns(self):
        rows = indicator_rows(frame(), ["zzz"])
        assert rows.empty and list(rows.columns) == ["indicator_id", "value"]

    def test_a_repeated_question_gets_the_same_rows(self):
        data = frame()
        first = indicator_rows(data, ("a",))
        assert indicator_rows(data, ["a", "a"]) is first
        assert np.array_equal(first["value"].to_numpy(), [1.0, 3.0])
