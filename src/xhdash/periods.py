"""Periods: years, quarters, months and ranges of them, as canonical codes.

Canonical codes: ``2023`` (year), ``2023Q2`` (quarter), ``2023-06`` (month) and
``START/END`` for a span of two such codes (``2023-01/2023-06``, ``2020/2023``).

Every period has a frequency, read from its code in one place (`Period.frequency`): annual,
quarterly, monthly, cumulative (1–N月 of one year: ``2024-01/2024-09``, 2024年1-9月) or another
span. Pages compare like with like by it: a chart draws one frequency, and 同比 pairs a period
with the same span a year before (`shift_years`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from metrics.periods import PARSED_PERIODS_KEPT, PERIOD_KINDS, month_end, period_bounds
from metrics.periods import shift_years as shift_years  # the grammar of codes lives in metrics
from metrics.periods import span_in_years as span_in_years
from xhdash.i18n import label, tr

__all__ = ["PERIOD_KINDS", "FREQUENCIES", "Period", "parse_period", "is_period_code", "span_in_years",
           "shift_years", "frequency_of", "frequency_label", "recency_key", "chronological_key",
           "month_name"]
FREQUENCIES = ("year", "quarter", "month", "cumulative", "span")


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    start: date
    end: date

    @property
    def frequency(self) -> str:
        """year, quarter or month; cumulative for 1–N月 of one year; span for any other."""
        if self.kind != "range":
            return self.kind
        within_year = self.start.year == self.end.year
        return "cumulative" if within_year and self.start.month == 1 and self.start.day == 1 \
            and self.end.day == month_end(self.end.year, self.end.month).day else "span"

    @property
    def months(self) -> int:
        """How many calendar months the period covers."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def label(self, lang: str = "zh") -> str:
        """A reader's label: 2023年 / 2023年第2季度 / 2023年6月 / 2024年1-9月, or 2023 / 2023 Q2 /
        Jun 2023 / Jan–Sep 2024."""
        if self.kind == "range":
            first, last = (parse_period(part) for part in self.code.split("/"))
            if (first.kind == last.kind == "month" and first.start.year == last.start.year):
                year, one, other = first.start.year, first.start.month, last.start.month
                if one == other:
                    return tr("period_month", lang, year=year, month=month_name(one, lang))
                return tr("period_months", lang, year=year, first=month_name(one, lang),
                          last=month_name(other, lang))
            return tr("period_span", lang, first=first.label(lang), last=last.label(lang))
        year = self.start.year
        if self.kind == "year":
            return tr("period_year", lang, year=year)
        if self.kind == "quarter":
            return tr("period_quarter", lang, year=year, quarter=(self.start.month - 1) // 3 + 1)
        month = self.start.month
        return tr("period_month", lang, year=year, month=month_name(month, lang))


def month_name(month: int, lang: str) -> str:
    """A month as a period label writes it: 9 in Chinese (2024年9月), Sep in English."""
    return tr(f"month_{month}", lang)


@lru_cache(maxsize=PARSED_PERIODS_KEPT)
def parse_period(code: str) -> Period:
    """Parse a canonical period code; raise ValueError naming the code when it is not one.
    (A store holds a few hundred distinct codes; each is parsed once.)"""
    return Period(*period_bounds(code))


def is_period_code(code: object) -> bool:
    try:
        parse_period(str(code))
    except ValueError:
        return False
    return True


def frequency_of(code: str) -> str:
    return parse_period(code).frequency


def frequency_label(frequency: str, lang: str = "zh") -> str:
    return label("frequency", frequency, lang)


def recency_key(code: str) -> tuple:
    """Orders periods from the most recent: later end first, then the longer period (a year
    before its fourth quarter, 1-9月 before 9月)."""
    period = parse_period(code)
    return (-period.end.toordinal(), -period.months, code)


def chronological_key(code: str) -> tuple:
    """Orders periods along a time axis: by end, then start."""
    period = parse_period(code)
    return (period.end, period.start)
