"""Figures of a year against the year's stated targets: completion, 序时进度, gap in points."""

import pandas as pd
import pytest

from xhdash.meaning.progress import (
    find_standings,
    months_elapsed,
    standing_clause,
    standing_sentences,
    standings_frame,
)

INDICATORS = pd.DataFrame({
    "indicator_id": ["fiscal_revenue", "fiscal_revenue_target", "gdp_growth", "gdp_growth_target"],
    "kind": ["level", "target", "growth", "target"],
    "target_of": [None, "fiscal_revenue", None, "gdp_growth"],
})


def observation(indicator, period, value, stated, qualifier="exact", area="xuhui"):
    return {"indicator_id": indicator, "period": period, "area_id": area, "industry_id": None,
            "value": value, "qualifier": qualifier, "stated_as": stated, "status": "reported",
            "source_id": "S9"}


OBSERVATIONS = pd.DataFrame([
    observation("fiscal_revenue", "2024-01/2024-06", 135.40, "135.40亿元"),
    observation("fiscal_revenue", "2024-01/2024-09", 198.60, "198.60亿元"),
    observation("fiscal_revenue", "2023", 250.85, "250.85亿元"),  # another year: no target
    observation("fiscal_revenue", "2024Q3", 63.2, "63.2亿元"),  # a quarter: not a year's share
    observation("fiscal_revenue", "2024-01/2024-06", 20.0, "20.0亿元", area="street_tianlin"),
    observation("fiscal_revenue_target", "2024", 270, "270亿元"),
    observation("gdp_growth", "2024", 5.8, "5.8%"),
    observation("gdp_growth_target", "2024", 5.5, "5.5%左右", "approx"),
])


@pytest.fixture(scope="module")
def standings():
    return find_standings(OBSERVATIONS, INDICATORS)


class TestMonthsElapsed:
    @pytest.mark.parametrize(("code", "months"), [("2024", 12), ("2024-01/2024-09", 9),
                                                  ("2024-01/2024-01", 1), ("2024Q3", None),
                                                  ("2024-09", None), ("2024-04/2024-09", None)])
    def test_only_the_year_and_its_cumulative_spans(self, code, months):
        assert months_elapsed(code) == months


class TestFindStandings:
    def test_each_district_figure_of_the_targets_year(self, standings):
        frame = standings_frame(standings)
        assert frame[["indicator_id", "period"]].values.tolist() == [
            ["fiscal_revenue", "2024-01/2024-06"], ["fiscal_revenue", "2024-01/2024-09"],
            ["gdp_growth", "2024"]]

    def test_completion_and_time_progress(self, standings):
        frame = standings_frame(standings).set_index("period")
        half = frame.loc["2024-01/2024-06"]
        assert half["completion"] == pytest.approx(50.148, abs=1e-3)
        assert half["time_progress"] == pytest.approx(50.0)
        assert half["against_time"] == pytest.approx(0.148, abs=1e-3)
        nine = frame.loc["2024-01/2024-09"]
        assert nine["completion"] == pytest.approx(73.556, abs=1e-3)
        assert nine["against_time"] == pytest.approx(-1.444, abs=1e-3)

    def test_a_growth_target_gives_a_gap_in_points(self, standings):
        frame = standings_frame(standings).set_index("indicator_id")
        assert frame.loc["gdp_growth", "gap_points"] == pytest.approx(0.3)
        assert frame.loc["gdp_growth", "kind"] == "growth"

    def test_no_targets_no_standings(self):
        assert find_standings(OBSERVATIONS, INDICATORS.drop(columns="target_of")) == []


class TestStandingClause:
    def test_the_issues_example(self, standings):
        assert standing_clause(standings[0], "zh") == "完成年度目标的50.1%，超序时进度0.1个百分点"
        assert standing_clause(standings[0], "en") == (
            "50.1% of the annual target, 0.1 percentage points ahead of time progress")

    def test_behind_time(self, standings):
        assert standing_clause(standings[1], "zh") == "完成年度目标的73.6%，低于序时进度1.4个百分点"

    def test_growth(self, standings):
        assert standing_clause(standings[2], "zh") == "高于目标0.3个百分点"
        assert standing_clause(standings[2], "en") == "0.3 percentage points above the target"


class TestStandingSentences:
    def test_each_with_the_figure_as_stated_latest_first(self):
        indicators = INDICATORS.assign(name_zh=["区级财政收入", "目标", "地区生产总值增长率", "目标"],
                                       name_en=["District fiscal revenue", "t", "GDP growth", "t"],
                                       unit_en=["CNY 100m", "CNY 100m", "%", "%"])
        zh = standing_sentences(OBSERVATIONS, indicators, "zh")
        assert zh[0] == "2024年，全区地区生产总值增长率5.8%，高于目标0.3个百分点。"
        assert zh[-1] == ("2024年1-6月，全区区级财政收入135.40亿元，完成年度目标的50.1%，"
                          "超序时进度0.1个百分点。")
        en = standing_sentences(OBSERVATIONS, indicators, "en")
        assert en[-1] == ("District fiscal revenue, Jan–Jun 2024: 135.40 CNY 100m, 50.1% of the "
                          "annual target, 0.1 percentage points ahead of time progress.")
