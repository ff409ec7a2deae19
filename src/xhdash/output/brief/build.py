"""A page and filters in, the brief's content out: title, date, filters in words, sentences,
each chart as a finished image with its footer as text (the image draws none, so the footer is
printed once, beneath it), the page's figures and the appendices."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np
import pandas as pd

from xhdash.data.store import Store
from xhdash.i18n import date_text, tr
from xhdash.meaning.attention import attention_items
from xhdash.meaning.changes import latest_publish
from xhdash.meaning.city_rank import city_rank_sentences
from xhdash.meaning.dimensions import indicators_in
from xhdash.meaning.filters import Filters, apply_filters, build_filter_options
from xhdash.meaning.leader import leader_caption, leader_header, leader_table, shown_columns
from xhdash.meaning.page_specs import PAGES, PageSpec
from xhdash.meaning.views import describe_filters, present_observations, sources_table, units_table
from xhdash.output.brief.model import Brief, BriefChart, TextTable
from xhdash.output.brief.sentences import page_sentences
from xhdash.output.brief.tables import definitions_table, figures_table, used_sources_table
from xhdash.output.charts import chart_rows, chart_title, chart_unit, make_chart_figure
from xhdash.output.export import to_xlsx_bytes
from xhdash.output.export_images import render_chart_image
from xhdash.output.export_images.footer import chart_footer_lines
from xhdash.periods import chronological_key, frequency_of, parse_period, recency_key

Progress = Callable[[float, str], None]
FIGURES_LIMIT = 200  # rows of the figures table a brief lists; the rest are in the Excel
BRIEF_SLOTS = threading.BoundedSemaphore(1)  # briefs built at once in this process


@contextmanager
def brief_slot(waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold this process's one brief slot: a second session asking at the same time waits
    (`waiting()` is called first, to say so) instead of doubling the memory."""
    if not BRIEF_SLOTS.acquire(blocking=False):
        if waiting:
            waiting()
        BRIEF_SLOTS.acquire()
    try:
        yield
    finally:
        BRIEF_SLOTS.release()


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


def _ranks(values: pd.Series, key=lambda value: value, missing=None) -> np.ndarray:
    """Each value's rank among the distinct values sorted by `key` (a missing value ranks as
    `missing` would, last when None); worked out on the distinct values, cheap on millions."""
    codes, uniques = pd.factorize(values)
    keys = [key(u) for u in uniques]
    distinct = set(keys) | ({key(missing)} if missing is not None else set())
    rank = {k: n for n, k in enumerate(sorted(distinct))}
    rank_of = np.array([rank[k] for k in keys]
                       + [len(rank) if missing is None else rank[key(missing)]], dtype=np.int64)
    return rank_of[codes]  # code -1 (missing) takes the last entry


def figure_positions(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                     domains: tuple[str, ...]) -> np.ndarray:
    """Row positions of the figures of `domains` in the figures table's reading order (that
    of `order_figures`: indicator as listed, area, industry, then along time), worked out on
    the key columns alone so that only the rows shown are ever copied whole."""
    ids = indicators_in(tables["indicators"], domains)
    positions = np.flatnonzero(observations["indicator_id"].isin(ids).to_numpy())
    if not len(positions):
        return positions
    indicator_order = {i: n for n, i in enumerate(tables["indicators"]["indicator_id"])}
    area_order = dict(zip(tables["areas"]["area_id"], tables["areas"]["sort_order"], strict=True))
    unknown = float("inf")  # sorts after every listed one, as a missing sort key does

    def key_column(name: str) -> pd.Series:
        return observations[name].iloc[positions]

    order = np.lexsort((
        _ranks(key_column("period"), chronological_key),
        _ranks(key_column("industry_id"), missing=""),  # no industry sorts as ""
        _ranks(key_column("area_id"), lambda a: area_order.get(a, unknown)),
        _ranks(key_column("indicator_id"), lambda i: indicator_order.get(i, unknown))))
    return positions[order]


def column_values(observations: pd.DataFrame, positions: np.ndarray, name: str) -> set:
    """The distinct values of one column at `positions` (one column copied, not the rows)."""
    return set(observations[name].iloc[positions].dropna().unique())


def figures_workbook(store: Store, page_id: str, filters: Filters, lang: str,
                     exported: date | None = None) -> bytes:
    """The brief's full figures table as an Excel workbook (built when asked for): every
    figure of the page's domains under the filters, with notes, units and sources."""
    spec = page_spec(page_id)
    observations = filtered_observations(store, filters)
    rows = observations.iloc[figure_positions(observations, store.tables, tuple(spec.domains))]
    frame = present_observations(rows, store.tables, lang)
    exported = exported or date.today()
    notes = [(tr("export_time", lang), date_text(exported, lang)),
             (tr("export_filters", lang), describe_filters(filters, store.tables, lang)),
             (tr("export_rows", lang), str(len(frame))), ("", tr("export_note_qualifier", lang))]
    return to_xlsx_bytes(frame, notes, units_table(store.indicators, set(rows["indicator_id"]), lang),
                         sources_table(store.tables["sources"], lang), lang).data


def _chart(observations: pd.DataFrame, spec, store: Store, filters: Filters, lang: str,
           exported: date, size: str, images: bool) -> tuple[BriefChart, pd.DataFrame]:
    tables = store.tables
    rows = chart_rows(observations, spec, filters.frequency)
    title = chart_title(spec, chart_unit(tables["indicators"], spec.indicators, lang, rows), lang)
    if rows.empty:
        return BriefChart(title, None, (tr("brief_chart_empty", lang),), drawn=False), rows
    footer = tuple(chart_footer_lines(rows, tables, lang, exported))
    if not images:
        return BriefChart(title, None, footer), rows
    figure = make_chart_figure(rows, spec, tables, lang)
    image = render_chart_image(figure, rows, spec, tables, lang, "png", size, exported=exported,
                               footer=False, title=False)  # said once, as text around it
    return BriefChart(title, image, footer), rows


def leader_text_table(observations: pd.DataFrame, store: Store, spec: PageSpec,
                      lang: str) -> tuple[TextTable, str]:
    """The overview's leader's table (主要指标) as text, its empty columns left out; no table
    for the other pages."""
    if spec.page_id != "overview":
        return TextTable((), (), ()), ""
    table = leader_table(observations, store.tables, spec.cards, lang)
    if table.empty:
        return TextTable((), (), ()), ""
    columns = shown_columns(table)
    rows = tuple(tuple(str(v) for v in row) for row in table[columns].itertuples(index=False))
    return TextTable(tuple(leader_header(c, lang) for c in columns), rows,
                     tuple(2.2 if c in ("indicator", "time_progress") else 1.4 for c in columns),
                     tuple(c not in ("indicator", "period") for c in columns)), \
        leader_caption(table, lang)


def build_brief(store: Store, page_id: str, filters: Filters, lang: str,
                progress: Progress | None = None, *, exported: date | None = None,
                image_size: str = "16:9", images: bool = True, version_note: str = "") -> Brief:
    """The brief of a page under the filters. `progress(fraction, message)` is called as it
    goes (the charts take most of the time). Without `images` (plain text needs none) no
    chart is rendered. `version_note` (an earlier store version shown) follows the date.
    UnknownPage for a page id not in PAGES."""
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
    leader, leader_note = leader_text_table(observations, store, spec, lang)
    overview = spec.page_id == "overview"
    attention = tuple(item.sentence for item in attention_items(observations, store.tables, lang)
                      ) if overview else ()
    city_ranks = tuple(city_rank_sentences(observations, store.tables, lang)) if overview else ()
    published = latest_publish(store, lang) if overview else None
    changes = (published[0], *published[1]) if published else ()
    report(0.9, tr("progress_table", lang))
    ordered = figure_positions(observations, store.tables, tuple(spec.domains))
    figures = observations.iloc[ordered[:FIGURES_LIMIT]]
    used = {column: column_values(observations, ordered, column).union(
        *(set(r[column].dropna().unique()) for r in drawn))
        for column in ("period", "source_id", "indicator_id")}
    period = covered_period(used["period"], lang)
    page_name = spec.title(lang)
    title = (tr("brief_title", lang, page=page_name, period=period) if period
             else tr("brief_title_no_period", lang, page=page_name))
    brief = Brief(
        lang=lang, page_id=page_id, title=title, period=period,
        date=tr("brief_date_version", lang, date=date_text(exported, lang), version=version_note)
        if version_note else date_text(exported, lang), filters=describe_filters(filters, store.tables, lang),
        sentences=tuple(sentences), charts=tuple(charts),
        figures=figures_table(figures, store.tables, lang),
        derived_count=int(observations["status"].iloc[ordered].eq("derived").sum()),
        sources=used_sources_table(store.tables, used["source_id"], lang),
        units=definitions_table(store.tables, used["indicator_id"], lang),
        figures_total=len(ordered),
        leader=leader, leader_note=leader_note, attention=attention, city_ranks=city_ranks,
        changes=changes,
    )
    report(1.0, tr("progress_done", lang))
    return brief
