"""Each example of the issue "One figure, one way of saying it", as a test on the shipped data:
what was seen, and what the figure-saying function (xhdash.meaning.saying.say_figure) now says."""

from __future__ import annotations

import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.cards import latest_sentences, sentence_lines
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.saying import FigureSaying, say_figure
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


def figure(store, indicator_id: str, period: str = "2023", industry: str | None = None
           ) -> FigureSaying:
    rows = store.observations
    rows = rows[rows["indicator_id"].eq(indicator_id) & rows["period"].eq(period)]
    rows = rows[rows["industry_id"].eq(industry) if industry else rows["industry_id"].isna()]
    assert len(rows) == 1, (indicator_id, period, industry)
    return say_figure(rows.iloc[0], store.tables)


@pytest.fixture(scope="module")
def lines(store):
    return {lang: dict(line.split("\t") for line in sentence_lines(store.observations,
                                                                   store.tables, lang))
            for lang in ("zh", "en")}


class TestPeriodsAsStated:
    @pytest.mark.parametrize("indicator", ["matters_public", "suggestions_collected"])
    def test_a_campaign_span_has_no_year(self, store, lines, indicator):
        said = figure(store, indicator)
        assert said.zh.period == "主题教育期间" and "2023" not in said.zh.sentence
        assert said.en.period == "during the theme-education campaign"
        assert "2023" not in said.en.sentence and "2023" not in said.zh.spoken
        assert lines["zh"][indicator].startswith("主题教育期间，")

    def test_a_total_at_a_date_is_said_at_that_date_with_one_measure_word(self, store):
        said = figure(store, "visits")
        assert said.zh.sentence == "截至2023年底，全区已开展调研走访1.43万余人次。"
        assert said.zh.sentence.count("人次") == 1
        assert said.en.sentence == ("By the end of 2023, more than 14,300 person-visits had been "
                                    "made for research.")
        assert said.zh.period == "截至2023年底"


class TestStageAndWordsInTables:
    def test_expected_growth_keeps_its_stage_in_every_form(self, store):
        said = figure(store, "gdp_growth")
        assert said.zh.stage == "预计" and said.en.stage == "expected"
        assert said.zh.value == "5.5以上" and "预计" in said.zh.spoken and "预计" in said.zh.hover
        assert "预计增长5.5%以上" in said.zh.sentence

    def test_close_to_100_is_never_about_100(self, store):
        said = figure(store, "hotline_ontime_rate")
        assert (said.zh.value, said.zh.bar, said.zh.short) == ("接近100", "接近100%", "接近100%")
        assert (said.en.value, said.en.bar) == ("close to 100", "close to 100%")
        assert "≈" not in said.zh.value + said.zh.bar + said.en.bar

    def test_the_sources_verbs_are_kept(self, store):
        results = figure(store, "research_results")
        assert "初步形成" in results.zh.sentence and "初步形成" in results.zh.stated
        assert "initially" in results.en.sentence
        satisfaction = figure(store, "hotline_satisfaction_rate")
        assert "提升至90%" in satisfaction.zh.sentence and satisfaction.zh.stated == "提升至90%"
        assert "rose to 90%" in satisfaction.en.sentence

    def test_double_digit_growth_is_words_not_ten(self, store):
        said = figure(store, "industry_growth", industry="digital_economy")
        for form in (said.zh.value, said.zh.bar, said.zh.short, said.zh.amount):
            assert form == "两位数增长（看板解读）"
        assert said.en.bar == "double-digit growth (the dashboard's reading)"
        assert "10" not in said.zh.sentence + said.en.sentence


class TestHonestDigits:
    @pytest.mark.parametrize(("period", "zh", "en"), [("2022", "2.6", "2.6%"),
                                                     ("2020", "2.0", "2.0%")])
    def test_no_digits_the_source_did_not_give(self, store, period, zh, en):
        said = figure(store, "fiscal_revenue_growth", period)
        assert said.zh.value == zh and said.en.short == en

    @pytest.mark.parametrize(("period", "english"), [("2023", "CNY 25.085 billion"),
                                                    ("2022", "CNY 22.625 billion")])
    def test_money_is_converted_exactly(self, store, period, english):
        said = figure(store, "fiscal_revenue", period)
        assert said.en.amount == english and english in said.en.sentence

    def test_a_derived_prior_year_carries_approx_and_the_supported_digits(self, store):
        said = figure(store, "population", "2021")
        assert said.zh.value == "≈111.5" and said.zh.short == "≈111.5万人"
        assert said.zh.status == "派生值" and said.zh.stated == ""

    def test_a_change_of_two_reported_levels_comes_from_the_levels(self, store):
        row = store.observations.query("indicator_id == 'fiscal_revenue_change' "
                                       "and period == '2023'").iloc[0]
        assert row["value"] == 24.60 and row["locator"].startswith("250.85 − 226.25")
        assert figure(store, "fiscal_revenue_change").zh.value == "24.60"


class TestSentencesABureauWouldSign:
    def test_a_range_is_one_figure(self, lines):
        for indicator in ("topic_linked_units_min", "topic_linked_units_max"):
            assert "4—8家" in lines["zh"][indicator] and "下限" not in lines["zh"][indicator]
            assert "4–8 departments" in lines["en"][indicator]

    def test_a_range_is_said_once_on_the_page(self, store):
        said = latest_sentences(store.observations, store.tables,
                                ("topic_linked_units_min", "topic_linked_units_max"), "zh")
        assert said == ["2023年，每位区委领导的重点课题联动4—8家委办局、街镇和集团。"]

    def test_of_which_has_its_total(self, store, lines):
        assert "68项，其中推进项目落地类16项" in lines["zh"]["research_results_projects"]
        page = latest_sentences(store.observations, store.tables,
                                ("research_results", "research_results_projects",
                                 "research_results_mechanisms"), "zh")
        assert page == ["自大兴调查研究启动以来，全区初步形成调研成果转化运用清单68项，其中推进项目落地"
                        "类16项、新机制新办法新举措类27项。"]
        assert all(not sentence.split("，", 1)[1].startswith("其中") for sentence in
                   lines["zh"].values())

    @pytest.mark.parametrize(("indicator", "said", "not_said"), [
        ("joint_research", "开展联动调研50余次", "次数50余次"),
        ("visit_campaign_years", "坚持32年", "年数32年"),
        ("hotline_orders_per_10k", "约670件（", "件/万人"),
        ("gdp_per_capita", "约232850元（", "元/人"),
    ])
    def test_no_doubled_measure_words_or_units(self, lines, indicator, said, not_said):
        assert said in lines["zh"][indicator] and not_said not in lines["zh"][indicator]

    def test_each_rate_is_said_once_on_a_page(self, store):
        said = latest_sentences(store.observations, store.tables,
                                ("fiscal_revenue", "fiscal_revenue_growth"), "zh")
        assert said == ["2023年，全区区级财政收入250.85亿元，比上年增长10.87%。"]

    def test_every_indicator_with_a_figure_has_a_sentence(self, store, lines):
        assert set(store.observations["indicator_id"]) <= set(lines["zh"]) == set(lines["en"])
        assert lines["zh"]["industry_scale"] == "2023年，文化创意产业规模突破千亿元。"
        assert "over CNY 100 billion" in lines["en"]["industry_scale"]

    def test_the_residential_areas_are_the_campaigns_visits(self, lines):
        assert lines["zh"]["residential_areas_visited"] == (
            "主题教育期间，全区对312个居民区展开全覆盖走访。")
        assert lines["zh"]["residents_committees"] == "2022年，全区共有居委会（居民区）311个。"

    def test_english_spans_take_the_present_perfect_and_no_year(self, store, lines):
        since = {i: s for i, s in lines["en"].items() if s.startswith("Since")}
        scoped = store.observations["period_scope"].isin(["since_campaign", "since_research_drive"])
        assert set(since) == set(store.observations.loc[scoped, "indicator_id"])
        assert all(" have " in s or " has " in s for s in since.values()), since
        assert all("(2023)" not in s and " was " not in s for s in since.values())
        assert lines["en"]["research_cases"] == (
            "Since the research drive began, 19 research case reports have been compiled.")

    def test_english_says_counts_with_their_nouns(self, lines):
        english = list(lines["en"].values())
        assert not [s for s in english if "the number of" in s or "of which, the" in s]
        assert lines["en"]["matters_public"] == ("During the theme-education campaign, 1,907 "
                                                 "practical matters were resolved for residents.")


class TestStatus:
    def test_a_derived_figure_says_so_to_a_screen_reader(self, store):
        said = figure(store, "population", "2019")
        assert said.zh.spoken == "2019年 常住人口 约109.4万人 派生值"
        assert said.en.spoken.endswith("derived")

    def test_a_derived_figure_has_nothing_as_stated(self, store):
        derived = store.observations[store.observations["status"].eq("derived")]
        assert all(say_figure(row, store.tables).zh.stated == "" for _, row in derived.iterrows())

    def test_the_brief_pages_say_each_sentence_once(self, store):
        for spec in PAGES.values():
            said = latest_sentences(store.observations, store.tables, [
                i for i in store.indicators["indicator_id"]
                if store.indicators.set_index("indicator_id").loc[i, "domain_id"]
                in spec.domains], "zh")
            assert len(said) == len(set(said)) and all(isinstance(s, str) for s in said)
            assert pd.Series(said).str.endswith("。").all()
