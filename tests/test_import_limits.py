"""Bounded reading: a file within the size limit is judged in seconds, however it is shaped.
Cells, columns, table size and figures have limits that refuse naming the row; problems beyond
the first MAX_ISSUES are counted, not listed."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.grid import read_grid
from xhdash.editors.importer.issues import MAX_ISSUES
from xhdash.editors.importer.limits import MB, ImportLimits
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.importer.sniff import ImportRefused
from xhdash.paths import DATA_DIR

LIMITS = ImportLimits()
HEADER = "指标,期间,数值\n"


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def refusal(data: bytes, kind: str = "csv", limits: ImportLimits = LIMITS) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        read_grid(data, kind, None, limits)
    return refused.value


def workbook(cells: dict[tuple[int, int], object]) -> bytes:
    book = openpyxl.Workbook()
    for (row, column), value in cells.items():
        book.active.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class TestReadGrid:
    def test_a_ten_megabyte_field_is_refused_naming_its_row(self):
        data = (HEADER + '区级财政收入,2024,"' + "9" * (10 * MB) + '"\n').encode()
        started = time.perf_counter()
        refused = refusal(data)
        assert time.perf_counter() - started < 10
        assert refused.reason_zh == "第2行有单元格超过 32,767 个字符"
        assert refused.reason_en == "row 2 has a cell longer than 32,767 characters"

    def test_a_cell_longer_than_excel_allows_is_refused(self):
        assert "第3行" in refusal((HEADER + "a,1,1\nb,2," + "x" * 32_768 + "\n").encode()).reason_zh

    def test_a_cell_as_long_as_excel_allows_is_read(self):
        grid = read_grid((HEADER + "注," + "x" * 32_767 + ",1\n").encode(), "csv", None, LIMITS)
        assert len(grid.rows[1][1]) == 32_767

    def test_a_ten_megabyte_line_of_five_million_fields_is_refused_in_seconds(self):
        data = (HEADER + ",".join(["a"] * (5 * MB)) + "\n").encode()
        started = time.perf_counter()
        refused = refusal(data)
        assert time.perf_counter() - started < 10
        assert refused.reason_zh == "第2行有 5,242,880 列，超过上限 1,000 列"

    def test_a_thousand_columns_are_read_and_one_more_is_refused(self):
        assert len(read_grid((",".join(["a"] * 1000) + "\n").encode(), "csv", None,
                             LIMITS).rows[0]) == 1000
        assert refusal((HEADER + ",".join(["a"] * 1001) + "\n").encode()).reason_en == (
            "row 2 has 1,001 columns, over the 1,000-column limit")

    def test_a_workbook_cell_far_to_the_right_is_refused_naming_its_row(self):
        data = workbook({(1, 1): "指标", (2, 1): "区级财政收入", (3, 16_000): "x"})
        assert refusal(data, "xlsx").reason_zh == "第3行有 16,000 列，超过上限 1,000 列"

    def test_a_workbooks_declared_dimension_does_not_pad_its_rows(self):
        data = workbook({(1, 1): "指标", (1, 2): "2024年", (2, 1): "区级财政收入", (2, 2): 1})
        grid = read_grid(data, "xlsx", None, LIMITS)
        assert grid.rows == [["指标", "2024年"], ["区级财政收入", "1"]]

    def test_many_rows_and_one_wide_row_exceed_the_cell_limit(self):
        data = (HEADER + "a,1,1\n" * 500 + ",".join(["b"] * 900) + "\n").encode()
        refused = refusal(data, limits=ImportLimits(max_cells=100_000))
        assert refused.reason_zh == "表格过大：502 行 × 900 列，超过 100,000 个单元格的上限"

    def test_blank_columns_are_dropped_not_padded(self):
        data = (HEADER + "区级财政收入,2024,1" + "," * 990 + "\n" + "区级财政收入,2025,2\n").encode()
        assert [len(row) for row in read_grid(data, "csv", None, LIMITS).rows] == [3, 3, 3]


class TestRunImportLimits:
    def test_problems_beyond_the_first_two_hundred_are_counted_not_listed(self, tables):
        data = (HEADER + "".join(f"区级财政收入,2024-01,坏{n}\n" for n in range(5000))).encode()
        result = run_import(data, "bad.csv", tables, ImportOptions(source="统计局"))
        assert len(result.issues) == MAX_ISSUES + 1 and result.more_issues == 4800
        assert result.problem_count == 5000 and not result.ok
        assert result.issues[-1].message("en") == (
            "bad.csv: 4,800 more problem(s) not listed (only the first 200 are)")

    def test_unrecognised_columns_are_capped_too(self, tables):
        data = ("指标," + ",".join(f"栏{n}" for n in range(999)) + "\n区级财政收入" + ",1" * 999
                + "\n").encode()
        result = run_import(data, "wide.csv", tables, ImportOptions(source="统计局"))
        # 999 unrecognised columns, and no value column
        assert len(result.issues) == MAX_ISSUES + 1 and result.more_issues == 1000 - MAX_ISSUES
        assert (result.issues[0].row, result.issues[0].column) == (1, "栏0")

    def test_a_two_hundred_thousand_row_file_of_bad_numbers_is_judged_in_seconds(self, tables):
        data = (HEADER + "".join(f"区级财政收入,2024-01,坏{n}\n" for n in range(200_000))).encode()
        started = time.perf_counter()
        result = run_import(data, "bad.csv", tables, ImportOptions(source="统计局"))
        assert time.perf_counter() - started < 30
        assert result.problem_count == 200_000 and len(result.issues) == MAX_ISSUES + 1

    def test_more_value_cells_than_the_figure_limit_are_refused(self, tables):
        data = ("指标," + ",".join(f"{year}年" for year in range(2001, 2011)) + "\n"
                + "".join(f"指标{n}" + ",1" * 10 + "\n" for n in range(11))).encode()
        with pytest.raises(ImportRefused, match="110 value cells, over the 100 limit"):
            run_import(data, "w.csv", tables, ImportOptions(), ImportLimits(max_figures=100))
