"""Importing officials' tables: every layout and encoding, every refusal, and the report."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.fixtures import import_corpus as corpus
from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.grid import Grid
from xhdash.editors.importer.issues import MAX_ISSUES
from xhdash.editors.importer.layout import candidates, recognise
from xhdash.editors.importer.limits import ImportLimits
from xhdash.editors.importer.pipeline import compare, run_import
from xhdash.editors.importer.resolve import ImportOptions, conversion_factor
from xhdash.editors.importer.sniff import ImportRefused, detect_kind
from xhdash.editors.importer.values import ParsedNumber, is_missing, parse_number, parse_period_text
from xhdash.output.export import to_csv_bytes
from xhdash.paths import DATA_DIR

LIMITS = ImportLimits()


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def stated(**chosen) -> ImportOptions:
    """Options as an editor gives them, with the source that most corpus files do not state."""
    return ImportOptions(source=corpus.STATED_SOURCE, **chosen)


def imported(result, indicator: str) -> pd.DataFrame:
    return result.diff[result.diff["indicator_id"] == indicator]


class TestParseNumber:
    @pytest.mark.parametrize(("text", "value", "qualifier", "percent", "word"), [
        ("1,234.5", 1234.5, "exact", False, None), ("１２３．４", 123.4, "exact", False, None),
        ("10.87%", 10.87, "exact", True, None), ("5.5以上", 5.5, "ge", False, "以上"),
        ("≥99", 99, "ge", False, None), ("约100", 100, "approx", False, "约"),
        ("-1.5", -1.5, "exact", False, None), (" 263.90 ", 263.9, "exact", False, None),
        ("1200余", 1200, "ge", False, "余"), ("5.5%左右", 5.5, "approx", True, "左右"),
    ])
    def test_numbers_and_the_sources_word(self, text, value, qualifier, percent, word):
        assert parse_number(text) == ParsedNumber(value, qualifier, percent, word)

    @pytest.mark.parametrize("text", ["12,3a", "6万", "=1+1", "abc", "1,23,4"])
    def test_not_numbers(self, text):
        assert parse_number(text) is None


class TestIsMissing:
    @pytest.mark.parametrize("text", ["", "—", "-", "…", "...", "／", " ", "N/A"])
    def test_missing_marks(self, text):
        assert is_missing(text)

    def test_zero_is_not_missing(self):
        assert not is_missing("0")


class TestParsePeriodText:
    @pytest.mark.parametrize(("text", "code"), [
        ("2023", "2023"), ("2023年", "2023"), ("２０２３年", "2023"), ("2023Q2", "2023Q2"),
        ("2023年第二季度", "2023Q2"), ("2023年6月", "2023-06"), ("2023-06", "2023-06"),
        ("2023.6", "2023-06"), ("202306", "2023-06"), ("2023年1-6月", "2023-01/2023-06"),
    ])
    def test_periods(self, text, code):
        assert parse_period_text(text) == code

    @pytest.mark.parametrize("text", ["2023年13月", "指标", "2023年6-1月", ""])
    def test_not_periods(self, text):
        assert parse_period_text(text) is None


class TestDetectKind:
    @pytest.mark.parametrize(("maker", "kind"), [
        (corpus.long_utf8, "csv"), (corpus.bulletin_gbk, "csv"),
        (corpus.monthly_wide_gb18030, "csv"), (corpus.wide_yearbook_xlsx, "xlsx")])
    def test_accepts_by_content(self, maker, kind):
        assert detect_kind(maker(), "whatever.bin", LIMITS) == kind

    @pytest.mark.parametrize(("maker", "words"), [
        (corpus.zip_bomb_xlsx, "压缩炸弹"), (corpus.png_named_xlsx, "不是 CSV 或 Excel"),
        (corpus.legacy_xls, "另存为 .xlsx"), (corpus.undecodable, "不是可识别的文本"),
        (lambda: b"   \n", "文件是空的"),
    ])
    def test_refuses(self, maker, words):
        with pytest.raises(ImportRefused) as refused:
            detect_kind(maker(), "x.xlsx", LIMITS)
        assert words in refused.value.reason_zh and refused.value.reason_en

    def test_size_limit_is_configurable(self, monkeypatch):
        monkeypatch.setenv("XHDASH_MAX_IMPORT_MB", "1")
        with pytest.raises(ImportRefused, match="over the 1 MB limit"):
            detect_kind(corpus.oversized(1.2), "big.csv", ImportLimits.from_environment())


class TestRecognise:
    def test_bulletin(self):
        rows = [["2024年主要指标", "", ""], ["", "", "单位：亿元"], ["指标", "绝对值", "比上年增长(%)"],
                ["区级财政收入", "263.9", "5.2"], ["资料来源：统计局", "", ""]]
        layout, data = recognise(Grid(rows, "utf-8", None))
        assert (layout.unit_note, layout.title_period, layout.source_note) == ("亿元", "2024", "统计局")
        assert layout.roles == {"指标": "indicator", "绝对值": "value", "比上年增长(%)": "growth"}
        found = candidates(layout, data, None)
        assert [(c.value_text, c.unit, c.is_growth, c.period) for c in found] == [
            ("263.9", "亿元", False, "2024"), ("5.2", "%", True, "2024")]

    def test_two_row_header(self):
        rows = [["指标", "2024年", "", "2025年", ""], ["", "绝对值", "增长%", "绝对值", "增长%"],
                ["收入（亿元）", "1", "2", "3", "4"]]
        layout, data = recognise(Grid(rows, "utf-8", None))
        assert layout.header_rows == 2 and layout.shape == "wide"
        assert layout.period_columns == {"2024年|绝对值": ("2024", False), "2024年|增长%": ("2024", True),
                                         "2025年|绝对值": ("2025", False), "2025年|增长%": ("2025", True)}
        assert {c.unit for c in candidates(layout, data, None) if not c.is_growth} == {"亿元"}

    def test_column_mapping_by_the_user(self):
        rows = [["名目", "数"], ["区级财政收入", "1"]]
        layout, _ = recognise(Grid(rows, "utf-8", None))
        assert layout.unrecognised == ["名目", "数"]
        layout, _ = recognise(Grid(rows, "utf-8", None), {"名目": "indicator", "数": "value"})
        assert layout.roles == {"名目": "indicator", "数": "value"}


class TestConversionFactor:
    def test_scales(self):
        assert conversion_factor("万元", "亿元") == pytest.approx(1e-4)
        assert conversion_factor("人", "万人") == pytest.approx(1e-4)
        assert conversion_factor("个", "万人") is None


class TestRunImportRealisticFiles:
    def test_long_monthly_by_street(self, tables):
        result = run_import(corpus.long_utf8(), "long.csv", tables, stated())
        assert result.ok and result.counts()["new"] == 10
        row = result.diff.query("area_id == 'street_xujiahui' and period == '2024-02'").iloc[0]
        assert (row["indicator_id"], row["value"], row["locator"]) == (
            "fiscal_revenue", 32.0, "long.csv 第7行「数值」")
        scale = imported(result, "industry_scale").iloc[0]
        assert (scale["industry_id"], scale["value"]) == ("digital_economy", 1234.5)

    def test_english_headers_bom_quarters_percent(self, tables):
        result = run_import(corpus.long_bom_english(), "en.csv", tables, stated())
        assert result.ok
        assert imported(result, "hotline_ontime_rate").iloc[0]["value"] == 99.5
        assert imported(result, "fiscal_revenue").iloc[0]["area_id"] == "street_hunanlu"

    def test_gbk_bulletin(self, tables):
        result = run_import(corpus.bulletin_gbk(), "公报.csv", tables, stated())
        assert result.ok and result.encoding == "gb18030"
        assert imported(result, "fiscal_revenue").iloc[0][["period", "value"]].tolist() == ["2024", 263.9]
        assert imported(result, "gdp_growth").iloc[0]["value"] == 5.0
        assert imported(result, "fixed_asset_investment").iloc[0]["value"] == 1024.6
        assert result.resolution.skipped == 1  # 地区生产总值 —
        # cell text is normalised (full-width brackets become ASCII) as it is read
        assert result.tables["sources"].iloc[-1]["title_zh"] == "徐汇区统计局（测试用合成数据）"

    def test_monthly_wide_with_cumulative_column(self, tables):
        result = run_import(corpus.monthly_wide_gb18030(), "m.csv", tables, stated())
        assert result.ok
        assert set(imported(result, "hotline_satisfaction_rate")["period"]) == {
            "2024-01", "2024-02", "2024-03", "2024-01/2024-03"}

    def test_yearbook_xlsx(self, tables):
        result = run_import(corpus.wide_yearbook_xlsx(), "y.xlsx", tables, stated())
        assert result.ok and result.counts() == {"new": 3, "changed": 0, "unchanged": 2,
                                                 "conflicting": 0}

    def test_two_row_header_on_a_chosen_sheet(self, tables):
        result = run_import(corpus.two_row_header_xlsx(), "t.xlsx", tables,
                            stated(sheet="主要指标"))
        assert result.ok and result.sheet == "主要指标"
        assert imported(result, "fiscal_revenue_growth")["value"].tolist() == [5.2, 2.35]

    def test_missing_sheet_is_named(self, tables):
        with pytest.raises(ImportRefused, match="no sheet named 'x'"):
            run_import(corpus.two_row_header_xlsx(), "t.xlsx", tables, stated(sheet="x"))

    def test_period_option(self, tables):
        result = run_import(corpus.long_without_period(), "p.csv", tables, stated())
        assert [i.rule for i in result.errors] == ["no_period"]
        assert run_import(corpus.long_without_period(), "p.csv", tables,
                          stated(period="2024-05")).ok


class TestRunImportProblems:
    def test_units_convert_only_after_confirmation(self, tables):
        result = run_import(corpus.unit_variants(), "u.csv", tables, stated())
        assert [i.rule for i in result.errors] == ["unit_convertible", "unit_conflict"]
        assert "确认换算后将乘以 0.0001" in result.errors[0].message("zh")
        result = run_import(corpus.unit_variants(), "u.csv", tables, stated(convert_units=True))
        assert [i.rule for i in result.errors] == ["unit_conflict"]

    def test_unknown_items_are_offered_not_added(self, tables):
        result = run_import(corpus.unknown_items(), "n.csv", tables, stated())
        assert [(i.column, i.rule) for i in result.errors] == [
            ("指标", "unknown_indicator"), ("区域", "unknown_area"), ("产业", "unknown_industry")]
        assert result.tables is None

    def test_unknown_items_created_when_allowed(self, tables):
        result = run_import(corpus.unknown_items(), "n.csv", tables,
                            stated(allow_new=True, domain="economy"))
        assert result.ok
        assert [i["name_zh"] for i in result.resolution.new_indicators.values()] == ["夜间经济消费额"]
        assert result.tables["areas"]["name_zh"].iloc[-1] == "滨江新区"
        assert result.tables["industries"]["tier"].iloc[-1] == "other"

    def test_allow_new_needs_a_domain(self, tables):
        result = run_import(corpus.unknown_items(), "n.csv", tables, stated(allow_new=True))
        assert "no_domain" in {i.rule for i in result.errors}

    def test_conflict_with_a_cited_source_needs_confirmation(self, tables):
        data = "指标,期间,数值\n区级财政收入,2023,251.0\n".encode()
        result = run_import(data, "c.csv", tables, stated())
        assert result.counts()["conflicting"] == 1
        assert "与已发布的 S1 数字 250.85 不同" in result.errors[0].message("zh")
        assert run_import(data, "c.csv", tables, stated(replace_conflicts=True)).ok

    def test_duplicate_rows_in_the_file(self, tables):
        data = "指标,期间,数值\n区级财政收入,2024,1\n区级财政收入,2024年,2\n".encode()
        result = run_import(data, "d.csv", tables, stated())
        assert result.errors[0].message("en") == \
            "d.csv, row 3, column '数值': '2' repeats the figure of row 2"

    def test_formula_and_html_payloads_are_refused_as_names_and_numbers(self, tables):
        result = run_import(corpus.formula_payloads(), "f.csv", tables, stated())
        assert [i.rule for i in result.errors] == ["unknown_indicator"] * 4 + ["not_a_number"]

    def test_payload_names_created_are_neutralised_on_export(self, tables):
        names_only = corpus.formula_payloads().decode().rsplit("区级财政收入", 1)[0].encode()
        result = run_import(names_only, "f.csv", tables,
                            stated(allow_new=True, domain="economy"))
        names = result.tables["indicators"]["name_zh"].tail(4)
        exported = to_csv_bytes(pd.DataFrame({"指标": names})).decode("utf-8-sig")
        assert "'=HYPERLINK" in exported and "'+SUM" in exported and "'@cmd" in exported

    def test_a_thousand_bad_cells_list_the_first_two_hundred_and_count_the_rest(self, tables):
        result = run_import(corpus.thousand_bad_cells(), "bad.csv", tables, stated())
        *listed, summary = result.errors
        assert len(listed) == MAX_ISSUES == 200 and result.more_issues == 800
        assert result.problem_count == 1000
        assert listed[-1].message("zh").startswith("bad.csv 第201行「数值」列")
        assert summary.message("zh") == "bad.csv：另有 800 处问题未列出（只列出前 200 处）"
        assert summary.message("en") == "bad.csv: 800 more problem(s) not listed (only the first 200 are)"

    def test_row_limit(self, tables, monkeypatch):
        monkeypatch.setenv("XHDASH_MAX_IMPORT_ROWS", "100")
        with pytest.raises(ImportRefused, match="more than 100 rows"):
            run_import(corpus.many_rows(200), "r.csv", tables, stated())

    def test_unrecognised_columns_are_reported(self, tables):
        result = run_import("名目,数\n区级财政收入,1\n".encode(), "x.csv", tables, stated())
        assert {i.rule for i in result.errors} == {"unrecognised_column", "no_indicator_column",
                                                   "no_value_column"}


class TestCompare:
    def test_states(self, tables):
        new = pd.DataFrame([
            {"indicator_id": "fiscal_revenue", "period": "2023", "area_id": "xuhui",
             "industry_id": None, "value": 250.85, "qualifier": "exact", "source_id": "x"},
            {"indicator_id": "fiscal_revenue", "period": "2022", "area_id": "xuhui",
             "industry_id": None, "value": 1.0, "qualifier": "exact", "source_id": "x"},
            {"indicator_id": "fiscal_revenue", "period": "2030", "area_id": "xuhui",
             "industry_id": None, "value": 1.0, "qualifier": "exact", "source_id": "x"},
        ])
        states = compare(new, tables["observations"], tables["sources"])["state"].tolist()
        assert states == ["unchanged", "conflicting", "new"]
