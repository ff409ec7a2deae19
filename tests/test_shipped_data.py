"""The shipped store: built from its reviewed CSVs, sourced row by row, and valid."""

import re

import pandas as pd
import pyarrow.parquet as pq
import pytest

from xhdash.paths import DATA_DIR, SHARED_DIR
from xhdash.schema import TABLES
from xhdash.store import load_store
from xhdash.tables import load_parquet_tables

SEED_FILE = SHARED_DIR / "seed" / "000_9921b9158191bff1.txt"
SOURCES_NOTES = SHARED_DIR / "sources" / "README.md"
ARTICLE_SAMPLE = [  # (indicator, period, industry, value, qualifier) read off the article by hand
    ("party_orgs_campaign", "2023", None, 3824, "exact"),
    ("party_members_campaign", "2023", None, 9.44, "exact"),
    ("gdp_growth", "2023", None, 5.5, "ge"),
    ("fiscal_revenue", "2023", None, 250.85, "exact"),
    ("fiscal_revenue_growth", "2023", None, 10.87, "exact"),
    ("housing_repair_started", "2023", None, 302, "exact"),
    ("housing_repair_completed", "2023", None, 408, "exact"),
    ("renewal_land", "2023", None, 334, "exact"),
    ("industry_scale", "2023", "cultural_creative", 1000, "ge"),
    ("buildings_100m", "2023", None, 72, "exact"),
    ("foreign_hq", "2023", None, 157, "exact"),
    ("llm_firms_city_share", "2023", None, 75, "exact"),
    ("visits", "2023", None, 1.43, "ge"),
    ("sports_area_new", "2023", None, 6, "ge"),
    ("hotline_orders", "2023", None, 7.4, "exact"),
    ("hotline_ontime_rate", "2023", None, 100, "approx"),
    ("issues_units", "2023", None, 131, "exact"),
    ("census_population", "2020", None, 1113078, "exact"),
]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def shipped():
    return load_parquet_tables(DATA_DIR)


class TestShippedParquet:
    def test_parquet_equals_build_from_csv(self, built_store):
        for spec in TABLES.values():
            shipped = pq.read_table(DATA_DIR / spec.parquet_name)
            rebuilt = pq.read_table(built_store / spec.parquet_name)
            assert shipped.equals(rebuilt), f"{spec.parquet_name} differs from data/source: " \
                                            "run `xhdash build-data`"

    def test_only_reported_rows_are_shipped(self, shipped):
        assert set(shipped["observations"]["status"]) == {"reported"}

    def test_no_synthetic_files_in_data(self):
        names = [p.name.lower() for p in DATA_DIR.rglob("*")]
        assert not [n for n in names if re.search("synthetic|fake|dummy|mock", n)]


class TestEveryRowIsSourced:
    def test_article_locators_are_quotes(self, shipped):
        article = squeeze(SEED_FILE.read_text(encoding="utf-8"))
        rows = shipped["observations"].query("source_id == 'S1'")
        assert len(rows) >= 75
        missing = [r.locator for r in rows.itertuples() if squeeze(r.locator) not in article]
        assert missing == []

    def test_secondary_locators_quote_the_source_notes(self, shipped):
        notes = squeeze(SOURCES_NOTES.read_text(encoding="utf-8"))
        rows = shipped["observations"].query("source_id in ['S2', 'S3']")
        assert len(rows) == 22
        assert [r.locator for r in rows.itertuples() if squeeze(r.locator) not in notes] == []

    def test_stated_figure_stands_in_its_locator(self, shipped):
        rows = shipped["observations"]
        assert [r.stated_as for r in rows.itertuples()
                if squeeze(r.stated_as) not in squeeze(r.locator)] == []

    def test_places_and_zone_descriptions_quote_the_article(self, shipped):
        article = squeeze(SEED_FILE.read_text(encoding="utf-8"))
        places = shipped["places"]
        zones = shipped["areas"].query("source_id == 'S1'")
        quotes = list(places["locator"]) + list(zones["locator"])
        assert [q for q in quotes if squeeze(q) not in article] == []

    @pytest.mark.parametrize(("indicator", "period", "industry", "value", "qualifier"),
                             ARTICLE_SAMPLE)
    def test_sample_of_article_figures(self, shipped, indicator, period, industry, value,
                                       qualifier):
        rows = shipped["observations"]
        match = rows[(rows.indicator_id == indicator) & (rows.period == period)
                     & (rows.industry_id.isna() if industry is None else rows.industry_id == industry)]
        assert len(match) == 1
        assert match.iloc[0]["value"] == pytest.approx(value)
        assert match.iloc[0]["qualifier"] == qualifier


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestLoadStore:
    def test_every_domain_has_figures(self, store):
        merged = store.observations.merge(store.indicators, on="indicator_id")
        assert set(merged["domain_id"]) == set(store.tables["domains"]["domain_id"])

    def test_derived_figures_are_marked_and_explained(self, store):
        derived = store.observations.query("status == 'derived'")
        assert len(derived) >= 15
        assert derived["source_id"].eq("derived").all()
        assert derived["locator"].str.contains("=").all()
        assert derived["method"].notna().all() and derived["formula_en"].notna().all()
        pd.testing.assert_frame_equal(store.derived.reset_index(drop=True),
                                      derived.reset_index(drop=True))

    def test_derived_values(self, store):
        obs = store.observations.set_index(["indicator_id", "period"])["value"]
        # no more digits than the inputs support: a rate given to 0.1 point, 7.4万件
        assert obs[("fiscal_revenue", "2021")] == 220.5  # 226.25 ÷ 1.026 = 220.52, ±0.1
        assert obs[("fiscal_revenue_change", "2023")] == round(250.85 - 250.85 / 1.1087, 2)
        assert obs[("fiscal_revenue_change", "2020")] == 3.9  # 388.43 million is not supported
        assert obs[("gdp_per_capita", "2022")] == round(2557.91 / 109.85, 2)
        assert obs[("hotline_orders_per_10k", "2023")] == 670  # 7.4万 ÷ 109.85万 ≈ 673.6
        assert obs[("fiscal_revenue_cagr", "2020/2023")] == round(
            ((250.85 / 198.10) ** (1 / 3) - 1) * 100, 2)

    def test_a_cross_year_denominator_is_said_and_approximate(self, store):
        row = store.observations.query("indicator_id == 'fiscal_revenue_per_capita' "
                                       "and period == '2023'").iloc[0]
        assert row["qualifier"] == "approx" and "按2022年末常住人口计算" in row["note"]
        same_year = store.observations.query("indicator_id == 'gdp_per_capita' "
                                             "and period == '2022'").iloc[0]
        assert "按年末常住人口计算" in same_year["note"] and same_year["qualifier"] == "exact"

    def test_reported_figure_is_never_overwritten_by_a_derived_one(self, store):
        revenue_2022 = store.observations.query(
            "indicator_id == 'fiscal_revenue' and period == '2022'")
        assert len(revenue_2022) == 1 and revenue_2022.iloc[0]["source_id"] == "S2"

    def test_cross_source_check_on_2022_revenue(self, store):
        check = store.checks.set_index("check_id").loc["cross_source:fiscal_revenue:2022"]
        assert bool(check["passed"])
        assert check["sources"] == "S1,S2"

    def test_all_checks_pass(self, store):
        assert len(store.checks) >= 10
        assert store.checks["passed"].all()

    def test_gdp_prior_value_is_refused_for_real_growth(self, store):
        refused = store.refusals.query("indicator_id == 'gdp'")
        assert len(refused) == 2
        assert refused["reason_zh"].str.contains("可比价格").all()
        assert store.observations.query("indicator_id == 'gdp' and status == 'derived'").empty

    def test_unique_key_holds_after_derivation(self, store):
        key = ["indicator_id", "period", "area_id", "industry_id"]
        assert not store.observations[key].astype("string").fillna("").duplicated().any()

    def test_version_changes_when_a_table_changes(self, built_store):
        before = load_store(built_store).version
        frame = pd.read_parquet(built_store / "sources.parquet")
        frame.to_parquet(built_store / "sources.parquet")
        assert load_store(built_store).version != before
