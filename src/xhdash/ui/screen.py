"""The big-screen view (`?view=screen`): a page's cards and main charts on one screen of the
operations centre's wall, without scrolling, at 1920×1080, 3840×2160 or a 32:9 wall of
3840×1080 (`&size=…`), light or dark (`&theme=dark`); it refreshes itself when a new version
is published."""

from __future__ import annotations

import os
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from xhdash.i18n import tr
from xhdash.page_specs import PageSpec
from xhdash.plain import escape_markdown
from xhdash.ui import cached
from xhdash.ui.context import PageContext
from xhdash.ui.style import CARDS_KEY, apply_screen_style
from xhdash.versions import current_identity

SCREEN_SIZES = {"1920x1080": (1920, 1080), "3840x2160": (3840, 2160), "3840x1080": (3840, 1080)}
DEFAULT_SIZE = "1920x1080"
REFRESH_SECONDS = float(os.environ.get("XHDASH_SCREEN_REFRESH", "30"))
BASE_HEIGHT = 1080  # the height the type is drawn for; larger walls scale it
HEADER_PX, CARDS_PX, GAPS_PX = 70, 150, 44  # at scale 1: title row, one row of cards, spacing
MAX_CARDS = 6


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


def screen_layout(size: str) -> ScreenLayout:
    """How a page fills a wall of `size` (one of SCREEN_SIZES): 16:9 walls take a row of cards
    and 2×2 charts; a 32:9 wall takes the cards and four charts side by side."""
    width, height = SCREEN_SIZES.get(size, SCREEN_SIZES[DEFAULT_SIZE])
    scale = height / BASE_HEIGHT
    wide = width / height > 2.5
    columns, rows = (4, 1) if wide else (2, 2)
    free = height - scale * (HEADER_PX + CARDS_PX + GAPS_PX)
    return ScreenLayout(width, height, scale, MAX_CARDS, columns, rows,
                        int(free / rows - scale * 12 * rows))


def screen_figure(figure: go.Figure, layout: ScreenLayout, dark: bool) -> go.Figure:
    """A copy of a (shared, cached) figure sized and coloured for the wall."""
    wall = go.Figure(figure)
    wall.update_layout(height=layout.chart_height, font={"size": 13 * layout.scale},
                       title={"font": {"size": 18 * layout.scale}},
                       margin={"l": 50 * layout.scale, "r": 20 * layout.scale,
                               "t": 56 * layout.scale, "b": 90 * layout.scale})
    wall.update_annotations(yshift=-4 * layout.scale, font={"size": 11 * layout.scale})
    if dark:
        wall.update_layout(template="plotly_dark", paper_bgcolor="#0e1117",
                           plot_bgcolor="#0e1117")
    return wall


def _refresh_when_published(ctx: PageContext) -> None:
    @st.fragment(run_every=REFRESH_SECONDS)
    def watch() -> None:
        try:
            changed = current_identity() != (ctx.store.data_dir, ctx.store.version)
        except Exception:  # noqa: BLE001 — a store mid-publish is looked at again next time
            return
        if changed:
            st.rerun(scope="app")

    watch()


def render_screen(ctx: PageContext, spec: PageSpec, size: str, dark: bool) -> None:
    """The page on the wall: its title, one row of cards and its main charts, nothing else."""
    layout = screen_layout(size)
    apply_screen_style(layout.scale, dark)
    st.title(spec.title(ctx.lang))
    cards = cached.cards(ctx, spec.cards[:layout.cards])
    with st.container(key=CARDS_KEY):
        for column, card in zip(st.columns(layout.cards), cards, strict=False):
            with column.container(border=True):
                st.metric(escape_markdown(card.title), card.value_text, card.delta_text,
                          delta_color=card.delta_color)
                st.caption(escape_markdown(card.source_text))
    charts = [c for c in spec.charts if not cached.chart(ctx, c).rows.empty][:layout.charts]
    for start in range(0, len(charts), layout.columns):
        for column, chart in zip(st.columns(layout.columns), charts[start:start + layout.columns],
                                 strict=False):
            built = cached.chart(ctx, chart)
            column.plotly_chart(screen_figure(built.figure, layout, dark),
                                key=f"screen_{chart.chart_id}",
                                config={"displayModeBar": False, "staticPlot": True})
    if not charts:
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
    _refresh_when_published(ctx)
