"""需关注: the figures a leader should look at first, each with its sentence — below the year's
target or its time progress (序时进度), growth turning negative, a place among the districts
falling since the period before. Built only from stated figures and the dashboard's derived
ones (standings, computed ranks); an empty list when nothing calls for attention.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from xhdash.data.dtypes import text_equals, text_in
from xhdash.data.schema import DISTRICT
from xhdash.i18n import tr
from xhdash.meaning.city_rank import city_rank_sentence, find_city_ranks, ranks_for_period
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.progress import (
    find_standings,
    latest_standings,
    standing_clause,
    standing_sentence,
)
from xhdash.meaning.saying import say_figure
from xhdash.periods import parse_period, recency_key

REASONS = ("below_target", "behind_time", "growth_negative", "rank_falling")


@dataclass(frozen=True)
class Attention:
    """One item of the attention list: what, when, why and the sentence that says it."""

    indicator_id: str
    period: str
    reason: str  # one of REASONS
    sentence: str
    short: str  # the wall's few words: 区级财政收入：低于序时进度1.4个百分点


def _short(tables: dict[str, pd.DataFrame], indicator_id: str, words: str, lang: str) -> str:
    name = indicator_words(tables["indicators"], indicator_id).name(lang)
    return tr("attention_short", lang, name=name, words=words.lstrip("，, "))


def _open(sentence: str) -> str:
    """A sentence without its full stop, to add a bracketed reason before it."""
    return sentence.rstrip("。.")


def _target_items(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                  lang: str) -> list[Attention]:
    items = []
    for standing in latest_standings(find_standings(observations, tables["indicators"])):
        if standing.kind == "growth":
            reason = "below_target" if standing.gap is not None and standing.gap.value < 0 \
                else ""
        elif standing.against_time is not None:
            reason = "behind_time" if standing.against_time.value < 0 else ""
        else:
            reason = "below_target" if standing.completion.value < 100 else ""
        if reason:
            # behind time progress: the points behind say more than the share done
            clause = standing_clause(standing, lang, time_only=reason == "behind_time")
            items.append(Attention(standing.indicator_id, standing.period, reason,
                                   standing_sentence(standing, tables, lang),
                                   _short(tables, standing.indicator_id, clause, lang)))
    return items


def _district_growth(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    growth_ids = set(indicators.loc[text_equals(indicators["kind"], "growth"), "indicator_id"])
    rows = observations[text_in(observations["indicator_id"], growth_ids)
                        & text_equals(observations["area_id"], DISTRICT)
                        & observations["industry_id"].isna()
                        & text_in(observations["status"], ["reported", "derived"])]
    return rows


def _release_before(rows: pd.DataFrame, period: str) -> pd.Series | None:
    """The figure of the release just before `period`: the year before a year, the quarter or
    month before a quarter or month, an earlier 1–M月 of the same year before a 1–N月; None
    when that period has no figure (a gap says nothing of a turn)."""
    shape = parse_period(period)
    for code in sorted(rows["period"].astype(str).unique(), key=recency_key):
        other = parse_period(code)
        if other.frequency != shape.frequency or other.end >= shape.end:
            continue
        adjacent = (other.start.year == shape.start.year if shape.frequency == "cumulative"
                    else (shape.start - other.end).days == 1)
        return rows[rows["period"].astype(str) == code].iloc[0] if adjacent else None
    return None


def _growth_items(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                  lang: str) -> list[Attention]:
    rows = _district_growth(observations, tables["indicators"])
    items = []
    for indicator_id, own in rows.groupby(rows["indicator_id"].astype(str), sort=True):
        latest = min(own["period"].astype(str).unique(), key=recency_key)
        row = own[own["period"].astype(str) == latest].iloc[0]
        if not float(row["value"]) < 0:
            continue
        before = _release_before(own, latest)
        key = "attention_growth_negative" if before is None else "attention_growth_turned" \
            if float(before["value"]) >= 0 else "attention_growth_still"
        said = getattr(say_figure(row.to_dict(), tables), lang)
        items.append(Attention(indicator_id, latest, "growth_negative",
                               tr(key, lang, sentence=_open(said.sentence)),
                               _short(tables, indicator_id, tr(f"{key}_short", lang), lang)))
    return items


def _rank_items(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                lang: str) -> list[Attention]:
    items = []
    for rank in find_city_ranks(observations, tables):
        before = ranks_for_period(observations, tables, rank.indicator_id, rank.period,
                                  earlier=True)
        if before is None or not rank.by_value.value > before.by_value.value:
            continue
        items.append(Attention(rank.indicator_id, rank.period, "rank_falling", tr(
            "attention_rank_fell", lang, sentence=_open(city_rank_sentence(rank, tables, lang)),
            period=parse_period(before.period).label(lang), rank=int(before.by_value.value)),
            _short(tables, rank.indicator_id, tr("attention_rank_fell_short", lang,
                                                 before=int(before.by_value.value),
                                                 now=int(rank.by_value.value)), lang)))
    return items


def attention_items(observations: pd.DataFrame, tables: dict[str, pd.DataFrame],
                    lang: str) -> list[Attention]:
    """Every item calling for attention: targets first, then growth, then ranks."""
    return [*_target_items(observations, tables, lang), *_growth_items(observations, tables, lang),
            *_rank_items(observations, tables, lang)]


__all__ = ["REASONS", "Attention", "attention_items"]
