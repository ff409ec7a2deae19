"""The brief as a PDF, typeset by Typst: selectable text in Noto Sans CJK SC (embedded, as a
subset), tables that break across pages with their header repeated and no row split, each
chart with its footer as a caption, and page numbers."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import typst

from xhdash.i18n import tr
from xhdash.output.brief.model import Brief, TextTable

TEMPLATE = Path(__file__).with_name("template.typ")


def _table(table: TextTable) -> dict:
    return asdict(table)


def brief_data(brief: Brief) -> dict:
    """What the template reads: every text as a string, the images by file name."""
    lang = brief.lang
    charts = [{
        "caption": tr("brief_chart_caption", lang, number=n, title=chart.title),
        "image": f"chart-{n}.png" if chart.image is not None else None,
        "footer": list(chart.footer),
    } for n, chart in enumerate(brief.charts, start=1)]
    return {
        "lang": lang, "title": brief.title,
        "date_line": tr("brief_date", lang, date=brief.date),
        "filters_line": tr("brief_filters", lang, filters=brief.filters),
        "sentences": list(brief.sentences), "attention": list(brief.attention),
        "city_ranks": list(brief.city_ranks), "changes": list(brief.changes), "charts": charts,
        "figures": _table(brief.figures), "leader": _table(brief.leader),
        "appendices": [{"heading": tr(key, lang), "table": _table(table)} for key, table in
                       (("brief_sources", brief.sources), ("brief_units", brief.units))],
        "labels": {
            "sentences": tr("brief_sentences", lang),
            "no_sentences": tr("brief_no_sentences", lang),
            "charts": tr("brief_charts", lang), "figures": tr("brief_figures", lang),
            "no_figures": tr("brief_no_figures", lang),
            "figures_caption": brief.figures_caption(),
            "footer": tr("brief_footer", lang),
            "leader": tr("leader_heading", lang), "leader_caption": brief.leader_note,
            "attention": tr("attention_heading", lang),
            "city_ranks": tr("city_rank_heading", lang), "changes": tr("change_heading", lang),
            "page": tr("brief_page", lang, page="{page}", pages="{pages}"),
        },
    }


def to_pdf(brief: Brief) -> bytes:
    with tempfile.TemporaryDirectory(prefix="xhdash-brief-") as folder:
        root = Path(folder)
        (root / "main.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        (root / "brief.json").write_text(json.dumps(brief_data(brief), ensure_ascii=False),
                                         encoding="utf-8")
        for n, chart in enumerate(brief.charts, start=1):
            if chart.image is not None:
                (root / f"chart-{n}.png").write_bytes(chart.image)
        return typst.compile(str(root / "main.typ"), root=str(root), format="pdf")
