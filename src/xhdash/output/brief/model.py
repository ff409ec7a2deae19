"""The brief as content, independent of its format: what DOCX, PDF and Markdown all show."""

from __future__ import annotations

from dataclasses import dataclass

from xhdash.i18n import tr


@dataclass(frozen=True)
class TextTable:
    """A table as its readers see it: header and rows of text; `widths` are relative column
    widths for the formats that lay out a page, `numeric` marks the columns of numbers (set
    right-aligned)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    numeric: tuple[bool, ...] = ()

    def __post_init__(self) -> None:
        if not self.numeric:
            object.__setattr__(self, "numeric", (False,) * len(self.columns))
        if len(self.widths) != len(self.columns) or len(self.numeric) != len(self.columns) \
                or any(len(r) != len(self.columns) for r in self.rows):
            raise ValueError("every row, the widths and numeric need one entry per column")


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
    figures_total: int = 0  # figures of the page's domains; more than figures lists when cut
    leader: TextTable = TextTable((), (), ())  # the overview's 主要指标 table (xhdash.meaning.leader)
    leader_note: str = ""  # how to read it (xhdash.meaning.leader.leader_caption)
    attention: tuple[str, ...] = ()  # the overview's 需关注 sentences (xhdash.meaning.attention)
    city_ranks: tuple[str, ...] = ()  # Xuhui among the districts (xhdash.meaning.city_rank)
    changes: tuple[str, ...] = ()  # what the latest publish changed: summary, then lines

    def figures_caption(self) -> str:
        """How many figures (derived among them); when the table lists only the first, how
        many more there are and that the full table is the Excel that comes with the brief."""
        shown = len(self.figures.rows)
        total = max(self.figures_total, shown)
        caption = tr("brief_figures_caption", self.lang, count=total, derived=self.derived_count)
        if total > shown:
            caption += tr("brief_figures_cut", self.lang, shown=shown, more=f"{total - shown:,}")
        return caption
