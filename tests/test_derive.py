"""Deriving never raises: every rule's failure becomes a refusal with its reason."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.core import Derived, MetricRefused
from xhdash.data.derive import Derivation, derive_all
from xhdash.data.tables import load_parquet_tables
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def shipped() -> dict[str, pd.DataFrame]:
    return load_parquet_tables(DATA_DIR)


def with_rows(tables: dict[str, pd.DataFrame], *rows: tuple) -> dict[str, pd.DataFrame]:
    """The tables with reported figures (indicator, period, value[, area]) set, replacing any
    with the same key (district level unless an area is given)."""
    observations = tables["observations"]
    for indicator, period, value, *where in rows:
        area = where[0] if where else "xuhui"
        same = (observations["indicator_id"].eq(indicator) & observations["period"].eq(period)
                & observations["area_id"].eq(area) & observations["industry_id"].isna())
        template = observations[observations["status"].eq("reported")].iloc[0].to_dict()
        template.update(indicator_id=indicator, period=period, area_id=area, industry_id=None,
                        value=float(value), qualifier="exact", stated_as=None,
                        locator="test 第2行")
        observations = pd.concat([observations[~same], pd.DataFrame([template])],
                                 ignore_index=True)
    return {**tables, "observations": observations}


def refused(refusals: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return refusals[refusals["indicator_id"].eq(indicator)]


class TestDeriveAll:
    def test_zero_population_refuses_per_capita_figures(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("population", "2024", 0),
                                                    ("gdp", "2024", 2600)))
        assert not refused(refusals, "gdp_per_capita").empty
        assert "零" in refused(refusals, "gdp_per_capita")["reason_zh"].iloc[0]
        assert derived["value"].map(math.isfinite).all()

    def test_zero_land_area_refuses_per_km2(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("land_area", "2022", 0)))
        assert not refused(refusals, "population_density").empty
        assert not derived["indicator_id"].isin(["population_density", "gdp_per_km2"]).any()

    def test_negative_first_value_refuses_cagr(self, shipped):
        _, _, refusals = derive_all(with_rows(shipped, ("fiscal_revenue", "2019", -1)))
        assert refused(refusals, "fiscal_revenue_cagr")["metric"].eq("cagr").any()

    def test_zero_totals_refuse_the_completion_rate(self, shipped):
        rows = [(i, "2023", 0) for i in ("issues_district", "issues_units",
                                         "issues_district_fixed", "issues_units_fixed")]
        derived, _, refusals = derive_all(with_rows(shipped, *rows))
        assert not refused(refusals, "rectification_rate").empty
        assert not derived["indicator_id"].eq("rectification_rate").any()

    def test_infinite_value_is_refused_not_derived(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("gdp", "2023", float("inf")),
                                                    ("population", "2023", 110)))
        assert derived["value"].map(math.isfinite).all()
        assert not refused(refusals, "gdp_per_capita").empty

    def test_growth_in_year_one_does_not_derive_year_zero(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("fiscal_revenue", "0001", 10),
                                                    ("fiscal_revenue_growth", "0001", 5)))
        assert not derived["period"].eq("0000").any()
        assert not refused(refusals, "fiscal_revenue").empty

    def test_minus_100_percent_growth_is_refused(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("fiscal_revenue", "2030", 10),
                                                    ("fiscal_revenue_growth", "2030", -100)))
        assert derived[derived["indicator_id"].eq("fiscal_revenue")
                       & derived["period"].eq("2029")].empty
        assert refused(refusals, "fiscal_revenue")["period"].eq("2029").any()

    def test_a_reported_figure_is_not_derived_over(self, shipped):
        derived, _, refusals = derive_all(with_rows(shipped, ("gdp_per_capita", "2022", 23)))
        mine = derived[derived["indicator_id"].eq("gdp_per_capita") & derived["period"].eq("2022")]
        assert mine.empty
        assert "报告值" in refused(refusals, "gdp_per_capita")["reason_zh"].iloc[0]


class TestSameSpanGrowth:
    def test_cumulative_growth_from_the_same_span_a_year_before(self, shipped):
        derived, _, _ = derive_all(with_rows(shipped, ("fiscal_revenue", "2024-01/2024-09", 198.6),
                                             ("fiscal_revenue", "2023-01/2023-09", 180.0)))
        growth = derived[derived["indicator_id"].eq("fiscal_revenue_growth")
                         & derived["period"].eq("2024-01/2024-09")]
        assert growth["value"].round(2).tolist() == [10.33]

    def test_never_against_a_whole_year(self, shipped):
        derived, _, _ = derive_all(with_rows(shipped, ("fiscal_revenue", "2024-01/2024-09",
                                                       198.6)))
        assert derived[derived["indicator_id"].eq("fiscal_revenue_growth")
                       & derived["period"].eq("2024-01/2024-09")].empty

    def test_a_stated_rate_is_not_derived_over(self, shipped):
        derived, _, _ = derive_all(with_rows(
            shipped, ("fiscal_revenue", "2024-01/2024-09", 198.6),
            ("fiscal_revenue", "2023-01/2023-09", 180.0),
            ("fiscal_revenue_growth", "2024-01/2024-09", 10.3)))
        assert derived[derived["indicator_id"].eq("fiscal_revenue_growth")
                       & derived["period"].eq("2024-01/2024-09")].empty

    def test_no_per_capita_figure_from_a_cumulative_total(self, shipped):
        derived, _, _ = derive_all(with_rows(shipped, ("fiscal_revenue", "2024-01/2024-09",
                                                       198.6)))
        assert not derived["period"].eq("2024-01/2024-09").any() or derived.loc[
            derived["period"].eq("2024-01/2024-09"), "indicator_id"].eq(
            "fiscal_revenue_growth").all()


class TestStreetsSum:
    @staticmethod
    def streets(tables) -> list[str]:
        areas = tables["areas"]
        return list(areas.loc[areas["level"].eq("street"), "area_id"])

    def test_streets_adding_up_to_the_district_pass(self, shipped):
        rows = [("population", "2024", 10.0, area) for area in self.streets(shipped)]
        _, checks, _ = derive_all(with_rows(shipped, *rows, ("population", "2024", 130.0)))
        check = checks[checks["check_id"].eq("sum:streets:population:2024")]
        assert check["passed"].tolist() == [True]

    def test_streets_not_adding_up_fail(self, shipped):
        rows = [("population", "2024", 10.0, area) for area in self.streets(shipped)]
        _, checks, _ = derive_all(with_rows(shipped, *rows, ("population", "2024", 120.0)))
        assert checks.loc[checks["check_id"].eq("sum:streets:population:2024"),
                          "passed"].tolist() == [False]

    def test_not_checked_when_a_street_is_missing(self, shipped):
        rows = [("population", "2024", 10.0, area) for area in self.streets(shipped)[1:]]
        _, checks, _ = derive_all(with_rows(shipped, *rows, ("population", "2024", 120.0)))
        assert not checks["check_id"].str.startswith("sum:streets").any()


class TestDerivationAttempt:
    def test_refusal_is_recorded_and_nothing_kept(self):
        out = Derivation([], [], [])

        def fails() -> Derived:
            raise MetricRefused("分母为零", "zero denominator")

        assert out.attempt("x", "2023", "ratio", fails) is None
        assert out.rows == [] and out.refusals[0]["reason_en"] == "zero denominator"

    def test_unexpected_error_becomes_a_refusal_naming_it(self):
        out = Derivation([], [], [])
        assert out.attempt("x", "2023", "ratio", lambda: 1 / 0) is None
        assert "ZeroDivisionError" in out.refusals[0]["reason_en"]

    def test_non_finite_result_is_refused(self):
        out = Derivation([], [], [])
        result = Derived("ratio", float("nan"), "2023", "a/b", "a/b", "1/0", ())
        assert out.attempt("x", "2023", "ratio", lambda: result) is None
        assert "finite" in out.refusals[0]["reason_en"]

    def test_a_failing_check_is_a_refusal(self):
        out = Derivation([], [], [])
        out.check("sum:x", lambda: 1 / 0)
        assert out.checks == [] and out.refusals[0]["metric"] == "check"


class TestInterpretedFigures:
    """The dashboard's reading of a stated word (status interpreted) is shown, never used: no
    derivation reads it and no check compares it, so nothing passes by construction."""

    def test_an_interpreted_figure_is_no_input(self, shipped):
        derived, checks, refusals = derive_all(shipped)
        assert not derived["indicator_id"].eq("rectification_rate").any()
        assert not checks["check_id"].str.startswith("sum:issues_").any()
        assert refused(refusals, "industry_scale").empty  # 两位数增长 is not a growth rate

    def test_the_same_figures_reported_would_be(self, shipped):
        observations = shipped["observations"].copy()
        observations.loc[observations["status"].eq("interpreted"), "status"] = "reported"
        derived, checks, refusals = derive_all({**shipped, "observations": observations})
        rate = derived[derived["indicator_id"].eq("rectification_rate")]
        assert rate["value"].tolist() == [100.0]
        assert {"sum:issues_district:2023", "sum:issues_units:2023"} <= set(checks["check_id"])
        assert not refused(refusals, "industry_scale").empty


class TestRoundedToTheInputs:
    def test_the_working_is_arithmetic_the_words_are_in_each_language(self, shipped):
        """7.4万件 ÷ 109.85万人 is said as about 670: the working shows the arithmetic in
        either language, and why it was rounded is said in the note of each language (a
        Chinese page never carries an English half-sentence)."""
        derived, _, _ = derive_all(shipped)
        row = derived[derived["indicator_id"].eq("hotline_orders_per_10k")
                      & derived["period"].eq("2023")].iloc[0]
        assert row["locator"] == "7.4 ÷ 109.85 × 10000 = 673.65 ≈ 670"
        assert "（按输入的精度取舍）" in row["note"] and "rounded" not in row["note"]
        assert "(rounded to the inputs' precision)" in row["formula_en"]
        exact = derived[derived["qualifier"].eq("exact")]
        assert not exact["note"].str.contains("按输入的精度取舍").any()
