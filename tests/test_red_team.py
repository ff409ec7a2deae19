"""Red-team inputs that once broke the dashboard, each kept as a test.

A source or name holding U+FFFE/U+FFFF took the brief down in every format (python-docx refuses
XML-invalid characters; plotly.js failed on them in a chart footer), and the Markdown brief
passed tags and links from the data through to the text meant for pasting into messages."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from xhdash.brief import build_brief, to_docx, to_markdown, to_pdf
from xhdash.brief.model import TextTable
from xhdash.charts import chart_rows, make_chart_figure
from xhdash.export_images import render_chart_image
from xhdash.filters import Filters
from xhdash.importer.pipeline import run_import
from xhdash.importer.resolve import ImportOptions
from xhdash.page_specs import PAGES
from xhdash.paths import DATA_DIR
from xhdash.plain import neutralise_markdown, printable
from xhdash.store import load_store
from xhdash.tables import load_parquet_tables

BAD = ["\ufffe", "\uffff", "\x01", "\x0b", "\ufdd0", "\U0001fffe", "\ud800"]
HOSTILE_SOURCES = ["S<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                   "![p](https://evil.example/p.png)", "**粗体** `代码` <script>alert(1)</script>"]


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


@pytest.fixture(scope="module")
def poisoned(store):
    """The shipped store with every source's title and publisher carrying U+FFFE and U+FFFF,
    as a store written before the importer removed them would."""
    sources = store.tables["sources"].copy()
    for column in ("title_zh", "title_en", "publisher_zh", "publisher_en"):
        sources[column] = sources[column] + "\ufffe来源\uffff"
    return replace(store, tables={**store.tables, "sources": sources})


class TestPrintable:
    @pytest.mark.parametrize("char", BAD)
    def test_removed(self, char):
        assert printable(f"统计{char}局") == "统计局"

    def test_tab_and_line_breaks_stay(self):
        assert printable("a\tb\nc\rd") == "a\tb\nc\rd"


class TestImportRemovesThem:
    @pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\x01", "\ufdd0"])
    def test_in_a_name_and_a_source(self, char):
        table = f"指标,期间,区域,数值,单位,来源\n常住人口{char},2030,徐汇区,110,万人,统计{char}局公报\n"
        result = run_import(table.encode(), "p.csv", load_parquet_tables(DATA_DIR), ImportOptions())
        assert result.ok
        assert result.diff["indicator_id"].tolist() == ["population"]
        [source] = result.resolution.sources.values()
        assert source["title_zh"] == "统计局公报"


class TestEveryWriterTakesAStoreThatHasThem:
    @pytest.fixture(scope="class")
    def brief(self, poisoned):
        return build_brief(poisoned, "overview", Filters(), "zh", exported=date(2026, 12, 7),
                           images=False)

    def test_word(self, brief):
        document = Document(io.BytesIO(to_docx(brief)))
        text = "\n".join(p.text for p in document.paragraphs) + "".join(
            cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert "来源" in text and "\ufffe" not in text and "\uffff" not in text

    def test_pdf(self, brief):
        assert to_pdf(brief)[:5] == b"%PDF-"

    def test_text(self, brief):
        text = to_markdown(brief)
        assert "\ufffe" not in text and "\uffff" not in text

    def test_a_chart_image_whose_footer_names_such_a_source(self, poisoned):
        spec = PAGES["overview"].charts[0]
        rows = chart_rows(poisoned.observations, spec, None)
        figure = make_chart_figure(rows, spec, poisoned.tables, "zh")
        image = render_chart_image(figure, rows, spec, poisoned.tables, "zh", "png")
        assert image[:8] == b"\x89PNG\r\n\x1a\n"


class TestTheTextBriefNeutralisesMarkup:
    @pytest.mark.parametrize("source", HOSTILE_SOURCES)
    def test_a_hostile_source_reads_as_written(self, store, source):
        brief = build_brief(store, "governance", Filters(), "zh", images=False)
        table = TextTable(("来源",), ((source,),), (1,))
        text = to_markdown(replace(brief, sources=table, sentences=(f"据{source}统计。",),
                                   filters=source))
        unescaped = re.compile(r"(?<!\\)(<img|<script|\]\(javascript:|!\[|\*\*)")
        assert unescaped.findall(text) == []
        assert neutralise_markdown(source) in text

    def test_ordinary_text_is_left_readable(self):
        assert neutralise_markdown("2023年1-9月（累计）：250.85亿元, +10.87%") == \
            "2023年1-9月（累计）：250.85亿元, +10.87%"
