"""Column headers as statistics offices' bulletins write them: a period without its year (1-9月,
9月, 三季度) read in the year of the title, a period over a value and a growth column, 本月 and
累计 under a month, a growth column after a period's column, and repeated headers told apart."""

from __future__ import annotations

import re
from collections import Counter

from xhdash.editors.importer.values import parse_period_text, period_in_year
from xhdash.periods import is_period_code, parse_period

HEADER_JOIN = "|"
CUMULATIVE_WORDS = frozenset({"累计", "本年累计", "累计数", "自年初累计", "年初至今"})
CURRENT_WORDS = frozenset({"本月", "当月", "本月数", "当月数"})
_YEAR = re.compile(r"(\d{4})")


def context_period(title_period: str | None, option: str | None) -> str | None:
    """The period a table is about: its title's, else the one the editor gave (--period)."""
    if title_period:
        return title_period
    if option:
        return option if is_period_code(option) else parse_period_text(option)
    return None


def context_year(title_period: str | None, option: str | None) -> int | None:
    """The year in which a yearless header (1-9月) is read: the title's, else the option's."""
    for text in (title_period, option):
        if text and (match := _YEAR.match(str(text).strip())):
            return int(match[1])
    return None


def header_period(text: str, year: int | None) -> str | None:
    """A header's period: written in full (2024年1-9月), or yearless and read in `year`."""
    return parse_period_text(text) or (period_in_year(text, year) if year else None)


def needs_year(text: str) -> bool:
    """The header names a month, a span of months or a quarter without saying of which year."""
    return parse_period_text(text) is None and period_in_year(text, 2000) is not None


def under_period(period: str, word: str) -> str | None:
    """The period of a 本月 or 累计 column under (or in a table about) `period`:
    累计 under 2024年9月 or 第三季度 is 2024-01/2024-09, under a year the year; 本月 under 1-9月
    is 2024-09. Any other word leaves the period as it is; None for 本月 under a year or quarter."""
    if word not in CUMULATIVE_WORDS | CURRENT_WORDS:
        return period
    parsed = parse_period(period)
    last = period.split("/")[-1]
    if word in CURRENT_WORDS:
        return last if len(last) == 7 and parsed.kind in ("month", "range") else None
    if parsed.kind in ("month", "quarter") and parsed.end.month > 1:
        year = parsed.end.year
        return f"{year:04d}-01/{year:04d}-{parsed.end.month:02d}"
    return period  # a year, January, or a span already as written


def unique_headers(headers: list[str]) -> list[str]:
    """Headers that repeat (比上年同期增长(%) after 9月 and after 1-9月) are told apart by the
    header before them (9月|比上年同期增长(%)), else by their column number."""
    counts = Counter(headers)
    if all(n == 1 for n in counts.values()):
        return headers
    named: list[str] = []
    for index, header in enumerate(headers):
        name = header
        if counts[header] > 1 and index and HEADER_JOIN not in header:
            name = f"{headers[index - 1].split(HEADER_JOIN)[0]}{HEADER_JOIN}{header}"
        if name in named or (name != header and name in counts):
            name = f"{header}（第{index + 1}列）"
        named.append(name)
    return named
