"""Text from data or from the address, made safe to hand to Streamlit's Markdown renderers.

Streamlit draws alerts, captions, labels, tooltips and `st.markdown` as Markdown (with LaTeX,
colour directives, icons and links that GFM finds in bare URLs). A name, a source note or a URL
parameter must read exactly as written and never become a link, a formula or a heading:
every Markdown-significant character is backslash-escaped, and an invisible word joiner is put
where GFM would otherwise recognise a bare link (`https://`, `www.`, `name@host`) or Streamlit
an icon (`:material/…:`).
"""

from __future__ import annotations

import dataclasses
import re

WORD_JOINER = "\u2060"
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~$:@&=^])")
_ORDERED_ITEM = re.compile(r"(?m)^(\s*\d+)([.)])(?=\s|$)")  # "1. " would start a numbered list
_LINK_STARTS = re.compile(r"(?i)(?<=[a-z])(?=://)|(?<=www)(?=\.)|(?<=@)|(?<=:)(?=[a-z_]+/)")


def escape_markdown(text: object) -> str:
    """`text` as a Markdown string that renders exactly as `text`, with no markup or links."""
    if text is None:
        return ""
    raw = _LINK_STARTS.sub(WORD_JOINER, str(text))
    return _ORDERED_ITEM.sub(r"\1\\\2", _MARKDOWN_PUNCTUATION.sub(r"\\\1", raw))


def escape_plotly(text: object) -> str:
    """`text` for a Plotly title, label, legend or hover text: its tags (<a href>, <b>, <br>)
    shown as written, never followed or drawn."""
    if text is None:
        return ""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# What XML 1.0 may not hold (C0 controls but tab and line breaks, lone surrogates, U+FFFE and
# U+FFFF) and the other noncharacters: python-docx and the chart renderer refuse them.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                          + "".join(chr(plane * 0x10000 + last) for plane in range(1, 17)
                                    for last in (0xFFFE, 0xFFFF)) + "]")


def remove_xml_invalid(text: str) -> str:
    """`text` without the characters no XML document (Word, SVG, the renderer's JSON) may hold."""
    return _XML_INVALID.sub("", text)


def xml_safe(value):
    """`value` with remove_xml_invalid applied to every string in it: strings, lists, tuples,
    dicts and frozen dataclasses (a brief) are rebuilt; anything else is returned as it is."""
    if isinstance(value, str):
        return remove_xml_invalid(value)
    if isinstance(value, dict):
        return {xml_safe(k): xml_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) and not hasattr(value, "_fields"):
        return type(value)(xml_safe(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: xml_safe(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


_TEXT_MARKUP = re.compile(r"([\\`*_~\[\]|])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")


def neutralise_markdown(text: object) -> str:
    """`text` from data for the plain-text (Markdown) brief, which is pasted into messages and
    OA forms that may render Markdown or HTML: on one line, no tag (a word joiner after `<`),
    no link, image or emphasis (`[ ] * _ ~ | \\` and backticks backslash-escaped) and no bare
    link, yet readable as it stands (numbers, signs and Chinese punctuation left alone)."""
    if text is None:
        return ""
    raw = _LINK_STARTS.sub(WORD_JOINER, " ".join(remove_xml_invalid(str(text)).split()))
    return _TEXT_MARKUP.sub(r"\\\1", _TAG_START.sub("<" + WORD_JOINER, raw))
