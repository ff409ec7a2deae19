"""Xuhui among the districts: ranks by value and by growth computed from the districts'
figures and said as computed. Tiny synthetic frames (测试用合成数据)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.test_leader import figure, shipped, tables  # noqa: F401 (fixtures)
from xhdash.meaning.city_rank import city_rank_sentences, find_city_ranks
from xhdash.output.charts import PALETTE
from xhdash.output.city_chart import city_rank_rows, city_rank_source, make_city_rank_figure

SPAN = "2024-01/2024-06"


def frame(shipped, values, growths=()):  # noqa: F811
    rows = [figure(shipped, "fiscal_revenue", SPAN, v, f"{v}亿元", area=a) for a, v in values]
    rows += [figure(shipped, "fiscal_revenue_growth", SPAN, g, f"{g}%", area=a)
             for a, g in growths]
    return pd.concat(rows, ignore_index=True)


class TestCityRanks:
    def test_by_value_and_by_growth(self, shipped, tables):  # noqa: F811
        observations = frame(shipped, [("xuhui", 135.4), ("huangpu", 150.0),
                                       ("changning", 90.0)],
                             [("xuhui", 2.0), ("huangpu", 5.0), ("changning", 3.0)])
        (rank,) = find_city_ranks(observations, tables)
        assert (rank.indicator_id, rank.period, rank.by_value.value, rank.by_growth.value) == (
            "fiscal_revenue", SPAN, 2.0, 3.0)
        assert rank.by_value.formula_zh.startswith("位次 = 在3个地区中")
        assert city_rank_sentences(observations, tables, "zh") == [
            "2024年1-6月，区级财政收入在有数字的3个区中位列第2，增速位列第3（本看板按各区数字计算）。"]

    def test_in_english_without_growth(self, shipped, tables):  # noqa: F811
        observations = frame(shipped, [("xuhui", 135.4), ("huangpu", 150.0)])
        assert city_rank_sentences(observations, tables, "en") == [
            "Jan–Jun 2024: District fiscal revenue ranks No. 2 among the 2 districts with a "
            "figure (computed by the dashboard from the districts' figures)."]

    @pytest.mark.parametrize("values", [[("xuhui", 135.4)], [("huangpu", 1.0), ("changning", 2.0)]])
    def test_nothing_without_two_districts_or_without_xuhui(self, shipped, tables, values):  # noqa: F811
        assert find_city_ranks(frame(shipped, values), tables) == []


class TestCityRankFigure:
    def test_largest_first_xuhui_marked_and_its_place_in_the_title(self, shipped, tables):  # noqa: F811
        observations = frame(shipped, [("changning", 90.0), ("xuhui", 135.4), ("huangpu", 150.0)])
        (rank,) = find_city_ranks(observations, tables)
        rows = city_rank_rows(observations, tables, rank)
        figure = make_city_rank_figure(rows, tables, rank, "zh")
        bar = figure.data[0]
        assert list(bar.y) == ["黄浦区", "徐汇区", "长宁区"] and list(bar.x) == [150.0, 135.4, 90.0]
        assert [c == PALETTE[0] for c in bar.marker.color] == [False, True, False]
        assert list(bar.text) == ["", "135.4亿元", ""]  # only Xuhui's value written on its bar
        title = figure.layout.title.text.replace("<br>", "")
        assert title == "2024年1-6月各区区级财政收入（亿元）：徐汇区第2"
        assert not figure.layout.annotations  # the source line is the page's caption
        assert city_rank_source(rows, tables, "zh").startswith("来源：")

    def test_in_english(self, shipped, tables):  # noqa: F811
        observations = frame(shipped, [("xuhui", 135.4), ("huangpu", 150.0)])
        (rank,) = find_city_ranks(observations, tables)
        figure = make_city_rank_figure(city_rank_rows(observations, tables, rank), tables, rank,
                                       "en")
        assert list(figure.data[0].y) == ["Huangpu District", "Xuhui District"]
        # the unit the English cards use (CNY 15.0bn), the title wrapped for a phone
        assert figure.layout.title.text.replace("<br>", " ") == (
            "District fiscal revenue by district, Jan–Jun 2024 (CNY bn): Xuhui No. 2")
        assert list(figure.data[0].x) == pytest.approx([15.0, 13.54])
