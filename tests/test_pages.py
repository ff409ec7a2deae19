"""AppTests: every page renders, filters change what is shown, state lives in the URL."""

import json
import re

import pytest

from xhdash.data.store import load_store
from xhdash.meaning.views import present_observations
from xhdash.paths import DATA_DIR, STORE_ENV

CJK = re.compile(r"[\u4e00-\u9fff]")
PAGES = [  # (script, Chinese title, English title)
    ("pages/overview.py", "总览", "Overview"),
    ("pages/zones.py", "五大功能区", "Functional zones"),
    ("pages/industry.py", "产业集群", "Industry clusters"),
    ("pages/livelihood.py", "民生成效", "Livelihood outcomes"),
    ("pages/governance.py", "党建与治理", "Party building and governance"),
    ("pages/explorer.py", "数据浏览", "Data explorer"),
    ("pages/about.py", "数据说明", "About the data"),
]
DOMAIN_PAGES = [p for p in PAGES if p[0] not in ("pages/explorer.py", "pages/about.py")]


def open_page(app_test, script: str, **params):
    at = app_test()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if script != "pages/overview.py":
        at.switch_page(script)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart_titled(at, title: str) -> dict:
    """The chart of that title (a page's chart titles are wrapped in lines)."""
    return next(s for s in chart_specs(at)
                if title in {s["layout"].get("title", {}).get("text", "").replace("<br>", gap)
                             for gap in ("", " ")})


def interface_text(at) -> list[str]:
    """Text the interface writes itself (not data quotes): titles, headings, labels, notices."""
    texts = [t.value for t in at.title] + [h.value for h in at.subheader]
    texts += [m.label for m in at.metric] + [b.label for b in at.button]
    texts += [w.label for w in at.multiselect] + [i.value for i in at.info]
    texts += [tab.label for tab in at.tabs]
    return texts


class TestEveryPage:
    @pytest.mark.parametrize(("script", "zh", "en"), PAGES)
    def test_renders_in_chinese(self, app_test, script, zh, en):
        at = open_page(app_test, script)
        assert [t.value for t in at.title] == [zh]
        assert not at.error

    @pytest.mark.parametrize(("script", "zh", "en"), PAGES)
    def test_renders_in_english_without_chinese_interface_text(self, app_test, script, zh, en):
        at = open_page(app_test, script, lang="en")
        assert [t.value for t in at.title] == [en]
        assert [t for t in interface_text(at) if CJK.search(t)] == []
        for spec in chart_specs(at):
            assert not CJK.search(json.dumps(spec["layout"].get("title", {}), ensure_ascii=False))

    def test_every_figure_is_on_some_page(self, app_test):
        store = load_store(DATA_DIR)
        expected = present_observations(store.observations, store.tables, "zh")
        key = ["指标代码", "期间代码", "区域", "产业"]
        shown = set()
        for script, _, _ in DOMAIN_PAGES:
            at = open_page(app_test, script)
            for table in at.dataframe:
                frame = table.value
                if set(key) <= set(frame.columns):
                    shown |= set(map(tuple, frame[key].astype(str).values))
        assert set(map(tuple, expected[key].astype(str).values)) <= shown


class TestWhoseAndHowFresh:
    """Every page says whose figures these are, 数据截至 (the latest period the filters keep) and
    更新于 (when the version in force was published)."""

    @pytest.mark.parametrize(("script", "zh", "en"), PAGES)
    def test_every_page_says_it(self, app_test, script, zh, en):
        at = open_page(app_test, script)
        line = next(c.value for c in at.caption if c.value.startswith("徐汇区 · "))
        assert re.fullmatch(r"徐汇区 · 数据截至\d{4}年 · 更新于\d{4}-\d\d-\d\d \d\d:\d\d", line), line

    def test_in_english(self, app_test):
        at = open_page(app_test, "pages/zones.py", lang="en")
        line = next(c.value for c in at.caption if c.value.startswith("Xuhui District · "))
        assert re.fullmatch(r"Xuhui District · Data up to \d{4} · Updated [\d :-]{16}", line), line

    def test_the_period_follows_the_filters(self, app_test):
        at = open_page(app_test, "pages/overview.py", **{"from": "2019", "to": "2020"})
        assert any("数据截至2020年" in c.value for c in at.caption)


class TestOverviewPage:
    def test_cards_summaries_and_charts(self, app_test):
        at = open_page(app_test, "pages/overview.py")
        cards = {m.label: m.value for m in at.metric}
        assert cards["区级财政收入"] == "250.85亿元" and cards["地区生产总值增长率"] == "5.5%以上"
        assert "- 2023年，全区区级财政收入250.85亿元，比上年增长10.87%。" in [
            line for m in at.markdown for line in m.value.splitlines()]
        titles = [s["layout"]["title"]["text"] for s in chart_specs(at)]
        assert titles == ["区级财政收入（亿元）", "地区生产总值（现价）（亿元）", "增长率（%）",
                          "常住人口构成（万人）"]

    def test_period_filter_from_url_changes_the_cards(self, app_test):
        at = open_page(app_test, "pages/overview.py", **{"from": "2022", "to": "2022"})
        cards = {m.label: m.value for m in at.metric}
        assert cards["区级财政收入"] == "226.25亿元"
        assert cards["地区生产总值增长率"] == "0.5%"


class TestZonesPage:
    def test_zone_detail_and_plain_empty_comparison(self, app_test):
        at = open_page(app_test, "pages/zones.py")
        assert "大徐家汇" in [s.value for s in at.subheader]
        assert any("现有来源中分功能区的数字很少" in i.value for i in at.info)
        places = at.dataframe[0].value
        assert "徐家汇书院" in set(places["名称"])

    def test_picking_west_bund_shows_its_clusters_and_figure(self, app_test):
        at = open_page(app_test, "pages/zones.py")
        at.button_group(key="zone_pick").set_value("zone_westbund").run()
        assert "西岸滨江" in [s.value for s in at.subheader]
        assert any("西岸传媒港" in m.value for m in at.markdown)
        figures = [t.value for t in at.dataframe if "指标代码" in t.value.columns]
        assert "westbund_clusters" in set(figures[0]["指标代码"])


class TestIndustryPage:
    def test_structure_and_cluster_growth(self, app_test):
        at = open_page(app_test, "pages/industry.py")
        tiers = [m.value for m in at.markdown]
        assert "**千亿级产业集群**（4个）" in tiers  # tiers listed, no areas implying sizes
        assert "- 数字经济\n- 生命健康\n- 文化创意\n- 现代金融" in tiers
        assert all(spec["data"][0]["type"] != "treemap" for spec in chart_specs(at))
        # four 两位数增长 have no height to draw (not bars at 10): said, not an empty axis
        with pytest.raises(StopIteration):
            chart_titled(at, "千亿级产业集群增长（%）")
        growth = next(m.value for m in at.markdown if m.value.startswith("- ")
                      and "数字经济产业保持两位数增长" in m.value)
        assert growth.count("两位数增长（看板解读）") == 4
        # no bars drawn, so nothing says how bars are drawn or that a bar can be clicked
        captions = " ".join(c.value for c in at.caption)
        assert "点状为看板解读" not in captions and "点击图中条形" not in captions

    def test_click_on_a_cluster_filters_to_it(self, app_test):
        at = open_page(app_test, "pages/industry.py")
        at.session_state["pending_filter"] = ("industries", "cultural_creative")
        at.run()
        assert at.multiselect(key="f_industries").value == ["cultural_creative"]
        assert at.query_params["industry"] == "cultural_creative"
        # one cluster's one figure: a sentence in place of a one-bar chart
        assert any("文化创意" in m.value and "两位数增长" in m.value for m in at.markdown)


class TestLivelihoodPage:
    def test_cards_and_hotline_rates(self, app_test):
        at = open_page(app_test, "pages/livelihood.py")
        cards = {m.label: m.value for m in at.metric}
        assert cards["为群众办实事"] == "1907件" and cards["新增体育场地面积"] == "超6万平方米"
        hotline = chart_titled(at, "12345热线三率（%）")
        assert hotline["data"][0]["text"] == ["99%以上", "接近100%", "90%"]  # the source's words

    def test_domain_filter_empties_the_page_plainly(self, app_test):
        at = open_page(app_test, "pages/livelihood.py", domain="economy")
        assert {m.value for m in at.metric} == {"无数据"}
        assert any("当前筛选条件下没有数据" in i.value for i in at.info)
        assert not at.get("plotly_chart")


class TestGovernancePage:
    def test_rectification(self, app_test):
        at = open_page(app_test, "pages/governance.py")
        cards = {m.label: m.value for m in at.metric}
        assert cards["区级问题已完成整改"] == "全部完成整改（看板解读）"  # words, not a number
        assert any("看板解读" in c.value for c in at.caption)
        rectification = chart_titled(at, "检视问题与整改（个）")
        # a reading is drawn with its words at zero, never as a number it was not given
        # (sideways: the words are wider than upright bars)
        assert rectification["data"][0]["orientation"] == "h"
        assert rectification["data"][0]["x"] == [17, 0, 131, 0]
        patterns = rectification["data"][0]["marker"]["pattern"]["shape"]
        assert patterns == ["", ".", "", "."]  # the readings are drawn apart


class TestExplorerPage:
    def test_all_rows_and_search(self, app_test):
        store = load_store(DATA_DIR)
        at = open_page(app_test, "pages/explorer.py")
        assert len(at.dataframe[0].value) == len(store.observations)
        counts = store.observations["status"].astype(object).value_counts()
        caption = " ".join(c.value for c in at.caption)
        named = {"reported": "报告值", "derived": "派生值", "interpreted": "看板解读"}
        for code, number in counts.items():  # every kind named: the parts add up to the whole
            assert f"{named[code]} {number}" in caption
        assert f"全部 {len(store.observations)} 条数字" in caption
        at.text_input(key="explorer_search").set_value("热线").run()
        assert set(at.dataframe[0].value["指标代码"]) == {
            "hotline_orders", "hotline_first_contact_rate", "hotline_ontime_rate",
            "hotline_satisfaction_rate", "hotline_orders_per_10k"}

    def test_large_store_shows_a_capped_table(self, app_test, tmp_path, monkeypatch):
        from xhdash.serving.ui.blocks import TABLE_ROWS_SHOWN
        from xhdash_tools.bench.synthetic import write_synthetic_store

        monkeypatch.setenv(STORE_ENV, str(write_synthetic_store(tmp_path / "s", 12_000)))
        at = open_page(app_test, "pages/explorer.py")
        assert len(at.dataframe[0].value) == TABLE_ROWS_SHOWN
        captions = " ".join(c.value for c in at.caption)
        assert f"{TABLE_ROWS_SHOWN:,}" in captions and "12,1" in captions

    def test_status_filter(self, app_test):
        at = open_page(app_test, "pages/explorer.py", status="derived")
        assert set(at.dataframe[0].value["类型"]) == {"派生值"}


class TestAboutPage:
    def test_checks_and_refusals(self, app_test):
        at = open_page(app_test, "pages/about.py")
        tables = {tuple(t.value.columns)[:2]: t.value for t in at.dataframe}
        checks = tables[("检查", "结果")]
        assert len(checks) >= 10 and set(checks["结果"]) == {"✓ 通过"}
        refusals = tables[("指标", "期间")]
        assert "地区生产总值" in set(refusals["指标"])


class TestUrlState:
    def test_url_sets_widgets_and_round_trips(self, app_test):
        at = open_page(app_test, "pages/overview.py", domain="livelihood,economy", to="2022",
                       lang="en")
        assert at.multiselect(key="f_domains").value == ["economy", "livelihood"]
        assert at.radio(key="lang").value == "en"
        assert dict(at.query_params) == {"domain": "economy,livelihood", "to": "2022",
                                         "lang": "en"}

    def test_widget_change_is_written_to_the_url(self, app_test):
        at = open_page(app_test, "pages/overview.py")
        at.multiselect(key="f_areas").set_value(["zone_westbund"]).run()
        assert at.query_params["area"] == "zone_westbund"
        at.button(key="filter_reset").click().run()  # clear filters
        assert "area" not in at.query_params

    def test_bad_values_are_dropped_with_a_notice(self, app_test):
        at = open_page(app_test, "pages/overview.py", area="atlantis", lang="xx", to="1900")
        notices = [w.value for w in at.warning]
        assert len(notices) == 3 and any("atlantis" in n for n in notices)
        assert at.multiselect(key="f_areas").value == []
        assert dict(at.query_params) == {}


class TestBriefPanel:
    def test_builds_the_pages_brief_for_the_filters(self, app_test):
        at = open_page(app_test, "pages/livelihood.py", source="S1")
        at.button_group(key="brief_format_livelihood").set_value("md").run()
        at.button(key="brief_livelihood").click().run(timeout=120)
        assert not at.exception
        text = at.text_area(key="brief_text_livelihood").value
        assert "民生成效" in text and "主题教育期间，全区为群众办实事1907件。" in text
        assert "来源：S1 解放日报" in text or "S1 解放日报" in text
        labels = [b.label for b in at.get("download_button")]
        assert "下载纯文本" in labels and "下载 Word" not in labels and "下载 PDF" not in labels

    def test_builds_only_the_format_asked_for(self, app_test):
        at = open_page(app_test, "pages/livelihood.py")
        assert at.button_group(key="brief_format_livelihood").value == "docx"
        at.button(key="brief_livelihood").click().run(timeout=120)
        assert not at.exception
        labels = [b.label for b in at.get("download_button")]
        assert "下载 Word" in labels and "下载 PDF" not in labels and "下载纯文本" not in labels
        assert not at.text_area  # no plain text built beside the Word file
        assert "下载完整数字表（Excel）" not in labels  # a small brief lists every figure

    def test_a_cut_brief_offers_the_full_table_as_excel(self, app_test, tmp_path, monkeypatch):
        from xhdash_tools.bench.synthetic import write_synthetic_store

        monkeypatch.setenv(STORE_ENV, str(write_synthetic_store(tmp_path / "s", 3_000)))
        at = open_page(app_test, "pages/overview.py")
        at.button_group(key="brief_format_overview").set_value("md").run()
        at.button(key="brief_overview").click().run(timeout=120)
        assert not at.exception
        text = at.text_area(key="brief_text_overview").value
        assert "此处列出前 200 条" in text and "完整表格见随附的 Excel" in text
        labels = [b.label for b in at.get("download_button")]
        assert "下载完整数字表（Excel）" in labels
