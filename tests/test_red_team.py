"""The red team's inputs (issue 21): characters no XML may hold, and markup in names and sources,
from an import to every brief and image."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.meaning.plain import WORD_JOINER, neutralise_markdown, remove_xml_invalid, xml_safe
from xhdash.output.brief import brief_bytes, to_markdown
from xhdash.output.brief.model import Brief, BriefChart, TextTable
from xhdash.paths import DATA_DIR

NONCHARACTERS = ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\x0b", "\x1f", "\x00"]
MARKUP = ["S<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![i](https://evil.example/x.png)",
          "**粗体** _斜_ `code`", "<script>alert(1)</script>", "a | b", "see https://evil.example/login",
          "</textarea><b>x</b>"]


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def brief_with(text: str) -> Brief:
    table = TextTable(columns=("指标", "来源"), rows=((f"财政{text}收入", f"徐汇区统计局{text}"),),
                      widths=(1.0, 1.0))
    return Brief(lang="zh", page_id="overview", title=f"徐汇区{text}", period="2024年",
                 date="2026年12月7日", filters=f"街道：{text}", sentences=(f"区级财政收入{text}增长。",),
                 charts=(BriefChart(title=f"图{text}", image=None, footer=(f"来源：{text}",),
                                    drawn=False),),
                 figures=table, derived_count=0, sources=table, units=table)


class TestImportRemovesCharactersXmlCannotHold:
    @pytest.mark.parametrize("char", [c for c in NONCHARACTERS if c != "\x00"])  # NUL: binary
    def test_source_and_name_lose_the_character(self, tables, char):
        data = (f"指标,期间,数值,来源\n区级财政收入{char},2030,1,徐汇区统计局{char}\n").encode()
        result = run_import(data, "s.csv", tables, ImportOptions(editor="root"))
        assert result.ok, [i.message("en") for i in result.errors]
        sources = result.tables["sources"]
        added = sources[sources["source_id"].str.startswith("imp_")]
        assert added["title_zh"].tolist() == ["徐汇区统计局"]
        assert len(result.diff) == 1
        names = result.tables["indicators"]["name_zh"]
        assert not names.str.contains(char, regex=False).any()

    def test_the_editors_source_loses_it_too(self, tables):
        data = "指标,期间,数值\n区级财政收入,2030,1\n".encode()
        result = run_import(data, "s.csv", tables, ImportOptions(source="区统计局\ufffe年报\uffff"))
        sources = result.tables["sources"]
        assert sources[sources["source_id"].str.startswith("imp_")]["title_zh"].tolist() == [
            "区统计局年报"]


class TestWritersNeverSeeThem:
    @pytest.mark.parametrize("char", NONCHARACTERS)
    def test_word_brief_is_made(self, char):
        document = Document(io.BytesIO(brief_bytes(brief_with(char), "docx")))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "徐汇区" in text and char not in text

    @pytest.mark.parametrize("char", ["\ufffe", "\uffff"])
    def test_markdown_brief_has_none(self, char):
        assert char not in to_markdown(brief_with(char))

    def test_xml_safe_rebuilds_nested_values(self):
        assert xml_safe({"a\ufffe": ["x\uffff", ("y\x00", 1)]}) == {"a": ["x", ("y", 1)]}
        assert remove_xml_invalid("徐汇\ttab\nline\ufffe") == "徐汇\ttab\nline"

    def test_chart_image_with_the_character_in_its_footer(self):
        from xhdash.output.export_images.server import render_image

        figure = {"data": [{"type": "bar", "x": ["a\ufffe"], "y": [1]}],
                  "layout": {"title": {"text": "来源：徐汇区统计局\ufffe\uffff"},
                             "annotations": [{"text": "来源\ufffe", "showarrow": False}]}}
        assert render_image(figure, "svg", 400, 300, 1).startswith(b"<svg")


class TestMarkdownBriefIsNeutral:
    @pytest.mark.parametrize("text", MARKUP)
    def test_no_tag_link_or_emphasis_from_data(self, text):
        markdown = to_markdown(brief_with(text))
        assert not re.search(r"<[A-Za-z/!?]", markdown)
        assert not re.search(r"(?<!\\)\]\(", markdown) and "https://" not in markdown
        assert not re.search(r"(?<!\\)[\[\]*`]", markdown)
        for line in markdown.splitlines():
            if line.startswith("|") and "徐汇区统计局" in line:
                assert line.count("|") - line.count("\\|") == 3  # two cells, no new column

    def test_reads_as_written_apart_from_escapes(self):
        for text in MARKUP:
            shown = re.sub(r"\\(.)", r"\1", neutralise_markdown(text)).replace(WORD_JOINER, "")
            assert shown == text

    def test_numbers_and_chinese_are_left_alone(self):
        assert neutralise_markdown("2023年区级财政收入250.85亿元，增长-10.87%（同比）。") == (
            "2023年区级财政收入250.85亿元，增长-10.87%（同比）。")

    def test_a_line_break_in_data_does_not_start_a_heading(self):
        assert "\n# " not in to_markdown(brief_with("x\n# 标题"))
