"""AppTests on an office's year of tables (synthetic, 测试用合成数据): several years, quarters,
months and 1-N月, zones and streets, sources as stated. Every page renders; no chart's bar or
point holds figures of two periods; cards show the latest figure with its own label and 同比
only against the same span."""

from __future__ import annotations

import json
import re

import pytest

from tests.fixtures.office import publish_office_fixture
from tests.test_pages import PAGES
from tests.test_plain import unescape
from xhdash.data.versions import ensure_initialised
from xhdash.paths import STORE_ENV

REVENUE_1_9 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年1-9月,198.6,亿元,测试用合成数据\r\n".encode()


@pytest.fixture(scope="module")
def office_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("office") / "store"
    ensure_initialised(store)
    publish_office_fixture(store)
    return store


@pytest.fixture(scope="module")
def nine_month_store(tmp_path_factory):
    """The shipped data and the 2024年1-9月 bulletin with the 2023 cumulative bulletin."""
    store = tmp_path_factory.mktemp("nine") / "store"
    ensure_initialised(store)
    publish_office_fixture(store, only=("03", "04"))
    return store


def open_on(app_test, monkeypatch, store, script: str = "pages/overview.py", **params):
    monkeypatch.setenv(STORE_ENV, str(store))
    at = app_test()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if script != "pages/overview.py":
        at.switch_page(script)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error if "本页暂时无法显示" in e.value]
    return at


def traces(at, title_part: str = "") -> list[dict]:
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [trace for spec in specs if title_part in spec["layout"].get("title", {}).get("text", "")
            for trace in spec["data"] if trace.get("type") == "bar"]


def categories(trace: dict) -> list:
    """A bar trace's categories: x, or y where the bars lie sideways (long or many labels)."""
    return trace["y"] if trace.get("orientation") == "h" else trace["x"]


def card(at, label: str):
    return next(m for m in at.metric if m.label == label)


class TestEveryPageOnTheOfficeTables:
    @pytest.mark.parametrize(("script", "zh", "en"), PAGES)
    def test_renders_and_no_bar_holds_two_figures(self, app_test, monkeypatch, office_store,
                                                  script, zh, en):
        at = open_on(app_test, monkeypatch, office_store, script)
        assert [t.value for t in at.title] == [zh]
        for trace in traces(at):
            assert len(categories(trace)) == len(set(categories(trace))), (
                trace.get("name"), categories(trace))

    @pytest.mark.parametrize("freq", ["year", "quarter", "month", "cumulative"])
    def test_every_frequency_renders_one_frequency_per_chart(self, app_test, monkeypatch,
                                                             office_store, freq):
        at = open_on(app_test, monkeypatch, office_store, freq=freq)
        for trace in traces(at):
            assert len(categories(trace)) == len(set(categories(trace)))
        assert at.query_params["freq"] in (freq, [freq])


class TestZonesAndStreets:
    def test_zone_bars_are_one_period_each(self, app_test, monkeypatch, office_store):
        at = open_on(app_test, monkeypatch, office_store, "pages/zones.py")
        periods = next(m for m in at.multiselect if str(m.key).startswith("compare_periods_zone_"))
        assert periods.value == ["2023"]  # the latest by default
        periods.set_value(["2022", "2023"]).run()
        bars = {trace["name"]: dict(zip(trace["x"], trace["y"], strict=True))
                for trace in traces(at, "五大功能区：")}
        assert set(bars) == {"2022年", "2023年"}
        assert len(bars["2022年"]) == 5 and len(bars["2023年"]) == 5
        ranking = next(d.value for d in at.dataframe if "名次" in d.value.columns)
        assert ranking.groupby("期间")["名次"].apply(list).tolist() == [[1, 2, 3, 4, 5]] * 2

    def test_streets_are_compared_with_their_share_of_the_district(self, app_test, monkeypatch,
                                                                   office_store):
        at = open_on(app_test, monkeypatch, office_store, "pages/zones.py")
        at.segmented_control(key="compare_level").set_value("street").run()
        ranking = next(d.value for d in at.dataframe if "名次" in d.value.columns)
        assert len(ranking) == 13 and "华泾镇" in set(ranking["区域"])
        shares = ranking["占全区比重（%）"].astype(float)
        assert abs(shares.sum() - 100) < 0.5


class TestCardsOnCumulativePeriods:
    def test_latest_is_1_to_9_with_yoy_against_1_to_9(self, app_test, monkeypatch,
                                                      nine_month_store):
        at = open_on(app_test, monkeypatch, nine_month_store)
        revenue = card(at, "区级财政收入")
        assert revenue.value.endswith("亿元") and "2024年1-9月" in unescape(revenue.help)
        assert revenue.proto.delta.startswith("+") and "同比" in revenue.proto.delta
        assert any("2024年1-9月，全区区级财政收入198.04亿元，比上年同期增长6.97%" in unescape(m.value)
                   for m in at.markdown)

    def test_no_yoy_where_no_same_span_figure_exists(self, app_test, monkeypatch, tmp_path):
        from xhdash.editors.publishing import ImportOptions, publish_import

        store = tmp_path / "store"
        ensure_initialised(store)
        publish_import(REVENUE_1_9, "rev.csv", ImportOptions(editor="t"), "t", store)
        at = open_on(app_test, monkeypatch, store)
        revenue = card(at, "区级财政收入")
        assert revenue.value == "198.6亿元" and "2024年1-9月" in unescape(revenue.help)  # as stated
        assert not revenue.proto.delta

    def test_the_whole_years_stay_beside_the_year_to_date(self, app_test, monkeypatch,
                                                          nine_month_store):
        at = open_on(app_test, monkeypatch, nine_month_store)
        specs = {json.loads(c.proto.spec)["layout"]["title"]["text"]: json.loads(c.proto.spec)
                 for c in at.get("plotly_chart")}
        so_far = next(t for t in specs if t.startswith("区级财政收入") and "历年全年" not in t)
        years = specs[f"{so_far}：历年全年"]
        def categories(spec):  # bars may stand or lie: the period labels, wherever they are
            return {v for trace in spec["data"] for axis in ("x", "y")
                    for v in trace.get(axis, []) if isinstance(v, str)}
        assert "2024年1-9月" in categories(specs[so_far])
        drawn = categories(years)
        assert "2023年" in drawn and all(re.fullmatch(r"\d{4}年", x) for x in drawn)
        assert any("全年数与上图的年初累计数分开画出" in c.value for c in at.caption)

    def test_sources_are_as_stated(self, app_test, monkeypatch, nine_month_store):
        at = open_on(app_test, monkeypatch, nine_month_store)
        caption = next(unescape(c.value) for c in at.caption if "2024年1-9月" in unescape(c.value)
                       and not c.value.startswith("徐汇区 · "))  # a card's, not the 数据截至 line
        assert "测试用合成数据" in caption and "imp_" not in caption and "root" not in caption


class TestAmongShanghaisDistricts:
    def test_the_overview_says_xuhuis_rank_by_value_and_growth(self, app_test, monkeypatch,
                                                                office_store):
        at = open_on(app_test, monkeypatch, office_store)
        assert "在全市各区中" in [s.value for s in at.subheader]
        said = " ".join(unescape(m.value) for m in at.markdown)
        assert "2024年1-6月，区级财政收入位列全市第3，增速位列第5（本看板按16个区的数字计算）" in said
        captions = " ".join(c.value for c in at.caption)  # the leader's table says how to read it
        assert "完成度 = 实际数 ÷ 年度目标" in captions and "此表中没有" not in captions
        titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]
        assert "2024年1-6月各区区级财政收入（亿元）：徐汇区第3" in [t.replace("<br>", "") for t in titles]


    def test_in_english_too(self, app_test, monkeypatch, office_store):
        at = open_on(app_test, monkeypatch, office_store, lang="en")
        assert "Among Shanghai's districts" in [s.value for s in at.subheader]

    def test_the_sidebar_offers_the_districts_with_figures(self, app_test, monkeypatch,
                                                           office_store):
        at = open_on(app_test, monkeypatch, office_store)
        areas = next(m for m in at.multiselect if m.key and "area" in str(m.key))
        assert "黄浦区" in areas.options  # the bulletins hold Huangpu's figures


class TestTargetsAndAttention:
    def test_the_leaders_table_has_the_years_targets(self, app_test, monkeypatch, office_store):
        at = open_on(app_test, monkeypatch, office_store)
        table = next(d.value for d in at.dataframe if "年度目标" in d.value.columns)
        fiscal = table.set_index("指标").loc["区级财政收入"]
        assert (fiscal["本期"], fiscal["年度目标"], fiscal["完成度"]) == ("263.9亿元", "270亿元", "97.7%")
        gdp = table.set_index("指标").loc["地区生产总值"]  # the target in the source's words
        assert (gdp["年度目标"], gdp["完成度"]) == ("5.5%左右", "低于目标0.2个百分点")

    def test_the_overview_lists_what_needs_attention(self, app_test, monkeypatch, office_store):
        at = open_on(app_test, monkeypatch, office_store)
        assert "需关注" in [s.value for s in at.subheader]
        said = " ".join(unescape(m.value) for m in at.markdown)
        assert "2024年，全区区级财政收入263.9亿元，完成年度目标的97.7%。" in said
        assert "2024年，全区地区生产总值增长5.3%，低于目标0.2个百分点。" in said

    def test_attention_in_english(self, app_test, monkeypatch, office_store):
        at = open_on(app_test, monkeypatch, office_store, lang="en")
        assert "Needs attention" in [s.value for s in at.subheader]
        said = " ".join(unescape(m.value) for m in at.markdown)
        assert "2024: GDP grew by 5.3%, 0.2 percentage points below the target." in said
