import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.filters import Filters
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.views import (
    FIGURE_COLUMNS,
    Selection,
    blank_missing_text,
    count_by_status,
    describe_filters,
    header,
    places_table,
    present_diff,
    present_observations,
    search_indicators,
    select_rows,
)
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestPresentObservations:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_labelled_columns(self, store, lang):
        frame = present_observations(store.observations, store.tables, lang)
        assert list(frame.columns) == [header(key, lang) for key in FIGURE_COLUMNS]
        assert len(frame) == len(store.observations)

    def test_stage_and_scope_columns(self, store):
        rows = store.observations.query("indicator_id in ['gdp_growth', 'matters_public'] "
                                        "and period == '2023'")
        frame = present_observations(rows, store.tables, "zh").set_index("指标")
        assert frame.loc["地区生产总值增长率", "数据阶段"] == "预计"
        assert frame.loc["为群众办实事", "期间口径"] == "主题教育期间"

    def test_each_rows_sentence_for_the_explorer(self, store):
        rows = store.observations.query("indicator_id == 'fiscal_revenue' and period == '2023'")
        frame = present_observations(rows, store.tables, "zh", sentences=True)
        assert frame.columns[0] == "一句话"
        assert frame.iloc[0]["一句话"] == "2023年，全区区级财政收入250.85亿元。"

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


class TestEveryFigureIsOnAPage:
    def test_page_domains_cover_every_domain(self, store):
        covered = {d for spec in PAGES.values() for d in spec.domains}
        assert covered == set(store.tables["domains"]["domain_id"])


class TestPresentDiff:
    def test_labels(self, store):
        from xhdash.editors.importer.pipeline import compare

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


class TestCountByStatus:
    def test_every_kind_is_named_so_the_parts_add_up(self):
        rows = pd.DataFrame({"status": ["reported"] * 3 + ["interpreted"] + ["derived"] * 2})
        assert count_by_status(rows, "zh") == "报告值 3，派生值 2，看板解读 1"
        assert count_by_status(rows, "en") == "Reported 3, Derived 2, Dashboard's reading 1"

    def test_kinds_absent_are_not_named(self):
        rows = pd.DataFrame({"status": pd.Categorical(["reported"], categories=["derived", "reported"])})
        assert count_by_status(rows, "zh") == "报告值 1"


class TestBlankMissingText:
    def test_text_category_and_numbers(self):
        frame = pd.DataFrame({"stage": pd.Categorical(["预计", None]), "note": ["a", None],
                              "value": [1.5, None]})
        shown = blank_missing_text(frame)
        assert shown["stage"].tolist() == ["预计", ""] and shown["note"].tolist() == ["a", ""]
        assert shown["value"].isna().tolist() == [False, True]  # a number stays a number
        assert frame["note"].isna().tolist() == [False, True]  # the frame given is not changed

    def test_a_category_is_shown_as_text(self):
        """A category's empty text (no stage, no qualifier) reads as a blank cell, not None."""
        frame = pd.DataFrame({"stage": pd.Categorical(["", "预计"]), "area": pd.Categorical(["徐汇区"] * 2)})
        shown = blank_missing_text(frame)
        assert shown["stage"].tolist() == ["", "预计"] and shown["area"].tolist() == ["徐汇区"] * 2
        assert not any(isinstance(shown[c].dtype, pd.CategoricalDtype) for c in shown.columns)
