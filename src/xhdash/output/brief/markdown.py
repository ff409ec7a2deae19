"""The brief as plain text to paste into a message or an OA form: no images, the sentences as
a list and the figures as a simple pipe table (Markdown, and readable as it stands). Text from
data is neutralised: no tag, link or emphasis from a name or a source reaches the reader."""

from __future__ import annotations

from xhdash.i18n import tr
from xhdash.meaning.plain import neutralise_markdown, xml_safe
from xhdash.output.brief.model import Brief, TextTable


def _cell(value: str) -> str:
    return neutralise_markdown(value)


def text_table(table: TextTable) -> list[str]:
    """A pipe table: header, separator, one line per row (numbers right-aligned)."""
    if not table.rows:
        return []
    numeric = table.numeric
    lines = ["| " + " | ".join(_cell(c) for c in table.columns) + " |",
             "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in table.rows]
    return lines


def to_markdown(brief: Brief) -> str:
    brief = xml_safe(brief)
    lang = brief.lang
    lines = [f"# {neutralise_markdown(brief.title)}", "", tr("brief_date", lang, date=brief.date),
             tr("brief_filters", lang, filters=neutralise_markdown(brief.filters)), "",
             f"## {tr('brief_sentences', lang)}", ""]
    lines += [f"- {neutralise_markdown(s)}" for s in brief.sentences] or [tr("brief_no_sentences", lang)]
    if brief.attention:
        lines += ["", f"## {tr('attention_heading', lang)}", ""]
        lines += [f"- {neutralise_markdown(s)}" for s in brief.attention]
    for key, said in (("city_rank_heading", brief.city_ranks), ("change_heading", brief.changes)):
        if said:
            lines += ["", f"## {tr(key, lang)}", ""]
            lines += [f"- {neutralise_markdown(s)}" for s in said]
    if brief.leader.rows:
        lines += ["", f"## {tr('leader_heading', lang)}", "", neutralise_markdown(brief.leader_note), "",
                  *text_table(brief.leader)]
    lines += ["", f"## {tr('brief_figures', lang)}", ""]
    if brief.figures.rows:
        lines += [brief.figures_caption(), ""]
        lines += text_table(brief.figures)
    else:
        lines.append(tr("brief_no_figures", lang))
    for key, table in (("brief_sources", brief.sources), ("brief_units", brief.units)):
        if table.rows:
            lines += ["", f"## {tr(key, lang)}", "", *text_table(table)]
    lines += ["", "—— " + tr("brief_footer", lang)]
    return "\n".join(lines) + "\n"
