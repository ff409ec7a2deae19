"""Areas compared: one figure per area and period, ranks within a period, shares of the
district only against the same period."""

from __future__ import annotations

import pandas as pd

from xhdash.meaning.comparison import comparable_indicators, comparison_periods, comparison_rows, rank_areas
from xhdash.meaning.views import present_ranking

ROWS = pd.DataFrame({
    "indicator_id": ["tax"] * 7,
    "period": ["2022", "2022", "2023", "2023", "2023", "2023", "2024-01/2024-09"],
    "area_id": ["z1", "z2", "z1", "z2", "xuhui", "z1", "z1"],
    "industry_id": [None] * 7,
    "value": [88.1, 60.0, 93.5, 70.0, 400.0, 93.0, 71.0],
    "qualifier": ["exact"] * 7,
    "source_id": ["T"] * 7,
    "status": ["reported", "reported", "reported", "reported", "reported", "derived",
               "reported"],
})
ZONES = ["z1", "z2", "z3"]
TABLES = {
    "indicators": pd.DataFrame({"indicator_id": ["tax"], "name_zh": ["税收"], "unit_zh": ["亿元"]}),
    "areas": pd.DataFrame({"area_id": ["z1", "z2", "xuhui"],
                           "name_zh": ["甲区域", "乙区域", "徐汇区"]}),
    "sources": pd.DataFrame({"source_id": ["T"], "kind": ["article"], "publisher_zh": ["税务局"]}),
}


class TestComparableIndicators:
    def test_two_areas_in_one_period(self):
        assert comparable_indicators(ROWS, ZONES) == ["tax"]
        assert comparable_indicators(ROWS, ["z1"]) == []


class TestComparisonPeriods:
    def test_most_recent_first(self):
        assert comparison_periods(ROWS, "tax", ZONES) == ["2024-01/2024-09", "2023", "2022"]


class TestComparisonRows:
    def test_one_figure_per_area_and_period_reported_first(self):
        rows = comparison_rows(ROWS, "tax", ZONES, ["2022", "2023"])
        assert list(zip(rows["period"], rows["area_id"], rows["value"], strict=True)) == [
            ("2022", "z1", 88.1), ("2022", "z2", 60.0), ("2023", "z1", 93.5), ("2023", "z2", 70.0)]


class TestRankAreas:
    def test_rank_within_period_and_share_of_the_same_period(self):
        ranking = rank_areas(comparison_rows(ROWS, "tax", ZONES, ["2022", "2023"]), ROWS)
        in_2023 = ranking[ranking["period"].eq("2023")]
        assert in_2023["rank"].tolist() == [1, 2] and in_2023["area_id"].tolist() == ["z1", "z2"]
        assert in_2023["share"].round(3).tolist() == [23.375, 17.5]
        assert "93.5" in in_2023["share_worked"].iloc[0]
        assert ranking.loc[ranking["period"].eq("2022"), "share"].isna().all()  # no 2022 total


class TestPresentRanking:
    def test_the_share_is_said_in_its_worked_formulas_digits(self):
        """The share column and the formula beside it say one figure: 23.38 and "= 23.38",
        not 23.4 beside "= 23.38"."""
        ranking = rank_areas(comparison_rows(ROWS, "tax", ZONES, ["2023"]), ROWS)
        shown = present_ranking(ranking, TABLES, "tax", "zh")
        shares = shown["占全区比重（%）"].tolist()
        assert shares == ["23.38", "17.50"]
        for share, worked in zip(shares, shown["比重算式（派生）"], strict=True):
            assert worked.endswith(f"= {share}")

    def test_each_figure_as_its_source_wrote_it(self):
        """9.90 万人 is tabled beside the number 9.9, as the page's figures table does."""
        rows = ROWS.assign(stated_as=["88.1亿元", "60.0亿元", "93.50亿元", "70亿元", "400亿元",
                                      None, "71亿元"])
        ranking = rank_areas(comparison_rows(rows, "tax", ZONES, ["2022"]), rows)
        shown = present_ranking(ranking, TABLES, "tax", "zh")
        assert shown["原文表述"].tolist() == ["88.1亿元", "60.0亿元"]
