"""Chart images for slides and briefs: a chart laid out with its title, unit and footer,
rendered on the server by one reused Chromium (kaleido 1.x)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from xhdash.meaning.page_specs import ChartSpec
from xhdash.output.export_images.layout import SCALE, SIZES, slide_figure
from xhdash.output.export_images.server import ImageRenderError, close_image_server, render_image

FORMATS = ("png", "svg")

__all__ = ["FORMATS", "SIZES", "ImageRenderError", "close_image_server", "render_chart_image",
           "slide_figure"]


def render_chart_image(figure: go.Figure, rows: pd.DataFrame, spec: ChartSpec,
                       tables: dict[str, pd.DataFrame], lang: str, fmt: str = "png",
                       size: str = "16:9", *, exported: date | None = None,
                       version_note: str = "", footer: bool = True,
                       title: bool = True) -> bytes:
    """One chart as a finished figure for a slide (PNG or SVG bytes): title with unit, the
    chart, and a footer with its sources, periods, frequency, derived note, export date and
    the dashboard's name (and `version_note`, the store version shown, when it is an earlier
    one). Without `footer` the image has none (the brief prints it as text beneath, once), and
    without `title` no title (the brief's heading says it).
    `figure` is not changed."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    slide = slide_figure(figure, rows, spec, tables, lang, size, exported, version_note,
                         footer=footer, title=title)
    width, height = SIZES[size]
    return render_image(slide.to_dict(), fmt, width, height, SCALE)
