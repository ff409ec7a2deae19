"""Xuhui among the districts: one indicator's district figures for one period as sideways bars,
largest first, Xuhui marked (its own colour, its value on its bar, its rank in the title). The
unit is the one the cards use (CNY bn in English), the source line goes in the page's caption."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from xhdash.data.schema import DISTRICT
from xhdash.i18n import names, tr
from xhdash.meaning.city_rank import CityRank, district_rows
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.plain import escape_plotly
from xhdash.meaning.saying import say_rows
from xhdash.output.charts import (
    FONT_FAMILY,
    PALETTE,
    bar_texts,
    chart_scale,
    chart_unit,
    drawn_values,
    page_title,
    source_line,
)
from xhdash.periods import parse_period

OTHERS_COLOUR = "#7b8794"  # the other districts: a quiet grey beside Xuhui's blue (3:1 on white)
ROW_PX, FRAME_PX = 24, 70  # each district's bar, and the axis around them (the title apart)
TITLE_LINE_PX = 22


def city_rank_rows(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                   rank: CityRank) -> pd.DataFrame:
    """The districts' figures the rank was computed from, largest first."""
    rows = district_rows(observations, tables["areas"])
    rows = rows[(rows["indicator_id"].astype(str) == rank.indicator_id)
                & (rows["period"].astype(str) == rank.period)]
    return rows.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def city_rank_title(tables: dict[str, pd.DataFrame], rank: CityRank, rows: pd.DataFrame,
                    lang: str) -> str:
    """2024年1-6月各区区级财政收入（亿元）：徐汇区第3."""
    indicators = tables["indicators"]
    return tr("city_chart_title", lang,
              name=indicator_words(indicators, rank.indicator_id).name(lang),
              period=parse_period(rank.period).label(lang),
              unit=chart_unit(indicators, (rank.indicator_id,), lang, rows),
              rank=int(rank.by_value.value), count=len(rows))


def city_rank_source(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> str:
    """The chart's source line, for the caption under it."""
    return source_line(rows, tables["sources"], lang)


def make_city_rank_figure(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], rank: CityRank,
                          lang: str) -> go.Figure:
    """Sideways bars of the districts (largest at the top), Xuhui in the page's blue with its
    value written on the bar, the others grey; the title (wrapped for a phone) names the
    indicator, the period, the unit and Xuhui's place."""
    area_names = names(tables["areas"], "area_id", lang)
    said = pd.Series(dict(zip(rows.index, (getattr(s, lang) for s in say_rows(rows, tables)),
                              strict=True)))
    scale = chart_scale(tables["indicators"], (rank.indicator_id,), rows, lang)
    is_own = rows["area_id"].astype(str).eq(DISTRICT)
    bars = bar_texts(rows, said, tables, scale)
    title, title_lines = page_title(city_rank_title(tables, rank, rows, lang))
    figure = go.Figure(go.Bar(
        x=drawn_values(rows, scale).tolist(),
        y=[escape_plotly(area_names.get(str(a), str(a))) for a in rows["area_id"]],
        orientation="h", cliponaxis=False, textposition="outside",
        text=[escape_plotly(text) if own else "" for text, own in zip(bars, is_own, strict=True)],
        hovertext=[escape_plotly(s.hover) for s in said],
        hovertemplate="<b>%{y}</b><br>%{hovertext}<extra></extra>",
        marker={"color": [PALETTE[0] if own else OTHERS_COLOUR for own in is_own]}))
    top = 14 + TITLE_LINE_PX * title_lines + 18
    figure.update_layout(
        title={**title, "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13}, height=top + FRAME_PX + ROW_PX * len(rows),
        margin={"l": 10, "r": 70, "t": top, "b": 30}, showlegend=False, separators=".,",
        yaxis={"autorange": "reversed", "type": "category", "automargin": True},
        xaxis={"rangemode": "tozero", "automargin": True})
    return figure
