"""Headline cards, the latest figure, the profile lines and the page sentences."""

from __future__ import annotations

import pytest

from xhdash.data.store import load_store
from xhdash.meaning.cards import build_card, latest_district_row, latest_sentences, profile_lines
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestBuildCard:
    def test_value_change_and_source(self, store):
        card = build_card(store.observations, store.tables, "fiscal_revenue", "zh")
        assert (card.value_text, card.delta_text, card.source_text) == (
            "250.85亿元", "+10.87% 同比", "2023年 · S1 解放日报")

    def test_growth_with_the_decimals_the_source_gave(self, store):
        card = build_card(store.observations, store.tables, "gdp", "en")
        assert card.value_text == "CNY 255.791bn" and card.delta_text == "+0.5% YoY real"

    def test_decline_without_judgement(self, store):
        card = build_card(store.observations, store.tables, "population", "zh")
        assert card.delta_text == "-1.5% 同比" and card.delta_color == "off"

    def test_release_stage_on_the_card(self, store):
        card = build_card(store.observations, store.tables, "gdp_growth", "zh")
        assert card.value_text == "5.5%以上" and "预计" in card.source_text  # the source's word
        assert "预计增长5.5%以上" in card.help_text

    def test_campaign_period_as_the_source_scopes_it(self, store):
        card = build_card(store.observations, store.tables, "matters_public", "zh")
        assert "主题教育期间" in card.source_text

    def test_growth_computed_from_two_levels_says_so(self, store):
        import pandas as pd

        row = store.observations.query("indicator_id == 'fiscal_revenue' and period == '2023'")
        later = row.assign(period="2024", value=263.9, stated_as="263.9亿元")
        growth = row.assign(indicator_id="fiscal_revenue_growth", period="2024", value=5.2,
                            status="derived", stated_as="5.2", source_id="derived")
        observations = pd.concat([store.observations, later, growth], ignore_index=True)
        card = build_card(observations, store.tables, "fiscal_revenue", "zh")
        assert card.delta_text == "+5.2% 同比（由两期数值计算）"

    def test_rank(self, store):
        assert build_card(store.observations, store.tables, "elevator_rank", "zh").value_text == "第1位"

    def test_zone_figure_names_its_zone(self, store):
        card = build_card(store.observations, store.tables, "westbund_clusters", "zh")
        assert card.value_text == "6个" and "西岸滨江" in card.source_text

    def test_english_card_values_fit(self, store):
        population = build_card(store.observations, store.tables, "population", "en")
        assert population.value_text == "1.0985m persons"

    def test_no_data(self, store):
        card = build_card(store.observations.iloc[0:0], store.tables, "gdp", "en")
        assert card.value_text == "No data" and card.delta_text is None


class TestLatestDistrictRow:
    def test_prefers_reported_latest(self, store):
        assert latest_district_row(store.observations, "fiscal_revenue")["period"] == "2023"

    def test_missing(self, store):
        assert latest_district_row(store.observations, "fixed_asset_investment") is None


class TestLatestSentences:
    def test_chinese_bulletin_style(self, store):
        assert latest_sentences(store.observations, store.tables, ("fiscal_revenue",), "zh") == [
            "2023年，全区区级财政收入250.85亿元，比上年增长10.87%。"]

    def test_english(self, store):
        assert latest_sentences(store.observations, store.tables, ("fiscal_revenue",), "en") == [
            "In 2023, district fiscal revenue was CNY 25.085 billion, up 10.87% on the previous "
            "year."]


class TestProfileLines:
    def test_lines(self, store):
        lines = profile_lines(store.observations, store.tables, ("land_area", "streets"), "zh")
        assert lines == ["行政区域面积：54.93平方公里（2022年，S2 徐汇区投资促进网）",
                         "街道数：12个（2022年，S2 徐汇区投资促进网）"]

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_a_derived_figure_says_it_is_derived_once(self, store, lang):
        (line,) = profile_lines(store.observations, store.tables, ("population_density",), lang)
        word = "派生值" if lang == "zh" else "derived"
        assert line.lower().count(word) == 1, line
