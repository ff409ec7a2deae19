"""The brief of a page (xhdash.output.brief): content built once, written as Word, PDF and plain
text, each found to hold the page's sentences, every figure with its source, and the filters
in words; and `xhdash brief` end to end."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import numpy as np
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from PIL import Image

from xhdash.data.store import load_store
from xhdash.meaning.cards import domain_indicators, latest_sentences
from xhdash.meaning.filters import Filters
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.views import describe_filters
from xhdash.output.brief import (
    UnknownPage,
    brief_bytes,
    build_brief,
    covered_period,
    to_docx,
    to_markdown,
    to_pdf,
)
from xhdash.output.brief.choices import brief_filters, unknown_filter_values
from xhdash.output.brief.sentences import page_sentences
from xhdash.output.charts import chart_rows, make_chart_figure
from xhdash.output.export_images import render_chart_image, slide_figure
from xhdash.paths import DATA_DIR
from xhdash.serving.cli import main

DAY = date(2026, 11, 28)
FILTERS = Filters(sources=("S1",), statuses=("reported",))


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


@pytest.fixture(scope="module")
def brief(store):
    return build_brief(store, "livelihood", FILTERS, "zh", exported=DAY)


@pytest.fixture(scope="module")
def docx_document(brief):
    return Document(io.BytesIO(to_docx(brief)))


@pytest.fixture(scope="module")
def pdf_file(brief, tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "brief.pdf"
    path.write_bytes(to_pdf(brief))
    return path


def pdf_text(path, *pages: int) -> str:
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(["pdftotext", *span, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def squeeze(text: str) -> str:
    """Text without the spaces and line breaks a layout puts in."""
    return re.sub(r"\s+", "", text)


class TestCoveredPeriod:
    def test_first_and_latest_each_with_its_own_label(self):
        assert covered_period(["2019", "2023", "2024-01/2024-09"], "zh") == "2019年—2024年1-9月"

    def test_one_period_is_one_label(self):
        assert covered_period(["2024-01/2024-09"], "zh") == "2024年1-9月"
        assert covered_period(["2024-01/2024-09"], "en") == "Jan–Sep 2024"

    def test_multi_year_spans_count_only_alone(self):
        assert covered_period(["2020/2023", "2022", "2023"], "zh") == "2022年—2023年"
        assert covered_period(["2020/2023"], "zh") == "2020年—2023年"

    def test_nothing_is_empty(self):
        assert covered_period([], "zh") == ""


class TestPageSentences:
    def test_a_sentence_for_every_indicator_of_the_page(self, store):
        expected = latest_sentences(store.observations, store.tables, domain_indicators(
            store.indicators, PAGES["overview"].domains), "zh")
        assert "2023年，全区区级财政收入250.85亿元，比上年增长10.87%。" in expected
        assert page_sentences(store.observations, store.tables, PAGES["overview"], "zh") == \
            expected


class TestBuildBrief:
    def test_title_names_the_district_the_page_and_the_period(self, brief):
        assert brief.title == "徐汇区民生成效（2023年）"
        assert brief.date == "2026年11月28日"

    def test_filters_in_words(self, brief, store):
        assert brief.filters == describe_filters(FILTERS, store.tables, "zh")
        assert "S1 解放日报" in brief.filters and "报告值" in brief.filters

    def test_sentences_are_the_pages(self, brief, store):
        assert list(brief.sentences) == latest_sentences(
            store.observations[store.observations["source_id"].eq("S1")
                               & store.observations["status"].eq("reported")],
            store.tables, domain_indicators(store.indicators, PAGES["livelihood"].domains), "zh")
        assert brief.sentences

    def test_every_chart_with_an_image_and_its_footer(self, brief):
        assert [c.title for c in brief.charts][0] == "为民办实事（件）"
        assert len(brief.charts) == len(PAGES["livelihood"].charts)
        for chart in brief.charts:
            assert chart.image[:4] == b"\x89PNG"
            assert chart.footer[0].startswith("来源：")
            assert chart.footer[-1].endswith("徐汇区统计数据看板")

    def test_the_figures_are_the_pages_with_stage_words_and_source(self, brief, store):
        columns = brief.figures.columns
        assert {"指标", "期间", "数据阶段", "数值", "单位", "原文表述", "来源"} <= set(columns)
        domains = store.indicators.loc[store.indicators["domain_id"].isin(
            PAGES["livelihood"].domains), "indicator_id"]
        expected = store.observations[store.observations["indicator_id"].isin(domains)
                                      & store.observations["source_id"].eq("S1")
                                      & store.observations["status"].eq("reported")]
        assert len(brief.figures.rows) == len(expected) > 0
        assert {row[columns.index("来源")] for row in brief.figures.rows} == {"S1 解放日报"}

    def test_appendices_cite_sources_and_definitions(self, brief):
        assert [row[0] for row in brief.sources.rows] == ["S1 解放日报"]
        assert brief.units.columns == ("指标", "单位", "口径")
        assert brief.units.rows

    def test_progress_rises_to_one(self, store):
        calls = []
        build_brief(store, "governance", Filters(), "en", progress=lambda f, m: calls.append(
            (f, m)), images=False)
        fractions = [f for f, _ in calls]
        assert fractions == sorted(fractions) and fractions[0] == 0 and fractions[-1] == 1
        assert any("Chart 1/5" in m for _, m in calls)

    def test_without_images_no_chart_is_rendered(self, store):
        brief = build_brief(store, "governance", Filters(), "zh", images=False)
        assert all(c.image is None and c.footer for c in brief.charts)

    def test_a_chart_the_filters_empty_says_so(self, store):
        brief = build_brief(store, "overview", Filters(sources=("S1",)), "zh", images=False)
        empty = [c for c in brief.charts if not c.drawn]
        assert empty and all(c.footer == ("当前筛选条件下没有数据。",) for c in empty)

    def test_an_unknown_page_is_refused(self, store):
        with pytest.raises(UnknownPage):
            build_brief(store, "nowhere", Filters(), "zh")

    def test_english(self, store):
        brief = build_brief(store, "livelihood", Filters(), "en", images=False)
        assert brief.title == "Xuhui District: Livelihood outcomes (2023)"
        assert brief.figures.columns[0] == "Indicator"


def figure_rows(brief) -> list[tuple[str, str, str]]:
    """(indicator, value, source) of every figure in the brief's table."""
    columns = brief.figures.columns
    return [(row[0], row[columns.index("数值")], row[columns.index("来源")])
            for row in brief.figures.rows]


class TestToDocx:
    def test_real_headings_numbered_as_a_gongwen(self, docx_document, brief):
        headings = [(p.style.name, p.text) for p in docx_document.paragraphs
                    if p.style.name.startswith(("Heading", "Title"))]
        assert headings[0] == ("Title", brief.title)
        assert [text for style, text in headings if style == "Heading 1"] == [
            "一、要点", "二、图表", "三、本页全部数字", "附录一　来源", "附录二　指标口径"]
        assert [text for style, text in headings if style == "Heading 2"] == [
            f"（{numeral}）{chart.title}" for numeral, chart in zip("一二三四五", brief.charts,
                                                                  strict=True)]

    def test_sentences_and_filters_as_text(self, docx_document, brief):
        texts = [p.text for p in docx_document.paragraphs]
        assert [t for t in texts if t in brief.sentences] == list(brief.sentences)
        assert f"筛选条件：{brief.filters}" in texts

    def test_every_figure_in_one_row_with_its_source(self, docx_document, brief):
        table = docx_document.tables[0]
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells[0] == list(brief.figures.columns)
        assert [tuple(row) for row in cells[1:]] == list(brief.figures.rows)
        for indicator, value, source in figure_rows(brief):
            assert any(row[0] == indicator and value in row and source in row
                       for row in cells[1:])

    def test_header_repeats_and_rows_do_not_split(self, docx_document):
        for table in docx_document.tables:
            rows = table.rows
            assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
            assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)
            assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])

    def test_each_chart_under_its_heading_an_image_then_its_footer(self, docx_document, brief):
        assert len(docx_document.inline_shapes) == len(brief.charts)
        paragraphs = docx_document.paragraphs
        for chart in brief.charts:
            at = next(n for n, p in enumerate(paragraphs)
                      if p.style.name == "Heading 2" and p.text.endswith(chart.title))
            picture, note = paragraphs[at + 1], paragraphs[at + 2]
            assert picture._p.xpath(".//pic:pic") and picture.paragraph_format.keep_with_next
            assert note.text.split("\n") == list(chart.footer)

    def test_page_number_field_at_the_foot_as_a_gongwen_numbers_pages(self, docx_document):
        """— 1 —: odd pages on the right, even pages on the left."""
        assert docx_document.settings.odd_and_even_pages_header_footer
        section = docx_document.sections[0]
        for footer, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                             (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            assert " PAGE " in footer._element.xml
            assert footer.paragraphs[0].text == "— 1 —"  # the field's last value shown: 1
            assert footer.paragraphs[0].alignment == side


class TestToPdf:
    def test_sentences_figures_and_filters_are_selectable_text(self, pdf_file, brief):
        text = squeeze(pdf_text(pdf_file))
        assert squeeze(brief.title) in text
        assert squeeze(brief.filters) in text
        for sentence in brief.sentences:
            assert squeeze(sentence) in text
        for chart in brief.charts:
            assert all(squeeze(line) in text for line in chart.footer)

    def test_sentences_read_as_the_page_writes_them(self, pdf_file, brief):
        """No space put between Chinese and digits (3460个, not 3460 个): the PDF says each
        figure as the page, the Word brief and the source do."""
        lines = {line.strip().lstrip("•·").strip() for line in pdf_text(pdf_file).splitlines()}
        short = [s for s in brief.sentences if len(s) < 30 and re.search(r"\d", s)]
        assert short and all(sentence in lines for sentence in short)

    def test_every_figure_in_one_row_with_its_source(self, pdf_file, brief):
        """A row's first line starts with its indicator (a long name wraps within its cell)
        and holds its value and its source."""
        lines = [squeeze(line) for line in pdf_text(pdf_file).splitlines()]
        for indicator, value, source in figure_rows(brief):
            assert any(line.startswith(squeeze(indicator)[:8]) and squeeze(value) in line
                       and line.endswith(squeeze(source)) for line in lines), (indicator, value)

    def test_noto_cjk_is_embedded(self, pdf_file):
        fonts = subprocess.run(["pdffonts", str(pdf_file)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        cjk = [line for line in fonts if "NotoSansCJK" in line]
        assert cjk and all(line.split()[-5] == "yes" for line in cjk)  # emb column
        assert all(line.split()[-5] == "yes" for line in fonts)

    def test_page_numbers(self, pdf_file):
        text = pdf_text(pdf_file)
        pages = int(re.search(r"共\s*(\d+)\s*页", text)[1])
        assert pages > 1 and f"第 {pages} 页，共 {pages} 页" in text


def printed_times(brief, line: str) -> int:
    """How often `line` is in the charts' footers (two charts may cite the same sources)."""
    return sum(squeeze(other).count(squeeze(line)) for chart in brief.charts
               for other in chart.footer)


def lowest_dark_row(png: bytes) -> int:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return int(np.flatnonzero((pixels < 128).any(axis=1)).max())


def highest_dark_row(png: bytes) -> int:
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return int(np.flatnonzero((pixels < 128).any(axis=1)).min())


class TestOneFooterPerChart:
    """Each chart's footer (sources, periods, the export line) is printed once, as text beneath
    its image: the brief's image draws none, the page's downloaded image keeps its own."""

    def test_the_brief_images_end_at_the_axis(self, brief):
        drawn = [chart for chart in brief.charts if chart.image is not None]
        assert drawn and all(lowest_dark_row(c.image) < 1800 - 110 for c in drawn)

    def test_the_downloaded_image_keeps_its_footer(self, store):
        spec = PAGES["livelihood"].charts[0]
        rows = chart_rows(store.observations, spec)
        figure = make_chart_figure(rows, spec, store.tables, "zh")
        downloaded = render_chart_image(figure, rows, spec, store.tables, "zh", "png",
                                        exported=DAY)
        assert lowest_dark_row(downloaded) > 1800 - 100  # its last footer line
        without = slide_figure(figure, rows, spec, store.tables, "zh", exported=DAY, footer=False)
        assert not without.layout.annotations and not without.layout.shapes

    def test_the_brief_images_draw_no_title(self, brief, store):
        """The brief writes a chart's title as its heading; the image does not draw it again
        (the downloaded image, which stands alone on a slide, keeps it)."""
        spec = PAGES["livelihood"].charts[0]
        rows = chart_rows(store.observations, spec)
        figure = make_chart_figure(rows, spec, store.tables, "zh")
        untitled = slide_figure(figure, rows, spec, store.tables, "zh", exported=DAY,
                                footer=False, title=False)
        titled = slide_figure(figure, rows, spec, store.tables, "zh", exported=DAY)
        assert not untitled.layout.title.text and titled.layout.title.text
        assert untitled.layout.margin.t < titled.layout.margin.t  # the plot takes the room
        downloaded = render_chart_image(figure, rows, spec, store.tables, "zh", "png",
                                        exported=DAY)
        first = brief.charts[0]  # the same chart in the brief: its image starts lower
        assert first.title == titled.layout.title.text.replace("<br>", "")
        assert highest_dark_row(first.image) > highest_dark_row(downloaded) + 40

    def test_pdf_each_footer_line_once_per_chart(self, pdf_file, brief):
        text = squeeze(pdf_text(pdf_file))
        text = text[text.index(squeeze(brief.charts[0].title)):text.index("本页全部数字")]
        for chart in brief.charts:
            for line in chart.footer:
                assert text.count(squeeze(line)) == printed_times(brief, line), line
        assert text.count("导出日期：") == len(brief.charts)

    def test_docx_each_footer_line_once_per_chart(self, docx_document, brief):
        texts = [p.text for p in docx_document.paragraphs]
        text = squeeze("\n".join(texts[texts.index("二、图表"):texts.index("三、本页全部数字")]))
        for chart in brief.charts:
            for line in chart.footer:
                assert text.count(squeeze(line)) == printed_times(brief, line), line
        assert text.count("导出日期：") == len(brief.charts)


class TestToMarkdown:
    def test_sentences_figures_and_filters_as_plain_text(self, brief):
        text = to_markdown(brief)
        assert text.startswith(f"# {brief.title}\n")
        assert f"筛选条件：{brief.filters}" in text
        for sentence in brief.sentences:
            assert f"- {sentence}\n" in text
        for row in brief.figures.rows:
            assert "| " + " | ".join(row) + " |" in text

    def test_no_images(self, brief):
        text = to_markdown(brief)
        assert "![" not in text and ".png" not in text

    def test_a_pipe_in_the_data_does_not_break_the_table(self, brief):
        from dataclasses import replace

        from xhdash.output.brief.model import TextTable

        odd = replace(brief, figures=TextTable(("指标", "来源"), (("甲|乙", "来源\n一"),), (1, 1)))
        assert "| 甲\\|乙 | 来源 一 |" in to_markdown(odd)


class TestBriefBytes:
    def test_each_format(self, brief):
        assert brief_bytes(brief, "docx")[:2] == b"PK"
        assert brief_bytes(brief, "pdf")[:5] == b"%PDF-"
        assert brief_bytes(brief, "md").decode("utf-8").startswith("# ")

    def test_an_unknown_format_is_refused(self, brief):
        with pytest.raises(ValueError, match="format"):
            brief_bytes(brief, "rtf")


class TestUnknownFilterValues:
    def test_known_values_pass(self, store):
        assert unknown_filter_values({"areas": ("xuhui",), "frequencies": ("year",)}, "2020",
                                     "2024-01/2024-09", store.tables) == []

    def test_each_unknown_value_is_named_with_its_flag(self, store):
        unknown = unknown_filter_values({"areas": ("nowhere",), "sources": ("S9",),
                                         "frequencies": ("weekly",)}, "2023年", None,
                                        store.tables)
        assert unknown == ["--area nowhere", "--frequency weekly", "--source S9", "--from 2023年"]

    def test_one_frequency_only(self, store):
        assert unknown_filter_values({"frequencies": ("year", "month")}, None, None,
                                     store.tables) == ["--frequency month（只能选一个 only one）"]


class TestBriefFilters:
    def test_values_become_filters(self):
        assert brief_filters({"areas": ("xuhui",)}, "2023", None) == Filters(
            areas=("xuhui",), period_from="2023")


class TestRunBrief:
    @pytest.mark.parametrize("suffix", [".docx", ".pdf", ".md"])
    def test_each_format_on_the_shipped_data(self, tmp_path, capsys, suffix):
        out = tmp_path / f"brief{suffix}"
        assert main(["brief", "--page", "governance", "--source", "S1", "--out", str(out)]) == 0
        printed = capsys.readouterr().out
        assert "[ 10%] 生成图表 1/5：调研课题“5+83+642”" in printed and "[100%] 完成" in printed
        data = out.read_bytes()
        if suffix == ".docx":
            texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
            assert "筛选条件：来源：S1 解放日报" in texts
        elif suffix == ".pdf":
            assert squeeze("筛选条件：来源：S1 解放日报") in squeeze(pdf_text(out))
        else:
            assert "筛选条件：来源：S1 解放日报" in data.decode("utf-8")

    def test_english(self, tmp_path, capsys):
        out = tmp_path / "brief.md"
        assert main(["brief", "--page", "industry", "--lang", "en", "--out", str(out)]) == 0
        assert out.read_text(encoding="utf-8").startswith("# Xuhui District: Industry clusters")

    def test_an_unknown_page_exits_2(self, tmp_path, capsys):
        assert main(["brief", "--page", "nowhere", "--out", str(tmp_path / "b.md")]) == 2
        assert "未知的页面：nowhere" in capsys.readouterr().err
        assert not (tmp_path / "b.md").exists()

    def test_an_unknown_filter_value_exits_2(self, tmp_path, capsys):
        out = tmp_path / "b.pdf"
        assert main(["brief", "--page", "zones", "--area", "nowhere", "--out", str(out)]) == 2
        assert "--area nowhere" in capsys.readouterr().err
        assert not out.exists()

    def test_an_unknown_extension_exits_2(self, tmp_path, capsys):
        assert main(["brief", "--page", "zones", "--out", str(tmp_path / "b.rtf")]) == 2
        assert ".docx" in capsys.readouterr().err
