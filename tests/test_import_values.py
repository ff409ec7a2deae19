"""Cell text as the importer reads it: normalised text, finite and plausible numbers, period years
within bounds; and the import's refusal of what is not."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.importer.values import (
    is_plausible,
    normalise_text,
    parse_number,
    years_in_range,
)
from xhdash.paths import DATA_DIR

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a",
             "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
NOT_FINITE = ["1e309", "-1e309", "9" * 400, "inf", "-inf", "+inf", "Infinity", "NaN", "nan",
              "1e309%", "≥1e309"]


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def long_table(*rows: str) -> bytes:
    return ("指标,期间,数值,来源\n" + "".join(f"{r},统计局\n" for r in rows)).encode()


class TestNormaliseText:
    @pytest.mark.parametrize("mark", INVISIBLE)
    def test_invisible_characters_are_removed(self, mark):
        assert normalise_text(f"{mark}常住{mark}人口{mark}") == "常住人口"

    @pytest.mark.parametrize(("text", "normal"), [
        ("  常住\u3000\u3000人口\t ", "常住 人口"), ("ＧＤＰ（亿元）", "GDP(亿元)"),
        ("a\u00a0\u2003b", "a b"), ("\u200b", ""), (" 12 ", "12"), (None, "")])
    def test_width_and_spaces(self, text, normal):
        assert normalise_text(text) == normal

    @pytest.mark.parametrize("mark", ["\x00", "\x07", "\x1b", "\x7f", "\x9f"])
    def test_control_characters_are_removed(self, mark):
        assert normalise_text(f"{mark}常住人口{mark}1{mark}") == "常住人口1"

    @given(st.text(), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(INVISIBLE))))
    def test_inserting_invisible_characters_changes_nothing(self, text, inserts):
        marked = text
        for position, mark in inserts:
            marked = marked[:position] + mark + marked[position:]
        assert normalise_text(marked) == normalise_text(text)

    @given(st.text())
    def test_normalising_twice_changes_nothing(self, text):
        assert normalise_text(normalise_text(text)) == normalise_text(text)


class TestParseNumber:
    @pytest.mark.parametrize("text", NOT_FINITE)
    def test_numbers_that_are_not_finite_are_not_numbers(self, text):
        assert parse_number(text) is None

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_a_finite_number_written_out_reads_back(self, value):
        assert parse_number(repr(value)).value == value

    @given(st.text(alphabet="0123456789.,-+eE%≥约 ", max_size=30))
    def test_whatever_it_reads_is_finite(self, text):
        parsed = parse_number(text)
        assert parsed is None or math.isfinite(parsed.value)


class TestIsPlausible:
    @pytest.mark.parametrize(("value", "plausible"), [
        (0.0, True), (-1e15, True), (1e15, True), (1.0000001e15, False), (-2e15, False)])
    def test_magnitude_bound(self, value, plausible):
        assert is_plausible(value) is plausible


class TestYearsInRange:
    @pytest.mark.parametrize(("code", "inside"), [
        ("1900", True), ("2100Q4", True), ("2024-06", True), ("1899", False), ("2101-01", False),
        ("0001", False), ("1899-12/1900-01", False), ("2023-01/2023-06", True)])
    def test_bounds(self, code, inside):
        assert years_in_range(code) is inside


class TestRunImportValues:
    @pytest.mark.parametrize("text", NOT_FINITE)
    def test_non_finite_numbers_are_refused_naming_the_cell(self, tables, text):
        result = run_import(long_table("区级财政收入,2030,1", f"区级财政收入,2031,{text}"), "v.csv",
                            tables, ImportOptions())
        assert [(i.row, i.column, i.value, i.rule) for i in result.errors] == [
            (3, "数值", text, "not_a_number")]
        assert result.tables is None

    def test_a_nul_deep_in_the_file_is_a_problem_naming_its_cell(self, tables):
        rows = [f"区级财政收入,{1901 + n // 12}-{n % 12 + 1:02d},1" for n in range(300)] + [
            "区级财政收入,2030,1\x00x"]
        result = run_import(long_table(*rows), "nul.csv", tables, ImportOptions())
        assert [(i.row, i.column, i.value, i.rule) for i in result.errors] == [
            (302, "数值", "1x", "not_a_number")]

    def test_values_beyond_the_plausible_range_are_refused(self, tables):
        result = run_import(long_table("区级财政收入,2030,1e15", "区级财政收入,2031,-2e15",
                                       "区级财政收入,2032,\"1,000,000,000,000,001\""),
                            "v.csv", tables, ImportOptions())
        assert [(i.row, i.value, i.rule) for i in result.errors] == [
            (3, "-2e15", "implausible"), (4, "1,000,000,000,000,001", "implausible")]
        assert "超出合理范围" in result.errors[0].message("zh")

    def test_a_converted_value_beyond_the_range_is_refused(self, tables):
        data = "指标,期间,数值,单位,来源\n第七次全国人口普查常住人口,2030,2e11,万人,统计局\n".encode()
        result = run_import(data, "v.csv", tables, ImportOptions(convert_units=True))
        assert [(i.row, i.column, i.rule) for i in result.errors] == [(2, "数值", "implausible")]

    @pytest.mark.parametrize("period", ["0001", "1899", "2101年", "1899年12月", "0001Q1"])
    def test_a_period_outside_1900_to_2100_is_refused_naming_row_and_column(self, tables, period):
        result = run_import(long_table("区级财政收入,2030,1", f"区级财政收入,{period},5"), "p.csv",
                            tables, ImportOptions())
        assert [(i.row, i.column, i.value, i.rule) for i in result.errors] == [
            (3, "期间", period, "period_out_of_range")]
        assert result.errors[0].message("en") == (
            f"p.csv, row 3, column '期间': '{period}' has a year outside 1900–2100")

    def test_a_wide_tables_period_header_outside_the_range_is_named(self, tables):
        data = "指标,1899年,2030年,来源\n区级财政收入,1,2,统计局\n".encode()
        result = run_import(data, "w.csv", tables, ImportOptions())
        assert [(i.row, i.column, i.rule) for i in result.errors] == [
            (2, "1899年", "period_out_of_range")]

    def test_text_stays_text(self, tables):
        data = long_table('"<script>alert(1)</script>",2030,1', '"=1+1",2031,1',
                          "区级财政收入,2032,=1+1")
        result = run_import(data, "x.csv", tables, ImportOptions(allow_new=True, domain="economy"))
        assert [i.rule for i in result.errors] == ["not_a_number"]
        assert {i["name_zh"] for i in result.resolution.new_indicators.values()} == {
            "<script>alert(1)</script>", "=1+1"}
