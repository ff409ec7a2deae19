"""Text from data or the address reaches Markdown and Plotly renderers as text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from xhdash.meaning.plain import WORD_JOINER, escape_markdown, escape_plotly

HOSTILE = ["[数据已迁移，请点此登录](https://evil.example/login)", "see https://evil.example/x",
           "www.evil.example", "mail a@b.example", "$$\\href{https://evil.example}{x}$$",
           "<b>x</b><script>alert(1)</script>", "**bold** _it_ `code`", "# heading", "1. item",
           "- item", ":material/lock:", ":red[x]"]


def unescape(markdown: str) -> str:
    """What CommonMark shows for a backslash-escaped string: the escaped characters."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace(WORD_JOINER, "")


class TestEscapeMarkdown:
    def test_every_hostile_example_reads_as_written(self):
        for text in HOSTILE:
            escaped = escape_markdown(text)
            assert unescape(escaped) == text
            assert "](" not in escaped and "https://" not in escaped and "www." not in escaped
            assert not re.search(r"(?<!\\)[\[\]$*_`<>#]", escaped)

    def test_numbers_and_chinese_are_left_alone(self):
        assert escape_markdown("2023年区级财政收入250.85亿元，增长10.87%。") == (
            "2023年区级财政收入250.85亿元，增长10.87%。")

    def test_none_is_empty(self):
        assert escape_markdown(None) == ""

    @given(st.text(st.characters(exclude_characters=WORD_JOINER), max_size=80))
    def test_any_text_round_trips(self, text):
        assert unescape(escape_markdown(text)) == text


class TestEscapePlotly:
    def test_tags_are_entities(self):
        assert escape_plotly('<a href="https://evil.example">x</a> & <br>') == (
            '&lt;a href="https://evil.example"&gt;x&lt;/a&gt; &amp; &lt;br&gt;')

    def test_plain_text_unchanged(self):
        assert escape_plotly("区级财政收入（亿元）") == "区级财政收入（亿元）"
