"""Zones over two periods: each area's 增量, 增速 and contribution to the district's change
(metrics.contribution), sorted by value; why no contribution is computed said once. Tiny
synthetic frames (测试用合成数据)."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.contribution import contribution_to_change
from metrics.core import Input, MetricRefused
from xhdash.meaning.comparison import change_between


def row(area, period, value, stated):
    return {"indicator_id": "zone_tax", "period": period, "area_id": area, "industry_id": None,
            "value": value, "qualifier": "exact", "source_id": "S9", "status": "reported",
            "stated_as": stated}


ZONES = [row("zone_a", "2022", 100.0, "100.0亿元"), row("zone_a", "2023", 110.0, "110.0亿元"),
         row("zone_b", "2022", 200.0, "200.0亿元"), row("zone_b", "2023", 230.0, "230.0亿元"),
         row("zone_c", "2022", 50.0, "50.0亿元")]  # zone_c: one period only
DISTRICT = [row("xuhui", "2022", 400.0, "400.0亿元"), row("xuhui", "2023", 450.0, "450.0亿元")]


class TestContributionToChange:
    def test_share_of_the_districts_change(self):
        derived = contribution_to_change(Input("t", "2023", 110.0, area_id="a"),
                                         Input("t", "2022", 100.0, area_id="a"),
                                         Input("t", "2023", 450.0), Input("t", "2022", 400.0))
        assert derived.value == pytest.approx(20.0)
        assert derived.formula_zh == "贡献率 = 区域增量 ÷ 全区增量 × 100%"
        assert derived.worked == "10.00 ÷ 50.00 × 100 = 20.00"

    def test_refused_when_the_district_did_not_change(self):
        with pytest.raises(MetricRefused, match="zero"):
            contribution_to_change(Input("t", "2023", 110.0), Input("t", "2022", 100.0),
                                   Input("t", "2023", 400.0), Input("t", "2022", 400.0))


class TestChangeBetween:
    def test_change_growth_and_contribution_sorted_by_value(self):
        frame, note = change_between(pd.DataFrame(ZONES + DISTRICT), "zone_tax",
                                     ["zone_a", "zone_b", "zone_c"], "2022", "2023")
        assert note is None
        assert frame["area_id"].tolist() == ["zone_b", "zone_a"]
        assert frame[["change", "growth", "contribution"]].round(2).values.tolist() == [
            [30.0, 15.0, 60.0], [10.0, 10.0, 20.0]]
        assert "贡献率 = 区域增量 ÷ 全区增量 × 100%" in frame["formula_zh"].iloc[0]

    def test_without_the_district_the_reason_is_said_once(self):
        frame, note = change_between(pd.DataFrame(ZONES), "zone_tax", ["zone_a", "zone_b"],
                                     "2022", "2023")
        assert note == "change_no_district"
        assert frame["contribution"].isna().all()
        assert frame["change"].tolist() == [30.0, 10.0]
