"""The brief's tables as text: the page's figures, its sources and its indicators' 口径."""

from __future__ import annotations

import pandas as pd

from xhdash.data.dtypes import fill_text
from xhdash.i18n import in_lang
from xhdash.meaning.saying import say_rows
from xhdash.meaning.views import header, present_observations, sources_table, units_table
from xhdash.output.brief.model import TextTable
from xhdash.periods import chronological_key

FIGURE_COLUMNS = ("indicator", "period", "stage", "area", "industry", "value", "unit",
                  "stated_as", "status", "source")
FIGURE_WIDTHS = {  # relative widths, by language: English headers and words are wider
    "zh": {"indicator": 2.6, "period": 1.5, "stage": 0.9, "area": 1.2, "industry": 1.4,
           "value": 1.5, "unit": 1.0, "stated_as": 2.0, "status": 1.0, "source": 2.2},
    "en": {"indicator": 2.6, "period": 1.5, "stage": 1.1, "area": 1.2, "industry": 1.4,
           "value": 1.5, "unit": 1.3, "stated_as": 1.8, "status": 1.2, "source": 2.0},
}
# the cells the figure-saying function gives (xhdash.meaning.saying.Said), by column
SAID_CELLS = {"period": "period", "stage": "stage", "value": "value", "unit": "unit",
              "stated_as": "stated", "status": "status"}


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def order_figures(rows: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Figures in reading order: indicator (as the indicators table lists them), area, then
    along time."""
    indicator_order = {i: n for n, i in enumerate(tables["indicators"]["indicator_id"])}
    area_order = dict(zip(tables["areas"]["area_id"], tables["areas"]["sort_order"], strict=True))
    # keys as plain values: a key mapped from a categorical would sort by its categories' order
    keyed = rows.assign(
        _indicator=rows["indicator_id"].map(indicator_order).astype("float64"),
        _area=rows["area_id"].map(area_order).astype("float64"),
        _industry=fill_text(rows["industry_id"], ""),  # sorted categories sort as text
        _time=rows["period"].map(chronological_key).astype(object))
    return keyed.sort_values(["_indicator", "_area", "_industry", "_time"], kind="stable").drop(
        columns=["_indicator", "_area", "_industry", "_time"])


def figures_table(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str) -> TextTable:
    """Every figure with its period as stated (a span without a year), release stage, area,
    value as the figure-saying function says it in a table cell (the source's word and digits:
    5.5以上, 接近100, 2.6; ≈ and the supported digits on a derived figure; a reading as its
    words), unit, the source's own words, type and source; the industry column only where a
    figure has one."""
    rows = order_figures(rows, tables)
    shown = present_observations(rows, tables, lang)
    said = [s.in_lang(lang) for s in say_rows(rows, tables)] if len(rows) else []
    keys = [k for k in FIGURE_COLUMNS
            if k != "industry" or shown[header("industry", lang)].astype(bool).any()]
    columns = {k: ([getattr(s, SAID_CELLS[k]) for s in said] if k in SAID_CELLS
                   else [_text(v) for v in shown[header(k, lang)]]) for k in keys}
    return TextTable(tuple(header(k, lang) for k in keys),
                     tuple(zip(*columns.values(), strict=True)) if len(rows) else (),
                     tuple(in_lang((FIGURE_WIDTHS["zh"], FIGURE_WIDTHS["en"]), lang)[k] for k in keys),
                     tuple(k == "value" for k in keys))


def text_table(frame: pd.DataFrame, widths: tuple[float, ...]) -> TextTable:
    return TextTable(tuple(str(c) for c in frame.columns),
                     tuple(tuple(_text(v) for v in row) for row in frame.itertuples(index=False)),
                     widths)


def used_sources_table(tables: dict[str, pd.DataFrame], source_ids: set[str],
                       lang: str) -> TextTable:
    """The sources the brief's figures cite, as readers cite them (never an internal id)."""
    sources = tables["sources"]
    frame = sources_table(sources[sources["source_id"].isin(source_ids)], lang)
    return text_table(frame, (2.2, 3.2, 1.4, 1.1, 3.0, 1.1))


def definitions_table(tables: dict[str, pd.DataFrame], indicator_ids: set[str],
                      lang: str) -> TextTable:
    """Unit and 口径 of the brief's indicators, in the indicators table's order."""
    return text_table(units_table(tables["indicators"], indicator_ids, lang), (2.5, 1.0, 6.5))
