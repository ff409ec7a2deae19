"""A file as a grid of text cells: CSV in UTF-8 or GBK, or one sheet of a workbook."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import openpyxl
import openpyxl.xml
from defusedxml import DefusedXmlException

from xhdash.importer.limits import ImportLimits
from xhdash.importer.sniff import ImportRefused
from xhdash.importer.values import normalise_text

CSV_DELIMITERS = ",\t;"
ROW_GUARD = 1_000  # lines read beyond the row limit before giving up (titles, headers, notes)


@dataclass(frozen=True)
class Grid:
    rows: list[list[str]]
    encoding: str
    sheet: str | None


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; otherwise GB18030, a superset of GBK and GB2312."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def _read_csv(data: bytes, limits: ImportLimits) -> Grid:
    text, encoding = _decode(data)
    sample = text[:10_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = []
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        rows.append([normalise_text(cell) for cell in row])
        if len(rows) > limits.max_rows + ROW_GUARD:
            raise too_many_rows(limits)
    return Grid(rows, encoding, None)


def too_many_rows(limits: ImportLimits) -> ImportRefused:
    return ImportRefused(f"行数超过上限 {limits.max_rows:,} 行", f"more than {limits.max_rows:,} rows")


def _read_xlsx(data: bytes, sheet: str | None, limits: ImportLimits) -> Grid:
    if not openpyxl.xml.DEFUSEDXML:
        raise ImportRefused("服务器缺少 defusedxml，出于安全考虑拒绝读取 Excel",
                            "defusedxml is not installed, so Excel files are refused for safety")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files, wrapping the cause
        if _caused_by(error, DefusedXmlException):
            raise ImportRefused("工作簿含有 XML 实体或文档类型定义（可能是 XML 炸弹），已拒绝",
                                "the workbook contains XML entity or DTD declarations (a possible "
                                "XML bomb); refused") from None
        raise ImportRefused("Excel 文件无法读取，可能已损坏",
                            f"the Excel file cannot be read ({str(error)[:120]})") from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            names = workbook.sheetnames
            raise ImportRefused(f"工作簿中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）",
                                f"no sheet named '{sheet}' (sheets: {', '.join(names)})")
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = []
        for row in worksheet.iter_rows(values_only=True):
            rows.append([_cell_text(cell) for cell in row])
            if len(rows) > limits.max_rows + ROW_GUARD:
                raise too_many_rows(limits)
        return Grid(rows, "xlsx", worksheet.title)
    finally:
        workbook.close()


def _caused_by(error: BaseException | None, kind: type) -> bool:
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return normalise_text(cell)


def read_grid(data: bytes, kind: str, sheet: str | None, limits: ImportLimits) -> Grid:
    """Rows of normalised text cells, ragged rows padded; blank rows and columns kept for now."""
    grid = _read_xlsx(data, sheet, limits) if kind == "xlsx" else _read_csv(data, limits)
    width = max((len(r) for r in grid.rows), default=0)
    return Grid([r + [""] * (width - len(r)) for r in grid.rows], grid.encoding, grid.sheet)


def sheet_names(data: bytes) -> list[str]:
    """The sheets of a workbook that passed detect_kind; [] if they cannot be listed."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # the import itself reports why the workbook cannot be read
        return []
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()
