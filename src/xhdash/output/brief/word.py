"""The brief as a Word document (python-docx), the Chinese one in 公文 form (GB/T 9704-2012, the
page and type declared in gongwen.py): numbered headings (一、 and （一）), text as text, tables
the width of the text whose header row repeats on every page and whose rows never split, each
chart with its footer printed once beneath it, and the page number as a field at the foot (odd
pages right, even pages left)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

from xhdash.i18n import tr
from xhdash.meaning.plain import xml_safe
from xhdash.output.brief.gongwen import ALTERNATIVE_NAMES, Type, WordForm, word_form
from xhdash.output.brief.model import Brief, TextTable

BLACK = RGBColor(0, 0, 0)
TABLE_STYLE, NOTE_STYLE = "Brief Table", "Brief Note"  # paragraph styles of our own
TWIPS_PER_PT = 20


def _set_fonts(element, kind: Type) -> None:
    """The fonts of a style's or a run's properties: Latin and digits, and the East Asian font
    (w:eastAsia, which `font.name` alone leaves unset); a theme font would override them."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), kind.latin)
    fonts.set(qn("w:eastAsia"), kind.east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _set_type(style, kind: Type, *, indent_pt: float = 0.0,
              alignment=WD_ALIGN_PARAGRAPH.LEFT) -> None:
    _set_fonts(style.element, kind)
    font = style.font
    font.size, font.bold, font.italic, font.color.rgb = Pt(kind.size_pt), kind.bold, False, BLACK
    layout = style.paragraph_format
    layout.alignment = alignment
    layout.first_line_indent = Pt(indent_pt)
    layout.left_indent = Pt(0)
    layout.space_before = layout.space_after = Pt(0)
    if kind.line_pt:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(kind.line_pt)
    else:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _add_font_alternatives(document) -> None:
    """Each official font in the font table (charset 86: GB2312) with an alternative name
    (w:altName), a hint Word and WPS may follow when the font itself is missing."""
    part = next(p for p in document.part.package.parts if p.partname.endswith("/fontTable.xml"))
    fonts = parse_xml(part.blob)
    for name, alternative in ALTERNATIVE_NAMES.items():
        fonts.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alternative}"/>'
            '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'))
    part._blob = serialize_part_xml(fonts)  # python-docx keeps this part unparsed, as bytes


def _prepare(document, form: WordForm) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(v) for v in form.page_mm)
    section.top_margin, section.bottom_margin = Mm(form.top_mm), Mm(form.bottom_mm)
    section.left_margin, section.right_margin = Mm(form.left_mm), Mm(form.right_mm)
    section.footer_distance = Mm(form.footer_distance_mm)
    styles = document.styles
    _set_type(styles["Normal"], form.body, indent_pt=form.indent_pt,
              alignment=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _set_type(styles["Title"], form.title, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    border = styles["Title"].element.pPr.find(qn("w:pBdr"))
    if border is not None:
        styles["Title"].element.pPr.remove(border)  # the template's rule under the title
    spacing = styles["Title"].element.rPr.find(qn("w:spacing"))
    if spacing is not None:
        styles["Title"].element.rPr.remove(spacing)  # and its letters spaced out
    styles["Title"].paragraph_format.space_after = Pt(form.body.line_pt or 0)
    _set_type(styles["Heading 1"], form.heading_1, indent_pt=form.indent_pt)
    _set_type(styles["Heading 2"], form.heading_2, indent_pt=form.indent_pt)
    for name in ("Heading 1", "Heading 2"):
        styles[name].paragraph_format.keep_with_next = True
    _set_type(styles["Footer"], form.page_number, alignment=WD_ALIGN_PARAGRAPH.CENTER)
    for name, kind in ((TABLE_STYLE, form.table), (NOTE_STYLE, form.note)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
        _set_type(style, kind)
    _add_font_alternatives(document)


def _run(paragraph, text: str, kind: Type):
    """A run of text in `kind`'s fonts (set on the run too: WPS reads them from there)."""
    run = paragraph.add_run(text)
    _set_fonts(run._r, kind)
    run.font.size, run.font.bold = Pt(kind.size_pt), kind.bold
    return run


def _paragraph(document, text: str, kind: Type, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    _run(paragraph, text, kind)
    return paragraph


def _field(paragraph, instruction: str, kind: Type) -> None:
    """A field (PAGE) that Word fills in, as the usual five runs: begin, instruction,
    separate, the last value shown, end."""
    for part in ("begin", "instruction", "separate", "value", "end"):
        run = _run(paragraph, "", kind)
        if part == "instruction":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif part == "value":
            element = OxmlElement("w:t")
            element.text = "1"
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), part)
        run._r.append(element)


def _page_number(footer, document, form: WordForm, lang: str, alignment) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.alignment = alignment
    inset = Pt(form.page_number.size_pt if form.page_number_sides else 0)  # 空一字
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = inset
    for n, part in enumerate(tr("brief_page_number", lang, page="\0PAGE\0").split("\0")):
        if n % 2:
            _field(paragraph, part, form.page_number)
        elif part:
            _run(paragraph, part, form.page_number)


def _footer(document, form: WordForm, lang: str) -> None:
    """The page number at the foot, — 1 —: in 公文 on the right of odd pages and the left of
    even ones, one character in from the edge of the text; centred otherwise."""
    section = document.sections[0]
    if not form.page_number_sides:
        _page_number(section.footer, document, form, lang, WD_ALIGN_PARAGRAPH.CENTER)
        return
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, document, form, lang, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, document, form, lang, WD_ALIGN_PARAGRAPH.LEFT)


def _row_properties(row, header: bool) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # a row stays on one page
    if header:
        properties.append(OxmlElement("w:tblHeader"))  # repeated at the top of every page


def _table_width(grid, twips: int) -> None:
    """The table as wide as the text (w:tblW), laid out by its columns' widths."""
    properties = grid._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout", "w:tblInd"):
        old = properties.find(qn(tag))
        if old is not None:
            properties.remove(old)
    properties.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{twips}" w:type="dxa"/>'))
    properties.append(parse_xml(f'<w:tblInd {nsdecls("w")} w:w="0" w:type="dxa"/>'))
    properties.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))


def _table(document, table: TextTable, form: WordForm) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    text_twips = int(form.text_width_pt * TWIPS_PER_PT)
    total = sum(table.widths)
    twips = [int(text_twips * w / total) for w in table.widths]  # rounded down: never wider
    widths = [Pt(t / TWIPS_PER_PT) for t in twips]
    _table_width(grid, sum(twips))
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid's column widths, which LibreOffice and Word lay out by
    for cell, name, width in zip(grid.rows[0].cells, table.columns, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].style = document.styles[TABLE_STYLE]
        _run(cell.paragraphs[0], name, form.table_header)
    _row_properties(grid.rows[0], header=True)
    for values in table.rows:
        row = grid.add_row()
        _row_properties(row, header=False)
        for cell, value, width, right in zip(row.cells, values, widths, table.numeric, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[TABLE_STYLE]
            _run(paragraph, value, form.table)
            if right:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _heading(document, text: str, level: int, form: WordForm) -> None:
    paragraph = document.add_paragraph(style=f"Heading {level}")
    _run(paragraph, text, form.heading_1 if level == 1 else form.heading_2)


class _Sections:
    """The numbered headings: 一、 … at the first level, （一）… under each."""

    def __init__(self, document, form: WordForm, lang: str) -> None:
        self.document, self.form, self.lang = document, form, lang
        self.section = self.item = 0

    def first(self, title: str) -> None:
        self.section, self.item = self.section + 1, 0
        _heading(self.document, tr("brief_heading_1", self.lang, title=title,
                                   number=self.form.heading_number(self.section)), 1, self.form)

    def second(self, title: str) -> None:
        self.item += 1
        _heading(self.document, tr("brief_heading_2", self.lang, title=title,
                                   number=self.form.heading_number(self.section, self.item)),
                 2, self.form)


def _charts(document, brief: Brief, form: WordForm, sections: _Sections) -> None:
    """Each chart under its own heading, its image the text's width, its footer beneath."""
    width = Mm(form.text_width_mm)
    for chart in brief.charts:
        sections.second(chart.title)
        if chart.image is not None:
            picture = document.add_paragraph(style=NOTE_STYLE)  # single spacing: not clipped
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.keep_with_next = True  # the footer stays with its chart
            picture.add_run().add_picture(io.BytesIO(chart.image), width=width)
        note = document.add_paragraph(style=NOTE_STYLE)
        note.paragraph_format.space_after = Pt(form.note.size_pt)
        for n, line in enumerate(chart.footer):
            if n:
                _run(note, "", form.note).add_break()
            _run(note, line, form.note)


def to_docx(brief: Brief) -> bytes:
    brief = xml_safe(brief)  # a character XML may not hold would stop python-docx (issue 21)
    lang = brief.lang
    form = word_form(lang)
    document = Document()
    _prepare(document, form)
    _footer(document, form, lang)
    document.core_properties.title = brief.title
    _paragraph(document, brief.title, form.title, "Title")
    for line in (tr("brief_date", lang, date=brief.date),
                 tr("brief_filters", lang, filters=brief.filters)):
        _paragraph(document, line, form.body).paragraph_format.first_line_indent = Pt(0)
    sections = _Sections(document, form, lang)
    sections.first(tr("brief_sentences", lang))
    for sentence in brief.sentences or (tr("brief_no_sentences", lang),):
        _paragraph(document, sentence, form.body)
    if brief.attention:
        sections.first(tr("attention_heading", lang))
        for sentence in brief.attention:
            _paragraph(document, sentence, form.body)
    for key, lines in (("city_rank_heading", brief.city_ranks), ("change_heading", brief.changes)):
        if lines:
            sections.first(tr(key, lang))
            for line in lines:
                _paragraph(document, line, form.body)
    if brief.leader.rows:
        sections.first(tr("leader_heading", lang))
        _paragraph(document, brief.leader_note, form.note, NOTE_STYLE)
        _table(document, brief.leader, form)
    sections.first(tr("brief_charts", lang))
    _charts(document, brief, form, sections)
    sections.first(tr("brief_figures", lang))
    if brief.figures.rows:
        _paragraph(document, brief.figures_caption(), form.note, NOTE_STYLE)
        _table(document, brief.figures, form)
    else:
        _paragraph(document, tr("brief_no_figures", lang), form.body)
    signature = _paragraph(document, tr("brief_footer", lang), form.body)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.space_before = Pt(form.body.line_pt or 0)
    for key, table in (("brief_sources", brief.sources), ("brief_units", brief.units)):
        if table.rows:
            _heading(document, tr(key, lang), 1, form)
            _table(document, table, form)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
