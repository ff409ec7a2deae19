import pytest

from metrics.core import Input, MetricRefused
from metrics.ratios import (
    completion_rate,
    per_10k_residents,
    per_capita,
    per_km2,
    share_of_city,
    share_of_total,
)
from metrics.units import ratio_scale

POPULATION_2022 = Input("population", "2022", 109.85, decimals=2)


class TestShareOfTotal:
    def test_share(self):
        share = share_of_total(Input("population_registered", "2022", 78.38), POPULATION_2022)
        assert share.value == pytest.approx(71.352, abs=1e-3)

    def test_zero_total_is_refused(self):
        with pytest.raises(MetricRefused, match="zero denominator"):
            share_of_total(Input("a", "2022", 1.0), Input("b", "2022", 0.0))

    def test_qualified_input_makes_the_share_approximate(self):
        share = share_of_total(Input("a", "2023", 6.0, "ge"), Input("b", "2023", 12.0))
        assert share.qualifier == "approx"


class TestShareOfCity:
    def test_share(self):
        assert share_of_city(Input("d", "2023", 30.0), Input("c", "2023", 120.0)).value == 25.0


class TestCompletionRate:
    def test_parts_summed(self):
        rate = completion_rate([Input("a", "2023", 17), Input("b", "2023", 131)],
                               [Input("c", "2023", 17), Input("d", "2023", 131)])
        assert rate.value == 100.0
        assert rate.worked == "(17 + 131) ÷ (17 + 131) × 100% = 100.0%"

    def test_partial(self):
        rate = completion_rate([Input("a", "2023", 3)], [Input("b", "2023", 4)])
        assert rate.value == 75.0 and rate.warnings == ()

    def test_more_done_than_total_warns(self):
        rate = completion_rate([Input("a", "2023", 5)], [Input("b", "2023", 4)])
        assert rate.warnings[0][1] == "more completed than the total"

    def test_zero_total_is_refused(self):
        with pytest.raises(MetricRefused):
            completion_rate([Input("a", "2023", 0)], [Input("b", "2023", 0)])

    def test_empty_is_refused(self):
        with pytest.raises(MetricRefused):
            completion_rate([], [Input("b", "2023", 4)])


class TestPerCapita:
    def test_yuan_per_person_from_100m_yuan_and_10k_persons(self):
        scale = ratio_scale("亿元", "万人", "元/人")
        result = per_capita(Input("fiscal_revenue", "2022", 226.25), POPULATION_2022, scale)
        assert result.value == pytest.approx(20596.27, abs=0.01)
        assert result.warnings == ()

    def test_warns_when_periods_differ(self):
        result = per_capita(Input("fiscal_revenue", "2023", 250.85), POPULATION_2022, 1e4)
        assert "2023" in result.warnings[0][0] and "2022" in result.warnings[0][0]


class TestPer10kResidents:
    def test_orders_per_10k(self):
        scale = ratio_scale("万件", "万人", "件/万人")
        result = per_10k_residents(Input("hotline_orders", "2022", 7.4), POPULATION_2022, scale)
        assert result.value == pytest.approx(673.65, abs=0.01)


class TestPerKm2:
    def test_density(self):
        scale = ratio_scale("万人", "平方公里", "人/平方公里")
        result = per_km2(POPULATION_2022, Input("land_area", "2022", 54.93), scale)
        assert result.value == pytest.approx(19998.18, abs=0.01)

    def test_zero_area_is_refused(self):
        with pytest.raises(MetricRefused):
            per_km2(POPULATION_2022, Input("land_area", "2022", 0.0), 1.0)


class TestRatioScale:
    @pytest.mark.parametrize(("top", "bottom", "result", "scale"), [
        ("亿元", "万人", "万元/人", 1.0), ("万人", "平方公里", "人/平方公里", 1e4),
        ("亿元", "平方公里", "亿元/平方公里", 1.0),
    ])
    def test_scales(self, top, bottom, result, scale):
        assert ratio_scale(top, bottom, result) == scale

    def test_unknown_unit_is_refused(self):
        with pytest.raises(MetricRefused, match="not registered"):
            ratio_scale("桶", "人", "桶/人")


class TestPrecision:
    def test_significant_digits_of_stated_figures(self):
        from metrics.core import significant_digits

        assert significant_digits(Input("a", "2023", 7.4, decimals=1)) == 2
        assert significant_digits(Input("a", "2023", 109.85, decimals=2)) == 5
        assert significant_digits(Input("a", "2023", 0.5, decimals=1)) == 1

    def test_a_quotient_keeps_the_fewest_significant_digits(self):
        from metrics.ratios import per_10k_residents

        derived = per_10k_residents(Input("orders", "2023", 7.4, decimals=1),
                                    Input("population", "2022", 109.85, decimals=2), 10_000)
        assert derived.decimals == -1  # 673.6 is about 670
        assert round(derived.value, derived.decimals) == 670
