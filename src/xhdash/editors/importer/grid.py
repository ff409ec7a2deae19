"""A file as a grid of text cells: CSV in UTF-8 or GBK, or one sheet of a workbook."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

import openpyxl
import openpyxl.xml
from defusedxml import DefusedXmlException

from xhdash.editors.importer.limits import ImportLimits
from xhdash.editors.importer.sniff import ImportRefused
from xhdash.editors.importer.values import is_invisible, normalise_text, shown_code_points

CSV_DELIMITERS = ",\t;"
ROW_GUARD = 1_000  # lines read beyond the row limit before giving up (titles, headers, notes)
Position = tuple[int, int]  # (row index, column index) in the grid


@dataclass(frozen=True)
class Grid:
    rows: list[list[str]]
    encoding: str
    sheet: str | None
    # cells that held only invisible characters (zero-width, bidi, control), so are empty once
    # normalised: the characters shown as code points (U+200B), for a report that can name them
    invisible: dict[Position, str] = field(default_factory=dict)


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first; otherwise GB18030, a superset of GBK and GB2312."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _normaliser() -> Callable[[object], str]:
    """_cell_text, remembering non-ASCII text: a table repeats its names, areas and units."""
    known: dict[str, str] = {}

    def normal(cell: object) -> str:
        if isinstance(cell, str) and not cell.isascii():
            if cell not in known:
                known[cell] = normalise_text(cell)
            return known[cell]
        return _cell_text(cell)

    return normal


def _normalised_row(cells: list, index: int, invisible: dict[Position, str],
                    normal: Callable[[object], str]) -> list[str]:
    row = [normal(cell) for cell in cells]
    if "" in row:
        for column, text in enumerate(row):
            if not text and is_invisible(cells[column]):
                invisible[(index, column)] = shown_code_points(cells[column])
    return row


def _check_row(cells: list, line: int, limits: ImportLimits, csv_row: bool = False) -> None:
    """Refuse a row wider than the column limit, or with a cell longer than the cell limit."""
    if len(cells) > limits.max_columns:
        raise ImportRefused(f"第{line}行有 {len(cells):,} 列，超过上限 {limits.max_columns:,} 列",
                            f"row {line} has {len(cells):,} columns, over the "
                            f"{limits.max_columns:,}-column limit")
    texts = cells if csv_row else [c for c in cells if isinstance(c, str)]
    if texts and max(map(len, texts)) > limits.max_cell_chars:
        raise cell_too_long(line, limits)


def cell_too_long(line: int, limits: ImportLimits) -> ImportRefused:
    return ImportRefused(f"第{line}行有单元格超过 {limits.max_cell_chars:,} 个字符",
                         f"row {line} has a cell longer than {limits.max_cell_chars:,} characters")


def _read_csv(data: bytes, limits: ImportLimits) -> Grid:
    text, encoding = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:10_000]))
    rows: list[list[str]] = []
    invisible: dict[Position, str] = {}
    normal = _normaliser()
    while True:
        line = len(rows) + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a field beyond the csv module's own limit, above all
            if "field limit" in str(error):
                raise cell_too_long(line, limits) from None
            raise ImportRefused(f"第{line}行无法按 CSV 读取（{error}）",
                                f"row {line} cannot be read as CSV ({error})") from None
        _check_row(cells, line, limits, csv_row=True)
        rows.append(_normalised_row(cells, len(rows), invisible, normal))
        if len(rows) > limits.max_rows + ROW_GUARD:
            raise too_many_rows(limits)
    return Grid(rows, encoding, None, invisible)


def too_many_rows(limits: ImportLimits) -> ImportRefused:
    return ImportRefused(f"行数超过上限 {limits.max_rows:,} 行", f"more than {limits.max_rows:,} rows")


def too_many_figures(figures: int, limits: ImportLimits) -> ImportRefused:
    return ImportRefused(f"数值单元格 {figures:,} 个，超过上限 {limits.max_figures:,} 个",
                         f"{figures:,} value cells, over the {limits.max_figures:,} limit")


def _open_workbook(data: bytes):
    if not openpyxl.xml.DEFUSEDXML:
        raise ImportRefused("服务器缺少 defusedxml，出于安全考虑拒绝读取 Excel",
                            "defusedxml is not installed, so Excel files are refused for safety")
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files, wrapping the cause
        if _caused_by(error, DefusedXmlException):
            raise ImportRefused("工作簿含有 XML 实体或文档类型定义（可能是 XML 炸弹），已拒绝",
                                "the workbook contains XML entity or DTD declarations (a possible "
                                "XML bomb); refused") from None
        raise ImportRefused("Excel 文件无法读取，可能已损坏",
                            f"the Excel file cannot be read ({str(error)[:120]})") from None


def _read_xlsx(data: bytes, sheet: str | None, limits: ImportLimits) -> Grid:
    workbook = _open_workbook(data)
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            names = workbook.sheetnames
            raise ImportRefused(f"工作簿中没有名为“{sheet}”的工作表（现有：{'、'.join(names)}）",
                                f"no sheet named '{sheet}' (sheets: {', '.join(names)})")
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        # the declared dimension (A1:XFD1048576 in a hostile file) would pad every row to it
        worksheet.reset_dimensions()
        rows: list[list[str]] = []
        invisible: dict[Position, str] = {}
        normal = _normaliser()
        for values in worksheet.iter_rows(values_only=True):
            cells = list(values)
            while cells and cells[-1] is None:
                cells.pop()
            _check_row(cells, len(rows) + 1, limits)
            rows.append(_normalised_row(cells, len(rows), invisible, normal))
            if len(rows) > limits.max_rows + ROW_GUARD:
                raise too_many_rows(limits)
        return Grid(rows, "xlsx", worksheet.title, invisible)
    finally:
        workbook.close()


def _caused_by(error: BaseException | None, kind: type) -> bool:
    while error is not None:
        if isinstance(error, kind):
            return True
        error = error.__cause__ or error.__context__
    return False


def _cell_text(cell: object) -> str:
    if isinstance(cell, str):
        return normalise_text(cell)
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return normalise_text(cell)


def read_grid(data: bytes, kind: str, sheet: str | None, limits: ImportLimits) -> Grid:
    """Rows of normalised text cells; blank columns dropped and the rest padded to one width.

    Refused when rows × columns would exceed the cell limit, so a file of a few wide rows and
    many short ones cannot make a grid of hundreds of millions of cells.
    """
    grid = _read_xlsx(data, sheet, limits) if kind == "xlsx" else _read_csv(data, limits)
    used = sorted({i for row in grid.rows for i, cell in enumerate(row) if cell}
                  | {column for _, column in grid.invisible})
    filled = sum(1 for row in grid.rows if any(row))
    if filled * len(used) > limits.max_cells:
        raise ImportRefused(
            f"表格过大：{filled:,} 行 × {len(used):,} 列，超过 {limits.max_cells:,} 个单元格的上限",
            f"the table is too large: {filled:,} rows × {len(used):,} columns, over the "
            f"{limits.max_cells:,}-cell limit")
    position = {column: new for new, column in enumerate(used)}
    rows = [[row[i] if i < len(row) else "" for i in used] for row in grid.rows]
    invisible = {(r, position[c]): shown for (r, c), shown in grid.invisible.items()}
    return Grid(rows, grid.encoding, grid.sheet, invisible)


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
