"""Each column's role from its header: the names of a long table's columns (指标, 区域,
街道（镇）, 数值, 比上年增长(%) …), and the periods of a wide table's value and growth columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xhdash.editors.importer.headers import (
    CUMULATIVE_WORDS,
    CURRENT_WORDS,
    HEADER_JOIN,
    context_period,
    header_period,
    needs_year,
    under_period,
)
from xhdash.editors.importer.values import normalise_text

ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("指标", "指标名称", "项目", "名称", "indicator", "item", "name", "indicator_id"),
    "period": ("期间", "时间", "年份", "年度", "月份", "日期", "统计期", "period", "year", "month", "date"),
    "area": ("区域", "地区", "街道", "街镇", "街道镇", "街道(镇)", "功能区", "区", "各区", "区名", "区县",
             "area", "region", "district",
             "street", "area_id"),
    "industry": ("产业", "行业", "产业集群", "industry", "sector", "industry_id"),
    "value": ("数值", "值", "绝对值", "绝对数", "本期", "本年", "总量", "金额", "实绩",
              *sorted(CURRENT_WORDS), *sorted(CUMULATIVE_WORDS), "value", "amount", "total"),
    "unit": ("单位", "计量单位", "unit"),
    # a year's target as offices publish it (2024年主要指标年度目标: 指标 | 单位 | 年度目标)
    "target": ("年度目标", "全年目标", "目标", "目标值", "年度目标值", "预期目标", "年度计划目标",
               "target", "annual target", "annual_target"),
    "source": ("来源", "资料来源", "数据来源", "source"),
    "note": ("备注", "说明", "注", "note", "notes", "remark"),
}
GROWTH_PATTERN = re.compile(r"(比上年|比去年|同比|增长|增速|增幅|growth|yoy|change)", re.IGNORECASE)
# a unit in brackets after a name: 区级财政收入（亿元）, 人口密度(人/平方公里); not (A1:A9)
UNIT_IN_NAME = re.compile(r"^(.*?)[(（]([^()（）0-9A-Za-z:：,，]{1,10})[)）]\s*$")


@dataclass
class Layout:
    """What a table's frame says (title, unit note, footnotes, headers) and each column's role:
    recognised in xhdash.editors.importer.layout, the columns' part filled in here."""

    title: list[str] = field(default_factory=list)
    unit_note: str | None = None
    footnotes: list[str] = field(default_factory=list)
    source_note: str | None = None
    headers: list[str] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # header -> role
    period_columns: dict[str, tuple[str, bool]] = field(default_factory=dict)  # header -> (period, growth)
    unrecognised: list[str] = field(default_factory=list)
    header_rows: int = 1
    shape: str = "long"
    title_period: str | None = None
    header_line: int | None = None  # file line of the (first) header row
    year: int | None = None  # the year yearless headers and cells (1-9月, 三季度) are read in
    yearless: list[str] = field(default_factory=list)  # such headers when no year is known
    invisible: dict[tuple[int, str], str] = field(default_factory=dict)  # (line, header) -> U+…
    # a city bulletin (2024年1-6月各区区级财政收入: districts as rows, no indicator column) names
    # its one indicator in the title
    title_indicator: str | None = None


def alias_role(header: str) -> str | None:
    """The role a header's words give a column (指标, 区域, 增长 …), or None."""
    text = normalise_text(header).lower().replace(" ", "")
    text = UNIT_IN_NAME.sub(r"\1", text) or text
    for role, aliases in ROLE_ALIASES.items():
        if text in {a.lower() for a in aliases}:
            return role
    if GROWTH_PATTERN.search(text):
        return "growth"
    return None


def _period_column(header: str, year: int | None) -> tuple[str, bool] | str | None:
    """(period, is_growth) for a header naming a period, alone or over/under a value or growth
    sub-header; "yearless" when it names one but no year is known; "unrecognised" for a period
    over another kind of column (占比); None for a header that names no period."""
    parts = header.split(HEADER_JOIN)
    if len(parts) > 2:
        return None
    top, sub = parts[0], parts[-1] if len(parts) == 2 else None
    if period := header_period(top, year):
        if sub is None:
            return period, False
        role = alias_role(sub)
        if role == "growth":
            return period, True
        if role == "value" and (within := under_period(period, normalise_text(sub))):
            return within, False
        return "unrecognised"  # a period over a column that is neither its value nor growth
    if sub is not None and (period := header_period(sub, year)):
        return period, alias_role(top) == "growth"
    return "yearless" if any(needs_year(part) for part in parts) else None


def _classify(layout: Layout, mapped: dict[str, str]) -> None:
    """Each header's role, or its period as a wide table's value or growth column."""
    for header in layout.headers:
        if header in mapped:
            layout.roles[header] = mapped[header]
            continue
        found = _period_column(header, layout.year)
        if found == "yearless":
            layout.yearless.append(header)
        elif found == "unrecognised":
            layout.unrecognised.append(header)
        elif found:
            layout.period_columns[header] = found
        elif role := alias_role(header.split(HEADER_JOIN)[-1]) or alias_role(
                header.split(HEADER_JOIN)[0]):
            layout.roles[header] = role
        else:
            layout.unrecognised.append(header)


def _periods_of_words(layout: Layout, period: str | None) -> None:
    """本月 and 累计 columns of a table about one month (its title 2024年9月…) are that month and
    the year to that month, when no column holds the period."""
    if not period or "period" in layout.roles.values():
        return
    for header, role in list(layout.roles.items()):
        word = normalise_text(header)
        if role == "value" and word in CURRENT_WORDS | CUMULATIVE_WORDS and (
                within := under_period(period, word)):
            del layout.roles[header]
            layout.period_columns[header] = (within, False)


def _pair_growth(layout: Layout) -> None:
    """A growth column right after a period's value column is that period's growth: 1-9月 |
    比上年同期增长(%); under one merged period, 本月 | 增长 | 累计 | 增长 pair the same way."""
    previous: tuple[str, str] | None = None  # (top header, period) of the last value column
    for header in layout.headers:
        top = header.split(HEADER_JOIN)[0]
        column = layout.period_columns.get(header)
        if column and not column[1]:
            previous = (top, column[0])
            continue
        if previous and column and HEADER_JOIN in header and top == previous[0]:
            layout.period_columns[header] = (previous[1], True)
        elif previous and layout.roles.get(header) == "growth" and HEADER_JOIN not in header:
            del layout.roles[header]
            layout.period_columns[header] = (previous[1], True)
        previous = None


def classify_columns(layout: Layout, mapped: dict[str, str], period: str | None) -> None:
    """Fill the layout's roles, period columns, yearless and unrecognised headers; `period` is
    the one the editor gave, which dates 本月 and 累计 columns when the title does not."""
    _classify(layout, mapped)
    if not layout.period_columns and not layout.yearless:
        _periods_of_words(layout, context_period(layout.title_period, period))
    _pair_growth(layout)
    if layout.period_columns:  # a wide table reads its periods' columns: another value or
        for header, role in list(layout.roles.items()):  # growth column would be dropped
            if role in ("value", "growth") and header not in mapped:
                del layout.roles[header]
                layout.unrecognised.append(header)
