"""The brief as content, independent of its format: what DOCX, PDF and Markdown all show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextTable:
    """A table as its readers see it: header and rows of text; `widths` are relative column
    widths for the formats that lay out a page."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.widths) != len(self.columns) or any(len(r) != len(self.columns)
                                                          for r in self.rows):
            raise ValueError("every row and the widths need one entry per column")

    def numeric_columns(self) -> tuple[bool, ...]:
        """Which columns hold only numbers (1,113,078; -1.5), to be right-aligned."""
        return tuple(bool(self.rows) and all(is_number(row[i]) for row in self.rows if row[i])
                     and any(row[i] for row in self.rows) for i in range(len(self.columns)))


def is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class BriefChart:
    """One chart: its title with unit, a PNG of the finished figure (None when not rendered)
    and its footer, line by line; `drawn` is False when the filters leave it no figures (the
    footer then says so)."""

    title: str
    image: bytes | None
    footer: tuple[str, ...]
    drawn: bool = True


@dataclass(frozen=True)
class Brief:
    lang: str
    page_id: str
    title: str  # 徐汇区, the page and the period covered
    period: str  # the period covered, e.g. 2019年—2024年1-9月
    date: str  # the day it was made, in words
    filters: str  # the filters in words
    sentences: tuple[str, ...]
    charts: tuple[BriefChart, ...]
    figures: TextTable  # every figure of the page's domains
    derived_count: int
    sources: TextTable  # the sources its figures cite
    units: TextTable  # unit and 口径 of its indicators
