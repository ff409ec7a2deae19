"""Xuhui among the districts: one indicator's district figures for one period as sideways bars,
largest first, Xuhui marked (its own colour and its rank in the title), the source under it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from xhdash.data.schema import DISTRICT
from xhdash.i18n import names, tr
from xhdash.meaning.city_rank import CityRank, district_rows
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.plain import escape_plotly
from xhdash.meaning.saying import say_rows
from xhdash.output.charts import FONT_FAMILY, PALETTE, chart_unit, figure_source_line
from xhdash.periods import parse_period

OTHERS_COLOUR = "#9aa5b1"  # the other districts: a quiet grey beside Xuhui's blue
ROW_PX, FRAME_PX = 24, 120  # each district's bar, and the title, axis and source around them


def city_rank_rows(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                   rank: CityRank) -> pd.DataFrame:
    """The districts' figures the rank was computed from, largest first."""
    rows = district_rows(observations, tables["areas"])
    rows = rows[(rows["indicator_id"].astype(str) == rank.indicator_id)
                & (rows["period"].astype(str) == rank.period)]
    return rows.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)


def make_city_rank_figure(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], rank: CityRank,
                          lang: str) -> go.Figure:
    """Sideways bars of the districts (largest at the top), Xuhui in the page's blue with its
    value written on the bar, the others grey; the title names the indicator, the period, the
    unit and Xuhui's place."""
    words = indicator_words(tables["indicators"], rank.indicator_id)
    area_names = names(tables["areas"], "area_id", lang)
    said = say_rows(rows, tables)
    is_own = rows["area_id"].astype(str).eq(DISTRICT).tolist()
    labels = [escape_plotly(area_names.get(str(a), str(a))) for a in rows["area_id"]]
    texts = [escape_plotly(getattr(s, lang).bar) if own else "" for s, own in zip(said, is_own,
                                                                                 strict=True)]
    hovers = [escape_plotly(getattr(s, lang).hover) for s in said]
    title = tr("city_chart_title", lang, name=words.name(lang),
               period=parse_period(rank.period).label(lang),
               unit=chart_unit(tables["indicators"], (rank.indicator_id,), lang),
               rank=int(rank.by_value.value), count=len(rows))
    figure = go.Figure(go.Bar(
        x=rows["value"].tolist(), y=labels, orientation="h", text=texts, textposition="outside",
        cliponaxis=False, hovertext=hovers, hovertemplate="<b>%{y}</b><br>%{hovertext}<extra></extra>",
        marker={"color": [PALETTE[0] if own else OTHERS_COLOUR for own in is_own]}))
    figure.update_layout(
        title={"text": escape_plotly(title), "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13}, height=FRAME_PX + ROW_PX * len(rows),
        margin={"l": 70, "r": 60, "t": 50, "b": 60}, showlegend=False, separators=".,",
        yaxis={"autorange": "reversed", "type": "category"}, xaxis={"rangemode": "tozero"},
        annotations=[{"text": escape_plotly(figure_source_line(rows, tables["sources"], lang)),
                      "showarrow": False, "xref": "paper", "yref": "paper", "x": 0,
                      "y": -40 / (ROW_PX * len(rows)), "xanchor": "left", "yanchor": "top",
                      "font": {"size": 11, "color": "#555"}}])
    return figure
