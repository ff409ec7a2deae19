import pytest

from metrics.core import Input
from metrics.numbers import format_large_en, format_large_zh
from metrics.summaries import IndicatorLabel, summarize_figure

REVENUE = IndicatorLabel("区级财政收入", "District fiscal revenue", "亿元", "CNY 100m", "level", 2)
GDP_GROWTH = IndicatorLabel("地区生产总值增长率", "GDP growth", "%", "%", "growth", 1)


class TestSummarizeFigure:
    def test_value_with_growth(self):
        zh, en = summarize_figure(Input("fiscal_revenue", "2023", 250.85), REVENUE,
                                  Input("fiscal_revenue_growth", "2023", 10.87))
        assert zh == "2023年区级财政收入250.85亿元，同比增长10.87%。"
        assert en == "In 2023, District fiscal revenue: CNY 25.09 billion, up 10.87% year on year."

    def test_lower_bound_growth(self):
        zh, en = summarize_figure(Input("gdp_growth", "2023", 5.5, "ge"), GDP_GROWTH)
        assert zh == "2023年地区生产总值增长5.5%以上。"
        assert en == "In 2023, GDP grew by at least 5.5%."

    def test_decline(self):
        label = IndicatorLabel("常住人口增长率", "Resident population growth", "%", "%", "growth", 1)
        zh, en = summarize_figure(Input("population_growth", "2022", -1.5), label)
        assert zh == "2022年常住人口下降1.5%。"
        assert en == "In 2022, Resident population fell by 1.5%."

    def test_approximate_rate(self):
        label = IndicatorLabel("12345热线按时办结率", "On-time rate", "%", "%", "rate", 0)
        zh, _ = summarize_figure(Input("x", "2023", 100, "approx"), label)
        assert zh == "2023年12345热线按时办结率约100%。"

    def test_rank(self):
        label = IndicatorLabel("加装电梯完工数全市排名", "City rank: elevators", "位", "rank", "rank", 0)
        assert summarize_figure(Input("x", "2023", 1), label) == (
            "2023年加装电梯完工数全市排名第1位。", "In 2023, City rank: elevators: 1st.")

    def test_monthly_period(self):
        zh, en = summarize_figure(Input("fiscal_revenue", "2024-06", 30.0), REVENUE)
        assert zh.startswith("2024年6月") and en.startswith("In Jun 2024")


class TestFormatLarge:
    @pytest.mark.parametrize(("value", "unit", "decimals", "text"), [
        (1.43, "万人次", 2, "1.43万人次"), (250.85, "亿元", 2, "250.85亿元"), (3824, "个", 0, "3,824个"),
        (1113078, "人", 2, "111.31万人"), (2557.91, "亿元", 2, "2,557.91亿元"),
    ])
    def test_chinese(self, value, unit, decimals, text):
        assert format_large_zh(value, unit, decimals) == text

    def test_english_billions(self):
        assert format_large_en(2557.91, "亿元", "CNY 100m") == "CNY 255.79 billion"

    def test_missing(self):
        assert format_large_zh(float("nan"), "亿元") == "—"
