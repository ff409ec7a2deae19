"""What a chart image says under the chart: its sources, periods, frequency, the notes on
derived and interpreted figures, the export date and the dashboard's name."""

from __future__ import annotations

from datetime import date

import pandas as pd

from xhdash.i18n import date_text, join, tr
from xhdash.meaning.saying import period_words
from xhdash.output.charts import figure_source_line, frequency_note
from xhdash.periods import chronological_key, frequency_of

PERIODS_LISTED = 3  # more distinct periods than this are shown as first—last


def one_frequency(rows: pd.DataFrame) -> str:
    """The one frequency a chart's rows come in; ValueError if they mix frequencies (a footer
    would mislabel them)."""
    frequencies = sorted({frequency_of(code) for code in rows["period"].unique()})
    if len(frequencies) != 1:
        raise ValueError(f"a chart draws one frequency, its rows have {frequencies}")
    return frequencies[0]


def periods_text(codes, lang: str, scopes=None) -> str:
    """The periods a chart shows, as stated (a span without a year: 主题教育期间): 2023年、2024年
    when few, else 2019年—2024年 (first—last). `scopes` are the rows' period_scope, beside
    `codes`."""
    scopes = list(scopes) if scopes is not None else [None] * len(list(codes))
    pairs = sorted(set(zip(codes, [s if isinstance(s, str) and s else None for s in scopes],
                           strict=True)), key=lambda p: (chronological_key(p[0]), p[1] or ""))
    labels = list(dict.fromkeys(period_words({"period": code, "period_scope": scope}, lang)
                                for code, scope in pairs))
    if len(labels) <= PERIODS_LISTED:
        return join(labels, lang)
    return labels[0] + tr("range_dash", lang) + labels[-1]


def chart_footer_lines(rows: pd.DataFrame, tables: dict[str, pd.DataFrame], lang: str,
                       exported: date) -> list[str]:
    """The footer of a chart image, one line per part: sources as stated (never an internal
    id), the periods and frequency drawn, the derived and interpreted notes where such bars are
    drawn, then the export date and the dashboard's name."""
    one_frequency(rows)
    lines = [
        figure_source_line(rows, tables["sources"], lang),
        tr("image_periods", lang, periods=periods_text(
            rows["period"], lang, rows["period_scope"] if "period_scope" in rows.columns
            else None)) + " "
        + frequency_note(rows, (), True, lang),
    ]
    if rows["status"].eq("derived").any():
        lines.append(tr("derived_legend", lang))
    if rows["status"].eq("interpreted").any():
        lines.append(tr("interpreted_legend", lang))
    lines.append(tr("image_exported", lang, date=date_text(exported, lang)) + " · "
                 + tr("app_title", lang))
    return lines
