"""The brief on an office's year of tables (tests/fixtures/office.py, 测试用合成数据): years,
quarters, months and 1-N月, sources as stated. Titles and chart footers label each period with
its own frequency, a chart never shows two, and long tables break across pages with their
header repeated."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.fixtures.office import SYNTHETIC, publish_office_fixture
from xhdash.data.store import load_store
from xhdash.data.versions import ensure_initialised, locate_tables
from xhdash.i18n import LABELS
from xhdash.meaning.filters import Filters
from xhdash.output.brief import build_brief, to_docx, to_markdown, to_pdf

DAY = date(2026, 11, 28)
FREQUENCY_NAMES = [zh for zh, _ in LABELS["frequency"].values()]
CUMULATIVE = r"\d{4}年1-\d{1,2}月"


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    store = tmp_path_factory.mktemp("office") / "store"
    ensure_initialised(store)
    publish_office_fixture(store)
    return load_store(locate_tables(store))


@pytest.fixture(scope="module")
def nine_months(tmp_path_factory):
    """The shipped data with the 2024年1-9月 bulletin and the 2023 cumulative bulletin."""
    store = tmp_path_factory.mktemp("nine") / "store"
    ensure_initialised(store)
    publish_office_fixture(store, only=("03", "04"))
    return load_store(locate_tables(store))


@pytest.fixture(scope="module")
def overview(office):
    return build_brief(office, "overview", Filters(), "zh", exported=DAY)


def frequencies_named(footer: tuple[str, ...]) -> list[str]:
    line = next(line for line in footer if "频率：" in line)
    return [name for name in FREQUENCY_NAMES if name in line]


class TestBuildBriefOnAnOfficeStore:
    def test_the_title_ends_with_the_latest_span_as_labelled(self, nine_months):
        brief = build_brief(nine_months, "overview", Filters(), "zh", images=False)
        assert brief.title == "徐汇区总览（2019年—2024年1-9月）"

    def test_year_to_date_chosen_titles_and_footers_say_1_n_months(self, nine_months):
        brief = build_brief(nine_months, "overview", Filters(frequencies=("cumulative",)), "zh",
                            images=False)
        assert re.fullmatch(rf"徐汇区总览（{CUMULATIVE}—2024年1-9月）", brief.title)
        drawn = [c for c in brief.charts if c.drawn]
        assert drawn
        for chart in drawn:
            periods = re.search(r"期间：(.*?)。", chart.footer[1])[1]
            assert all(re.fullmatch(CUMULATIVE, p) for p in re.split("—|、", periods)), periods
            assert frequencies_named(chart.footer) == ["累计（1—N月）"]

    @pytest.mark.parametrize("frequency", [None, "year", "quarter", "cumulative"])
    def test_every_chart_names_one_frequency(self, office, frequency):
        filters = Filters(frequencies=(frequency,) if frequency else ())
        for page in ("overview", "livelihood"):
            brief = build_brief(office, page, filters, "zh", images=False)
            for chart in brief.charts:
                if chart.drawn:
                    assert len(frequencies_named(chart.footer)) == 1, chart.footer

    def test_quarters_are_labelled_as_quarters(self, office):
        brief = build_brief(office, "overview", Filters(frequencies=("quarter",)), "zh",
                            images=False)
        assert brief.title == "徐汇区总览（2022年第1季度—2024年第4季度）"

    def test_sources_as_stated_never_an_internal_id(self, overview):
        footers = " ".join(line for chart in overview.charts for line in chart.footer)
        assert SYNTHETIC in footers
        assert not re.search(r"imp_[0-9a-f]+", footers)
        cells = " ".join(cell for row in overview.figures.rows for cell in row)
        assert SYNTHETIC in cells and not re.search(r"imp_[0-9a-f]+", cells)
        assert not any("imp_" in cell for row in overview.sources.rows for cell in row)


class TestToPdfOnAnOfficeStore:
    @pytest.fixture(scope="class")
    @classmethod
    def pdf(cls, overview, tmp_path_factory):
        path = tmp_path_factory.mktemp("pdf") / "overview.pdf"
        path.write_bytes(to_pdf(overview))
        return path

    def test_the_figures_table_repeats_its_header_on_every_page(self, pdf, overview):
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True).stdout)[1])
        row_line = re.compile(r"\d{4}年.*徐汇区.*(报告值|派生值|看板解读)")
        table_pages = 0
        for page in range(1, pages + 1):
            text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout",
                                   str(pdf), "-"], capture_output=True, text=True).stdout
            lines = [re.sub(r"\s+", "", line) for line in text.splitlines()]
            if any(row_line.search(line) for line in lines):
                table_pages += 1
                assert any(line.startswith("指标期间") and "区域" in line for line in lines), page
        assert table_pages >= 3

    def test_every_figure_is_there(self, pdf, overview):
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"],
                                                 capture_output=True, text=True).stdout)
        value = overview.figures.columns.index("数值")
        assert all(row[value] in text for row in overview.figures.rows)


class TestToDocxOnAnOfficeStore:
    def test_one_header_row_marked_to_repeat_and_every_figure(self, overview):
        document = Document(io.BytesIO(to_docx(overview)))
        # the figures table (the overview's leader's table, 主要指标, comes before it)
        table = next(t for t in document.tables
                     if tuple(c.text for c in t.rows[0].cells) == overview.figures.columns)
        assert len(table.rows) == len(overview.figures.rows) + 1
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [tuple(c.text for c in row.cells) for row in table.rows[1:]] == list(
            overview.figures.rows)


ATTENTION = ("2024年，全区区级财政收入263.9亿元，完成年度目标的97.7%。",
             "2024年，全区地区生产总值增长5.3%，低于目标0.2个百分点。")


class TestAttentionInTheBrief:
    """需关注 on the office's tables (its year's targets) in every format of the overview's brief."""

    def test_the_brief_holds_the_overviews_attention_list(self, overview):
        assert overview.attention == ATTENTION

    def test_the_text_brief(self, overview):
        text = to_markdown(overview)
        assert "## 需关注" in text and all(f"- {s}" in text for s in ATTENTION)

    def test_the_word_brief(self, overview):
        paragraphs = [p.text for p in Document(io.BytesIO(to_docx(overview))).paragraphs]
        heading = next(i for i, text in enumerate(paragraphs) if text.endswith("需关注"))
        assert paragraphs[heading + 1: heading + 3] == list(ATTENTION)

    def test_the_pdf_brief(self, pdf_text):
        assert "需关注" in pdf_text and all(s in pdf_text for s in ATTENTION)

    def test_another_page_has_none(self, office):
        assert build_brief(office, "zones", Filters(), "zh",
                           images=False).attention == ()


@pytest.fixture(scope="module")
def pdf_text(overview, tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf_text") / "overview.pdf"
    path.write_bytes(to_pdf(overview))
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                             text=True).stdout)


class TestRanksAndChangesInTheBrief:
    """Xuhui among the districts and what the latest publish changed, in the overview's brief
    on the office's tables (the revision of 2024年11月 is their last publish)."""

    RANK = "2024年1-6月，区级财政收入位列全市第3，增速位列第5（本看板按16个区的数字计算）。"
    REVISED = "2024年1-11月，区级财政收入：240.46亿元 → 240.76亿元（修订）"

    def test_the_brief_holds_them(self, overview):
        assert self.RANK in overview.city_ranks
        assert overview.changes[0].endswith("修订2个数字，新增0个，删除0个。")
        assert self.REVISED in overview.changes

    def test_in_every_format(self, overview, pdf_text):
        text = to_markdown(overview)
        assert "## 在全市各区中" in text and "## 本次更新" in text and self.REVISED in text
        paragraphs = [p.text for p in Document(io.BytesIO(to_docx(overview))).paragraphs]
        assert self.RANK in paragraphs and self.REVISED in paragraphs
        assert re.sub(r"\s+", "", self.REVISED) in pdf_text

    def test_the_shipped_data_has_neither(self):
        from xhdash.paths import DATA_DIR
        shipped = build_brief(load_store(DATA_DIR), "overview", Filters(), "zh", images=False)
        assert shipped.city_ranks == () and shipped.changes == ()
