"""The overview says how the year's figures stand against their targets (测试用合成数据: the
office's 2024年1-9月 bulletin and a targets table, built at run time)."""

from __future__ import annotations

import pytest

from tests.fixtures.office import EDITOR, publish_office_fixture
from tests.test_office_pages import open_on
from xhdash.data.versions import ensure_initialised
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.publishing import publish_import

TARGETS = """2024年主要指标年度目标（测试用合成数据）
指标,单位,年度目标
区级财政收入,亿元,270
资料来源：2024年区政府工作报告（测试用合成数据）
""".encode()


@pytest.fixture(scope="module")
def target_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("targets") / "store"
    ensure_initialised(store)
    publish_office_fixture(store, only=("03",))
    outcome = publish_import(TARGETS, "2024年目标.csv", ImportOptions(editor=EDITOR), EDITOR, store)
    assert outcome.manifest is not None, [i.message("zh") for i in outcome.preview.errors]
    return store


def page_text(at) -> str:
    return " ".join(m.value for m in at.markdown)


class TestOverviewStandings:
    def test_completion_and_time_progress_in_chinese(self, app_test, monkeypatch, target_store):
        at = open_on(app_test, monkeypatch, target_store)
        assert [s.value for s in at.subheader if s.value == "目标完成情况"]
        text = page_text(at)
        assert "2024年1\\-9月，全区区级财政收入" in text
        assert "完成年度目标的73.3%，低于序时进度1.7个百分点。" in text

    def test_in_english(self, app_test, monkeypatch, target_store):
        at = open_on(app_test, monkeypatch, target_store, lang="en")
        assert "73.3% of the annual target, 1.7 percentage points behind time progress." in \
            page_text(at)

    def test_the_shipped_data_states_no_target_and_shows_none(self, app_test):
        at = app_test()
        at.run()
        assert not [s.value for s in at.subheader if s.value == "目标完成情况"]


def leader_frame(at):
    return next(d.value for d in at.dataframe if d.key == "leader_table" or
                list(d.value.columns[:3]) in (["指标", "期间", "本期"],
                                              ["Indicator", "Period", "Latest"]))


class TestOverviewLeaderTable:
    def test_target_completion_and_time_progress_beside_the_figure(self, app_test, monkeypatch,
                                                                   target_store):
        at = open_on(app_test, monkeypatch, target_store)
        assert [s.value for s in at.subheader if s.value == "主要指标"]
        table = leader_frame(at)
        assert list(table.columns) == ["指标", "期间", "本期", "同比", "年度目标", "完成度", "序时进度"]
        fiscal = table[table["指标"] == "区级财政收入"].iloc[0]
        assert fiscal[["期间", "年度目标", "完成度", "序时进度"]].tolist() == [
            "2024年1-9月", "270亿元", "73.3%", "75.0%（低1.7个百分点）"]

    def test_in_english(self, app_test, monkeypatch, target_store):
        at = open_on(app_test, monkeypatch, target_store, lang="en")
        table = leader_frame(at)
        fiscal = table[table["Indicator"] == "District fiscal revenue"].iloc[0]
        assert fiscal["Time progress"] == "75.0% (behind by 1.7 points)"

    def test_the_shipped_data_leaves_out_the_columns_with_nothing(self, app_test):
        at = app_test()
        at.run()
        table = leader_frame(at)
        assert list(table.columns) == ["指标", "期间", "本期", "同比"]
        assert table.iloc[0].tolist() == ["区级财政收入", "2023年", "250.85亿元", "10.87%"]
        listed_when = "完成度、序时进度和全市位次只在有本期的年度目标或各区同期数字时列出"
        assert any(listed_when in c.value for c in at.caption)


class TestOverviewCityRanks:
    def test_the_shipped_data_has_no_other_district_and_shows_none(self, app_test):
        at = app_test()
        at.run()
        assert not [s.value for s in at.subheader if s.value == "在全市各区中"]
