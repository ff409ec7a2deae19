"""Figure builders: a chart's rows in, a Plotly figure out. No globals, no Streamlit."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from xhdash.data.indexing import indicator_rows
from xhdash.data.schema import DISTRICT
from xhdash.i18n import col, in_lang, join, tr
from xhdash.meaning.dimensions import DIMENSIONS, source_labels, status_label
from xhdash.meaning.figures import EnglishScale, english_scale, indicator_words
from xhdash.meaning.page_specs import ChartSpec
from xhdash.meaning.plain import escape_plotly
from xhdash.meaning.saying import bar_in_scale, say_rows
from xhdash.meaning.views import said_periods
from xhdash.output.text_width import text_em, wrap_text
from xhdash.periods import (
    chronological_key,
    frequency_label,
    frequency_of,
    parse_period,
    recency_key,
)

# Okabe–Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
STATUS_PATTERNS = {"derived": "/", "interpreted": "."}  # hatched derived, dotted readings
CHART_HEIGHT = 380
BAR_TEXT_LIMIT = 16  # more bars than this: values in the hover and the table, not on each bar
AREA_KINDS = ("by_zone", "by_area")
CLICK_COLUMNS = {"period": "period", **{d.attribute: d.column for d in DIMENSIONS if d.click}}


def _candidate_rows(observations: pd.DataFrame, spec: ChartSpec) -> pd.DataFrame:
    rows = indicator_rows(observations, spec.indicators)
    if spec.kind == "by_industry":
        return rows[rows["industry_id"].notna()]
    if spec.kind in AREA_KINDS:
        return rows
    return rows[rows["area_id"].eq(DISTRICT) & rows["industry_id"].isna()]


def chart_frequencies(observations: pd.DataFrame, spec: ChartSpec) -> tuple[str, ...]:
    """The frequencies a chart's figures come in, the most recent first."""
    codes = sorted(_candidate_rows(observations, spec)["period"].unique(), key=recency_key)
    return tuple(dict.fromkeys(frequency_of(code) for code in codes))


def chart_rows(observations: pd.DataFrame, spec: ChartSpec, frequency: str | None = None
               ) -> pd.DataFrame:
    """Exactly the observations a chart draws: one frequency (the one asked for, else the most
    recent in its figures; multi-year spans only when asked for), in the spec's indicator
    order, then along time."""
    rows = _candidate_rows(observations, spec)
    available = [f for f in chart_frequencies(observations, spec) if f != "span" or frequency]
    chosen = frequency if frequency else (available[0] if available else None)
    rows = rows[rows["period"].map(frequency_of).eq(chosen)] if len(rows) else rows
    order = {indicator: n for n, indicator in enumerate(spec.indicators)}
    return rows.assign(_order=rows["indicator_id"].map(order),
                       _time=rows["period"].map(chronological_key)).sort_values(
        ["_order", "_time"], kind="stable").drop(columns=["_order", "_time"])


def frequency_note(rows: pd.DataFrame, available: tuple[str, ...], chosen_by_reader: bool,
                   lang: str) -> str:
    """Which frequency a chart draws, and the others its figures also come in."""
    if rows.empty:
        return ""
    frequency = frequency_of(rows["period"].iloc[0])
    note = tr("chart_frequency", lang, frequency=frequency_label(frequency, lang))
    others = [frequency_label(f, lang) for f in available if f != frequency]
    if others and not chosen_by_reader:
        note += tr("chart_other_frequencies", lang,
                   others=join(others, lang))
    return note


def chart_scale(indicators: pd.DataFrame, indicator_ids, rows: pd.DataFrame | None,
                lang: str) -> EnglishScale | None:
    """The unit an English chart says its figures in: the one the English card says the
    chart's largest figure in (CNY bn for 250.85亿元, m persons for 109.85万人), so a card and
    its chart agree; None in Chinese (the stated unit, 亿元), without rows, or where the card
    keeps the indicator's own unit (%, projects)."""
    if rows is None or rows.empty:
        return None
    words = indicator_words(indicators, list(indicator_ids)[0])  # one unit: chart_unit checks
    scale = english_scale(float(rows["value"].astype("float64").abs().max()), words)
    return in_lang((None, scale if scale.factor != scale.size else None), lang)


def chart_unit(indicators: pd.DataFrame, indicator_ids, lang: str,
               rows: pd.DataFrame | None = None) -> str:
    """The chart's one unit (by its Chinese unit); in English the card's (CNY bn) where the
    chart's `rows` are given and a card rescales them, else the nouns, which may differ
    (hospitals / pharmacies for 家), joined."""
    table = indicators.set_index("indicator_id").loc[list(indicator_ids)]
    distinct = list(dict.fromkeys(table["unit_zh"]))
    if len(distinct) != 1:
        raise ValueError(f"a chart needs one unit, got {distinct} for {list(indicator_ids)}")
    scale = chart_scale(indicators, indicator_ids, rows, lang)
    return scale.unit if scale else in_lang(
        (distinct[0], " / ".join(dict.fromkeys(table["unit_en"]))), lang)


def chart_title(spec: ChartSpec, unit: str, lang: str) -> str:
    return tr("chart_title", lang, title=spec.title(lang), unit=unit)


def figure_source_line(rows: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    """The sources inside the figure, so an exported image still names them (as stated; the
    derived figures as such)."""
    labels = source_labels(sources, lang)
    used = [status_label("derived", lang) if s == "derived" else labels.get(s, s)
            for s in sorted(rows["source_id"].unique())]
    return tr("source_line", lang, sources=tr("clause_separator", lang).join(used))


def source_line(rows: pd.DataFrame, sources: pd.DataFrame, lang: str) -> str:
    labels = source_labels(sources, lang)
    used = [labels[s] for s in sorted(rows["source_id"].unique())]
    return tr("source_line", lang, sources=tr("clause_separator", lang).join(used))


def _axes(rows: pd.DataFrame, spec: ChartSpec, tables: dict[str, pd.DataFrame], lang: str):
    """(x labels, colour-group labels, x order) for the chart kind. Every bar is one figure:
    where a chart's x is not time, figures of different periods are different groups."""
    name = col("name", lang)
    indicator_names = tables["indicators"].set_index("indicator_id")[name]
    periods = {c: parse_period(c) for c in rows["period"].unique()}
    period_text = said_periods(rows, lang)[0]  # as stated: a span without a year
    if spec.kind == "series":
        order = list(dict.fromkeys(period_text.iloc[sorted(
            range(len(rows)), key=lambda n: chronological_key(rows["period"].iloc[n]))]))
        return period_text, rows["indicator_id"].map(growth_names(tables, rows, lang)), order
    if spec.kind == "bar":
        order = [indicator_names[i] for i in spec.indicators if i in set(rows["indicator_id"])]
        return rows["indicator_id"].map(indicator_names), period_text, order
    groups = rows["indicator_id"].map(indicator_names)
    if len(periods) > 1 or period_text.nunique() > 1:
        groups = period_text if rows["indicator_id"].nunique() == 1 else groups + " · " + period_text
    if spec.kind == "by_industry":
        industries = tables["industries"].sort_values("sort_order").set_index("industry_id")[name]
        return rows["industry_id"].map(industries), groups, list(
            industries[industries.index.isin(rows["industry_id"])])
    areas = tables["areas"].sort_values("sort_order").set_index("area_id")[name]
    shown = list(areas[areas.index.isin(rows["area_id"])].index)
    if spec.by_value:  # largest first by the latest period's figure; the others after, in order
        latest = rows[rows["period"] == max(rows["period"].unique(), key=chronological_key)]
        values = dict(zip(latest["area_id"], latest["value"].astype("float64"), strict=True))
        shown = sorted(shown, key=lambda a: -values.get(a, float("-inf")))
    return rows["area_id"].map(areas), groups, [areas[a] for a in shown]


def growth_names(tables: dict[str, pd.DataFrame], rows: pd.DataFrame, lang: str
                 ) -> dict[str, str]:
    """Indicator names for a legend; growth rates of money on different bases side by side
    say each basis: 地区生产总值增长率（实际（可比价））beside 区级财政收入增长率（名义（现价））."""
    indicators = tables["indicators"].set_index("indicator_id")
    names = indicators[col("name", lang)].to_dict()
    shown = indicators.loc[list(dict.fromkeys(rows["indicator_id"]))]
    monetary = shown[shown["kind"].eq("growth") & shown["growth_of"].map(
        lambda level: str(indicators["unit_zh"].get(level, "")).endswith("元"))]
    if monetary["growth_basis"].nunique() > 1 or len(monetary) < len(shown[shown["kind"].eq(
            "growth")]) and len(monetary):
        for indicator_id, basis in monetary["growth_basis"].items():
            label = tr(f"basis_{basis}", lang)
            names[indicator_id] += tr("in_brackets", lang, text=label)
    return names


def one_figure_per_bar(x: pd.Series, groups: pd.Series) -> None:
    """A bar (or point) is one figure: never two figures, of two periods or areas, in one."""
    slots = pd.DataFrame({"x": x.values, "group": groups.values})
    if slots.duplicated().any():
        clash = slots[slots.duplicated(keep=False)].iloc[0]
        raise ValueError(f"two figures would share one bar: {clash['x']} / {clash['group']}")


def said_of(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> pd.Series:
    """The figure-saying function's words (xhdash.meaning.saying.Said) of each row, by the rows' index."""
    return pd.Series([s.in_lang(lang) for s in say_rows(rows, tables)] if len(rows) else [],
                     index=rows.index, dtype="object")


def sentences_instead_of_chart(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str
                               ) -> list[str]:
    """The sentences (said by the figure-saying function) that stand in place of a chart that
    would draw nothing to compare: one bar, or bars that are all readings from words (四个
    两位数增长 drawn as an empty axis from 0 to 0.4); none for a chart to draw."""
    if rows.empty or (len(rows) > 1 and not _readings(rows).all()):
        return []
    return [said.sentence for said in said_of(rows, tables, lang)]


def _readings(rows: pd.DataFrame) -> pd.Series:
    """Rows read from words (两位数增长), which have no height to draw."""
    return rows["status"].eq("interpreted") & rows["stated_as"].map(
        lambda s: isinstance(s, str) and bool(s.strip()))


def drawn_values(rows: pd.DataFrame, scale: EnglishScale | None = None) -> pd.Series:
    """The bar heights: a figure's value (in the chart's unit, `scale` in English), and none for
    a reading from words (两位数增长 is not drawn as the 10 the dashboard reads it as; the words
    stand where the bar would)."""
    reading = _readings(rows)
    values = rows["value"].astype("float64")
    if scale is not None:
        values = values * scale.factor / scale.size
    return values.mask(reading, 0.0)


def bar_texts(rows: pd.DataFrame, said: pd.Series, tables: dict[str, pd.DataFrame],
              scale: EnglishScale | None) -> pd.Series:
    """Each bar's words, by the rows' index: the figure-saying function's, in the chart's
    unit where an English chart rescales (25.085 under CNY bn)."""
    if scale is None:
        return said.map(lambda s: s.bar)
    records = rows.to_dict("index")
    return pd.Series({n: bar_in_scale(records[n], tables, scale) for n in rows.index},
                     dtype="object")


def make_chart_figure(rows: pd.DataFrame, spec: ChartSpec, tables: dict[str, pd.DataFrame],
                      lang: str) -> go.Figure:
    """Grouped bars with the qualifier on each bar, derived bars hatched, source underneath."""
    indicators = tables["indicators"]
    unit, scale = (chart_unit(indicators, spec.indicators, lang, rows),
                   chart_scale(indicators, spec.indicators, rows, lang))
    x, groups, order = _axes(rows, spec, tables, lang)
    one_figure_per_bar(x, groups)
    x, order = x.map(escape_plotly), [escape_plotly(label) for label in order]
    labels = source_labels(tables["sources"], lang)
    click_column = CLICK_COLUMNS.get(spec.click or "", "indicator_id")
    said, heights = said_of(rows, tables, lang), drawn_values(rows, scale)
    bars = bar_texts(rows, said, tables, scale)
    figure = go.Figure()
    for number, group in enumerate(dict.fromkeys(groups)):
        part = rows[groups == group]
        texts = [escape_plotly(bars[n]) if len(rows) <= BAR_TEXT_LIMIT else ""
                 for n in part.index]
        hovers = [
            escape_plotly(said[n].hover) + "<br>" + escape_plotly(
                f"{said[n].status} · {labels[source]}")
            for n, source in zip(part.index, part["source_id"], strict=True)
        ]
        figure.add_trace(go.Bar(
            x=list(x[part.index]), y=list(heights[part.index]), name=escape_plotly(group),
            text=texts,
            textposition="outside", cliponaxis=False, textfont={"size": 12},
            constraintext="none",
            customdata=[[c] for c in part[click_column].fillna("")],
            hovertext=hovers, hovertemplate="<b>%{x}</b><br>%{hovertext}<extra>%{fullData.name}</extra>",
            marker={"color": PALETTE[number % len(PALETTE)],
                    "pattern": {"shape": [STATUS_PATTERNS.get(s, "")
                                          for s in part["status"]]}},
        ))
    figure.update_layout(
        title={"text": escape_plotly(chart_title(spec, unit, lang)), "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13},
        barmode="group", height=CHART_HEIGHT, margin={"l": 50, "r": 20, "t": 60, "b": 80},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        showlegend=len(set(groups)) > 1,
        xaxis={"categoryorder": "array", "categoryarray": order, "type": "category"},
        yaxis={"rangemode": "tozero"},
        separators=".,",
        meta={"time_axis": spec.kind == "series"},  # page_figure keeps time left to right
        annotations=[{"text": escape_plotly(figure_source_line(rows, tables["sources"], lang)),
                      "showarrow": False,
                      "xref": "paper", "yref": "paper", "x": 0, "y": -0.25, "xanchor": "left",
                      "font": {"size": 11, "color": "#555"}}],
    )
    return figure


PAGE_TITLE_EM = 20  # a title's line on the page: fits a 390 px phone's chart at 16 px
PAGE_WIDTH_PX = 330  # the narrowest chart (the phone's): legends and labels are laid out for it
HORIZONTAL_AFTER = 6  # more categories than this, or labels too long to wrap: bars turn sideways
UPRIGHT_PERIODS = 12  # a time axis of up to this many periods stays left to right, never sideways
LEGEND_EM = (PAGE_WIDTH_PX - 44) / 13  # a legend entry's line
SIDE_LABEL_EM = 9  # a sideways chart's category label: wrapped to this width


def _lines(text: str, max_em: float) -> list[str]:
    return wrap_text(html.unescape(text), max_em)


def _legend_rows_on_page(figure: go.Figure) -> int:
    if not figure.layout.showlegend:
        return 0
    rows, used, tallest = 1, 0.0, 1
    for trace in figure.data:
        lines = _lines(trace.name or "", LEGEND_EM)
        width = max(text_em(line) for line in lines) * 13 + 44
        if used and used + width > PAGE_WIDTH_PX:
            rows, used, tallest = rows + tallest, 0.0, 1
        used, tallest = used + width, max(tallest, len(lines))
    return rows + tallest - 1


def page_title(text: str) -> tuple[dict, int]:
    """A chart title wrapped for the page down to the phone's width, as Plotly's title
    settings, and its number of lines."""
    lines = _lines(text, PAGE_TITLE_EM)
    return {"text": "<br>".join(escape_plotly(t) for t in lines),
            "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
            # Plotly anchors a title of several lines by its first: pad for the others
            "yref": "container", "pad": {"t": 10 + 17 * (len(lines) - 1), "l": 4}}, len(lines)


def page_figure(figure: go.Figure) -> go.Figure:
    """A copy of a chart's figure laid out for the page at any width down to the phone's: the
    title wrapped, the legend in its own row(s) under it, category labels wrapped and level
    (the bars turned sideways when there are many or they are long), the axis of periods a
    category axis (the years drawn, no empty ones), and no source line in the figure (the
    page's caption says it; a downloaded image has its own footer)."""
    page = go.Figure(figure)
    title, title_lines = page_title(html.unescape(page.layout.title.text or ""))
    legend_rows = _legend_rows_on_page(page)
    for trace in page.data:  # a long legend entry in lines, not past the phone's edge
        trace.name = "<br>".join(escape_plotly(t) for t in _lines(trace.name or "",
                                                                  LEGEND_EM))
    categories = [html.unescape(str(c)) for c in (page.layout.xaxis.categoryarray or ())]
    room = max(PAGE_WIDTH_PX / max(len(categories), 1) / 12 * 0.9, 3.0)
    wrapped = [_lines(c, room) for c in categories]
    bar_text = max((text_em(html.unescape(str(t))) for trace in page.data
                    for t in (trace.text or ())), default=0.0) * 12
    too_wide = bar_text > PAGE_WIDTH_PX / max(len(categories) * len(page.data), 1) * 1.1
    time_axis = bool((page.layout.meta or {}).get("time_axis"))
    sideways = len(categories) > (UPRIGHT_PERIODS if time_axis else HORIZONTAL_AFTER) or max(
        (len(w) for w in wrapped), default=1) > 3 or (too_wide and not time_axis)
    top = 14 + 22 * title_lines + 22 * legend_rows + 20
    page.update_layout(
        title=title,
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
                "yref": "paper", "font": {"size": 13}},
        margin={"l": 10, "r": 10, "t": top, "b": 10})
    page.layout.annotations = ()
    if not sideways:
        page.update_xaxes(type="category", tickangle=0, automargin=True, tickmode="array",
                          tickvals=list(page.layout.xaxis.categoryarray or ()),
                          ticktext=["<br>".join(escape_plotly(t) for t in w) for w in wrapped])
        page.update_yaxes(automargin=True)
        if too_wide:  # years read left to right: labels wider than their bars stand on end
            _stand_bar_labels(page, bar_text, top)
        return page
    labels = [_lines(c, SIDE_LABEL_EM) for c in categories]
    bars = len(categories) * max(len(page.data), 1)
    height = max(CHART_HEIGHT, top + 40 + bars * 20 + len(categories) * 10 + sum(
        max(len(w) - 1, 0) * 14 for w in labels))
    values = [v for trace in page.data for v in (trace.y or ()) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    for trace in page.data:
        trace.update(x=trace.y, y=trace.x, orientation="h",
                     hovertemplate=(trace.hovertemplate or "").replace("%{x}", "%{y}"))
    order = list(page.layout.xaxis.categoryarray or ())
    page.update_layout(height=height, xaxis={"categoryorder": None, "categoryarray": None},
                       yaxis={"rangemode": None})
    page.update_yaxes(type="category", categoryorder="array", categoryarray=order,
                      autorange="reversed", automargin=True, tickmode="array", tickvals=order,
                      ticktext=["<br>".join(escape_plotly(t) for t in w) for w in labels])
    # room right of the longest bar for its label, on the phone's narrow plot too
    widest = max((text_em(html.unescape(str(t))) for trace in page.data
                  for t in (trace.text or ())), default=0.0)
    share = min(0.6, max(0.3, (widest * 12 + 10) / 240))  # the bar labels' room
    span = (high - low) or 1.0
    page.update_xaxes(type="linear", automargin=True,
                      range=[low - (span * share if low < 0 else 0), high + span * share])
    return page


def _stand_bar_labels(page: go.Figure, label_px: float, top: int) -> None:
    """Bar labels turned upright along their bars, with room above (and below, for falls)
    for the longest of them in the plot's height."""
    values = [v for trace in page.data for v in (trace.y or ()) if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    plot_px = max((page.layout.height or CHART_HEIGHT) - top - 60, 120)
    room = min(label_px / plot_px + 0.06, 0.6)  # the share of the height the labels need
    span = (high - low) or 1.0
    page.update_traces(textangle=-90, selector={"type": "bar"})
    page.update_yaxes(range=[low - (span * room / (1 - room) if low < 0 else 0),
                             high + (span * room / (1 - room) if high > 0 else 0)])


def structure_tiers(industries: pd.DataFrame, lang: str) -> list[tuple[str, list[str]]]:
    """The 4+3+X system as what it is, tiers and their industries in the declared order (no
    sizes: the structure is a list, not areas implying a comparison)."""
    ordered = industries.sort_values("sort_order", kind="stable")
    names, tiers = ordered[col("name", lang)].astype(object), ordered["tier"].astype(object)
    tier_names = dict(zip(tiers, ordered[col("tier", lang)].astype(object), strict=True))
    return [(tier_names[tier], list(names[tiers.eq(tier)])) for tier in dict.fromkeys(tiers)]


CHART_KEY_PREFIX = "chart__"


def chart_key(spec: ChartSpec) -> str:
    """The widget key of a chart; a clickable chart's key names the filter its clicks set."""
    return f"{CHART_KEY_PREFIX}{spec.click or 'none'}__{spec.chart_id}"


def selection_filter(key: str, event: object) -> tuple[str, str] | None:
    """The (filter, value) a click on a bar of chart `key` asks for, or None."""
    if not key.startswith(CHART_KEY_PREFIX) or not event:
        return None
    click = key.removeprefix(CHART_KEY_PREFIX).split("__", 1)[0]
    if click not in CLICK_COLUMNS:
        return None
    selection = event.get("selection", {}) if isinstance(event, dict) else getattr(
        event, "selection", {})
    points = selection.get("points", []) if isinstance(selection, dict) else []
    for point in points:
        custom = point.get("customdata") or point.get("custom_data")
        value = custom[0] if isinstance(custom, list) and custom else custom
        if value:
            return click, str(value)
    return None


def describe_chart(rows: pd.DataFrame, spec: ChartSpec, tables: dict[str, pd.DataFrame],
                   lang: str) -> str:
    """The chart in words, for screen readers: its title and unit, then each bar's group,
    label and value as drawn ("区级财政收入（亿元）：2022年 226.25亿元；2023年 250.85亿元。")."""
    unit = chart_unit(tables["indicators"], spec.indicators, lang, rows)
    x, groups, _order = _axes(rows, spec, tables, lang)
    said = said_of(rows, tables, lang)
    parts = []
    for n, label_x, group in zip(rows.index, x, groups, strict=True):
        spoken = said[n].spoken  # the period, name, stage, amount and a derived figure's type
        extra = [t for t in (label_x, group) if isinstance(t, str) and t not in spoken]
        parts.append(" ".join([*dict.fromkeys(extra), spoken]))
    return tr("chart_description", lang, title=chart_title(spec, unit, lang),
              bars=tr("clause_separator", lang).join(parts))
