"""Period codes read as dates: the one grammar of ``2023``, ``2023Q2``, ``2023-06`` and ``START/END``.

Pure (no app imports), so that growth rates can pair a period with the year before and count the
years of a CAGR. `xhdash.periods` builds its `Period` (labels, frequencies) on `period_bounds`.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

PERIOD_KINDS = ("year", "quarter", "month", "range")
PARSED_PERIODS_KEPT = 8192
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date.fromordinal(date(year, month + 1, 1).toordinal() - 1)


def _single_bounds(code: str) -> tuple[str, date, date] | None:
    if match := _YEAR.match(code):
        year = int(match[1])
        return "year", date(year, 1, 1), date(year, 12, 31)
    if match := _QUARTER.match(code):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * quarter - 2
        return "quarter", date(year, first_month, 1), month_end(year, first_month + 2)
    if match := _MONTH.match(code):
        year, month = int(match[1]), int(match[2])
        return "month", date(year, month, 1), month_end(year, month)
    return None


@lru_cache(maxsize=PARSED_PERIODS_KEPT)
def period_bounds(code: str) -> tuple[str, str, date, date]:
    """(code, kind, first day, last day) of a canonical period code, the code stripped; raise
    ValueError naming the code when it is not one."""
    text = str(code).strip()
    if "/" in text:
        left, _, right = text.partition("/")
        first, last = _single_bounds(left), _single_bounds(right)
        if first and last and first[1] <= last[1]:
            return text, "range", first[1], last[2]
    elif single := _single_bounds(text):
        return (text, *single)
    raise ValueError(f"not a period code: {code!r}")


def span_in_years(first: str, last: str) -> float:
    """Whole years between two annual codes (for CAGR); other kinds by start dates in years."""
    _, start_kind, start, _ = period_bounds(first)
    _, end_kind, end, _ = period_bounds(last)
    if start_kind == end_kind == "year":
        return float(end.year - start.year)
    return (end - start).days / 365.25


def shift_years(code: str, years: int) -> str:
    """The same period `years` later (negative: earlier): 2023 -> 2022, 2023Q2 -> 2022Q2."""
    _, kind, start, _ = period_bounds(code)
    if kind == "range":
        return "/".join(shift_years(part, years) for part in code.split("/"))
    return f"{start.year + years:04d}{code[4:]}"  # the quarter or month suffix, if any, is kept
