"""Statistics offices' bulletin layouts import with no column mapping: the period in the title
and yearless column headers (1-9月, 9月, 三季度), a period merged over a value and a growth
column (in a CSV export and in a workbook with real merged cells), quarterly and monthly tables
long and wide, and area columns (功能区, 街道（镇）, 街镇, 区域, 地区). Every figure is 测试用合成数据."""

from __future__ import annotations

import io

import openpyxl
import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.headers import under_period, unique_headers
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.importer.values import parse_period_text, period_in_year
from xhdash.paths import DATA_DIR

SYNTHETIC = "测试用合成数据"
SOURCE = f"资料来源：徐汇区统计局（{SYNTHETIC}）"
PLAIN = ImportOptions()


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\n".join(lines) + "\n").encode(encoding)


def figures(result) -> set[tuple[str, str, str, float]]:
    """(indicator, period, area, value) of every figure the import would publish or keep."""
    assert result.ok, [issue.message("zh") for issue in result.issues]
    diff = result.diff
    return set(zip(diff["indicator_id"], diff["period"], diff["area_id"],
                   diff["value"].round(6), strict=True))


def workbook(rows: list[list[object]], merges: list[str]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestPeriodInYear:
    @pytest.mark.parametrize(("header", "code"), [
        ("1-9月", "2024-01/2024-09"), ("1—9月", "2024-01/2024-09"), ("1～9月", "2024-01/2024-09"),
        ("1－9月", "2024-01/2024-09"), ("1–9月", "2024-01/2024-09"), ("1-9月累计", "2024-01/2024-09"),
        ("1至9月", "2024-01/2024-09"), ("前三季度", "2024-01/2024-09"), ("上半年", "2024-01/2024-06"),
        ("9月", "2024-09"), ("9月份", "2024-09"), ("九月", "2024-09"), ("12月", "2024-12"),
        ("第三季度", "2024Q3"), ("三季度", "2024Q3"), ("一季度", "2024Q1"), ("第4季度", "2024Q4"),
        ("1-3季度", "2024-01/2024-09"), ("全年", "2024"),
    ])
    def test_yearless_headers(self, header, code):
        assert period_in_year(header, 2024) == code

    @pytest.mark.parametrize("header", ["指标", "13月", "9-1月", "季度", "月份", "本月", "累计",
                                        "比上年同期增长(%)", "2024年", ""])
    def test_not_yearless_periods(self, header):
        assert period_in_year(header, 2024) is None


class TestParsePeriodTextInBulletins:
    @pytest.mark.parametrize(("text", "code"), [
        ("2024年第三季度", "2024Q3"), ("2024年三季度", "2024Q3"), ("2024年9月", "2024-09"),
        ("2024年9月份", "2024-09"), ("2024年1-9月", "2024-01/2024-09"),
        ("2024年1—9月", "2024-01/2024-09"), ("2024年1～9月", "2024-01/2024-09"),
        ("2024年1-9月累计", "2024-01/2024-09"), ("2024年上半年", "2024-01/2024-06"),
    ])
    def test_periods_with_their_year(self, text, code):
        assert parse_period_text(text) == code

    @pytest.mark.parametrize("text", ["2024年13月", "2024年指标", "1-9月"])
    def test_not_periods(self, text):
        assert parse_period_text(text) is None


class TestUnderPeriod:
    @pytest.mark.parametrize(("period", "word", "code"), [
        ("2024-09", "累计", "2024-01/2024-09"), ("2024Q3", "累计", "2024-01/2024-09"),
        ("2024", "累计", "2024"), ("2024-01/2024-09", "本年累计", "2024-01/2024-09"),
        ("2024-09", "本月", "2024-09"), ("2024-01/2024-09", "本月", "2024-09"),
        ("2024", "绝对数", "2024"), ("2024Q3", "总量", "2024Q3"), ("2024", "本月", None),
    ])
    def test_words_under_a_period(self, period, word, code):
        assert under_period(period, word) == code


class TestUniqueHeaders:
    def test_repeated_headers_take_the_header_before_them(self):
        assert unique_headers(["指标", "9月", "增长%", "1-9月", "增长%"]) == [
            "指标", "9月", "9月|增长%", "1-9月", "1-9月|增长%"]

    def test_distinct_headers_are_kept_as_written(self):
        assert unique_headers(["指标", "1-9月", "增长%"]) == ["指标", "1-9月", "增长%"]


class TestRunImportTitlePeriodBulletins:
    @pytest.mark.parametrize(("header", "period"), [
        ("1-9月", "2024-01/2024-09"), ("1—9月", "2024-01/2024-09"), ("1～9月", "2024-01/2024-09"),
        ("1-9月累计", "2024-01/2024-09"), ("9月", "2024-09"), ("第三季度", "2024Q3"),
        ("三季度", "2024Q3"), ("一季度", "2024Q1"),
    ])
    def test_yearless_headers_take_the_titles_year(self, tables, header, period):
        data = csv(f"2024年1-9月徐汇区主要经济指标（{SYNTHETIC}）", ",,,单位：亿元",
                   f"指标,单位,{header},比上年同期增长(%)", "区级财政收入,亿元,\"200.50\",4.1",
                   "固定资产投资总额,亿元,\"1,024.6\",8.1", "12345热线受理工单,万件,5.6,—", SOURCE)
        result = run_import(data, "公报.csv", tables, PLAIN)
        assert figures(result) == {
            ("fiscal_revenue", period, "xuhui", 200.5), ("fiscal_revenue_growth", period, "xuhui", 4.1),
            ("fixed_asset_investment", period, "xuhui", 1024.6),
            ("fixed_asset_investment_growth", period, "xuhui", 8.1),
            ("hotline_orders", period, "xuhui", 5.6)}
        assert result.diff["stated_as"].iloc[0] == "200.50 亿元"

    def test_a_month_and_the_year_to_it_each_with_its_growth(self, tables):
        data = csv(f"2024年9月徐汇区财政收入（{SYNTHETIC}）",
                   "指标,单位,9月,比上年同期增长(%),1-9月,比上年同期增长(%)",
                   "区级财政收入,亿元,20.5,3.3,200.5,4.1", SOURCE, encoding="gbk")
        result = run_import(data, "月报.csv", tables, PLAIN)
        assert result.encoding == "gb18030"
        assert figures(result) == {
            ("fiscal_revenue", "2024-09", "xuhui", 20.5), ("fiscal_revenue_growth", "2024-09", "xuhui", 3.3),
            ("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
            ("fiscal_revenue_growth", "2024-01/2024-09", "xuhui", 4.1)}
        assert set(result.diff["locator"]) >= {"月报.csv 第3行「9月|比上年同期增长(%)」"}

    def test_this_month_and_cumulative_columns_of_a_monthly_table(self, tables):
        data = csv(f"2024年9月徐汇区主要指标（{SYNTHETIC}）", "指标,单位,本月,累计,比上年同期增长(%)",
                   "区级财政收入,亿元,20.5,200.5,4.1", SOURCE)
        assert figures(run_import(data, "m.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024-09", "xuhui", 20.5),
            ("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
            ("fiscal_revenue_growth", "2024-01/2024-09", "xuhui", 4.1)}

    def test_a_value_column_a_wide_table_cannot_place_is_reported_not_dropped(self, tables):
        data = csv(f"2024年徐汇区主要指标（{SYNTHETIC}）", "指标,单位,本月,累计",
                   "区级财政收入,亿元,20.5,263.9", SOURCE)
        result = run_import(data, "y.csv", tables, PLAIN)
        assert [(i.column, i.rule) for i in result.errors] == [("本月", "unrecognised_column")]

    def test_without_a_year_the_header_is_named(self, tables):
        data = csv(f"徐汇区主要经济指标（{SYNTHETIC}）", "指标,单位,1-9月,比上年同期增长(%)",
                   "区级财政收入,亿元,200.5,4.1", SOURCE)
        result = run_import(data, "无年份.csv", tables, PLAIN)
        assert [(i.row, i.column, i.rule) for i in result.errors] == [
            (2, "1-9月", "period_without_year")]
        assert result.errors[0].message("zh").startswith(
            "无年份.csv 第2行「1-9月」列：“1-9月”只写了月份或季度")
        assert "put the year in the title" in result.errors[0].message("en")

    def test_the_period_option_gives_the_year_when_the_title_has_none(self, tables):
        data = csv("指标,单位,1-9月,比上年同期增长(%)", "区级财政收入,亿元,200.5,4.1", SOURCE)
        result = run_import(data, "p.csv", tables, ImportOptions(period="2024"))
        assert figures(result) == {("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
                                   ("fiscal_revenue_growth", "2024-01/2024-09", "xuhui", 4.1)}

    def test_the_title_year_comes_before_the_option(self, tables):
        data = csv(f"2023年主要指标（{SYNTHETIC}）", "指标,单位,三季度", "区级财政收入,亿元,60.1", SOURCE)
        result = run_import(data, "t.csv", tables, ImportOptions(period="2024"))
        assert figures(result) == {("fiscal_revenue", "2023Q3", "xuhui", 60.1)}


class TestRunImportMergedPeriodHeaders:
    @pytest.mark.parametrize("value", ["绝对数", "总量", "本期", "数值", "累计"])
    @pytest.mark.parametrize("growth", ["比上年增长(%)", "比上年同期增长(%)", "同比±%", "同比增长(%)",
                                        "增长(%)", "增速(%)"])
    def test_csv_export_leaves_the_merged_cell_blank(self, tables, value, growth):
        data = csv(f"徐汇区主要指标（{SYNTHETIC}）", "指标,单位,2023年,,2024年,",
                   f",,{value},{growth},{value},{growth}",
                   "常住人口,万人,110.20,0.3,110.52,0.3", "区级财政收入,亿元,250.85,10.87,263.90,5.20",
                   SOURCE)
        assert figures(run_import(data, "merged.csv", tables, PLAIN)) == {
            ("population", "2023", "xuhui", 110.2), ("population_growth", "2023", "xuhui", 0.3),
            ("population", "2024", "xuhui", 110.52), ("population_growth", "2024", "xuhui", 0.3),
            ("fiscal_revenue", "2023", "xuhui", 250.85),
            ("fiscal_revenue_growth", "2023", "xuhui", 10.87),
            ("fiscal_revenue", "2024", "xuhui", 263.9),
            ("fiscal_revenue_growth", "2024", "xuhui", 5.2)}

    def test_workbook_with_real_merged_cells(self, tables):
        data = workbook([
            [f"徐汇区主要指标（{SYNTHETIC}）"],
            ["指标", "单位", "2021年", None, "2024年", None],
            [None, None, "绝对数", "比上年增长(%)", "绝对数", "比上年增长(%)"],
            ["地区生产总值", "亿元", 2690.4, 5.6, 2801.2, 5.1],
            ["其中：户籍常住人口", "万人", 78.6, None, 78.75, None],
            [SOURCE],
        ], ["A1:F1", "A2:A3", "B2:B3", "C2:D2", "E2:F2"])
        result = run_import(data, "merged.xlsx", tables, PLAIN)
        assert result.layout.header_rows == 2
        assert figures(result) == {
            ("gdp", "2021", "xuhui", 2690.4), ("gdp_growth", "2021", "xuhui", 5.6),
            ("gdp", "2024", "xuhui", 2801.2), ("gdp_growth", "2024", "xuhui", 5.1),
            ("population_registered", "2021", "xuhui", 78.6),
            ("population_registered", "2024", "xuhui", 78.75)}

    def test_yearless_periods_merged_over_value_and_growth(self, tables):
        data = csv(f"2024年徐汇区分季度财政收入（{SYNTHETIC}）", "指标,单位,一季度,,1-9月,",
                   ",,本期,同比±%,累计,同比±%", "区级财政收入,亿元,70.2,3.1,200.5,4.1", SOURCE)
        assert figures(run_import(data, "q.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024Q1", "xuhui", 70.2), ("fiscal_revenue_growth", "2024Q1", "xuhui", 3.1),
            ("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
            ("fiscal_revenue_growth", "2024-01/2024-09", "xuhui", 4.1)}

    def test_a_month_over_this_month_and_cumulative(self, tables):
        data = csv(f"徐汇区财政收入月报（{SYNTHETIC}）", "指标,单位,2024年9月,,,",
                   ",,本月,比上年同月增长(%),累计,比上年同期增长(%)",
                   "区级财政收入,亿元,20.5,3.3,200.5,4.1", SOURCE)
        assert figures(run_import(data, "m.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024-09", "xuhui", 20.5), ("fiscal_revenue_growth", "2024-09", "xuhui", 3.3),
            ("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
            ("fiscal_revenue_growth", "2024-01/2024-09", "xuhui", 4.1)}

    def test_a_period_over_another_kind_of_column_is_not_guessed(self, tables):
        data = csv("指标,2024年,", ",绝对数,占比(%)", "区级财政收入,263.9,12.0", SOURCE)
        result = run_import(data, "x.csv", tables, PLAIN)
        assert [(i.column, i.rule) for i in result.errors] == [("2024年|占比(%)", "unrecognised_column")]


class TestRunImportQuarterlyAndMonthly:
    def test_long_table_with_quarters_months_and_spans(self, tables):
        data = csv("指标,期间,数值,单位,来源",
                   f"区级财政收入,2024年第三季度,66.8,亿元,徐汇区财政局（{SYNTHETIC}）",
                   f"区级财政收入,2024年9月,20.5,亿元,徐汇区财政局（{SYNTHETIC}）",
                   f"区级财政收入,2024年1-9月,200.5,亿元,徐汇区财政局（{SYNTHETIC}）",
                   f"区级财政收入,2024年1—6月,133.7,亿元,徐汇区财政局（{SYNTHETIC}）",
                   f"12345热线按时办结率,2024年三季度,99.6%,%,徐汇区城运中心（{SYNTHETIC}）")
        assert figures(run_import(data, "long.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024Q3", "xuhui", 66.8), ("fiscal_revenue", "2024-09", "xuhui", 20.5),
            ("fiscal_revenue", "2024-01/2024-09", "xuhui", 200.5),
            ("fiscal_revenue", "2024-01/2024-06", "xuhui", 133.7),
            ("hotline_ontime_rate", "2024Q3", "xuhui", 99.6)}

    def test_long_table_with_a_growth_column_and_yearless_periods(self, tables):
        data = csv(f"2024年徐汇区12345热线（{SYNTHETIC}）", "指标,期间,单位,数值,同比增长(%)",
                   "区级财政收入,三季度,亿元,66.8,2.5", "区级财政收入,9月,亿元,20.5,—", SOURCE)
        assert figures(run_import(data, "long.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024Q3", "xuhui", 66.8), ("fiscal_revenue_growth", "2024Q3", "xuhui", 2.5),
            ("fiscal_revenue", "2024-09", "xuhui", 20.5)}

    def test_wide_table_with_quarters_months_and_spans_as_headers(self, tables):
        data = csv(f"徐汇区12345热线（{SYNTHETIC}）",
                   "指标,单位,2024年第三季度,2024年9月,2024年1-9月,2024年第四季度",
                   "12345热线受理工单,万件,1.92,0.63,5.61,—", SOURCE)
        assert figures(run_import(data, "wide.csv", tables, PLAIN)) == {
            ("hotline_orders", "2024Q3", "xuhui", 1.92), ("hotline_orders", "2024-09", "xuhui", 0.63),
            ("hotline_orders", "2024-01/2024-09", "xuhui", 5.61)}

    def test_wide_quarterly_bulletin_with_yearless_quarters(self, tables):
        data = csv(f"2024年徐汇区分季度主要指标（{SYNTHETIC}）", "指标,单位,一季度,二季度,第三季度,四季度",
                   "12345热线市民满意率,%,91.2,90.8,92.1,92.4", SOURCE)
        assert figures(run_import(data, "q.csv", tables, PLAIN)) == {
            ("hotline_satisfaction_rate", f"2024Q{q}", "xuhui", v)
            for q, v in ((1, 91.2), (2, 90.8), (3, 92.1), (4, 92.4))}

    def test_wide_monthly_bulletin_with_yearless_months(self, tables):
        data = csv(f"2024年徐汇区月度指标（{SYNTHETIC}）", "指标,单位,1月,2月,3月,1-3月",
                   "12345热线受理工单,万件,0.55,0.48,0.61,1.64", SOURCE)
        assert figures(run_import(data, "m.csv", tables, PLAIN)) == {
            ("hotline_orders", "2024-01", "xuhui", 0.55), ("hotline_orders", "2024-02", "xuhui", 0.48),
            ("hotline_orders", "2024-03", "xuhui", 0.61),
            ("hotline_orders", "2024-01/2024-03", "xuhui", 1.64)}


class TestRunImportAreaColumns:
    @pytest.mark.parametrize("header", ["功能区", "区域", "地区"])
    def test_zone_columns(self, tables, header):
        data = csv(f"2024年徐汇区五大功能区区级财政收入（{SYNTHETIC}）", f"{header},指标,单位,2024年",
                   "大徐家汇,区级财政收入,亿元,40.1", "西岸滨江功能区,区级财政收入,亿元,35.2",
                   "漕开发拓展,区级财政收入,亿元,50.3", "徐汇中城,区级财政收入,亿元,20.4",
                   "华泾门户,区级财政收入,亿元,8.5", "全区,区级财政收入,亿元,263.9", SOURCE)
        assert figures(run_import(data, "zones.csv", tables, PLAIN)) == {
            ("fiscal_revenue", "2024", area, value) for area, value in (
                ("zone_xujiahui", 40.1), ("zone_westbund", 35.2), ("zone_caohejing", 50.3),
                ("zone_zhongcheng", 20.4), ("zone_huajing", 8.5), ("xuhui", 263.9))}

    @pytest.mark.parametrize("header", ["街道（镇）", "街道(镇)", "街镇", "区域", "地区"])
    def test_street_columns(self, tables, header):
        streets = ["湖南路街道", "天平路街道", "枫林路街道", "徐家汇街道", "斜土路街道", "长桥街道",
                   "漕河泾街道", "康健新村街道", "虹梅路街道", "田林街道", "凌云路街道", "龙华街道", "华泾镇"]
        rows = [f"{street},常住人口,万人,{8 + n / 10:.2f}" for n, street in enumerate(streets)]
        total = sum(round(8 + n / 10, 2) for n in range(13))
        data = csv(f"徐汇区各街道（镇）常住人口（{SYNTHETIC}）", f"{header},指标,单位,2024年", *rows,
                   f"合计,常住人口,万人,{total:.2f}", SOURCE)
        found = figures(run_import(data, "streets.csv", tables, PLAIN))
        areas = {area for _, _, area, _ in found}
        assert len(found) == 14 and "xuhui" in areas and "street_huajing" in areas
        assert {area for area in areas if area.startswith("street_")} == set(
            tables["areas"].query("level == 'street'")["area_id"])
        assert ("population", "2024", "xuhui", round(total, 6)) in found

    @pytest.mark.parametrize("word", ["全区", "徐汇区", "合计"])
    def test_district_rows(self, tables, word):
        data = csv("街道（镇）,指标,期间,数值", f"{word},常住人口,2024,110.52", SOURCE)
        assert figures(run_import(data, "d.csv", tables, PLAIN)) == {
            ("population", "2024", "xuhui", 110.52)}
