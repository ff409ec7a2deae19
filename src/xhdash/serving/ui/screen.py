"""The big-screen view (`?view=screen`): a page's cards and main charts on one screen of the
operations centre's wall, without scrolling, at 1920×1080, 3840×2160 or a 32:9 wall of
3840×1080 (`&size=…`), light or dark (`&theme=dark`); it refreshes itself when a new version
is published."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from xhdash.data.versions import current_identity
from xhdash.i18n import tr
from xhdash.meaning.page_specs import PageSpec
from xhdash.meaning.plain import escape_markdown, escape_plotly
from xhdash.output.charts import figure_source_line
from xhdash.output.text_width import text_em, wrap_text
from xhdash.serving.ui import cached
from xhdash.serving.ui.asof import as_of_line
from xhdash.serving.ui.context import PageContext
from xhdash.serving.ui.style import CARDS_KEY, WALL_CSS_COLOURS, apply_screen_style
from xhdash.serving.ui.time_travel import pinned_version
from xhdash.settings import setting

SCREEN_SIZES = {"1920x1080": (1920, 1080), "3840x2160": (3840, 2160), "3840x1080": (3840, 1080)}
DEFAULT_SIZE = "1920x1080"
BASE_HEIGHT = 1080  # the height the type is drawn for; larger walls scale it
HEADER_PX, CARDS_PX, GAPS_PX = 64, 150, 40  # at scale 1: title row, one row of cards, spacing
CHART_GAP_PX = 12  # at scale 1: between two rows of charts
ATTENTION_PX = 34  # at scale 1: the 需关注 line under the cards, when there is one
MAX_CARDS = 6
# the wall's colours: text at least WCAG AA (4.5:1) on its background in both themes
WALL_COLOURS = {dark: {"background": bg, "text": text, "muted": muted,
                       "grid": "#2b3140" if dark else "#d9d9d9",
                       "axis": "#5c6475" if dark else "#8c8c8c"}
                for dark, (bg, text, muted, _alert) in WALL_CSS_COLOURS.items()}


@dataclass(frozen=True)
class ScreenLayout:
    width: int
    height: int
    scale: float
    cards: int  # cards in the one row
    columns: int  # charts side by side
    rows: int  # rows of charts
    chart_height: int  # each chart's height in pixels

    @property
    def charts(self) -> int:
        return self.columns * self.rows


CARD_PAD_PX, CARD_GAP_PX = 16, 16  # at scale 1: a card's inner padding, the gap between cards
VALUE_REM, VALUE_MIN_REM = 2.2, 1.4  # a card's value: its size, and the least it shrinks to
TITLE_LINE_PX, CAPTION_LINE_PX, DELTA_PX = 24, 21, 30  # at scale 1: a card's lines


@dataclass(frozen=True)
class WallCards:
    """How the row of cards is set: the value's size (rem) and the row's height (px at scale 1),
    worked out from the words, so the charts below get the height that is really left."""

    value_rem: float
    height_px: float


def _lines_of(text: str, width_px: float, font_px: float) -> int:
    return max(1, math.ceil(text_em(text) * font_px / max(width_px, 1.0)))


def wall_cards(cards: list, size: str) -> WallCards:
    """The value's size that keeps the longest value to two lines (more than 14,300 person-visits,
    all rectified (the dashboard's reading)), and the height of the tallest card."""
    width, height = SCREEN_SIZES.get(size, SCREEN_SIZES[DEFAULT_SIZE])
    inner = (width / (height / BASE_HEIGHT) - 2 * 19) / max(len(cards), 1) - CARD_GAP_PX \
        - 2 * CARD_PAD_PX  # a card's text width at scale 1
    longest = max((text_em(card.value_text) for card in cards), default=0.0)
    value_rem = max(VALUE_MIN_REM, min(VALUE_REM, 2 * inner / max(longest * 16, 1.0)))
    tallest = 0.0
    for card in cards:
        value_px = value_rem * 16
        tall = (TITLE_LINE_PX * _lines_of(card.title, inner - 24, 16)
                + value_px * 1.3 * _lines_of(card.value_text, inner, value_px)
                + (DELTA_PX if card.delta_text else 0)
                + CAPTION_LINE_PX * _lines_of(card.source_text, inner, 13.6) + 2 * CARD_PAD_PX + 16)
        tallest = max(tallest, tall)
    return WallCards(value_rem, max(tallest, CARDS_PX))


def screen_layout(size: str, charts: int = 4, attention: bool = False,
                  cards_px: float = CARDS_PX) -> ScreenLayout:
    """How a page fills a wall of `size` (one of SCREEN_SIZES) with `charts` charts: 16:9 walls
    take a row of cards and 2×2 charts (one row of two when there are only two); a 32:9 wall
    takes the cards and up to four charts side by side; three charts stand in one row. The
    charts share the height left below the cards (`cards_px` tall at scale 1) and the 需关注
    line when there is one."""
    width, height = SCREEN_SIZES.get(size, SCREEN_SIZES[DEFAULT_SIZE])
    scale = height / BASE_HEIGHT
    wide = width / height > 2.5
    charts = max(1, min(charts, 4))
    columns, rows = (charts, 1) if wide or charts <= 3 else (2, 2)
    free = height - scale * (HEADER_PX + cards_px + GAPS_PX + CHART_GAP_PX * (rows - 1)
                             + (ATTENTION_PX if attention else 0))
    return ScreenLayout(width, height, scale, MAX_CARDS, columns, rows, int(free / rows))


LONG_BAR_TEXT_EM = 10.0  # a bar's words longer than this wrap to the bar's width on the wall


def _wrapped_bar_text(text: str, room: float) -> str:
    plain = html.unescape(text)
    if text_em(plain) <= max(LONG_BAR_TEXT_EM, room):
        return text
    return "<br>".join(escape_plotly(line) for line in wrap_text(plain, room))


def _wrap_categories(wall: go.Figure, layout: ScreenLayout) -> int:
    """Category labels and bar words level and wrapped to their bar's width, never slanted over
    the source line and out of the screen (long English names, 13 streets); the most lines a
    label takes."""
    categories = [html.unescape(str(c)) for c in (wall.layout.xaxis.categoryarray or ())]
    if not categories or any(trace.orientation == "h" for trace in wall.data):
        return 1
    chart_px = layout.width / layout.columns - 90 * layout.scale
    room = max(chart_px / len(categories) / (14 * layout.scale) * 0.92, 3.0)  # in ems
    wrapped = [wrap_text(c, room) for c in categories]
    wall.update_xaxes(tickangle=0, tickmode="array", tickvals=list(wall.layout.xaxis.categoryarray),
                      ticktext=["<br>".join(escape_plotly(line) for line in lines)
                                for lines in wrapped])
    for trace in wall.data:  # a long reading in words (all rectified (the dashboard's reading))
        if trace.type == "bar" and trace.text:
            trace.text = [_wrapped_bar_text(str(t), room * 14 / 13) for t in trace.text]
    return max(len(lines) for lines in wrapped)


def screen_figure(figure: go.Figure, layout: ScreenLayout, dark: bool,
                  source_line: str = "") -> go.Figure:
    """A copy of a (shared, cached) figure sized and coloured for the wall, its legend in a
    row of its own under the title and its source line under the plot."""
    colours = WALL_COLOURS[dark]
    scale = layout.scale
    wall = go.Figure(figure)
    wall.layout.annotations = ()  # one source line: the wall's own, under the plot
    legend_room = 28 * scale if wall.layout.showlegend else 0
    wall.update_xaxes(gridcolor=colours["grid"], linecolor=colours["axis"], automargin=True,
                      tickfont={"size": 14 * scale, "color": colours["text"]})
    label_lines = _wrap_categories(wall, layout)
    below = (22 + 17 * label_lines) * scale  # the tick labels' lines, under the plot
    bottom = below + (22 * scale if source_line else 0)
    wall.update_layout(
        template="plotly_dark" if dark else "plotly_white",
        paper_bgcolor=colours["background"], plot_bgcolor=colours["background"],
        height=layout.chart_height, font={"size": 14 * scale, "color": colours["text"]},
        title={"font": {"size": 19 * scale, "color": colours["text"]}, "y": 1,
               "yanchor": "top", "yref": "container", "pad": {"t": 12 * scale}},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
                "font": {"size": 13 * scale, "color": colours["text"]}},
        margin={"l": 60 * scale, "r": 20 * scale, "t": 58 * scale + legend_room, "b": bottom})
    wall.update_yaxes(gridcolor=colours["grid"], zerolinecolor=colours["axis"],
                      tickfont={"size": 14 * scale, "color": colours["text"]})
    wall.update_traces(textfont={"size": 13 * scale, "color": colours["text"]},
                       selector={"type": "bar"})
    if source_line:
        # under the tick labels, in the bottom margin (an annotation has no container ref)
        plot_height = max(layout.chart_height - 58 * scale - legend_room - bottom, 1)
        wall.add_annotation(text=escape_plotly(source_line), showarrow=False, xref="paper",
                            yref="paper", x=0, y=-below / plot_height, xanchor="left",
                            yanchor="top", font={"size": 12 * scale, "color": colours["muted"]})
    return wall


def _refresh_when_published(ctx: PageContext) -> None:
    if pinned_version() is not None:  # a wall opened with ?as_of= shows that version and stays
        return

    @st.fragment(run_every=float(setting("XHDASH_SCREEN_REFRESH")))
    def watch() -> None:
        try:
            changed = current_identity() != (ctx.store.data_dir, ctx.store.version)
        except Exception:  # noqa: BLE001 — a store mid-publish is looked at again next time
            return
        if changed:
            st.rerun(scope="app")

    watch()


def _wall_charts(ctx: PageContext, spec: PageSpec) -> list[tuple[str, object]]:
    """(key, built chart) of the page's charts that have figures to draw (one bar, or only
    readings from words, is no chart: the page says them as sentences); the zones wall leads
    with its comparison across areas."""
    charts = []
    if spec.page_id == "zones":
        built = cached.main_comparison(ctx)
        if built is not None and not built.rows.empty:
            charts.append(("compare", built))
    for chart in spec.charts:
        built = cached.chart(ctx, chart)
        if not built.rows.empty and not built.sentences:
            charts.append((chart.chart_id, built))
    return charts


def render_wall_header(ctx: PageContext, spec: PageSpec) -> None:
    """The title, and the district with 数据截至 and 更新于, on one row that nothing covers."""
    line = as_of_line(ctx.observations, ctx.store.data_dir, ctx.lang, ctx.store.version)
    if pinned_version() is not None and ctx.store.version_number is not None:  # ?as_of=
        line = f"{line} · {tr('store_version_note', ctx.lang, version=ctx.store.version_number)}"
    st.html(f'<div class="xh-wall-head"><h1>{html.escape(spec.title(ctx.lang))}</h1>'
            f'<span class="xh-wall-asof">{html.escape(line)}</span></div>')


WALL_ATTENTION_ITEMS = 3  # one line on the wall, not a list


def render_wall_attention(ctx: PageContext, items: list) -> None:
    """需关注 in one line under the cards: the first items' few words, and how many more."""
    if not items:
        return
    shown = tr("clause_separator", ctx.lang).join(item.short
                                                  for item in items[:WALL_ATTENTION_ITEMS])
    more = len(items) - WALL_ATTENTION_ITEMS
    if more > 0:
        shown += tr("attention_more", ctx.lang, count=more)
    st.html(f'<p class="xh-wall-attention"><b>{html.escape(tr("attention_heading", ctx.lang))}'
            f'</b>{html.escape(shown)}</p>')


def render_screen(ctx: PageContext, spec: PageSpec, size: str, dark: bool) -> None:
    """The page on the wall: its title and freshness, one row of cards and its main charts."""
    charts = _wall_charts(ctx, spec)
    attention = cached.attention(ctx) if spec.page_id == "overview" else []
    cards = cached.cards(ctx, spec.cards[:MAX_CARDS])
    card_row = wall_cards(cards, size)
    layout = screen_layout(size, len(charts), bool(attention), card_row.height_px)
    apply_screen_style(layout.scale, dark, card_row.value_rem)
    render_wall_header(ctx, spec)
    with st.container(key=CARDS_KEY):
        for column, card in zip(st.columns(layout.cards), cards, strict=False):
            with column.container(border=True):
                st.metric(escape_markdown(card.title), card.value_text, card.delta_text,
                          delta_color=card.delta_color)
                st.caption(escape_markdown(card.source_text))
    render_wall_attention(ctx, attention)
    charts = charts[:layout.charts]
    for start in range(0, len(charts), layout.columns):
        for column, (key, built) in zip(st.columns(layout.columns),
                                        charts[start:start + layout.columns], strict=False):
            source = figure_source_line(built.rows, ctx.tables["sources"], ctx.lang)
            column.plotly_chart(screen_figure(built.figure, layout, dark, source),
                                key=f"screen_{key}", theme=None,
                                config={"displayModeBar": False, "staticPlot": True})
    if not charts:
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
    _refresh_when_published(ctx)
