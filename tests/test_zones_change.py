"""The zones page, two periods picked: each zone's 增量, 增速 and contribution, largest first,
and why no contribution is computed said once (the office's zone tax table, 测试用合成数据,
has no district figure)."""

from __future__ import annotations

import pytest

from tests.fixtures.office import publish_office_fixture
from tests.test_office_pages import open_on
from xhdash.data.versions import ensure_initialised


@pytest.fixture(scope="module")
def zone_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("zones") / "store"
    ensure_initialised(store)
    publish_office_fixture(store, only=("14",))
    return store


class TestZonesOverTwoPeriods:
    def test_change_growth_sorted_and_the_missing_share_said_once(self, app_test, monkeypatch,
                                                                 zone_store):
        at = open_on(app_test, monkeypatch, zone_store, "pages/zones.py")
        picker = next(s for s in at.selectbox if str(s.key).startswith("compare_indicator_zone"))
        tax = next(o for o in picker.options if "税收" in o)
        picker.set_value(tax)
        at.run()
        periods = next(m for m in at.multiselect if str(m.key).startswith("compare_periods_zone_"))
        periods.set_value(["2022", "2023"]).run()
        table = next(d.value for d in at.dataframe if "增量" in d.value.columns)
        assert len(table) == 5
        later = table["2023年"].astype(float).tolist()
        assert later == sorted(later, reverse=True)
        change = (table["2023年"].astype(float) - table["2022年"].astype(float)).round(2)
        assert (table["增量"].astype(float).round(2) == change).all()
        assert table["增速（%）"].notna().all() and table["贡献率（%）"].isna().all()
        notes = [c.value for c in at.caption if "贡献率" in c.value and "未计算" in c.value]
        assert len(notes) == 1

    def test_one_period_no_change_table(self, app_test, monkeypatch, zone_store):
        at = open_on(app_test, monkeypatch, zone_store, "pages/zones.py")
        assert not [d for d in at.dataframe if "增量" in d.value.columns]
