"""Cell text as statisticians write it: numbers, qualifiers, missing marks, periods."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

MISSING_MARKS = {"", "—", "——", "–", "-", "--", "…", "……", "...", "/", "na", "n/a", "null", "无", "空"}
_PREFIX_QUALIFIERS = (("≥", "ge"), (">=", "ge"), (">", "ge"), ("≤", "le"), ("<=", "le"),
                      ("<", "le"), ("≈", "approx"), ("约", "approx"), ("~", "approx"))
_SUFFIX_QUALIFIERS = (("以上", "ge"), ("多", "ge"), ("余", "ge"), ("以下", "le"), ("以内", "le"),
                      ("左右", "approx"))
_WORD_MARKS = {"约", "以上", "多", "余", "以下", "以内", "左右"}  # kept as the source's word
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_PLAIN = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CN_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CN_MONTHS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "十": 10, "十一": 11, "十二": 12}
_MONTH_WORD = r"\d{1,2}|十[一二]|[一二三四五六七八九十]"
# words around a yearless period that do not change it: 1-9月累计, 本年1-9月, 累计1-9月
YEARLESS_AFFIXES = re.compile(r"^(?:本年|今年|本年度)?(?:累计)?|(?:累计|合计)$")
_NAMED_SPANS = {"上半年": (1, 6), "下半年": (7, 12), "前三季度": (1, 9), "全年": (1, 12)}
# zero-width characters, bidi controls and control codes (NUL …; not tab, line breaks): invisible,
# yet they make two equal-looking names differ
# Noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane) and lone
# surrogates go too: no XML document may hold them, so python-docx and the chart renderer refuse
# them (issue 21).
_PLANE_NONCHARACTERS = "".join(chr(plane * 0x10000 + last) for plane in range(1, 17)
                               for last in (0xFFFE, 0xFFFF))
INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
                       f"\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_PLANE_NONCHARACTERS}]")
MAX_MAGNITUDE = 1e15  # larger than any district figure in any unit; beyond it a typo or an attack
FIRST_YEAR, LAST_YEAR = 1900, 2100


def normalise_text(value: object) -> str:
    """Zero-width characters, bidi and other control characters removed, then NFKC (full-width to half-width),
    whitespace runs squeezed to one space and trimmed; None → ''."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii() and text.isprintable():  # most cells: nothing to remove or to fold
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFKC", INVISIBLE.sub("", text)).split())


def is_invisible(value: object) -> bool:
    """Text that is not blank, yet empty once normalised (only zero-width or bidi characters)."""
    return value is not None and bool(str(value).strip()) and not normalise_text(value)


def shown_code_points(value: object) -> str:
    r"""Invisible text made visible for a report: '\u200b' → 'U+200B'."""
    return " ".join(f"U+{ord(char):04X}" for char in str(value) if not char.isspace())


def is_missing(text: str) -> bool:
    return normalise_text(text).lower() in MISSING_MARKS


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    qualifier: str
    percent: bool
    word: str | None = None  # the source's qualifier word (以上, 左右, 余), not a symbol (≥, ≈)


def parse_number(text: str) -> ParsedNumber | None:
    """'1,234.5' → 1234.5; '10.87%' → 10.87 (percent); '5.5以上' → 5.5 ≥; None if not a number
    or not finite (1e309 would be infinity)."""
    if _PLAIN.fullmatch(text):  # most cells: a plain decimal, nothing to strip
        value = float(text)
        return ParsedNumber(value, "exact", False) if math.isfinite(value) else None
    cell = normalise_text(text).replace(" ", "")
    qualifier, word = "exact", None
    for mark, meaning in _PREFIX_QUALIFIERS:
        if cell.startswith(mark):
            cell, qualifier, word = cell[len(mark):], meaning, mark
            break
    for mark, meaning in _SUFFIX_QUALIFIERS:
        if cell.endswith(mark) and qualifier == "exact":
            cell, qualifier, word = cell[: -len(mark)], meaning, mark
            break
    percent = cell.endswith("%")
    cell = cell.removesuffix("%")
    if _THOUSANDS.match(cell):
        cell = cell.replace(",", "")
    if not _NUMBER.match(cell):
        return None
    value = float(cell)
    if not math.isfinite(value):  # 1e309 overflows to inf
        return None
    return ParsedNumber(value, qualifier, percent, word if word in _WORD_MARKS else None)


def is_plausible(value: float) -> bool:
    return abs(value) <= MAX_MAGNITUDE


def parse_period_text(text: str) -> str | None:
    """A period code from how tables write it; None if the text is not a period.

    2023 / 2023年 → 2023; 2023Q2 / 2023年第二季度 / 2023年二季度 → 2023Q2;
    2023-06 / 2023年6月 / 2023.6 / 202306 → 2023-06; 2023年1-6月 → 2023-01/2023-06.
    """
    cell = normalise_text(text).replace(" ", "")
    if match := re.fullmatch(r"(\d{4})(年|年度)?", cell):
        return match[1]
    if match := re.fullmatch(r"(\d{4})(?:年)?(?:第)?([一二三四1-4])(?:季度|季)|(\d{4})Q([1-4])", cell,
                             flags=re.IGNORECASE):
        year = match[1] or match[3]
        quarter = _CN_QUARTERS[match[2] or match[4]]
        return f"{year}Q{quarter}"
    if match := re.fullmatch(r"(\d{4})年(\d{1,2})[-—~至到](\d{1,2})月", cell):
        year, first, last = match[1], int(match[2]), int(match[3])
        if 1 <= first <= last <= 12:
            return f"{year}-{first:02d}/{year}-{last:02d}"
        return None
    if match := re.fullmatch(r"(\d{4})(?:年|[-./])(\d{1,2})月?|(\d{4})(\d{2})", cell):
        year, month = (match[1], match[2]) if match[1] else (match[3], match[4])
        if 1 <= int(month) <= 12:
            return f"{year}-{int(month):02d}"
        return None
    if match := re.fullmatch(r"(\d{4})年(.+)", cell):  # 2023年1-6月累计, 2023年上半年, 2023年9月份
        return period_in_year(match[2], int(match[1]))
    return None


def _month_number(text: str) -> int | None:
    number = int(text) if text.isdigit() else _CN_MONTHS.get(text)
    return number if number is not None and 1 <= number <= 12 else None


def _months(first: int, last: int, year: int) -> str | None:
    if not 1 <= first <= last <= 12:
        return None
    if first == last:
        return f"{year:04d}-{first:02d}"
    return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"


def period_in_year(text: str, year: int) -> str | None:
    """The period code of a header that names a month, a span of months or a quarter without
    its year, as bulletins head their columns under a title such as 2024年1-9月…; None if the
    text is not such a period.

    1-9月 / 1—9月 / 1～9月 / 1-9月累计 / 前三季度 → 2024-01/2024-09; 9月 / 9月份 → 2024-09;
    第三季度 / 三季度 / 3季度 → 2024Q3; 上半年 → 2024-01/2024-06; 全年 → 2024.
    """
    cell = normalise_text(text).replace(" ", "")
    cell = YEARLESS_AFFIXES.sub("", cell) or cell
    if cell in _NAMED_SPANS:
        first, last = _NAMED_SPANS[cell]
        return str(year) if (first, last) == (1, 12) and cell == "全年" else _months(
            first, last, year)
    if match := re.fullmatch(rf"({_MONTH_WORD})\s*[-—–~至到]\s*({_MONTH_WORD})月份?", cell):
        first, last = _month_number(match[1]), _month_number(match[2])
        return _months(first, last, year) if first and last and first < last else None
    if match := re.fullmatch(rf"({_MONTH_WORD})月份?", cell):
        month = _month_number(match[1])
        return f"{year:04d}-{month:02d}" if month else None
    if match := re.fullmatch(r"第?([一二三四1-4])季度?", cell):
        return f"{year:04d}Q{_CN_QUARTERS[match[1]]}"
    if match := re.fullmatch(r"第?([一二三四1-4])[-—–~至到]([一二三四1-4])季度?", cell):
        first, last = _CN_QUARTERS[match[1]], _CN_QUARTERS[match[2]]
        return _months(3 * first - 2, 3 * last, year) if first < last else None
    return None


def years_in_range(code: str) -> bool:
    """Every year a period code names lies within FIRST_YEAR..LAST_YEAR (2023, 2023-01/2023-06)."""
    return all(FIRST_YEAR <= int(part[:4]) <= LAST_YEAR for part in code.split("/"))
