"""A city bulletin (Shanghai's districts as rows, the indicator and period in the title, a value
and a 比上年同期增长（%） column, 资料来源 under it) imports with no column mapping; a district
name that is none, or a value that is no number, is reported by file, row and column. Every
figure is 测试用合成数据."""

from __future__ import annotations

import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.layout import indicator_from_title
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.paths import DATA_DIR

SOURCE = "资料来源：上海市财政局（测试用合成数据）"
SPAN = "2024-01/2024-06"


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def figures(result) -> set[tuple[str, str, str, float]]:
    assert result.ok, [issue.message("zh") for issue in result.issues]
    diff = result.diff
    return set(zip(diff["indicator_id"], diff["period"], diff["area_id"], diff["value"].round(6),
                   strict=True))


class TestShippedDistricts:
    def test_the_areas_table_holds_shanghais_sixteen_districts(self, tables):
        areas = tables["areas"]
        districts = areas[areas["level"] == "district"]
        assert set(districts["name_zh"]) == {
            "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区",
            "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区"}
        assert set(districts["parent_id"]) == {"shanghai"}
        assert districts.loc[districts["name_zh"] == "徐汇区", "area_id"].tolist() == ["xuhui"]

    def test_no_figure_of_another_district_is_shipped(self, tables):
        areas = tables["areas"]
        others = set(areas.loc[areas["level"] == "district", "area_id"]) - {"xuhui"}
        assert not tables["observations"]["area_id"].isin(others).any()


class TestIndicatorFromTitle:
    @pytest.mark.parametrize(("title", "indicator"), [
        ("2024年1-6月各区区级财政收入", "区级财政收入"),
        ("2024年1-6月各区区级财政收入（测试用合成数据）", "区级财政收入"),
        ("2024年1-9月全市各区地区生产总值情况", "地区生产总值"),
        ("2024年各区固定资产投资总额（亿元）", "固定资产投资总额（亿元）"),
        ("上海市各区区级财政收入完成情况", "区级财政收入"),
    ])
    def test_a_bulletin_title_names_its_indicator(self, title, indicator):
        assert indicator_from_title([title]) == indicator

    @pytest.mark.parametrize("title", ["2024年1-9月徐汇区主要经济指标", "徐汇区各街道（镇）常住人口", ""])
    def test_another_title_names_none(self, title):
        assert indicator_from_title([title]) is None


class TestCityBulletin:
    def test_districts_as_rows_with_a_period_column_and_its_growth(self, tables):
        data = csv("2024年1-6月各区区级财政收入（测试用合成数据）", "单位：亿元",
                   "地区,1-6月,比上年同期增长（%）", "浦东新区,500.10,3.2", "徐汇区,135.40,5.1",
                   "黄浦,120.50,-2.0", "全市,2000.00,1.0", SOURCE)
        result = run_import(data, "各区财政.csv", tables, ImportOptions())
        assert figures(result) == {
            ("fiscal_revenue", SPAN, "pudong", 500.1), ("fiscal_revenue_growth", SPAN, "pudong", 3.2),
            ("fiscal_revenue", SPAN, "xuhui", 135.4), ("fiscal_revenue_growth", SPAN, "xuhui", 5.1),
            ("fiscal_revenue", SPAN, "huangpu", 120.5),
            ("fiscal_revenue_growth", SPAN, "huangpu", -2.0),
            ("fiscal_revenue", SPAN, "shanghai", 2000.0),
            ("fiscal_revenue_growth", SPAN, "shanghai", 1.0)}

    def test_a_value_column_headed_by_the_indicator_and_a_total_row(self, tables):
        data = csv("2024年1-6月各区区级财政收入", "区,区级财政收入（亿元）,比上年同期增长（%）",
                   "静安区,180.00,4.0", "徐汇区,135.40,5.1", "合计,1000.00,2.0", SOURCE)
        result = run_import(data, "各区财政.csv", tables, ImportOptions())
        assert figures(result) == {
            ("fiscal_revenue", SPAN, "jingan", 180.0), ("fiscal_revenue_growth", SPAN, "jingan", 4.0),
            ("fiscal_revenue", SPAN, "xuhui", 135.4), ("fiscal_revenue_growth", SPAN, "xuhui", 5.1),
            ("fiscal_revenue", SPAN, "shanghai", 1000.0),
            ("fiscal_revenue_growth", SPAN, "shanghai", 2.0)}
        assert set(result.diff["source_id"]) == {result.diff["source_id"].iloc[0]}

    def test_an_unknown_district_and_a_non_number_are_named_by_row_and_column(self, tables):
        data = csv("2024年1-6月各区区级财政收入", "区,1-6月,比上年同期增长（%）",
                   "浦东新区,500.10,3.2", "黄浦区,abc,-2.0", "杨浦新城,1.00,1.0", SOURCE)
        for options in (ImportOptions(), ImportOptions(allow_new=True, domain="economy")):
            result = run_import(data, "各区财政.csv", tables, options)
            assert not result.ok
            found = {(i.row, i.column, i.value, i.rule) for i in result.errors}
            assert found == {(4, "1-6月", "abc", "not_a_number"),
                             (5, "区", "杨浦新城", "unknown_district")}
            message = next(i for i in result.errors if i.rule == "unknown_district").message("zh")
            assert message.startswith("各区财政.csv 第5行「区」列：“杨浦新城”不是上海市的区")
            assert "黄浦区" in message and "崇明区" in message
            assert not result.resolution.new_areas

    def test_a_table_with_an_indicator_column_is_no_bulletin(self, tables):
        data = csv("2024年1-6月各区主要指标", "区,指标,1-6月", "徐汇区,区级财政收入,135.40", SOURCE)
        result = run_import(data, "各区.csv", tables, ImportOptions())
        assert result.layout.title_indicator is None
        assert figures(result) == {("fiscal_revenue", SPAN, "xuhui", 135.4)}
