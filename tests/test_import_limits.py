"""Bounded reading: a file within the size limit is read in seconds, however it is shaped. Cells,
columns and table size have limits that refuse naming the row."""

from __future__ import annotations

import io
import time

import openpyxl
import pytest

from xhdash.importer.grid import read_grid
from xhdash.importer.limits import MB, ImportLimits
from xhdash.importer.sniff import ImportRefused

LIMITS = ImportLimits()
HEADER = "指标,期间,数值\n"


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
