import pandas as pd
import pytest

from xhdash.filters import Filters
from xhdash.page_specs import PAGES
from xhdash.paths import DATA_DIR
from xhdash.store import load_store
from xhdash.views import (
    DISPLAY_COLUMNS,
    Selection,
    build_card,
    describe_filters,
    format_value,
    indicator_label,
    latest_district_row,
    places_table,
    present_diff,
    present_observations,
    profile_lines,
    search_indicators,
    select_rows,
    summary_sentences,
    zone_coverage,
)


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestPresentObservations:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_labelled_columns(self, store, lang):
        frame = present_observations(store.observations, store.tables, lang)
        index = 1 if lang == "en" else 0
        assert list(frame.columns) == [v[index] for v in DISPLAY_COLUMNS.values()]
        assert len(frame) == len(store.observations)

    def test_chinese_row(self, store):
        rows = store.observations.query("indicator_id == 'fiscal_revenue' and period == '2023'")
        row = present_observations(rows, store.tables, "zh").iloc[0]
        assert (row["指标"], row["期间"], row["数值"], row["单位"], row["来源"]) == (
            "区级财政收入", "2023年", 250.85, "亿元", "S1 解放日报")

    def test_english_row_with_qualifier(self, store):
        rows = store.observations.query("indicator_id == 'gdp_growth' and period == '2023'")
        row = present_observations(rows, store.tables, "en").iloc[0]
        assert (row["Indicator"], row["Qualifier"], row["Value"], row["Source"]) == (
            "GDP growth", "≥", 5.5, "S1 Jiefang Daily")

    def test_derived_row_states_its_formula(self, store):
        rows = store.observations.query("indicator_id == 'fiscal_revenue' and period == '2021'")
        row = present_observations(rows, store.tables, "en").iloc[0]
        assert row["Type"] == "Derived"
        assert row["Where stated / worked formula"].startswith("226.25 ÷ (1 + 2.6%) = 220.52 ≈ 220.5")
        assert row["Note"].startswith("prior value = current value")


class TestBuildCard:
    def test_value_change_and_source(self, store):
        card = build_card(store.observations, store.tables, "fiscal_revenue", "zh")
        assert (card.value_text, card.delta_text, card.source_text) == (
            "250.85亿元", "+10.87% 同比", "2023年 · S1 解放日报")

    def test_real_growth_is_named(self, store):
        card = build_card(store.observations, store.tables, "gdp", "en")
        assert card.value_text == "CNY 255.79 billion" and card.delta_text == "+0.50% YoY real"

    def test_decline_without_judgement(self, store):
        card = build_card(store.observations, store.tables, "population", "zh")
        assert card.delta_text == "-1.50% 同比" and card.delta_color == "off"

    def test_rank(self, store):
        assert build_card(store.observations, store.tables, "elevator_rank", "zh").value_text == "第1位"

    def test_zone_figure_names_its_zone(self, store):
        card = build_card(store.observations, store.tables, "westbund_clusters", "zh")
        assert card.value_text == "6个" and "西岸滨江" in card.source_text

    def test_no_data(self, store):
        card = build_card(store.observations.iloc[0:0], store.tables, "gdp", "en")
        assert card.value_text == "No data" and card.delta_text is None


class TestFormatValue:
    @pytest.mark.parametrize(("value", "qualifier", "indicator", "lang", "text"), [
        (5.5, "ge", "gdp_growth", "zh", "≥5.5%"), (100, "approx", "hotline_ontime_rate", "en", "≈100%"),
        (9.44, "exact", "party_members_campaign", "zh", "9.44万人"),
        (1, "exact", "foreign_hq_rank", "en", "No. 1"),
        (9.44, "exact", "party_members_campaign", "en", "94,400 persons"),
        (6, "ge", "sports_area_new", "en", "≥60,000 m²"),
    ])
    def test_cases(self, store, value, qualifier, indicator, lang, text):
        assert format_value(value, qualifier, indicator_label(store.indicators, indicator), lang) == text


class TestLatestDistrictRow:
    def test_prefers_reported_latest(self, store):
        assert latest_district_row(store.observations, "fiscal_revenue")["period"] == "2023"

    def test_missing(self, store):
        assert latest_district_row(store.observations, "fixed_asset_investment") is None


class TestSummarySentences:
    def test_chinese(self, store):
        assert summary_sentences(store.observations, store.indicators, ("fiscal_revenue",), "zh") == [
            "2023年区级财政收入250.85亿元，同比增长10.87%。"]


class TestProfileLines:
    def test_lines(self, store):
        lines = profile_lines(store.observations, store.tables, ("land_area", "streets"), "zh")
        assert lines == ["行政区域面积：54.93平方公里（2022年，S2 徐汇区投资促进网）",
                         "街道数：12个（2022年，S2 徐汇区投资促进网）"]


class TestDescribeFilters:
    def test_words(self, store):
        filters = Filters(domains=("livelihood",), period_from="2022", statuses=("derived",))
        assert describe_filters(filters, store.tables, "zh") == \
            "领域：民生服务；类型：派生值；期间：2022年—…"
        assert describe_filters(Filters(), store.tables, "en") == "None (all data)"


class TestPlacesTable:
    def test_zone_places(self, store):
        frame = places_table(store.tables["places"], store.tables, {"zone_xujiahui"}, None, "zh")
        assert "徐家汇书院" in set(frame["名称"]) and set(frame["所在区域"]) == {"大徐家汇"}


class TestZoneCoverage:
    def test_shipped_data_has_one_zone_figure(self, store):
        from xhdash.filters import build_filter_options

        coverage = zone_coverage(store.observations, store.tables,
                                 build_filter_options(store.tables).area_children)
        assert coverage == {"westbund_clusters": {"zone_westbund"}}

    def test_two_zones(self, store):
        extra = pd.DataFrame([{"indicator_id": "gdp", "area_id": a} for a in ("zone_xujiahui",
                                                                               "cluster_life_bay")])
        coverage = zone_coverage(extra, store.tables, {"zone_westbund": ("cluster_life_bay",)})
        assert coverage == {"gdp": {"zone_xujiahui", "zone_westbund"}}


class TestEveryFigureIsOnAPage:
    def test_page_domains_cover_every_domain(self, store):
        covered = {d for spec in PAGES.values() for d in spec.domains}
        assert covered == set(store.tables["domains"]["domain_id"])


class TestPresentDiff:
    def test_labels(self, store):
        from xhdash.importer.pipeline import compare

        new = store.observations.head(1).assign(value=1.0)
        diff = compare(new, store.observations, store.tables["sources"])
        frame = present_diff(diff, store.tables, "zh")
        assert frame.iloc[0][["变化", "指标", "数值", "原值"]].tolist() == [
            "冲突", "参加主题教育的党组织", 1.0, 3824.0]


class TestSearchIndicators:
    def test_names_in_either_language_and_codes_any_case(self):
        indicators = pd.DataFrame({"indicator_id": ["gdp", "hotline_orders", "population"],
                                   "name_zh": ["地区生产总值", "热线工单", "常住人口"],
                                   "name_en": ["GDP", "Hotline orders", "Resident population"]})
        assert search_indicators(indicators, "热线") == {"hotline_orders"}
        assert search_indicators(indicators, "gdp") == {"gdp"}
        assert search_indicators(indicators, "POPULATION") == {"population"}
        assert search_indicators(indicators, "无此指标") == set()


class TestSelectRows:
    INDICATORS = pd.DataFrame({"indicator_id": ["gdp", "beds"], "domain_id": ["economy", "health"],
                               "name_zh": ["地区生产总值", "床位数"], "name_en": ["GDP", "Beds"]})
    OBSERVATIONS = pd.DataFrame({"indicator_id": ["gdp", "gdp", "beds"],
                                 "area_id": ["xuhui", "xujiahui", "xuhui"], "value": [1.0, 2.0, 3.0]})

    def select(self, **kwargs) -> list[float]:
        return list(select_rows(self.OBSERVATIONS, self.INDICATORS, Selection(**kwargs))["value"])

    def test_everything_by_default(self):
        assert self.select() == [1.0, 2.0, 3.0]

    def test_domains_areas_and_search(self):
        assert self.select(domains=("health",)) == [3.0]
        assert self.select(areas=frozenset({"xujiahui"})) == [2.0]
        assert self.select(query="床位") == [3.0]
        assert self.select(domains=("economy",), areas=frozenset({"xuhui"})) == [1.0]
