"""Text from data or from the address, made safe to hand to Streamlit's Markdown renderers.

Streamlit draws alerts, captions, labels, tooltips and `st.markdown` as Markdown (with LaTeX,
colour directives, icons and links that GFM finds in bare URLs). A name, a source note or a URL
parameter must read exactly as written and never become a link, a formula or a heading:
every Markdown-significant character is backslash-escaped, and an invisible word joiner is put
where GFM would otherwise recognise a bare link (`https://`, `www.`, `name@host`) or Streamlit
an icon (`:material/…:`).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
# What no writer may be handed: characters XML 1.0 forbids (C0 controls but tab, LF and CR;
# surrogates; U+FFFE and U+FFFF), the other Unicode noncharacters (U+FDD0–U+FDEF and the last
# two code points of every plane) and DEL. python-docx refuses them outright; plotly.js fails on
# some; typst and a pasted message show them as boxes.
_NONCHARACTERS = "".join(chr(plane * 0x10000 + last) for plane in range(17) for last in (0xFFFE, 0xFFFF))
NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
                           + _NONCHARACTERS + "]")
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$:@&=^])")
_ORDERED_ITEM = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")  # "1. " would start a numbered list
_LINK_STARTS = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=www)(?=\.)|(?<=@)|(?<=:)(?=[a-z_]+/)")


def printable(text: object) -> str:
    """`text` without the characters no writer may be handed (NOT_PRINTABLE); None → ''."""
    if text is None:
        return ""
    return NOT_PRINTABLE.sub("", str(text))


def escape_markdown(text: object) -> str:
    """`text` as a Markdown string that renders exactly as `text`, with no markup or links."""
    if text is None:
        return ""
    raw = _LINK_STARTS.sub(WORD_JOINER, printable(text))
    return _ORDERED_ITEM.sub(r"\1\\\2", _MARKDOWN_PUNCTUATION.sub(r"\\\1", raw))


_MARKUP_PUNCTUATION = re.compile(r"([\\`*_\[\]<>|#~])")


def neutralise_markdown(text: object) -> str:
    """`text` for a plain text that is also Markdown (the brief to paste into a message or an
    OA form): tags, links, images, emphasis, code and table bars from the data shown as written,
    while the text stays readable as it stands (hyphens, brackets of words, colons and dots are
    left alone, unlike `escape_markdown`, which serves Streamlit's richer renderer)."""
    if text is None:
        return ""
    return _MARKUP_PUNCTUATION.sub(r"\\\1", _LINK_STARTS.sub(WORD_JOINER, printable(text)))


def escape_plotly(text: object) -> str:
    """`text` for a Plotly title, label, legend or hover text: its tags (<a href>, <b>, <br>)
    shown as written, never followed or drawn."""
    if text is None:
        return ""
    return printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
