"""The Word brief's form, read back with python-docx: the Chinese brief laid out as a 公文
(GB/T 9704-2012: A4, margins 37/35/28/26 mm, 方正小标宋简体 title, 仿宋_GB2312 body, 黑体 and
楷体_GB2312 headings, fixed line pitch, — 1 — at the foot), the English one in Times New Roman
on the same page, and every table within the text's width."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from xhdash.data.store import load_store
from xhdash.meaning.filters import Filters
from xhdash.output.brief import build_brief, to_docx
from xhdash.output.brief.gongwen import GONGWEN, chinese_numeral
from xhdash.paths import DATA_DIR

DAY = date(2026, 11, 28)
TEXT_WIDTH_TWIPS = round((210 - 28 - 26) / 25.4 * 1440)  # 156 mm


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


def word(store, page: str, lang: str):
    brief = build_brief(store, page, Filters(), lang, exported=DAY, images=False)
    return Document(io.BytesIO(to_docx(brief)))


@pytest.fixture(scope="module")
def zh(store):
    return word(store, "overview", "zh")  # the overview: its leader's table, then the figures


@pytest.fixture(scope="module")
def en(store):
    return word(store, "overview", "en")


def east_asian_font(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def latin_fonts(element) -> tuple[str | None, str | None]:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    return (None, None) if fonts is None else (fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi")))


class TestPage:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a4_with_the_gongwen_margins(self, store, lang, zh, en):
        section = (zh if lang == "zh" else en).sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(m.mm, 1) for m in (section.top_margin, section.bottom_margin,
                                         section.left_margin, section.right_margin)] == [
            37.0, 35.0, 28.0, 26.0]

    def test_the_page_number_sits_about_7_mm_under_the_text(self, zh):
        section = zh.sections[0]
        gap = section.bottom_margin.mm - section.footer_distance.mm
        assert 7 <= gap <= 14  # 7 mm to the number's top, plus its own height (4号, ~5 mm)


class TestChineseStyles:
    @pytest.mark.parametrize("style, font, size", [
        ("Title", "方正小标宋简体", 22), ("Normal", "仿宋_GB2312", 16), ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16), ("Brief Table", "仿宋_GB2312", 12),
        ("Footer", "宋体", 14)])
    def test_east_asian_font_and_size(self, zh, style, font, size):
        declared = zh.styles[style]
        assert east_asian_font(declared.element) == font
        assert declared.font.size == Pt(size)

    @pytest.mark.parametrize("style", ["Title", "Normal", "Heading 1", "Heading 2", "Brief Table"])
    def test_digits_and_latin_in_times_new_roman(self, zh, style):
        assert latin_fonts(zh.styles[style].element) == ("Times New Roman", "Times New Roman")

    def test_no_theme_font_overrides_them(self, zh):
        for style in ("Title", "Normal", "Heading 1", "Heading 2"):
            fonts = zh.styles[style].element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            assert not any(name.endswith("Theme") for name in (qn_local(a) for a in fonts.attrib))

    def test_headings_neither_bold_nor_coloured(self, zh):
        for style in ("Title", "Heading 1", "Heading 2"):
            font = zh.styles[style].font
            assert font.bold is False and str(font.color.rgb) == "000000"

    def test_body_on_a_fixed_line_pitch_indented_two_characters(self, zh):
        layout = zh.styles["Normal"].paragraph_format
        assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY
        assert 28 <= layout.line_spacing.pt <= 29.5
        assert layout.first_line_indent == Pt(32)

    def test_title_centred(self, zh):
        assert zh.styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert zh.paragraphs[0].style.name == "Title"

    def test_runs_name_their_east_asian_font_too(self, zh):
        """WPS and older Word read a run's fonts; every run with text names one."""
        runs = [run for p in zh.paragraphs for run in p.runs if run.text]
        assert runs and all(east_asian_font(run._r) for run in runs)
        title = zh.paragraphs[0].runs[0]
        assert east_asian_font(title._r) == "方正小标宋简体"
        heading = next(p for p in zh.paragraphs if p.style.name == "Heading 1")
        assert heading.text == "一、要点" and east_asian_font(heading.runs[0]._r) == "黑体"

    def test_the_font_table_names_a_fallback_for_each_official_font(self, zh):
        part = next(p for p in zh.part.package.parts if p.partname.endswith("fontTable.xml"))
        fonts = part.blob.decode("utf-8")
        for name, alternative in (("仿宋_GB2312", "FangSong"), ("楷体_GB2312", "KaiTi"),
                                  ("黑体", "SimHei"), ("方正小标宋简体", "FZXiaoBiaoSong-B05S")):
            assert f'w:name="{name}"><w:altName w:val="{alternative}"/>' in fonts

    @pytest.mark.parametrize("even", [False, True])
    def test_the_page_number_in_half_width_song_one_character_in(self, zh, even):
        section = zh.sections[0]
        paragraph = (section.even_page_footer if even else section.footer).paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert all(latin_fonts(run._r) == ("宋体", "宋体") and run.font.size == Pt(14)
                   for run in paragraph.runs)
        inset = paragraph.paragraph_format.left_indent if even else \
            paragraph.paragraph_format.right_indent
        assert inset == Pt(14)


def qn_local(attribute: str) -> str:
    return attribute.rsplit("}", 1)[-1]


class TestTables:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_every_table_within_the_text_width(self, lang, zh, en):
        document = zh if lang == "zh" else en
        assert len(document.tables) >= 3  # leader's, figures, sources (and definitions)
        for table in document.tables:
            grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
            declared = table._tbl.tblPr.find(qn("w:tblW"))
            assert declared.get(qn("w:type")) == "dxa"
            assert TEXT_WIDTH_TWIPS - 20 <= sum(grid) <= int(declared.get(qn("w:w"))) \
                <= TEXT_WIDTH_TWIPS
            cells = [int(cell._tc.tcPr.tcW.w) for cell in table.rows[-1].cells]
            assert sum(cells) <= TEXT_WIDTH_TWIPS

    def test_table_text_smaller_than_the_body(self, zh):
        for table in zh.tables:
            paragraph = table.rows[-1].cells[0].paragraphs[0]
            assert paragraph.style.name == "Brief Table"
            assert all(run.font.size == Pt(12) for run in paragraph.runs)
            assert east_asian_font(table.rows[0].cells[0].paragraphs[0].runs[0]._r) == "黑体"

    def test_table_text_not_on_the_bodys_pitch(self, zh):
        assert zh.styles["Brief Table"].paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE


class TestEnglish:
    def test_times_new_roman_body_and_numbered_headings(self, en):
        assert latin_fonts(en.styles["Normal"].element) == ("Times New Roman", "Times New Roman")
        assert en.styles["Normal"].font.size == Pt(12)
        headings = [p.text for p in en.paragraphs if p.style.name == "Heading 1"]
        assert headings[:4] == ["1. Key points", "2. Needs attention", "3. Main indicators",
                                "4. Charts"]
        assert [p.text for p in en.paragraphs if p.style.name == "Heading 2"][0].startswith("4.1 ")

    def test_page_number_centred_on_every_page(self, en):
        assert not en.settings.odd_and_even_pages_header_footer
        paragraph = en.sections[0].footer.paragraphs[0]
        assert paragraph.text == "— 1 —" and paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER

    def test_signed_by_the_dashboard_before_the_appendices(self, en):
        texts = [p.text for p in en.paragraphs]
        signed = texts.index("Xuhui District Statistics Dashboard")
        assert signed < texts.index("Appendix 1. Sources")


class TestChineseNumeral:
    @pytest.mark.parametrize("number, numeral", [(1, "一"), (4, "四"), (10, "十"), (11, "十一"),
                                                 (20, "二十"), (23, "二十三")])
    def test_as_headings_count(self, number, numeral):
        assert chinese_numeral(number) == numeral

    @pytest.mark.parametrize("number", [0, 100])
    def test_out_of_range(self, number):
        with pytest.raises(ValueError):
            chinese_numeral(number)


def test_the_line_pitch_written_gives_22_lines_on_the_text_block(zh):
    section = zh.sections[0]
    block_pt = section.page_height.pt - section.top_margin.pt - section.bottom_margin.pt
    pitch = zh.styles["Normal"].paragraph_format.line_spacing.pt  # as stored, in twentieths
    assert int(block_pt // pitch) == 22 and pitch == GONGWEN.body.line_pt
