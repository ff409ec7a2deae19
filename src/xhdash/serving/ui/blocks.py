"""Drawing blocks shared by the pages: cards, chart blocks, tables and downloads."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from xhdash.i18n import tr
from xhdash.meaning.cards import domain_indicators
from xhdash.meaning.leader import leader_caption, present_leader
from xhdash.meaning.page_specs import ChartSpec, PageSpec
from xhdash.meaning.plain import escape_markdown
from xhdash.meaning.views import (
    Selection,
    blank_missing_text,
    describe_filters,
    header,
    present_observations,
    sources_table,
    units_table,
)
from xhdash.output.charts import chart_key, page_figure
from xhdash.output.export import export_file_name, to_csv_bytes, to_xlsx_bytes
from xhdash.output.export_images import render_chart_image
from xhdash.output.leader_excel import leader_xlsx_bytes
from xhdash.serving.ui import cached
from xhdash.serving.ui.context import PageContext
from xhdash.serving.ui.screen import render_screen
from xhdash.serving.ui.style import CARDS_KEY, button_row
from xhdash.serving.ui.time_travel import pinned_note, pinned_version, version_label

CARDS_PER_ROW = 3
IMAGE_CHOICES = (("png", "16:9"), ("png", "4:3"), ("svg", "16:9"))
# Plotly's own image button drops the source line: the chart's image download replaces it
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}
TABLE_ROWS_SHOWN = 5_000


def render_cards(ctx: PageContext, indicator_ids: tuple[str, ...]) -> None:
    """Headline figures: value with unit and qualifier, change, period and source."""
    cards = cached.cards(ctx, indicator_ids)
    with st.container(key=CARDS_KEY):  # two to a row on a phone (ui/style.py)
        for start in range(0, len(cards), CARDS_PER_ROW):
            columns = st.columns(CARDS_PER_ROW)
            for column, card in zip(columns, cards[start:start + CARDS_PER_ROW], strict=False):
                with column.container(border=True):
                    st.metric(escape_markdown(card.title), card.value_text, card.delta_text,
                              delta_color=card.delta_color,
                              help=escape_markdown(card.help_text) or None)
                    for note in card.notes:  # a part-year figure's whole year and 同比
                        st.caption(escape_markdown(note))
                    st.caption(escape_markdown(card.source_text))


def render_table(frame: pd.DataFrame, lang: str, key: str, total: int | None = None) -> None:
    """A sortable table with the value column formatted and the quote column wide.

    At most TABLE_ROWS_SHOWN rows go to the browser; the downloads beside it hold every row.
    `total` is the number of rows `frame` was taken from, when it holds only the first ones.
    """
    total = len(frame) if total is None else total
    if total > TABLE_ROWS_SHOWN:
        st.caption(tr("table_capped", lang, shown=f"{TABLE_ROWS_SHOWN:,}", total=f"{total:,}"))
        frame = frame.head(TABLE_ROWS_SHOWN)
    frame = blank_missing_text(frame)  # an empty cell is blank, never Streamlit's grey "None"
    st.dataframe(frame, hide_index=True, width="stretch", key=key, column_config={
        header("value", lang): st.column_config.NumberColumn(),  # as stored: 2.6, 250.85
        header("locator", lang): st.column_config.TextColumn(width="large"),
        header("sentence", lang): st.column_config.TextColumn(width="large"),
    })


def render_downloads(ctx: PageContext, frame: pd.DataFrame | Callable[[], pd.DataFrame],
                     title_zh: str, title_en: str, key: str, with_excel: bool = True,
                     labels=("download_csv", "download_xlsx")) -> None:
    """CSV (and Excel) of exactly `frame`; file names say what and when.

    The files are built when clicked; `frame` may be a function, so a large one is not even
    assembled until then.
    """
    now = datetime.now()
    row = button_row()
    rows = frame if callable(frame) else (lambda: frame)
    row.download_button(
        tr(labels[0], ctx.lang), lambda: to_csv_bytes(rows()),
        file_name=export_file_name(title_zh, title_en, ctx.lang, "csv", now, pinned_version()),
        mime="text/csv", key=f"csv_{key}", on_click="ignore", icon=":material/download:",
        wrap=True)
    if with_excel:
        row.download_button(
            tr(labels[1], ctx.lang), lambda: build_workbook(ctx, rows(), now),
            file_name=export_file_name(title_zh, title_en, ctx.lang, "xlsx", now, pinned_version()),
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"xlsx_{key}", on_click="ignore", icon=":material/table_view:", wrap=True)


def build_workbook(ctx: PageContext, frame: pd.DataFrame, now: datetime) -> bytes:
    """The Excel export of `frame`: data, notes on filters, time, units and 口径, and sources."""
    notes = [
        (tr("export_time", ctx.lang), now.strftime("%Y-%m-%d %H:%M")),
        (tr("export_filters", ctx.lang), describe_filters(ctx.filters, ctx.tables, ctx.lang)),
        (tr("export_rows", ctx.lang), str(len(frame))),
        ("", tr("export_note_qualifier", ctx.lang)),
    ]
    if pinned_version() is not None:  # an earlier version shown: the workbook says which
        notes.insert(1, (tr("export_version", ctx.lang), version_label(ctx.store, ctx.lang)))
    ids = frame[header("indicator_id", ctx.lang)] if len(frame) else []
    return to_xlsx_bytes(frame, notes, units_table(ctx.store.indicators, ids, ctx.lang),
                         sources_table(ctx.tables["sources"], ctx.lang), ctx.lang).data


def render_chart_block(ctx: PageContext, spec: ChartSpec,
                       built: cached.BuiltChart | None = None) -> None:
    """A chart with its table view and a download of exactly the rows it draws; `built` when
    the caller selected the rows itself."""
    chosen = built is not None  # rows the caller selected: no whole years beside them
    rows, figure, display, caption, description, instead = built or cached.chart(ctx, spec)
    title = spec.title(ctx.lang)
    if rows.empty:
        st.markdown(f"**{escape_markdown(title)}**")
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
        return
    if instead:  # one bar, or only words, is no chart: sentences under the chart's title
        with st.container(border=True):
            st.markdown(f"**{escape_markdown(title)}**")
            st.markdown("\n".join(f"- {escape_markdown(line)}" for line in instead)
                        if len(instead) > 1 else escape_markdown(instead[0]))
    else:
        st.html(f'<p class="xh-sr-only">{description}</p>')  # the chart in words, for readers
        # a click reruns the app; build_context reads the selection before the sidebar draws
        st.plotly_chart(page_figure(figure), key=chart_key(spec),
                        on_select="rerun" if spec.click else "ignore", selection_mode="points",
                        config=PLOTLY_CONFIG)
    st.caption(caption)
    years = None if chosen else cached.full_years(ctx, spec)
    if years is not None:  # the last whole years stay in view beside the year to date
        st.plotly_chart(page_figure(years.figure), key=f"{chart_key(spec)}_years",
                        config=PLOTLY_CONFIG)
        st.caption(years.caption)
    with button_row():
        # the table view one click away, sent to the browser only when asked for
        show_table = st.toggle(tr("tab_table", ctx.lang), key=f"show_table_{spec.chart_id}")
        render_downloads(ctx, display, spec.title_zh, spec.title_en, key=spec.chart_id,
                         with_excel=False)
        if not instead:  # no picture of a chart the page does not draw
            render_image_downloads(ctx, spec, rows, figure)
    if show_table:
        render_table(display, ctx.lang, key=f"table_{spec.chart_id}")


def render_image_downloads(ctx: PageContext, spec: ChartSpec, rows: pd.DataFrame,
                           figure: go.Figure) -> None:
    """The chart as a finished figure for slides: PNG at 16:9 or 4:3, or SVG, with its title,
    unit and a footer naming its sources, periods and the export date (built when clicked)."""
    now = datetime.now()
    with st.popover(tr("download_image", ctx.lang), icon=":material/image:", wrap=True):
        for fmt, size in IMAGE_CHOICES:
            st.download_button(
                tr(f"download_image_{fmt}_{size.replace(':', '_')}", ctx.lang),
                partial(render_chart_image, figure, rows, spec, ctx.tables, ctx.lang, fmt, size,
                        version_note=pinned_note(ctx.store, ctx.lang)),
                file_name=export_file_name(spec.title_zh, spec.title_en, ctx.lang, fmt, now,
                                           pinned_version()),
                mime="image/png" if fmt == "png" else "image/svg+xml",
                key=f"image_{fmt}_{size}_{spec.chart_id}", on_click="ignore", wrap=True)
        st.caption(tr("download_image_help", ctx.lang))


def render_screen_if_asked(ctx: PageContext, spec: PageSpec) -> None:
    """In the big-screen view (`?view=screen`) the page is its wall layout, and stops there."""
    if ctx.display.screen:
        render_screen(ctx, spec, ctx.display.size or "", ctx.display.dark)
        st.stop()


def render_title(ctx: PageContext, spec: PageSpec) -> None:
    render_heading(ctx, spec.title(ctx.lang))


def render_heading(ctx: PageContext, title: str) -> None:
    """A page's title, where its figures come from, and whose they are and how fresh: the
    district, 数据截至 (the latest period the filters keep) and 更新于 (the version's publish)."""
    st.title(title)
    st.caption(tr("app_caption", ctx.lang))
    if ctx.store is not None:  # the data page opens even when the store cannot be read
        st.caption(cached.as_of(ctx), help=tr("asof_help", ctx.lang))


def render_chart_grid(ctx: PageContext, charts: tuple[ChartSpec, ...]) -> None:
    """Chart blocks two to a row."""
    for start in range(0, len(charts), 2):
        columns = st.columns(2)
        for column, spec in zip(columns, charts[start:start + 2], strict=False):
            with column:
                render_chart_block(ctx, spec)


def render_profile(ctx: PageContext, indicator_ids: tuple[str, ...]) -> None:
    st.subheader(tr("profile", ctx.lang))
    lines = cached.profile(ctx, indicator_ids)
    if not lines:
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
        return
    half = (len(lines) + 1) // 2
    left, right = st.columns(2)
    left.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines[:half]))
    right.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines[half:]))


def render_page_sentences(ctx: PageContext, spec: PageSpec) -> None:
    """A sentence for the latest figure of every indicator of the page's domains."""
    render_summaries(ctx, tuple(domain_indicators(ctx.store.indicators, spec.domains)))


def render_sentence_block(heading: str, sentences: list[str], caption: str = "",
                          key: str | None = None) -> None:
    """A heading, how to read it, and sentences to select and paste, in a bordered box."""
    st.subheader(heading)
    if caption:
        st.caption(caption)
    with st.container(border=True, key=key):
        st.markdown("\n".join(f"- {escape_markdown(sentence)}" for sentence in sentences))


def render_standings(ctx: PageContext) -> None:
    """How the year's figures stand against their targets; nothing when no target is stated."""
    sentences = cached.standings(ctx)
    if sentences:
        render_sentence_block(tr("progress_heading", ctx.lang), sentences,
                              tr("progress_caption", ctx.lang))


def render_leader_table(ctx: PageContext, indicator_ids: tuple[str, ...]) -> None:
    """The leader's table (主要指标): the latest figure, 同比, target, completion, time progress
    and rank of each headline indicator, with CSV and the Excel sheet offices use."""
    table = cached.leader(ctx, indicator_ids)
    if table.empty:
        return
    st.subheader(tr("leader_heading", ctx.lang))
    shown = present_leader(table, ctx.lang)
    st.caption(leader_caption(table, ctx.lang))
    st.dataframe(blank_missing_text(shown), hide_index=True, width="stretch", key="leader_table")
    now = datetime.now()
    row = button_row()
    row.download_button(
        tr("download_csv", ctx.lang), lambda: to_csv_bytes(shown),
        file_name=export_file_name("主要指标", "Main_indicators", ctx.lang, "csv", now),
        mime="text/csv", key="csv_leader", on_click="ignore", icon=":material/download:",
        wrap=True)
    row.download_button(
        tr("download_xlsx", ctx.lang), lambda: leader_xlsx_bytes(table, ctx.lang),
        file_name=export_file_name("主要指标", "Main_indicators", ctx.lang, "xlsx", now),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="xlsx_leader", on_click="ignore", icon=":material/table_view:", wrap=True)


def render_attention(ctx: PageContext) -> None:
    """需关注: each item's sentence; nothing when no figure calls for attention."""
    items = cached.attention(ctx)
    if items:
        render_sentence_block(tr("attention_heading", ctx.lang), [i.sentence for i in items],
                              tr("attention_caption", ctx.lang), key="attention")


def render_latest_publish(ctx: PageContext) -> None:
    """本次更新: when the version in force was published, from which file, and the figures it
    revised (old → new), added or removed; nothing for the shipped data."""
    found = cached.latest_publish(ctx)
    if found is None:
        return
    summary, lines = found
    if not lines:
        st.subheader(tr("change_heading", ctx.lang))
        st.caption(escape_markdown(summary))
        return
    render_sentence_block(tr("change_heading", ctx.lang), lines, escape_markdown(summary),
                          key="latest_publish")


def render_city_ranks(ctx: PageContext) -> None:
    """Xuhui among the districts, computed from their figures; nothing without them."""
    sentences = cached.city_ranks(ctx)
    if not sentences:
        return
    render_sentence_block(tr("city_rank_heading", ctx.lang), sentences)
    charts = cached.city_rank_figures(ctx)
    for start in range(0, len(charts), 2):
        for number, (column, (figure, source)) in enumerate(
                zip(st.columns(2), charts[start:start + 2], strict=False), start=start):
            column.plotly_chart(figure, key=f"city_rank_{number}", theme=None,
                                config={"displayModeBar": False})
            column.caption(source)


def render_summaries(ctx: PageContext, indicator_ids: tuple[str, ...]) -> None:
    sentences = cached.sentences(ctx, indicator_ids)
    if sentences:  # plain text to select and paste into a report
        render_sentence_block(tr("summaries", ctx.lang), sentences)
        return
    st.subheader(tr("summaries", ctx.lang))
    st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")


def render_page_figures(ctx: PageContext, spec: PageSpec) -> None:
    """Every figure of the page's domains under the current filters, with downloads."""
    key, title_zh, title_en = spec.page_id, spec.title_zh, spec.title_en
    selection = Selection(domains=tuple(spec.domains))
    rows = cached.rows(ctx, selection)
    st.subheader(tr("page_figures", ctx.lang))
    if rows.empty:
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
        return
    st.caption(tr("page_figures_caption", ctx.lang, count=len(rows),
                  derived=int(rows["status"].eq("derived").sum())))
    render_rows(ctx, selection, rows, key=f"page_table_{key}")
    render_downloads(ctx, lambda: present_observations(rows, ctx.tables, ctx.lang),
                     title_zh, title_en, key=f"page_{key}",
                     labels=("download_view_csv", "download_view_xlsx"))


def render_rows(ctx: PageContext, selection: Selection, rows: pd.DataFrame, key: str,
                sentences: bool = False) -> None:
    """The table of selected observations: only the rows shown are presented and sent."""
    render_table(cached.shown(ctx, selection, TABLE_ROWS_SHOWN, sentences), ctx.lang, key=key,
                 total=len(rows))
