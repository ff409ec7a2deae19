"""A page and filters in, the brief's content out: title, date, filters in words, sentences,
each chart as a finished image with its footer, the page's figures and the appendices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd

from xhdash.brief.model import Brief, BriefChart
from xhdash.brief.sentences import page_sentences
from xhdash.brief.tables import definitions_table, figures_table, used_sources_table
from xhdash.charts import chart_rows, chart_title, chart_unit, make_chart_figure
from xhdash.export_images import render_chart_image
from xhdash.export_images.footer import chart_footer_lines
from xhdash.filters import Filters, apply_filters, build_filter_options
from xhdash.i18n import date_text, tr
from xhdash.page_specs import PAGES, PageSpec
from xhdash.periods import chronological_key, frequency_of, parse_period, recency_key
from xhdash.store import Store
from xhdash.views import Selection, describe_filters, select_rows

Progress = Callable[[float, str], None]


class UnknownPage(KeyError):
    """A page id that is not one of PAGES."""

    def __init__(self, page_id: str) -> None:
        super().__init__(page_id)
        self.page_id = page_id

    def message(self, lang: str) -> str:
        return tr("unknown_page", lang, page=self.page_id, pages=", ".join(PAGES))


def covered_period(codes, lang: str) -> str:
    """The first and the latest period of the figures, each with its own label: 2019年—2024年
    1-9月; one label when they are one period. Multi-year
    spans (a CAGR's 2020—2023) count only when nothing else is there."""
    codes = set(codes)
    if not codes:
        return ""
    plain = {c for c in codes if frequency_of(c) != "span"}
    codes = plain or codes
    first = min(codes, key=chronological_key)
    last = min(codes, key=recency_key)
    labels = [parse_period(c).label(lang) for c in (first, last)]
    return labels[0] if first == last else labels[0] + tr("range_dash", lang) + labels[1]


def page_spec(page_id: str) -> PageSpec:
    if page_id not in PAGES:
        raise UnknownPage(page_id)
    return PAGES[page_id]


def filtered_observations(store: Store, filters: Filters) -> pd.DataFrame:
    if filters.is_empty():
        return store.observations
    return apply_filters(store.observations, store.indicators, filters,
                         build_filter_options(store.tables))


def _chart(observations: pd.DataFrame, spec, store: Store, filters: Filters, lang: str,
           exported: date, size: str, images: bool) -> tuple[BriefChart, pd.DataFrame]:
    tables = store.tables
    title = chart_title(spec, chart_unit(tables["indicators"], spec.indicators, lang), lang)
    rows = chart_rows(observations, spec, filters.frequency)
    if rows.empty:
        return BriefChart(title, None, (tr("brief_chart_empty", lang),), drawn=False), rows
    footer = tuple(chart_footer_lines(rows, tables, lang, exported))
    if not images:
        return BriefChart(title, None, footer), rows
    figure = make_chart_figure(rows, spec, tables, lang)
    image = render_chart_image(figure, rows, spec, tables, lang, "png", size, exported=exported)
    return BriefChart(title, image, footer), rows


def build_brief(store: Store, page_id: str, filters: Filters, lang: str,
                progress: Progress | None = None, *, exported: date | None = None,
                image_size: str = "16:9", images: bool = True) -> Brief:
    """The brief of a page under the filters. `progress(fraction, message)` is called as it
    goes (the charts take most of the time). Without `images` (plain text needs none) no
    chart is rendered. UnknownPage for a page id not in PAGES."""
    spec = page_spec(page_id)
    report = progress or (lambda fraction, message: None)
    exported = exported or date.today()
    report(0.0, tr("progress_filter", lang))
    observations = filtered_observations(store, filters)
    report(0.05, tr("progress_sentences", lang))
    sentences = page_sentences(observations, store.tables, spec, lang)
    charts, drawn = [], []
    for number, chart_spec in enumerate(spec.charts, start=1):
        name = chart_spec.title(lang)
        report(0.1 + 0.8 * (number - 1) / max(len(spec.charts), 1),
               tr("progress_chart", lang, number=number, total=len(spec.charts), title=name))
        chart, rows = _chart(observations, chart_spec, store, filters, lang, exported,
                             image_size, images)
        charts.append(chart)
        drawn.append(rows)
    report(0.9, tr("progress_table", lang))
    figures = select_rows(observations, store.indicators, Selection(domains=tuple(spec.domains)))
    used = pd.concat([figures, *drawn]) if drawn else figures
    period = covered_period(used["period"].unique(), lang)
    page_name = spec.title(lang)
    title = (tr("brief_title", lang, page=page_name, period=period) if period
             else tr("brief_title_no_period", lang, page=page_name))
    brief = Brief(
        lang=lang, page_id=page_id, title=title, period=period,
        date=date_text(exported, lang), filters=describe_filters(filters, store.tables, lang),
        sentences=tuple(sentences), charts=tuple(charts),
        figures=figures_table(figures, store.tables, lang),
        derived_count=int(figures["status"].eq("derived").sum()),
        sources=used_sources_table(store.tables, set(used["source_id"]), lang),
        units=definitions_table(store.tables, set(used["indicator_id"]), lang),
    )
    report(1.0, tr("progress_done", lang))
    return brief
