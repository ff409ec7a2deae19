"""A page's brief for officials: content built once (`build_brief`), written as Word, PDF or
plain-text Markdown."""

from __future__ import annotations

from xhdash.meaning.plain import xml_safe
from xhdash.output.brief.build import UnknownPage, build_brief, covered_period
from xhdash.output.brief.markdown import to_markdown
from xhdash.output.brief.model import Brief, BriefChart, TextTable
from xhdash.output.brief.pdf import to_pdf
from xhdash.output.brief.word import to_docx

FORMATS = {".docx": "docx", ".pdf": "pdf", ".md": "md"}

__all__ = ["FORMATS", "Brief", "BriefChart", "TextTable", "UnknownPage", "brief_bytes",
           "build_brief", "covered_period", "to_docx", "to_markdown", "to_pdf"]


def brief_bytes(brief: Brief, fmt: str) -> bytes:
    """The brief in a format of FORMATS ("docx", "pdf" or "md", UTF-8)."""
    if fmt == "docx":
        return to_docx(brief)
    if fmt == "pdf":
        return to_pdf(xml_safe(brief))
    if fmt == "md":
        return to_markdown(brief).encode("utf-8")
    raise ValueError(f"unknown brief format {fmt!r}; one of {sorted(set(FORMATS.values()))}")
