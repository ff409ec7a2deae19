"""Import choices in the words officials use: a domain by the name the pages show or by its
code, the valid choices listed when one is wrong, and a question about a name asked once,
naming every row it stands on. The zones table of the office fixture (测试用合成数据)."""

from __future__ import annotations

import pytest

from tests.fixtures.office import office_tables
from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions, rows_text
from xhdash.paths import DATA_DIR

ZONES_FILE = next(t for t in office_tables() if t.name.startswith("14_"))


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def imported(tables, **options):
    return run_import(ZONES_FILE.data(), ZONES_FILE.name, tables, ImportOptions(**options))


class TestDomainInOfficialsWords:
    @pytest.mark.parametrize("domain", ["功能区建设", "Functional zones", "zones", " 功能区建设 "])
    def test_the_name_shown_or_the_code(self, tables, domain):
        result = imported(tables, allow_new=True, domain=domain)
        assert result.ok, [i.message() for i in result.issues]
        assert {i["domain_id"] for i in result.resolution.new_indicators.values()} == {"zones"}

    def test_a_wrong_one_lists_the_choices_once(self, tables):
        result = imported(tables, allow_new=True, domain="经济")
        [issue] = result.issues
        assert issue.rule == "unknown_domain" and issue.value == "经济"
        message = issue.message("zh")
        assert "“经济”不是看板的领域" in message and "功能区建设（zones）" in message
        assert "经济运行（economy）" in message and "domains 表" not in message

    def test_in_english(self, tables):
        [issue] = imported(tables, allow_new=True, domain="经济").issues
        assert "is not one of the dashboard's domains (--domain takes: " in issue.message("en")


class TestOneQuestionForManyRows:
    def test_a_new_indicator_is_asked_of_once_naming_its_rows(self, tables):
        [issue] = imported(tables).issues
        assert (issue.rule, issue.row, issue.value) == ("unknown_indicator_rows", 4, "税收收入")
        assert "（共5行：第4-8行）" in issue.message("zh")
        assert "(5 rows: 4-8)" in issue.message("en")

    def test_no_domain_is_asked_once_with_the_choices(self, tables):
        [issue] = imported(tables, allow_new=True).issues
        assert issue.rule == "no_domain_rows"
        assert "共5行：第4-8行" in issue.message("zh") and "功能区建设（zones）" in issue.message("zh")

    def test_one_row_stays_a_plain_question(self, tables):
        one = "指标,期间,数值,单位,来源\n新指标甲,2023,1.0,亿元,统计局\n新指标乙,2023,2.0,亿元,统计局\n"
        result = run_import(one.encode(), "新指标.csv", tables, ImportOptions())
        assert [i.rule for i in result.issues] == ["unknown_indicator", "unknown_indicator"]


class TestRowsText:
    @pytest.mark.parametrize(("rows", "text"), [([4], "4"), ([4, 5, 6], "4-6"),
                                                ([4, 5, 7, 9, 10], "4-5, 7, 9-10")])
    def test_runs(self, rows, text):
        assert rows_text(rows) == text
