import math

import pytest

from metrics.core import Input, MetricRefused
from metrics.growth import absolute_change_from_growth, cagr, prior_value_from_growth, year_on_year

REVENUE_2023 = Input("fiscal_revenue", "2023", 250.85, source_id="S1", decimals=2)
GROWTH_2023 = Input("fiscal_revenue_growth", "2023", 10.87, source_id="S1", decimals=2)


class TestPriorValueFromGrowth:
    def test_nominal_growth_gives_prior_year(self):
        prior = prior_value_from_growth(REVENUE_2023, GROWTH_2023, "nominal")
        assert prior.period == "2022"
        assert prior.value == pytest.approx(226.256, abs=1e-3)
        assert prior.worked == "250.85 ÷ (1 + 10.87%) = 226.26"
        assert prior.inputs == (REVENUE_2023, GROWTH_2023)
        assert "名义增长率" in prior.formula_zh

    def test_negative_growth(self):
        population = Input("population", "2022", 109.85, decimals=2)
        change = Input("population_growth", "2022", -1.5, decimals=1)
        prior = prior_value_from_growth(population, change, "nominal")
        assert prior.value == pytest.approx(111.523, abs=1e-3)
        assert "(1 − 1.5%)" in prior.worked

    def test_real_growth_is_refused(self):
        with pytest.raises(MetricRefused) as refused:
            prior_value_from_growth(Input("gdp", "2022", 2557.91), Input("g", "2022", 0.5), "real")
        assert "可比价格" in refused.value.reason_zh
        assert "real" in refused.value.reason_en

    def test_unstated_basis_is_refused(self):
        with pytest.raises(MetricRefused, match="does not say"):
            prior_value_from_growth(REVENUE_2023, GROWTH_2023, "unstated")

    def test_mismatched_periods_are_refused(self):
        with pytest.raises(MetricRefused, match="differs"):
            prior_value_from_growth(REVENUE_2023, Input("g", "2022", 2.6), "nominal")

    def test_missing_value_is_refused(self):
        with pytest.raises(MetricRefused, match="missing"):
            prior_value_from_growth(Input("x", "2023", math.nan), GROWTH_2023, "nominal")

    def test_minus_hundred_percent_is_refused(self):
        with pytest.raises(MetricRefused):
            prior_value_from_growth(REVENUE_2023, Input("g", "2023", -100.0), "nominal")

    def test_tolerance_reflects_stated_rounding(self):
        prior = prior_value_from_growth(REVENUE_2023, GROWTH_2023, "nominal")
        assert 0.01 < prior.tolerance < 0.02


class TestAbsoluteChangeFromGrowth:
    def test_change(self):
        change = absolute_change_from_growth(REVENUE_2023, GROWTH_2023, "nominal")
        assert change.value == pytest.approx(24.594, abs=1e-3)
        assert change.period == "2023"

    def test_zero_growth_gives_zero_change(self):
        change = absolute_change_from_growth(REVENUE_2023, Input("g", "2023", 0.0), "nominal")
        assert change.value == 0.0

    def test_refused_for_real_growth(self):
        with pytest.raises(MetricRefused):
            absolute_change_from_growth(REVENUE_2023, GROWTH_2023, "real")


class TestYearOnYear:
    def test_change_in_percent(self):
        result = year_on_year(REVENUE_2023, Input("fiscal_revenue", "2022", 226.25, decimals=2))
        assert result.value == pytest.approx(10.873, abs=1e-3)

    def test_decline(self):
        result = year_on_year(Input("x", "2023", 90.0), Input("x", "2022", 100.0))
        assert result.value == pytest.approx(-10.0)

    def test_zero_previous_is_refused(self):
        with pytest.raises(MetricRefused, match="zero"):
            year_on_year(Input("x", "2023", 5.0), Input("x", "2022", 0.0))

    def test_not_one_year_apart_is_refused(self):
        with pytest.raises(MetricRefused, match="not one year before"):
            year_on_year(Input("x", "2023", 5.0), Input("x", "2020", 4.0))

    def test_monthly_periods(self):
        result = year_on_year(Input("x", "2024-06", 110.0), Input("x", "2023-06", 100.0))
        assert result.value == pytest.approx(10.0)


class TestCagr:
    def test_over_three_years(self):
        result = cagr(Input("r", "2020", 198.10), REVENUE_2023)
        assert result.value == pytest.approx(8.187, abs=1e-3)
        assert result.period == "2020/2023"

    def test_flat_series(self):
        assert cagr(Input("r", "2020", 5.0), Input("r", "2022", 5.0)).value == pytest.approx(0.0)

    def test_reversed_periods_are_refused(self):
        with pytest.raises(MetricRefused, match="after"):
            cagr(REVENUE_2023, Input("r", "2020", 198.10))

    def test_non_positive_start_is_refused(self):
        with pytest.raises(MetricRefused, match="positive"):
            cagr(Input("r", "2020", 0.0), REVENUE_2023)
