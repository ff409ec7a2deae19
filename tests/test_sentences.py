"""A derived per-unit figure in a sentence: its unit's numerator under a name that already says
"per", and how its denominator was counted."""

from __future__ import annotations

import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.saying import say
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def tables():
    return load_store(DATA_DIR).tables


def derived(indicator_id: str, period: str, value: float, note: str, formula_en: str) -> pd.Series:
    return pd.Series({
        "indicator_id": indicator_id, "period": period, "area_id": "xuhui",
        "industry_id": None, "value": value, "qualifier": "approx", "qualifier_word": None,
        "stated_as": None, "release_stage": None, "period_scope": None, "status": "derived",
        "source_id": "derived", "locator": "", "note": note, "method": "per_capita",
        "formula_en": formula_en})


class TestSay:
    def test_per_capita_names_its_year_end_basis_and_its_currency(self, tables):
        row = derived("fiscal_revenue_per_capita", "2023", 22836.0,
                      "人均值 = 总量 ÷ 常住人口（按2022年末常住人口计算）（注意：…）",
                      "per resident = total ÷ resident population (using the 2022 year-end "
                      "resident population) (note: …)")
        assert say(row, tables, "zh") == (
            "2023年，全区人均区级财政收入约22836元（按2022年末常住人口计算，本看板计算）。")
        assert say(row, tables, "en") == (
            "In 2023, district fiscal revenue per resident was about CNY 22,836 (using the 2022 "
            "year-end resident population; computed by the dashboard).")

    def test_per_km2_keeps_the_money_unit_and_says_no_basis(self, tables):
        row = derived("gdp_per_km2", "2022", 46.57, "地均值 = 总量 ÷ 面积", "per km² = total ÷ area")
        row["qualifier"] = "exact"
        assert say(row, tables, "en") == (
            "In 2022, GDP per km² was CNY 4.657 billion (computed by the dashboard).")
        assert say(row, tables, "zh") == "2022年，全区地均地区生产总值46.57亿元（本看板计算）。"
