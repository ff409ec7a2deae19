"""Completion of a target, time progress (序时进度), the gap to a growth target and ranks."""

import pytest

from metrics.core import Input, MetricRefused
from metrics.targets import (
    against_time_progress,
    completion_of_target,
    gap_to_growth_target,
    rank_among,
    rank_derived,
    time_progress,
    time_progress_by_days,
)

HALF_YEAR = Input("fiscal_revenue", "2024-01/2024-06", 135.40, decimals=2)
TARGET = Input("fiscal_revenue_target", "2024", 270, decimals=0)


class TestCompletionOfTarget:
    def test_the_share_of_the_target_with_its_formula(self):
        done = completion_of_target(HALF_YEAR, TARGET)
        assert done.value == pytest.approx(50.148, abs=1e-3)
        assert done.decimals == 1 and done.inputs == (HALF_YEAR, TARGET)
        assert done.formula_zh == "完成度 = 实际数 ÷ 年度目标 × 100%"

    @pytest.mark.parametrize("goal", [0, -5])
    def test_a_target_that_is_not_positive_is_refused(self, goal):
        with pytest.raises(MetricRefused, match="not positive"):
            completion_of_target(HALF_YEAR, Input("t", "2024", goal))

    def test_an_approximate_target_makes_it_approximate(self):
        assert completion_of_target(HALF_YEAR, Input("t", "2024", 270, "approx")).qualifier \
            == "approx"


class TestTimeProgress:
    @pytest.mark.parametrize(("months", "share"), [(1, 100 / 12), (6, 50.0), (9, 75.0), (12, 100)])
    def test_n_twelfths(self, months, share):
        assert time_progress(months) == pytest.approx(share)

    @pytest.mark.parametrize("months", [0, 13])
    def test_outside_the_year_is_refused(self, months):
        with pytest.raises(MetricRefused):
            time_progress(months)

    def test_by_days(self):
        assert time_progress_by_days(182, 365) == pytest.approx(49.863, abs=1e-3)
        with pytest.raises(MetricRefused):
            time_progress_by_days(400, 365)

    def test_against_time_in_points(self):
        ahead = against_time_progress(completion_of_target(HALF_YEAR, TARGET), 50.0, "6/12",
                                      "6/12")
        assert ahead.value == pytest.approx(0.148, abs=1e-3)
        assert "序时进度" in ahead.formula_zh and ahead.decimals == 1


class TestGapToGrowthTarget:
    def test_points_with_the_more_decimals(self):
        gap = gap_to_growth_target(Input("g", "2024", 5.8, decimals=1),
                                   Input("t", "2024", 5.5, "approx", decimals=1))
        assert gap.value == pytest.approx(0.3) and gap.decimals == 1 and gap.qualifier == "approx"

    def test_a_whole_number_target_keeps_the_actuals_decimal(self):
        gap = gap_to_growth_target(Input("g", "2024", 5.1, decimals=1), Input("t", "2024", 5, decimals=0))
        assert gap.value == pytest.approx(0.1) and gap.decimals == 1


class TestRank:
    def test_competition_ranking(self):
        values = {"a": 10.0, "b": 30.0, "c": 30.0, "d": 5.0}
        assert [rank_among(values, k) for k in "abcd"] == [3, 1, 1, 4]
        assert rank_among(values, "d", higher_is_better=False) == 1

    def test_an_area_without_a_figure_is_refused(self):
        with pytest.raises(MetricRefused):
            rank_among({"a": 1.0}, "xuhui")

    def test_as_a_derived_figure(self):
        inputs = tuple(Input("fiscal_revenue", "2024-01/2024-06", v, area_id=a)
                       for a, v in (("huangpu", 150.0), ("xuhui", 135.4), ("changning", 90.0)))
        ranked = rank_derived("fiscal_revenue_rank", inputs, "xuhui")
        assert ranked.value == 2 and ranked.inputs == inputs and "3个地区" in ranked.formula_zh
