"""A year's targets as offices publish them import without mapping: the title gives the year,
年度目标 holds a level target (270) or a growth target (增长5.5%左右), 资料来源 the source."""

import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.layout import growth_target_text
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.paths import DATA_DIR

TARGETS = """2024年主要指标年度目标
指标,单位,年度目标
区级财政收入,亿元,270
地区生产总值,%,增长5.5%左右
资料来源：2024年徐汇区政府工作报告（测试用合成数据）
"""


@pytest.fixture(scope="module")
def result():
    return run_import(TARGETS.encode(), "2024年目标.csv", load_parquet_tables(DATA_DIR),
                      ImportOptions())


class TestGrowthTargetText:
    @pytest.mark.parametrize(("cell", "expected"), [
        ("270", ("270", False)), ("增长5.5%左右", ("5.5%左右", True)),
        ("下降2%", ("-2%", True)), ("比上年增长8%以上", ("8%以上", True)), ("6%", ("6%", True))])
    def test_cells(self, cell, expected):
        assert growth_target_text(cell) == expected


class TestImportTargets:
    def test_imports_without_mapping(self, result):
        assert result.ok, [i.rule for i in result.issues]

    def test_each_target_on_the_target_indicator_of_its_year(self, result):
        rows = result.diff.set_index("indicator_id")
        assert rows.loc["fiscal_revenue_target", "period"] == "2024"
        assert rows.loc["fiscal_revenue_target", "value"] == 270
        assert rows.loc["gdp_growth_target", "value"] == 5.5
        assert rows.loc["gdp_growth_target", "qualifier"] == "approx"
        assert rows.loc["gdp_growth_target", "qualifier_word"] == "左右"  # the source's word, kept

    def test_the_target_indicators_name_what_they_target(self, result):
        made = result.resolution.new_indicators
        assert made["fiscal_revenue_target"]["target_of"] == "fiscal_revenue"
        assert made["gdp_growth_target"]["target_of"] == "gdp_growth"
        assert made["fiscal_revenue_target"]["name_zh"] == "区级财政收入年度目标"
        assert made["fiscal_revenue_target"]["unit_zh"] == "亿元"

    def test_the_source_is_the_footnote(self, result):
        [source] = result.resolution.sources.values()
        assert "政府工作报告" in source["title_zh"]

    def test_a_bad_target_names_file_row_and_column(self):
        bad = TARGETS.replace("270", "二百七十")
        failed = run_import(bad.encode(), "目标.csv", load_parquet_tables(DATA_DIR), ImportOptions())
        assert not failed.ok
        [issue] = [i for i in failed.issues if i.severity == "error"]
        assert (issue.file, issue.row, issue.column) == ("目标.csv", 3, "年度目标")
