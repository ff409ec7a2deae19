"""Recognise a statistical table in a grid: titles, unit note, header rows, footnotes, and the
role of each column; then turn it into one candidate figure per cell."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from metrics.units import UNIT_FACTORS
from xhdash.editors.importer.columns import UNIT_IN_NAME, Layout, classify_columns
from xhdash.editors.importer.grid import Grid
from xhdash.editors.importer.headers import HEADER_JOIN, context_year, unique_headers
from xhdash.editors.importer.values import parse_number, parse_period_text, period_in_year

ROLES = ("indicator", "period", "area", "industry", "value", "growth", "unit", "source", "note",
         "ignore")
UNIT_NOTE = re.compile(r"(?:计量)?单位\s*[:：]\s*([^\s,，;；)）]+)")
FOOTNOTE_PREFIXES = ("注", "资料来源", "数据来源", "说明", "备注", "note", "source", "*")
SOURCE_NOTE = re.compile(r"^(?:资料来源|数据来源|source)\s*[:：]\s*(.+)$", re.IGNORECASE)
PERIOD_IN_TITLE = (re.compile(r"\d{4}年\d{1,2}\s*[-—~至到]\s*\d{1,2}月"),
                   re.compile(r"\d{4}年\d{1,2}月"), re.compile(r"\d{4}年第?[一二三四1-4]季度"),
                   re.compile(r"\d{4}年"))


@dataclass(slots=True)
class Candidate:
    """One figure as the table states it, before names are resolved."""

    row: int  # line of the file (1-based)
    column: str  # header of the column the value stands in
    indicator: str
    period: str | None
    area: str | None
    industry: str | None
    value_text: str
    unit: str | None
    is_growth: bool
    source: str | None = None
    role_columns: tuple[tuple[str, str], ...] = ()  # (role, header) of the row's other columns
    note: str | None = None
    # (role, code points) of the row's name cells that held only invisible characters; such a
    # name is "" (a blank cell is None)
    invisible: tuple[tuple[str, str], ...] = ()
    is_target: bool = False  # a year's target (年度目标 column), not a figure of the period

    def column_of(self, role: str) -> str:
        return dict(self.role_columns).get(role, self.column)

    def shown(self, role: str, text: str | None) -> str:
        """The cell of `role` as a report shows it: its text, or its invisible code points."""
        return dict(self.invisible).get(role, text or "")


def _non_empty(row: list[str]) -> list[str]:
    return [cell for cell in row if cell]


def _is_footnote(row: list[str]) -> bool:
    cells = _non_empty(row)
    return bool(cells) and len(cells) <= 2 and cells[0].lower().startswith(FOOTNOTE_PREFIXES)


def _looks_numeric(cell: str) -> bool:
    return parse_number(cell) is not None


def period_from_title(lines: list[str]) -> str | None:
    for line in lines:
        for pattern in PERIOD_IN_TITLE:
            if match := pattern.search(line.replace(" ", "")):
                if period := parse_period_text(match[0]):
                    return period
    return None


# what a city bulletin's title puts around its indicator: 2024年1-6月各区区级财政收入情况
_BULLETIN_PREFIX = re.compile(r"^(?:上海市|全市)?(?:各区县?|分区|各区的)(?:的)?")
_BULLETIN_SUFFIX = re.compile(r"(?:完成情况|情况|统计表|一览表|表)$")
_BRACKETED = re.compile(r"[(（]([^()（）]*)[)）]")


def indicator_from_title(lines: list[str]) -> str | None:
    """The indicator a city bulletin's title names (各区 then the indicator), with its unit in
    brackets kept (区级财政收入（亿元）); None for a title that names no districts' figures."""
    for line in lines:
        text = line.replace(" ", "")
        for pattern in PERIOD_IN_TITLE:
            text = pattern.sub("", text, count=1) if pattern.search(text) else text
        if not _BULLETIN_PREFIX.match(text):
            continue
        unit = next((u for u in _BRACKETED.findall(text) if u in UNIT_FACTORS or u == "%"), None)
        text = _BULLETIN_SUFFIX.sub("", _BRACKETED.sub("", _BULLETIN_PREFIX.sub("", text)))
        text = _BULLETIN_SUFFIX.sub("", text).strip()
        if text:
            return f"{text}（{unit}）" if unit else text
    return None


def _bulletin_value_column(layout: Layout) -> None:
    """A bulletin's value column may be headed by its indicator (区级财政收入（亿元）): the value,
    its unit the table's unit when no 单位 note gives one."""
    name, unit = _split_unit(layout.title_indicator or "")
    for header in list(layout.unrecognised):
        bare, header_unit = _split_unit(header)
        if bare == name and "value" not in layout.roles.values() and not layout.period_columns:
            layout.unrecognised.remove(header)
            layout.roles[header] = "value"
            layout.unit_note = layout.unit_note or header_unit
    layout.unit_note = layout.unit_note or unit


def _split_frame(grid: Grid) -> tuple[list[tuple[int, list[str]]], Layout]:
    """Rows kept with their file line numbers, minus titles, unit notes and footnotes."""
    layout = Layout()
    rows = [(n + 1, row) for n, row in enumerate(grid.rows) if any(row)]
    while rows and _is_footnote(rows[-1][1]):
        note = " ".join(_non_empty(rows.pop()[1]))
        layout.footnotes.insert(0, note)
        if match := SOURCE_NOTE.match(note):
            layout.source_note = match[1].strip()
    while rows and len(_non_empty(rows[0][1])) <= 1:
        line = _non_empty(rows.pop(0)[1])[0]
        if match := UNIT_NOTE.search(line):
            layout.unit_note = match[1]
            remainder = UNIT_NOTE.sub("", line).strip(" ：:")
            if remainder:
                layout.title.append(remainder)
        else:
            layout.title.append(line)
    if rows:  # a unit note may share the header row's line in its last cell
        for index, cell in enumerate(rows[0][1]):
            if (match := UNIT_NOTE.fullmatch(cell)) and len(_non_empty(rows[0][1])) > 2:
                layout.unit_note = match[1]
                rows[0][1][index] = ""
    width = len(rows[0][1]) if rows else 0
    used = [i for i, column in enumerate(zip(*(r for _, r in rows), strict=True)) if any(column)]
    position = {column: new for new, column in enumerate(used)}
    layout.invisible = {(n + 1, position[c]): shown for (n, c), shown in grid.invisible.items()
                        if c in position}  # header text is put in once the headers are known
    if len(used) == width:
        return rows, layout
    return [(n, [r[i] for i in used]) for n, r in rows], layout


def _headers(rows: list[tuple[int, list[str]]], layout: Layout) -> list[str]:
    top = list(rows[0][1])
    if len(rows) > 2:
        second = rows[1][1]
        data_like = any(_looks_numeric(c) for c in second[1:] if c)
        if not data_like and any(second) and any(not c for c in top[1:]):
            filled, last = [], ""
            for cell in top:
                last = cell or last
                filled.append(last)
            layout.header_rows = 2
            return [HEADER_JOIN.join(p for p in (a, b) if p) or f"列{i + 1}"
                    for i, (a, b) in enumerate(zip(filled, second, strict=False))]
    return [cell or f"列{i + 1}" for i, cell in enumerate(top)]


def recognise(grid: Grid, column_roles: dict[str, str] | None = None, period: str | None = None
              ) -> tuple[Layout, list[tuple[int, list[str]]]]:
    """The table's layout and its data rows (with file line numbers); `period` is the one the
    editor gave (--period), which dates a table whose title does not."""
    rows, layout = _split_frame(grid)
    if not rows:
        return layout, []
    layout.headers = unique_headers(_headers(rows, layout))
    layout.header_line = rows[0][0]
    layout.invisible = {(line, layout.headers[column]): shown
                        for (line, column), shown in layout.invisible.items()}
    layout.title_period = period_from_title(layout.title)
    layout.year = context_year(layout.title_period, period)
    if "indicator" not in (column_roles or {}).values():
        layout.title_indicator = indicator_from_title(layout.title)
    classify_columns(layout, column_roles or {}, period)
    if "indicator" in layout.roles.values() or "area" not in layout.roles.values():
        layout.title_indicator = None
    else:
        _bulletin_value_column(layout)
    layout.shape = "wide" if layout.period_columns else "long"
    return layout, rows[layout.header_rows:]


def _split_unit(indicator: str) -> tuple[str, str | None]:
    if match := UNIT_IN_NAME.match(indicator):
        return match[1].strip(), match[2].strip()
    return indicator, None


def candidates(layout: Layout, rows: list[tuple[int, list[str]]], period_option: str | None
               ) -> list[Candidate]:
    """One candidate per value cell (and per growth cell), carrying the row's other columns."""
    return list(iter_candidates(layout, rows, period_option))


def count_value_cells(layout: Layout, rows: list[tuple[int, list[str]]]) -> int:
    """How many candidates iter_candidates yields at most (for progress)."""
    if layout.shape == "wide":
        return len(rows) * len(layout.period_columns)
    return len(rows) * len({"value", "growth", "target"} & set(layout.roles.values()))


def iter_candidates(layout: Layout, rows: list[tuple[int, list[str]]], period_option: str | None
                    ) -> Iterator[Candidate]:
    """Candidates one at a time, in file order (a row's value before its growth)."""
    index = {h: i for i, h in enumerate(layout.headers)}
    by_role = {role: h for h, role in layout.roles.items() if role != "ignore"}
    role_columns = tuple(by_role.items())
    at = {role: index[header] for role, header in by_role.items()}  # role -> column index
    named = [(role, by_role[role]) for role in ("indicator", "area", "industry", "source", "note")
             if role in by_role]
    values = ([(header, index[header], period, growth)
               for header, (period, growth) in layout.period_columns.items()]
              if layout.shape == "wide" else
              [(by_role[role], at[role], None, role == "growth") for role in ("value", "growth")
               if role in by_role])
    target = (by_role["target"], at["target"]) if "target" in by_role else None
    dated: dict[str, str] = {}  # a period cell's text -> its code, once read in layout.year
    for line, row in rows:
        cells = {role: row[column] or None for role, column in at.items()}
        invisible = ()
        if layout.invisible:  # a name cell that held only invisible characters is "", not None
            invisible = tuple((role, layout.invisible[(line, header)]) for role, header in named
                              if (line, header) in layout.invisible)
            cells.update((role, "") for role, _ in invisible)
        if layout.title_indicator:
            cells["indicator"] = layout.title_indicator
        if cells.get("indicator") is None:
            continue
        indicator, unit_in_name = _split_unit(cells["indicator"])
        unit = cells.get("unit") or unit_in_name or layout.unit_note
        period = _dated(cells.get("period"), layout.year, dated) or period_option or \
            layout.title_period
        for header, column, column_period, is_growth in values:
            yield Candidate(line, header, indicator, column_period or period, cells.get("area"),
                            cells.get("industry"), row[column], "%" if is_growth else unit,
                            is_growth, cells.get("source"), role_columns, cells.get("note") or None,
                            invisible)
        if target is not None:
            text, growth = growth_target_text(row[target[1]])
            yield Candidate(line, target[0], indicator, target_year(period), cells.get("area"),
                            cells.get("industry"), text, "%" if growth else unit, growth,
                            cells.get("source"), role_columns, cells.get("note") or None,
                            invisible, is_target=True)


_GROWTH_TARGET = re.compile(r"^(?:比上年|同比|比去年)?(增长|增速|下降)(?:率)?\s*(.+)$")


def growth_target_text(cell: str) -> tuple[str, bool]:
    """A target cell: '增长5.5%左右' is a growth target of 5.5 (approx), '下降2%' of -2, '270'
    a level target; returns (the number as text, is_growth)."""
    text = (cell or "").strip()
    if match := _GROWTH_TARGET.match(text):
        number = match[2].strip()
        return ("-" + number if match[1] == "下降" else number), True
    return text, text.rstrip().rstrip("以上左右").endswith("%")


def target_year(period: str | None) -> str | None:
    """A target is the year's: a table titled 2024年1-6月… still sets targets for 2024."""
    return period[:4] if period and period[:4].isdigit() else period


def _dated(text: str | None, year: int | None, known: dict[str, str]) -> str | None:
    """A period cell as written, or its code when it is yearless (9月) and the year is known."""
    if not text or year is None:
        return text
    if text not in known:
        known[text] = (period_in_year(text, year) if parse_period_text(text) is None else None
                       ) or text
    return known[text]
