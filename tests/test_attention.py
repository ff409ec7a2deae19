"""需关注: figures below their target or time progress, growth turning negative, a place among
the districts falling since the release before — each with its sentence. Tiny synthetic frames
(测试用合成数据) on the shipped tables with two target indicators added."""

import pandas as pd
import pytest

from tests.test_progress import observation, shipped_with_targets
from xhdash.meaning.attention import attention_items

TABLES = shipped_with_targets()


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def reasons(rows, lang="zh"):
    return [(a.indicator_id, a.period, a.reason) for a in attention_items(rows, TABLES, lang)]


class TestTargets:
    def test_behind_time_progress(self):
        rows = frame(observation("fiscal_revenue", "2024-01/2024-09", 198.60, "198.60亿元"),
                     observation("fiscal_revenue_target", "2024", 270, "270亿元"))
        [item] = attention_items(rows, TABLES, "zh")
        assert item.reason == "behind_time"
        assert item.sentence == ("2024年1-9月，全区区级财政收入198.60亿元，完成年度目标的73.6%，"
                                 "低于序时进度1.4个百分点。")
        assert item.short == "区级财政收入：低于序时进度1.4个百分点"

    def test_ahead_of_time_progress_needs_no_attention(self):
        rows = frame(observation("fiscal_revenue", "2024-01/2024-06", 140.0, "140.0亿元"),
                     observation("fiscal_revenue_target", "2024", 270, "270亿元"))
        assert reasons(rows) == []

    def test_a_whole_year_short_of_its_target(self):
        rows = frame(observation("fiscal_revenue", "2024", 263.9, "263.9亿元"),
                     observation("fiscal_revenue_target", "2024", 270, "270亿元"))
        assert reasons(rows) == [("fiscal_revenue", "2024", "below_target")]

    def test_growth_below_its_target(self):
        rows = frame(observation("gdp_growth", "2024", 5.3, "5.3%"),
                     observation("gdp_growth_target", "2024", 5.5, "5.5%左右", "approx"))
        [item] = attention_items(rows, TABLES, "en")
        assert item.reason == "below_target"
        assert item.sentence == "2024: GDP grew by 5.3%, 0.2 percentage points below the target."


class TestGrowth:
    def test_turning_negative(self):
        rows = frame(observation("fixed_asset_investment_growth", "2023", 3.0, "3.0%"),
                     observation("fixed_asset_investment_growth", "2024", -1.5, "-1.5%"))
        [item] = attention_items(rows, TABLES, "zh")
        assert item.reason == "growth_negative" and item.period == "2024"
        assert item.sentence.endswith("（增速由正转负）。") and "1.5%" in item.sentence
        assert item.short == "固定资产投资总额增长率：增速由正转负"

    def test_still_negative(self):
        rows = frame(observation("fixed_asset_investment_growth", "2023", -0.5, "-0.5%"),
                     observation("fixed_asset_investment_growth", "2024", -1.5, "-1.5%"))
        [item] = attention_items(rows, TABLES, "zh")
        assert item.sentence.endswith("（增速仍为负）。")

    def test_after_a_gap_a_fall_is_not_called_a_turn(self):
        rows = frame(observation("fixed_asset_investment_growth", "2020", 3.0, "3.0%"),
                     observation("fixed_asset_investment_growth", "2022", -1.5, "-1.5%"))
        [item] = attention_items(rows, TABLES, "zh")
        assert item.sentence.endswith("下降1.5%。") and "转" not in item.sentence
        assert item.short == "固定资产投资总额增长率：下降"

    def test_a_year_to_date_after_an_earlier_one_of_the_same_year(self):
        rows = frame(observation("fixed_asset_investment_growth", "2024-01/2024-06", 1.0, "1.0%"),
                     observation("fixed_asset_investment_growth", "2024-01/2024-09", -0.5, "-0.5%"))
        [item] = attention_items(rows, TABLES, "zh")
        assert item.sentence.endswith("（增速由正转负）。")

    def test_an_earlier_fall_is_history(self):
        rows = frame(observation("fixed_asset_investment_growth", "2023", -3.0, "-3.0%"),
                     observation("fixed_asset_investment_growth", "2024", 1.5, "1.5%"))
        assert reasons(rows) == []

    def test_a_streets_fall_is_not_the_districts(self):
        rows = frame(observation("fixed_asset_investment_growth", "2024", -1.5, "-1.5%",
                                 area="street_tianlin"))
        assert reasons(rows) == []


def districts(period, values):
    return [observation("fiscal_revenue", period, value, f"{value}亿元", area=area)
            for area, value in values.items()]


class TestRanks:
    @pytest.fixture()
    def rows(self):
        return frame(*districts("2024-01/2024-03", {"xuhui": 60.0, "huangpu": 50.0, "jingan": 70.0}),
                     *districts("2024-01/2024-06", {"xuhui": 120.0, "huangpu": 125.0,
                                                    "jingan": 140.0}))

    def test_falling_since_the_release_before(self, rows):
        [item] = attention_items(rows, TABLES, "zh")
        assert (item.reason, item.period) == ("rank_falling", "2024-01/2024-06")
        assert item.sentence.startswith("2024年1-6月，区级财政收入在有数字的3个区中位列第3")
        assert item.sentence.endswith("（2024年1-3月为第2）。")
        assert item.short == "区级财政收入：全市位次由第2降至第3"

    def test_the_same_place_needs_no_attention(self, rows):
        third_before = (rows["period"] == "2024-01/2024-03") & (rows["area_id"] == "xuhui")
        assert reasons(rows.assign(value=rows["value"].mask(third_before, 10.0))) == []

    def test_one_period_only_says_nothing(self, rows):
        assert reasons(rows[rows["period"] == "2024-01/2024-06"]) == []
