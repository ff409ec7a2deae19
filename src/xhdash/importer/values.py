"""Cell text as statisticians write it: numbers, qualifiers, missing marks, periods."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MISSING_MARKS = {"", "—", "——", "–", "-", "--", "…", "……", "...", "/", "na", "n/a", "null", "无", "空"}
_PREFIX_QUALIFIERS = (("≥", "ge"), (">=", "ge"), (">", "ge"), ("≤", "le"), ("<=", "le"),
                      ("<", "le"), ("≈", "approx"), ("约", "approx"), ("~", "approx"))
_SUFFIX_QUALIFIERS = (("以上", "ge"), ("多", "ge"), ("余", "ge"), ("以下", "le"), ("以内", "le"),
                      ("左右", "approx"))
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_CN_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def normalise_text(value: object) -> str:
    """Full-width to half-width (NFKC), spaces squeezed and trimmed; None → ''."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ")
    return re.sub(r"\s+", " ", text).strip()


def is_missing(text: str) -> bool:
    return normalise_text(text).lower() in MISSING_MARKS


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    qualifier: str
    percent: bool


def parse_number(text: str) -> ParsedNumber | None:
    """'1,234.5' → 1234.5; '10.87%' → 10.87 (percent); '5.5以上' → 5.5 ≥; None if not a number."""
    cell = normalise_text(text).replace(" ", "")
    qualifier = "exact"
    for mark, meaning in _PREFIX_QUALIFIERS:
        if cell.startswith(mark):
            cell, qualifier = cell[len(mark):], meaning
            break
    for mark, meaning in _SUFFIX_QUALIFIERS:
        if cell.endswith(mark) and qualifier == "exact":
            cell, qualifier = cell[: -len(mark)], meaning
            break
    percent = cell.endswith("%")
    cell = cell.removesuffix("%")
    if _THOUSANDS.match(cell):
        cell = cell.replace(",", "")
    if not _NUMBER.match(cell):
        return None
    return ParsedNumber(float(cell), qualifier, percent)


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
