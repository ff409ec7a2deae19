"""The Word brief's page and type, declared once: the Chinese brief in the form of Party and
government documents (党政机关公文格式, GB/T 9704-2012), the English one on the same page in
Times New Roman. word.py reads nothing else for fonts, sizes, margins or line pitch.

The fonts are named as an office's Windows or WPS has them (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312, 宋体); the font table also gives each a common alternative name (FangSong …),
which Word and WPS try when the first is missing."""

from __future__ import annotations

import math
from dataclasses import dataclass

from xhdash.i18n import in_lang

POINTS_PER_MM = 72 / 25.4
SIZE_PT = {"二号": 22.0, "三号": 16.0, "四号": 14.0, "小四": 12.0, "五号": 10.5}
LATIN = "Times New Roman"  # digits and Latin letters, in both languages
ALTERNATIVE_NAMES = {  # the font table's w:altName: what to try when the named font is missing
    "方正小标宋简体": "FZXiaoBiaoSong-B05S",
    "仿宋_GB2312": "FangSong",
    "楷体_GB2312": "KaiTi",
    "黑体": "SimHei",
    "宋体": "SimSun",
}
NUMERALS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Type:
    """One kind of text: its Chinese font, its size in points, whether bold, and the line
    pitch it is set on (exact, in points; None: single spacing, for pictures' neighbours and
    tables)."""

    east_asian: str
    size_pt: float
    bold: bool = False
    line_pt: float | None = None
    latin: str = LATIN


@dataclass(frozen=True)
class WordForm:
    """The page (A4, margins in millimetres) and the type of every kind of text."""

    title: Type
    body: Type
    heading_1: Type
    heading_2: Type
    table: Type
    table_header: Type
    note: Type  # a chart's footer, a table's caption
    page_number: Type
    indent_chars: int = 2  # the body's first line, and the headings, in characters of the body
    page_mm: tuple[float, float] = (210.0, 297.0)
    top_mm: float = 37.0
    bottom_mm: float = 35.0
    left_mm: float = 28.0
    right_mm: float = 26.0
    page_number_below_mm: float = 7.0  # the page number's line, below the text block
    page_number_sides: bool = True  # odd pages' on the right, even pages' on the left
    chinese_numerals: bool = True  # headings counted 一、（一） (公文) or 1. 1.1

    def heading_number(self, section: int, item: int | None = None) -> str:
        """A heading's number: 三 and 二 for (一)… in a 公文, 3 and 3.2 otherwise."""
        if self.chinese_numerals:
            return chinese_numeral(section if item is None else item)
        return str(section) if item is None else f"{section}.{item}"

    @property
    def text_width_mm(self) -> float:
        return self.page_mm[0] - self.left_mm - self.right_mm

    @property
    def text_width_pt(self) -> float:
        return self.text_width_mm * POINTS_PER_MM

    @property
    def indent_pt(self) -> float:
        return self.indent_chars * self.body.size_pt

    @property
    def footer_distance_mm(self) -> float:
        """From the page's foot to the page number's line (its baseline about a line's height
        under its top, page_number_below_mm under the text block)."""
        line_mm = self.page_number.size_pt / POINTS_PER_MM
        return self.bottom_mm - self.page_number_below_mm - line_mm


# 22 lines on the text block's 225 mm (GB/T 9704-2012 7.1: 22 lines of 28 characters), rounded
# down to the twentieth of a point Word stores (28.95 pt): 29 pt would leave room for 21
GONGWEN_LINE_PT = math.floor((297.0 - 37.0 - 35.0) * POINTS_PER_MM / 22 * 20) / 20

GONGWEN = WordForm(
    title=Type("方正小标宋简体", SIZE_PT["二号"], line_pt=GONGWEN_LINE_PT + 6),
    body=Type("仿宋_GB2312", SIZE_PT["三号"], line_pt=GONGWEN_LINE_PT),
    heading_1=Type("黑体", SIZE_PT["三号"], line_pt=GONGWEN_LINE_PT),
    heading_2=Type("楷体_GB2312", SIZE_PT["三号"], line_pt=GONGWEN_LINE_PT),
    table=Type("仿宋_GB2312", SIZE_PT["小四"]),
    table_header=Type("黑体", SIZE_PT["小四"]),
    note=Type("仿宋_GB2312", SIZE_PT["小四"]),
    page_number=Type("宋体", SIZE_PT["四号"], latin="宋体"),  # 4号半角宋体 digits
)

ENGLISH = WordForm(
    title=Type("宋体", 18.0, bold=True, line_pt=26.0),
    body=Type("宋体", 12.0, line_pt=18.0),
    heading_1=Type("宋体", 14.0, bold=True, line_pt=22.0),
    heading_2=Type("宋体", 12.0, bold=True, line_pt=18.0),
    table=Type("宋体", 10.0),
    table_header=Type("宋体", 10.0, bold=True),
    note=Type("宋体", 10.0),
    page_number=Type("宋体", 12.0),
    indent_chars=0,
    page_number_sides=False,  # centred
    chinese_numerals=False,
)


def word_form(lang: str) -> WordForm:
    """The Chinese brief is a 公文; any other language takes the English form."""
    return in_lang((GONGWEN, ENGLISH), lang)


def chinese_numeral(number: int) -> str:
    """一 … 九十九, as 公文 headings count (一、 … （一）)."""
    if not 0 < number < 100:
        raise ValueError(f"a heading number from 1 to 99, not {number}")
    tens, units = divmod(number, 10)
    return ((NUMERALS[tens] if tens > 1 else "") + ("十" if tens else "")
            + (NUMERALS[units] if units else ""))
