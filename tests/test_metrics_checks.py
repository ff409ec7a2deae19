from metrics.checks import check_count_matches, check_cross_source, check_sum_of_parts
from metrics.core import Input
from metrics.growth import prior_value_from_growth


class TestCheckSumOfParts:
    def test_population_components_add_up(self):
        result = check_sum_of_parts(
            "pop", "人口", "population",
            [Input("reg", "2022", 78.38, decimals=2), Input("mig", "2022", 31.47, decimals=2)],
            Input("pop", "2022", 109.85, decimals=2))
        assert result.passed
        assert result.worked == "78.38 + 31.47 = 109.85 = 109.85"

    def test_sum_that_misses_fails(self):
        result = check_sum_of_parts("x", "x", "x", [Input("a", "2022", 1.0), Input("b", "2022", 2.0)],
                                    Input("t", "2022", 4.0))
        assert not result.passed

    def test_parts_within_total(self):
        parts = [Input("d", "2023", 5), Input("p", "2023", 83)]
        assert check_sum_of_parts("t", "t", "t", parts, Input("a", "2023", 642), "le").passed
        assert not check_sum_of_parts("t", "t", "t", parts, Input("a", "2023", 80), "le").passed


class TestCheckCrossSource:
    def test_article_implied_2022_revenue_agrees_with_secondary_source(self):
        derived = prior_value_from_growth(
            Input("fiscal_revenue", "2023", 250.85, source_id="S1", decimals=2),
            Input("fiscal_revenue_growth", "2023", 10.87, source_id="S1", decimals=2), "nominal")
        result = check_cross_source("c", "c", "c", derived,
                                    Input("fiscal_revenue", "2022", 226.25, source_id="S2", decimals=2))
        assert result.passed
        assert "S2: 226.25" in result.worked

    def test_disagreement_beyond_rounding_fails(self):
        derived = prior_value_from_growth(Input("r", "2023", 250.85, decimals=2),
                                          Input("g", "2023", 10.87, decimals=2), "nominal")
        assert not check_cross_source("c", "c", "c", derived,
                                      Input("r", "2022", 225.0, decimals=2)).passed


class TestCheckCountMatches:
    def test_five_zones(self):
        result = check_count_matches("z", "z", "z", Input("zones", "2023", 5),
                                     ["大徐家汇", "西岸滨江", "漕开发拓展", "徐汇中城", "华泾门户"])
        assert result.passed

    def test_mismatch_fails(self):
        assert not check_count_matches("z", "z", "z", Input("zones", "2023", 5), ["a", "b"]).passed
