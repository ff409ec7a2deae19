"""How wide text is drawn, in ems, and text wrapped to a width: for chart titles, ticks and the
slide images' lines (xhdash.output.charts, xhdash.output.export_images), measured without a font."""

from __future__ import annotations

import re
import unicodedata

_TOKENS = re.compile(r"[A-Za-z0-9.,:;%'’()/+\-–—&]+\s*|\s+|.", re.S)


def text_em(text: str) -> float:
    """The width of `text` in ems: wide (CJK) characters one, others a little over half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def wrap_text(text: str, max_em: float) -> list[str]:
    """`text` in lines of at most `max_em` ems: Latin words kept whole where they fit, CJK
    broken between any two characters."""
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        if line and text_em(line + token.rstrip()) > max_em:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while text_em(line) > max_em and len(line) > 1:  # a word longer than a line
            cut = max(1, int(len(line) * max_em / text_em(line)))
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]
