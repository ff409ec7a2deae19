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
