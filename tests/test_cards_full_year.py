"""This year so far and the last full year together: a card and the sentences of a part-year
cumulative figure (1–N月) show the latest whole year beside it, each with its own label, and
say why a 同比 is missing (无上年同期数). Tiny synthetic frames (测试用合成数据)."""

from __future__ import annotations

import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.cards import build_card, latest_full_year_row, latest_sentences
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


def with_rows(store, *changes):
    template = store.observations.astype(object)
    fiscal = template[(template["indicator_id"] == "fiscal_revenue")
                      & (template["period"] == "2023")]
    rows = [fiscal.assign(**change) for change in changes]
    return pd.concat([template, *rows], ignore_index=True)


NINE_MONTHS = {"period": "2024-01/2024-09", "value": 198.6, "stated_as": "198.60亿元"}


class TestLatestFullYearRow:
    def test_beside_a_part_year_figure_the_latest_whole_year(self, store):
        observations = with_rows(store, NINE_MONTHS)
        row = observations.iloc[-1]
        assert latest_full_year_row(observations, row)["period"] == "2023"

    def test_none_beside_a_whole_year(self, store):
        row = store.observations[store.observations["indicator_id"] == "fiscal_revenue"].iloc[0]
        assert latest_full_year_row(store.observations, row) is None


class TestCardOfTheYearSoFar:
    def test_no_prior_same_period_and_the_whole_year(self, store):
        card = build_card(with_rows(store, NINE_MONTHS), store.tables, "fiscal_revenue", "zh")
        assert (card.value_text, card.delta_text) == ("198.60亿元", None)
        assert card.notes == ("同比：无上年同期数", "2023年全年：250.85亿元 +10.87% 同比")
        assert card.source_text.startswith("2024年1-9月")

    def test_in_english(self, store):
        card = build_card(with_rows(store, NINE_MONTHS), store.tables, "fiscal_revenue", "en")
        assert card.notes == ("YoY: no figure for the same period last year",
                              "Whole year 2023: CNY 25.085bn +10.87% YoY")

    def test_with_the_same_span_a_year_before_no_missing_note(self, store):
        before = {"period": "2023-01/2023-09", "value": 180.0, "stated_as": "180.0亿元"}
        card = build_card(with_rows(store, NINE_MONTHS, before), store.tables, "fiscal_revenue",
                          "zh")
        assert "同比：无上年同期数" not in card.notes

    def test_a_whole_year_card_has_no_notes(self, store):
        assert build_card(store.observations, store.tables, "fiscal_revenue", "zh").notes == ()


class TestSentencesOfTheYearSoFar:
    def test_the_year_so_far_then_the_whole_year(self, store):
        sentences = latest_sentences(with_rows(store, NINE_MONTHS), store.tables,
                                     ["fiscal_revenue"], "zh")
        assert sentences == ["2024年1-9月，全区区级财政收入198.60亿元（无上年同期数）。",
                             "2023年，全区区级财政收入250.85亿元，比上年增长10.87%。"]

    def test_the_whole_year_keeps_its_release_stage(self, store):
        template = store.observations.astype(object)
        growth = template[(template["indicator_id"] == "gdp_growth")
                          & (template["period"] == "2023")]
        later = growth.assign(period="2024-01/2024-09", value=5.2, stated_as="5.2%",
                              release_stage=None)
        observations = pd.concat([template, later], ignore_index=True)
        card = build_card(observations, store.tables, "gdp_growth", "zh")
        assert card.notes == ("2023年全年：5.5%以上（预计）",)
