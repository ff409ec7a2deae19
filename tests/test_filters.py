import pandas as pd
import pytest

from xhdash.meaning.filters import (
    DroppedValue,
    FilterOptions,
    Filters,
    apply_filters,
    build_filter_options,
    expand_areas,
    filters_to_params,
    parse_query_params,
    period_choices,
)

OPTIONS = FilterOptions(
    values={"domains": ("economy", "livelihood"), "areas": ("xuhui", "zone_a", "cluster_a1"),
            "industries": ("digital", "finance"), "sources": ("S1", "S2"),
            "statuses": ("reported", "derived"), "frequencies": ("year", "cumulative")},
    periods_by_frequency={"": ("2021", "2022", "2023", "2024"),
                          "year": ("2021", "2022", "2023"),
                          "cumulative": ("2023-01/2023-09", "2024-01/2024-09")},
    area_children={"xuhui": ("zone_a",), "zone_a": ("cluster_a1",)},
)
INDICATORS = pd.DataFrame({"indicator_id": ["gdp", "parks"], "domain_id": ["economy", "livelihood"]})
OBSERVATIONS = pd.DataFrame({
    "indicator_id": ["gdp", "gdp", "parks", "parks", "gdp", "gdp"],
    "period": ["2022", "2023", "2023", "2023", "2021/2023", "2024-01/2024-09"],
    "area_id": ["xuhui", "xuhui", "zone_a", "cluster_a1", "xuhui", "xuhui"],
    "industry_id": [None, "digital", None, None, None, None],
    "source_id": ["S2", "S1", "S1", "S1", "derived", "S2"],
    "status": ["reported", "reported", "reported", "reported", "derived", "reported"],
})


def kept(filters: Filters) -> list[int]:
    return list(apply_filters(OBSERVATIONS, INDICATORS, filters, OPTIONS).index)


class TestParseQueryParams:
    def test_valid_values_in_option_order(self):
        filters, dropped = parse_query_params(
            {"domain": ["livelihood,economy"], "from": ["2022"], "status": "derived"}, OPTIONS)
        assert filters == Filters(domains=("economy", "livelihood"), period_from="2022",
                                  statuses=("derived",))
        assert dropped == []

    def test_unknown_values_are_dropped_and_reported(self):
        filters, dropped = parse_query_params(
            {"domain": ["economy,atlantis"], "to": ["1999"], "area": ["<script>"]}, OPTIONS)
        assert filters == Filters(domains=("economy",), areas=())
        assert dropped == [DroppedValue("domain", "atlantis"), DroppedValue("area", "<script>"),
                           DroppedValue("to", "1999")]

    def test_reversed_period_range_drops_the_start(self):
        filters, dropped = parse_query_params({"from": "2023", "to": "2021"}, OPTIONS)
        assert filters.period_from is None and filters.period_to == "2021"
        assert dropped == [DroppedValue("from", "2023")]

    def test_unrelated_params_are_ignored(self):
        assert parse_query_params({"utm_source": "mail"}, OPTIONS) == (Filters(), [])


class TestFiltersToParams:
    def test_round_trip(self):
        filters = Filters(domains=("economy",), areas=("zone_a",), period_to="2022",
                          sources=("S1", "S2"))
        params = filters_to_params(filters)
        assert params == {"domain": "economy", "area": "zone_a", "source": "S1,S2", "to": "2022"}
        assert parse_query_params(params, OPTIONS) == (filters, [])

    def test_empty_filters_give_no_params(self):
        assert filters_to_params(Filters()) == {}


class TestExpandAreas:
    def test_zone_brings_its_clusters(self):
        assert expand_areas(("zone_a",), OPTIONS.area_children) == {"zone_a", "cluster_a1"}


class TestApplyFilters:
    @pytest.mark.parametrize(("filters", "rows"), [
        (Filters(), [0, 1, 2, 3, 4, 5]),
        (Filters(domains=("livelihood",)), [2, 3]),
        (Filters(areas=("zone_a",)), [2, 3]),
        (Filters(industries=("digital",)), [1]),
        (Filters(sources=("S2",)), [0, 5]),
        (Filters(statuses=("derived",)), [4]),
        (Filters(period_from="2023"), [1, 2, 3, 5]),
        (Filters(period_to="2022"), [0]),
        (Filters(period_from="2021", period_to="2023"), [0, 1, 2, 3, 4]),
        (Filters(domains=("economy",), period_from="2023"), [1, 5]),
        (Filters(period_from="2024", period_to="2024"), [5]),  # 2024年1-9月 lies within 2024
        (Filters(frequencies=("cumulative",)), [5]),
        (Filters(frequencies=("year",)), [0, 1, 2, 3]),
    ])
    def test_each_filter(self, filters, rows):
        assert kept(filters) == rows


class TestBuildFilterOptions:
    def test_from_the_shipped_store(self):
        from xhdash.data.store import load_store
        from xhdash.paths import DATA_DIR

        options = build_filter_options(load_store(DATA_DIR).tables)
        assert options.periods() == ("2019", "2020", "2021", "2022", "2023")
        assert options.periods("year") == ("2019", "2020", "2021", "2022", "2023")
        assert options.allowed("frequencies") == ("year", "span")
        assert options.allowed("domains")[0] == "profile"
        assert "zone_westbund" in options.allowed("areas")
        assert "cluster_media_port" in options.area_children["zone_westbund"]

    def test_other_districts_are_offered_only_with_a_figure_of_theirs(self):
        from xhdash.data.store import load_store
        from xhdash.paths import DATA_DIR

        tables = dict(load_store(DATA_DIR).tables)
        areas = tables["areas"]
        assert "huangpu" in set(areas["area_id"].astype(object))  # the name is in the table
        assert "huangpu" not in build_filter_options(tables).allowed("areas")  # no figure: no choice
        assert "xuhui" in build_filter_options(tables).allowed("areas")
        one = tables["observations"].head(1).astype(object).assign(area_id="huangpu")
        tables["observations"] = pd.concat([tables["observations"].astype(object), one])
        assert "huangpu" in build_filter_options(tables).allowed("areas")


class TestFrequencyParams:
    def test_frequency_and_its_periods_from_the_address(self):
        filters, dropped = parse_query_params(
            {"freq": "cumulative", "from": "2023-01/2023-09", "to": "2024-01/2024-09"}, OPTIONS)
        assert filters == Filters(frequencies=("cumulative",), period_from="2023-01/2023-09",
                                  period_to="2024-01/2024-09")
        assert dropped == []

    def test_one_frequency_at_most(self):
        filters, _ = parse_query_params({"freq": "year,cumulative"}, OPTIONS)
        assert filters.frequencies == ("year",)

    def test_a_period_of_another_frequency_is_dropped(self):
        filters, dropped = parse_query_params({"freq": "year", "from": "2024-01/2024-09"},
                                              OPTIONS)
        assert filters.period_from is None
        assert dropped == [DroppedValue("from", "2024-01/2024-09")]

    def test_round_trip(self):
        filters = Filters(frequencies=("cumulative",), period_to="2024-01/2024-09")
        assert parse_query_params(filters_to_params(filters), OPTIONS) == (filters, [])


class TestPeriodChoices:
    def test_years_follow_every_period_and_each_frequency_is_listed(self):
        choices = period_choices(["2023", "2024-01/2024-03", "2024-01/2024-09", "2023Q4",
                                  "2019/2022"])
        assert choices[""] == ("2019", "2022", "2023", "2024")
        assert choices["cumulative"] == ("2024-01/2024-03", "2024-01/2024-09")
        assert choices["quarter"] == ("2023Q4",) and choices["span"] == ("2019/2022",)
