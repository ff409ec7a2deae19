"""A chart laid out as a finished slide figure, on a copy: title with unit, the chart, and the
footer, at a fixed size in pixels so nothing overlaps or is clipped.

Everything is placed in pixels and converted to the plot's paper coordinates, with Plotly's
automatic margins off: long category labels and footer lines are wrapped here, by the width
their characters take (a CJK character one em, others about half).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from xhdash.meaning.page_specs import ChartSpec
from xhdash.meaning.plain import escape_plotly
from xhdash.output.charts import chart_title, chart_unit
from xhdash.output.export_images.footer import chart_footer_lines
from xhdash.output.text_width import text_em, wrap_text

SIZES: dict[str, tuple[int, int]] = {"16:9": (1600, 900), "4:3": (1200, 900)}
SCALE = 2  # 3200×1800 and 2400×1800 pixels: sharp on a projector and in print
FONT_FAMILY = "Noto Sans CJK SC, Noto Sans, sans-serif"
TITLE_PX, BASE_PX, TICK_PX, BAR_TEXT_PX, LEGEND_PX, FOOTER_PX = 30, 20, 18, 17, 18, 16
MIN_BAR_TEXT_PX = 11
LINE = 1.4  # line height, in font sizes
PAD = 32  # the outer padding
FOOTER_COLOUR = "#444444"
LABEL_ROOM = 0.1  # room beyond the longest bar for its label, as a share of the axis
def _plotly_lines(lines: list[str]) -> str:
    return "<br>".join(escape_plotly(line) for line in lines)


@dataclass(frozen=True)
class Frame:
    """The pixel layout: image size and the plot area's margins."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> int:
        return self.height - self.top - self.bottom


def _data_range(figure: go.Figure) -> tuple[float, float]:
    """The lowest and highest value drawn, zero included."""
    values = [v for trace in figure.data for v in (trace.y or ()) if v is not None]
    return min([0.0, *values]), max([0.0, *values])


def _value_range(low: float, high: float, label_px: float, plot_height: int
                 ) -> tuple[float, float]:
    """The value axis: room beyond the longest bars, each way, for their labels."""
    span = (high - low) or 1.0
    share = min(label_px / max(plot_height, 1), 0.35)
    room = span * share / (1 - 2 * share)
    return (low - room if low < 0 else 0.0, high + room if high > 0 or low == 0 else 0.0)


def _left_margin(low: float, high: float) -> int:
    digits = max(len(f"{abs(v):,.0f}") for v in (low, high)) + 2  # a decimal, a sign
    return PAD + int(digits * 0.62 * TICK_PX) + 12


def _legend_rows(figure: go.Figure, plot_width: int) -> int:
    if not figure.layout.showlegend:
        return 0
    widths = [text_em(html.unescape(trace.name or "")) * LEGEND_PX + 50 for trace in figure.data]
    rows, used = 1, 0.0
    for width in widths:
        if used and used + width > plot_width:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def _bar_text(figure: go.Figure, plot_width: int, categories: int) -> tuple[int, int, float]:
    """The bar labels' (size, angle, extent in px along the bar): as large as BAR_TEXT_PX while
    the widest fits across its bar, not below MIN_BAR_TEXT_PX; turned upright when even that
    is too wide."""
    bars = max(categories, 1) * max(len(figure.data), 1)
    bar_px = plot_width / bars * 0.8
    widest = max((text_em(html.unescape(str(t))) for trace in figure.data
                  for t in (trace.text or ())), default=1.0)
    fitting = bar_px * 1.05 / max(widest, 1.0)
    if fitting >= MIN_BAR_TEXT_PX:
        size = int(min(BAR_TEXT_PX, fitting))
        return size, 0, size * LINE
    size = int(max(MIN_BAR_TEXT_PX, min(BAR_TEXT_PX, bar_px * 0.9)))
    return size, -90, widest * size + 8


def _tick_labels(categories: list[str], plot_width: int) -> tuple[list[str], int, int]:
    """Tick texts for the category axis, their angle and the height they take: wrapped in at
    most two lines, else slanted."""
    room = max(plot_width / max(len(categories), 1) * 0.92 / TICK_PX, 2.0)
    wrapped = [wrap_text(html.unescape(category), room) for category in categories]
    lines = max((len(w) for w in wrapped), default=1)
    if lines <= 2:
        return [_plotly_lines(w) for w in wrapped], 0, int(lines * TICK_PX * LINE) + 14
    widest = max(text_em(html.unescape(category)) for category in categories)
    return [escape_plotly(html.unescape(c)) for c in categories], -45, int(
        widest * TICK_PX * 0.72 + TICK_PX) + 14


def slide_figure(figure: go.Figure, rows: pd.DataFrame, spec: ChartSpec,
                 tables: dict[str, pd.DataFrame], lang: str, size: str = "16:9",
                 exported: date | None = None, version_note: str = "", *,
                 footer: bool = True, title: bool = True) -> go.Figure:
    """A copy of `figure` laid out for a slide; `figure` itself is left as it was. Without
    `footer` nothing is drawn under the axis (a brief prints the footer as text beneath the
    image) and the plot takes the room; without `title` none is drawn above it (a brief writes
    it as the chart's heading)."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {sorted(SIZES)}, not {size!r}")
    width, height = SIZES[size]
    exported = exported or date.today()
    slide = go.Figure(figure)  # a deep copy: the figure passed in may be a shared cached one
    low, high = _data_range(slide)
    title_lines = wrap_text(chart_title(spec, chart_unit(tables["indicators"], spec.indicators,
                                                         lang, rows), lang),
                            (width - 2 * PAD) / TITLE_PX) if title else []
    left = _left_margin(low, high)
    plot_width = width - left - PAD
    legend_rows = _legend_rows(slide, plot_width)
    parts = chart_footer_lines(rows, tables, lang, exported) + ([version_note] if version_note else [])
    footer_lines = [line for part in parts
                    for line in wrap_text(part, (width - 2 * PAD) / FOOTER_PX)] if footer else []
    categories = [str(c) for c in (slide.layout.xaxis.categoryarray or ())]
    ticks, tick_angle, tick_px = _tick_labels(categories, plot_width)
    footer_px = int(len(footer_lines) * FOOTER_PX * LINE)
    top = PAD + (int(len(title_lines) * TITLE_PX * LINE) + 14 if title_lines else 0) + int(
        legend_rows * LEGEND_PX * LINE * 1.3) + BAR_TEXT_PX
    frame = Frame(width, height, left, PAD, top, tick_px + 18 + footer_px + PAD)
    text_px, text_angle, label_px = _bar_text(slide, plot_width, len(categories))
    slide.update_traces(textfont={"size": text_px}, textangle=text_angle)
    low, high = _value_range(low, high, label_px, frame.plot_height)
    slide.update_layout(
        width=width, height=height, template="plotly_white",
        font={"family": FONT_FAMILY, "size": BASE_PX, "color": "#222222"},
        title={"text": _plotly_lines(title_lines), "font": {"size": TITLE_PX},
               "xref": "container", "yref": "container", "x": PAD / width, "xanchor": "left",
               "y": 1 - PAD / height, "yanchor": "top"},
        margin={"l": frame.left, "r": frame.right, "t": frame.top, "b": frame.bottom,
                "autoexpand": False},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1 + (BAR_TEXT_PX + 6)
                / frame.plot_height, "yanchor": "bottom", "font": {"size": LEGEND_PX}},
        xaxis={"automargin": False, "tickangle": tick_angle, "tickfont": {"size": TICK_PX},
               **({"tickmode": "array", "tickvals": categories, "ticktext": ticks}
                  if categories else {})},
        yaxis={"automargin": False, "tickfont": {"size": TICK_PX}, "range": [low, high],
               "zeroline": True, "zerolinecolor": "#888888"},
        annotations=[{
            "text": _plotly_lines(footer_lines), "showarrow": False, "align": "left",
            "xref": "paper", "x": -(frame.left - PAD) / frame.plot_width, "xanchor": "left",
            "yref": "paper", "y": -(tick_px + 18) / frame.plot_height, "yanchor": "top",
            "font": {"size": FOOTER_PX, "color": FOOTER_COLOUR},
        }],
        shapes=[{"type": "line", "xref": "paper", "yref": "paper",
                 "x0": -(frame.left - PAD) / frame.plot_width, "x1": 1,
                 "y0": -(tick_px + 8) / frame.plot_height,
                 "y1": -(tick_px + 8) / frame.plot_height,
                 "line": {"color": "#BBBBBB", "width": 1}}],
    )
    if not footer_lines:  # the dashboard's own source note goes too: the brief prints it
        slide.layout.annotations, slide.layout.shapes = (), ()
    return slide
