"""The brief as a Word document (python-docx): real headings, text as text, tables whose
header row repeats on every page and whose rows never split, each chart with its footer as a
caption, and page numbers as fields in the footer."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from xhdash.i18n import tr
from xhdash.meaning.plain import xml_safe
from xhdash.output.brief.model import Brief, TextTable

EAST_ASIAN_FONT = "Microsoft YaHei"  # 微软雅黑: on officials' Windows machines; others substitute
LATIN_FONT = "Arial"
PAGE_WIDTH_CM, MARGIN_CM = 21.0, 2.0
IMAGE_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
GREY = RGBColor(0x55, 0x55, 0x55)


def _set_fonts(style, size: float | None = None) -> None:
    style.font.name = LATIN_FONT
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would override the names above
    if size:
        style.font.size = Pt(size)


def _prepare(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    styles = document.styles
    _set_fonts(styles["Normal"], 10.5)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Caption", 8.5),
                       ("List Bullet", None)):
        _set_fonts(styles[name], size)
    styles["Caption"].font.color.rgb = GREY
    styles["Caption"].font.italic = False
    styles["Caption"].font.bold = False


def _field(paragraph, instruction: str) -> None:
    """A field (PAGE, NUMPAGES) that Word fills in, as the usual five runs: begin,
    instruction, separate, the last value shown, end."""
    for kind in ("begin", "instruction", "separate", "value", "end"):
        run = paragraph.add_run()
        if kind == "instruction":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "value":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _footer(document, lang: str) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(tr("brief_footer", lang) + "　")
    pattern = tr("brief_page", lang, page="\0PAGE\0", pages="\0NUMPAGES\0")
    for n, part in enumerate(pattern.split("\0")):
        if n % 2:
            _field(paragraph, part)
        elif part:
            paragraph.add_run(part)
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = GREY


def _row_properties(row, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")  # a row stays on one page
    properties.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")  # repeated at the top of every page
        properties.append(repeat)


def _table(document, table: TextTable, size: float = 8) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    total = sum(table.widths)
    widths = [Cm(IMAGE_WIDTH_CM * w / total) for w in table.widths]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid's column widths, which LibreOffice and Word lay out by
    cells = grid.rows[0].cells
    for cell, name, width in zip(cells, table.columns, widths, strict=True):
        cell.width = width
        run = cell.paragraphs[0].add_run(name)
        run.bold, run.font.size = True, Pt(size)
    _row_properties(grid.rows[0], header=True)
    numeric = table.numeric
    for values in table.rows:
        row = grid.add_row()
        _row_properties(row, header=False)
        for cell, value, width, right in zip(row.cells, values, widths, numeric, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.add_run(value).font.size = Pt(size)
            if right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def to_docx(brief: Brief) -> bytes:
    brief = xml_safe(brief)  # a character XML may not hold would stop python-docx (issue 21)
    lang = brief.lang
    document = Document()
    _prepare(document)
    _footer(document, lang)
    document.core_properties.title = brief.title
    document.add_heading(brief.title, level=0)
    document.add_paragraph(tr("brief_date", lang, date=brief.date))
    document.add_paragraph(tr("brief_filters", lang, filters=brief.filters))
    document.add_heading(tr("brief_sentences", lang), level=1)
    for sentence in brief.sentences:
        document.add_paragraph(sentence, style="List Bullet")
    if not brief.sentences:
        document.add_paragraph(tr("brief_no_sentences", lang))
    if brief.leader.rows:
        document.add_heading(tr("leader_heading", lang), level=1)
        document.add_paragraph(brief.leader_note, style="Caption")
        _table(document, brief.leader)
    document.add_heading(tr("brief_charts", lang), level=1)
    for number, chart in enumerate(brief.charts, start=1):
        caption = tr("brief_chart_caption", lang, number=number, title=chart.title)
        if chart.image is not None:
            picture = document.add_paragraph()
            picture.paragraph_format.keep_with_next = True  # the caption stays with its chart
            picture.add_run().add_picture(io.BytesIO(chart.image), width=Cm(IMAGE_WIDTH_CM))
        paragraph = document.add_paragraph(style="Caption")
        paragraph.add_run(caption).bold = True
        for line in chart.footer:
            paragraph.add_run().add_break()
            paragraph.add_run(line)
    document.add_heading(tr("brief_figures", lang), level=1)
    if brief.figures.rows:
        document.add_paragraph(brief.figures_caption(), style="Caption")
        _table(document, brief.figures)
    else:
        document.add_paragraph(tr("brief_no_figures", lang))
    for key, table in (("brief_sources", brief.sources), ("brief_units", brief.units)):
        if table.rows:
            document.add_heading(tr(key, lang), level=1)
            _table(document, table)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
