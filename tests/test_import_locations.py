"""Every import problem names the file's own cell: file, line, the file's column header, the text
in the cell and the rule, whatever the file is called and whatever the table's shape."""

from __future__ import annotations

import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.paths import DATA_DIR

# 区级财政收入 2023 is 250.85 in S1 and 2022 is 226.25 in S2: 251.0 and 227 conflict with them.
CONFLICTING_LONG = "指标,期间,数值,来源\n区级财政收入,2023,251.0,统计局\n"


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def where(issue) -> tuple:
    return issue.file, issue.row, issue.column, issue.value, issue.rule


class TestRunImportConflictLocation:
    def test_a_file_name_with_di_in_it_is_reported_not_raised(self, tables):
        result = run_import(CONFLICTING_LONG.encode(), "第三季度.csv", tables, ImportOptions())
        assert [where(i) for i in result.errors] == [
            ("第三季度.csv", 2, "数值", "251.0", "conflicts_with_source")]

    def test_the_row_is_the_figures_line_not_a_number_in_the_file_name(self, tables):
        data = "指标,期间,数值,来源\n区级财政收入,2030,1,统计局\n区级财政收入,2023,251.0,统计局\n"
        result = run_import(data.encode(), "报表第1行.csv", tables, ImportOptions())
        assert [(i.row, i.column) for i in result.errors] == [(3, "数值")]
        assert result.errors[0].message("zh").startswith("报表第1行.csv 第3行「数值」列：“251.0”")

    def test_a_wide_table_names_the_period_column(self, tables):
        data = "指标,2022年,2023年,来源\n区级财政收入,227,251.0,统计局\n"
        result = run_import(data.encode(), "宽表.csv", tables, ImportOptions())
        assert [where(i) for i in result.errors] == [
            ("宽表.csv", 2, "2022年", "227", "conflicts_with_source"),
            ("宽表.csv", 2, "2023年", "251.0", "conflicts_with_source")]

    def test_the_message_names_the_column_not_the_indicator_id(self, tables):
        result = run_import(CONFLICTING_LONG.encode(), "c.csv", tables, ImportOptions())
        message = result.errors[0].message("en")
        assert message.startswith("c.csv, row 2, column '数值': '251.0' differs from the "
                                  "published S1 figure 250.85")
        assert "fiscal_revenue" not in message


class TestRunImportIssueLocations:
    def test_every_problem_names_a_cell_of_the_file(self, tables):
        data = ("指标,期间,区域,数值,单位,来源\n"
                "区级财政收入,2024,徐汇区,12a,亿元,统计局\n"
                "无此指标,2024,徐汇区,1,亿元,统计局\n"
                "区级财政收入,2024,无此街道,1,亿元,统计局\n"
                "区级财政收入,2024年13月,徐汇区,1,亿元,统计局\n"
                "区级财政收入,2025,徐汇区,1,个,统计局\n"
                "区级财政收入,2026,徐汇区,1,亿元,统计局\n"
                "区级财政收入,2026,徐汇区,2,亿元,统计局\n"
                "区级财政收入,2023,徐汇区,251.0,亿元,统计局\n"
                "区级财政收入,0001,徐汇区,1,亿元,统计局\n"
                "区级财政收入,2027,徐汇区,1e309,亿元,统计局\n"
                "区级财政收入,2028,徐汇区,2e15,亿元,统计局\n")
        result = run_import(data.encode(), "全.csv", tables, ImportOptions())
        headers = {"指标", "期间", "区域", "数值", "单位", "来源"}
        assert [(i.row, i.column, i.rule) for i in result.errors] == [
            (2, "数值", "not_a_number"), (3, "指标", "unknown_indicator"),
            (4, "区域", "unknown_area"), (5, "期间", "bad_period"), (6, "数值", "unit_conflict"),
            (8, "数值", "duplicate_in_file"), (10, "期间", "period_out_of_range"),
            (11, "数值", "not_a_number"), (12, "数值", "implausible"),
            (9, "数值", "conflicts_with_source")]
        assert all(i.file == "全.csv" and i.column in headers and i.value for i in result.errors)
