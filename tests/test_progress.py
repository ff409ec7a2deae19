"""Figures of a year against the year's stated targets: completion, 序时进度, gap in points."""

import pandas as pd
import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.meaning.progress import (
    find_standings,
    latest_standings,
    months_elapsed,
    standing_clause,
    standing_sentences,
    standings_frame,
)
from xhdash.paths import DATA_DIR

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


def shipped_with_targets() -> dict[str, pd.DataFrame]:
    """The shipped tables with the two target indicators of INDICATORS added."""
    tables = load_parquet_tables(DATA_DIR)
    indicators = tables["indicators"]
    extra = []
    for target, of in (("fiscal_revenue_target", "fiscal_revenue"), ("gdp_growth_target", "gdp_growth")):
        row = indicators[indicators["indicator_id"] == of].iloc[0].copy()
        row["indicator_id"], row["kind"], row["target_of"] = target, "target", of
        extra.append(row)
    return {**tables, "indicators": pd.concat([indicators, pd.DataFrame(extra)], ignore_index=True)}


class TestLatestStandings:
    def test_the_latest_year_to_date_and_the_latest_whole_year(self, standings):
        assert [(s.indicator_id, s.period) for s in latest_standings(standings)] == [
            ("gdp_growth", "2024"), ("fiscal_revenue", "2024-01/2024-09")]

    def test_months_as_old_as_their_whole_year_are_history(self):
        rows = pd.concat([OBSERVATIONS, pd.DataFrame([
            observation("fiscal_revenue", "2024", 268.0, "268.0亿元")])], ignore_index=True)
        kept = latest_standings(find_standings(rows, INDICATORS))
        assert [(s.indicator_id, s.period) for s in kept] == [
            ("fiscal_revenue", "2024"), ("gdp_growth", "2024")]

    def test_a_whole_year_older_than_the_months_is_kept_beside_them(self):
        rows = pd.concat([OBSERVATIONS, pd.DataFrame([
            observation("fiscal_revenue", "2025-01/2025-03", 70.0, "70.0亿元"),
            observation("fiscal_revenue_target", "2025", 280, "280亿元"),
            observation("fiscal_revenue", "2024", 268.0, "268.0亿元")])], ignore_index=True)
        kept = latest_standings(find_standings(rows, INDICATORS))
        assert [(s.indicator_id, s.period) for s in kept] == [
            ("fiscal_revenue", "2025-01/2025-03"), ("fiscal_revenue", "2024"), ("gdp_growth", "2024")]


class TestStandingSentences:
    def test_each_said_as_every_output_says_it_latest_first(self):
        tables = shipped_with_targets()
        zh = standing_sentences(OBSERVATIONS, tables, "zh")
        assert zh == ["2024年，全区地区生产总值增长5.8%，高于目标0.3个百分点。",
                      "2024年1-9月，全区区级财政收入198.60亿元，完成年度目标的73.6%，低于序时进度1.4个百分点。"]
        en = standing_sentences(OBSERVATIONS, tables, "en")
        assert en[1] == ("Jan–Sep 2024: district fiscal revenue was CNY 19.860 billion, 73.6% of "
                         "the annual target, 1.4 percentage points behind time progress.")
