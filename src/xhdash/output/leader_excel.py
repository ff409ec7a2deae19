"""The leader's table as the Excel sheet offices use: a title row, a two-row header with
merged cells (年度目标 · 完成度 · 序时进度 under 目标完成情况, the others merged down), the rows,
then the note on how completion and time progress are computed. Text only, never a formula."""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from xhdash.i18n import tr
from xhdash.meaning.leader import TARGET_GROUP, leader_header, shown_columns

WIDTHS = {"indicator": 24, "period": 14, "current": 16, "yoy": 12, "target": 16,
          "completion": 18, "time_progress": 24, "city_rank": 16}


def leader_xlsx_bytes(frame: pd.DataFrame, lang: str, notes: list[str] = ()) -> bytes:
    """`frame` is leader.leader_table's (keyed columns); the sheet shows its shown columns."""
    columns = shown_columns(frame)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet(tr("leader_sheet", lang))
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "align": "center", "valign": "vcenter", "border": 1,
                            "text_wrap": True})
    cell = book.add_format({"border": 1})
    number = book.add_format({"border": 1, "align": "right"})
    last = len(columns) - 1
    if last > 0:
        sheet.merge_range(0, 0, 0, last, tr("leader_title", lang), title)
    else:
        sheet.write_string(0, 0, tr("leader_title", lang), title)
    grouped = [n for n, c in enumerate(columns) if c in TARGET_GROUP]
    for n, column in enumerate(columns):
        if n in grouped:
            sheet.write_string(2, n, leader_header(column, lang), head)
        else:
            sheet.merge_range(1, n, 2, n, leader_header(column, lang), head)
        sheet.set_column(n, n, WIDTHS.get(column, 14))
    if grouped:
        first, end = grouped[0], grouped[-1]
        if end > first:
            sheet.merge_range(1, first, 1, end, tr("leader_target_group", lang), head)
        else:
            sheet.write_string(1, first, tr("leader_target_group", lang), head)
    body = frame[columns].fillna("").astype(str)
    for r, values in enumerate(body.itertuples(index=False), start=3):
        for n, value in enumerate(values):
            # a string cell: -1.5% is text, never a formula
            sheet.write_string(r, n, str(value), cell if columns[n] in ("indicator", "period")
                               else number)
    sheet.freeze_panes(3, 1)
    below = 3 + len(body) + 1
    for offset, line in enumerate([tr("leader_caption", lang), *notes]):
        sheet.write_string(below + offset, 0, line)
    book.close()
    return buffer.getvalue()
