import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd
import pyarrow as pa
import pytest

from xhdash.output.export import (
    EXCEL_MAX_ROWS,
    export_file_name,
    formula_like,
    neutralise_text,
    to_csv_bytes,
    to_xlsx_bytes,
)

HOSTILE = pd.DataFrame({
    "指标": ["=HYPERLINK(\"http://x\",\"点我\")", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTAB", "\rCR",
           "\nLF", "含\"引号\"和,逗号", "多\n行", "<script>alert(1)</script>", "常住人口"],
    "数值": [1.0, -1.5, -0.25, 250.85, 3824.0, None, 0.0, 7.4, 9.44, -100.0, 109.85],
})


def read_back(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


class TestNeutraliseText:
    @pytest.mark.parametrize(("cell", "safe"), [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-x", "'-x"), ("@a", "'@a"), ("\tx", "'\tx"),
        ("\rx", "'\rx"), ("\nx", "'\nx"), ("徐汇", "徐汇"), ("a=b", "a=b"),
    ])
    def test_cells(self, cell, safe):
        assert neutralise_text(pd.Series([cell])).iloc[0] == safe

    def test_missing_stays_missing(self):
        assert neutralise_text(pd.Series([None])).isna().all()


class TestFormulaLike:
    CELLS = ["=1", "徐汇", "", None, "-2", "a=b", "@x", "\tx"]
    RISKY = [True, False, False, False, True, False, True, True]

    @pytest.mark.parametrize("type_", [pa.string(), pa.large_string()])
    def test_first_byte_of_each_value(self, type_):
        assert formula_like(pa.array(self.CELLS, type_)).tolist() == self.RISKY

    def test_a_slice_reads_its_own_values(self):
        assert formula_like(pa.array(self.CELLS).slice(4, 3)).tolist() == [True, False, True]

    def test_missing_value_over_text_is_not_risky(self):
        # Arrow lets a missing slot span bytes; only the validity bitmap says it is missing
        values = pa.array(["=1", "=2"])
        masked = pa.Array.from_buffers(pa.string(), 2, [pa.array([False, True]).buffers()[1],
                                                        *values.buffers()[1:]])
        assert masked.to_pylist() == [None, "=2"]
        assert formula_like(masked).tolist() == [False, True]

    def test_no_text_at_all(self):
        assert formula_like(pa.array(["", None], pa.string())).tolist() == [False, False]


class TestToCsvBytes:
    def test_only_the_risky_cell_changes(self):
        frame = pd.DataFrame({"a": ["x"] * 3 + ["=1"]})
        assert [r[0] for r in read_back(to_csv_bytes(frame))[1:]] == ["x", "x", "x", "'=1"]

    def test_bom_and_crlf(self):
        data = to_csv_bytes(HOSTILE)
        assert data.startswith(b"\xef\xbb\xbf")
        assert data.count(b"\r\n") >= len(HOSTILE) + 1
        assert read_back(data)[0] == ["指标", "数值"]

    def test_rows_round_trip_under_rfc4180(self):
        rows = read_back(to_csv_bytes(HOSTILE))
        assert len(rows) == len(HOSTILE) + 1
        assert rows[8] == ["含\"引号\"和,逗号", "7.4"]
        assert rows[9] == ["多\n行", "9.44"]

    def test_formulas_neutralised(self):
        rows = read_back(to_csv_bytes(HOSTILE))
        assert [r[0][0] for r in rows[1:8]] == ["'"] * 7
        assert rows[10][0] == "<script>alert(1)</script>"

    def test_numbers_stay_numbers_negatives_included(self):
        rows = read_back(to_csv_bytes(HOSTILE))
        assert [r[1] for r in rows[1:]] == ["1", "-1.5", "-0.25", "250.85", "3824", "", "0",
                                           "7.4", "9.44", "-100", "109.85"]

    def test_chinese_text(self):
        assert "常住人口" in to_csv_bytes(HOSTILE).decode("utf-8")


class TestToXlsxBytes:
    @pytest.fixture
    def workbook(self):
        export = to_xlsx_bytes(HOSTILE, [("导出时间", "2026-11-28 10:00"), ("筛选条件", "领域：民生服务")],
                               pd.DataFrame({"指标": ["常住人口"], "单位": ["万人"], "口径": ["年末"]}),
                               pd.DataFrame({"编号": ["S1"], "标题": ["=危险"]}), "zh")
        assert export.rows_left_out == 0
        return openpyxl.load_workbook(io.BytesIO(export.data))

    def test_three_sheets(self, workbook):
        assert workbook.sheetnames == ["数据", "说明", "来源"]

    def test_no_cell_is_a_formula(self, workbook):
        types = {cell.data_type for sheet in workbook for row in sheet.iter_rows() for cell in row
                 if cell.value is not None}
        assert "f" not in types
        assert workbook["数据"]["A2"].value.startswith("=HYPERLINK")
        assert workbook["来源"]["B2"].value == "=危险"

    def test_numbers_are_numbers(self, workbook):
        assert workbook["数据"]["B3"].value == -1.5
        assert workbook["数据"]["B3"].data_type == "n"

    def test_notes_hold_filters_and_units(self, workbook):
        values = [c.value for row in workbook["说明"].iter_rows() for c in row if c.value]
        assert "领域：民生服务" in values and "万人" in values and "年末" in values

    def test_row_limit(self, monkeypatch):
        monkeypatch.setattr("xhdash.output.export.EXCEL_MAX_ROWS", 5)
        export = to_xlsx_bytes(HOSTILE, [], pd.DataFrame(), pd.DataFrame(), "en")
        assert (export.rows_written, export.rows_left_out) == (4, len(HOSTILE) - 4)
        assert EXCEL_MAX_ROWS == 1_048_576


class TestExportFileName:
    def test_chinese(self):
        when = datetime(2026, 11, 28, 9, 30)
        assert export_file_name("民生成效", "Livelihood outcomes", "zh", "csv", when) == \
            "徐汇_民生成效_20261128.csv"

    def test_english(self):
        when = datetime(2026, 11, 28)
        assert export_file_name("民生成效", "Livelihood outcomes", "en", "xlsx", when) == \
            "Xuhui_Livelihood_outcomes_20261128.xlsx"

    def test_unsafe_characters_removed(self):
        assert export_file_name("a/b:c", "x", "zh", "csv", datetime(2026, 1, 1)) == \
            "徐汇_a_b_c_20260101.csv"
