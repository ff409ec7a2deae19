"""The statistics office's year of tables (tests/fixtures/office.py, 测试用合成数据): written only
into the folder it is given, the same every time, in the bulletin layouts; and the whole of it
imports through xhdash.editors.publishing with no column mapping and no problem, leaving a store with
annual, quarterly, monthly and cumulative figures, all five zones and all 13 streets, several
stated sources, and every consistency check passing."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.fixtures import office
from tests.fixtures.office_figures import STREETS, Growth, Series, office_figures, year_before
from xhdash.data.store import load_store
from xhdash.data.tables import load_parquet_tables
from xhdash.data.versions import list_versions, tables_dir
from xhdash.paths import DATA_DIR
from xhdash.periods import parse_period


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    store = tmp_path_factory.mktemp("office") / "store"
    return store, office.publish_office_fixture(store)


@pytest.fixture(scope="module")
def loaded(published):
    return load_store(tables_dir(published[0]))


def reported(store) -> pd.DataFrame:
    observations = store.observations
    return observations[observations["status"] == "reported"]


class TestWriteOfficeTables:
    def test_writes_only_into_the_folder_it_is_given(self, tmp_path):
        paths = office.write_office_tables(tmp_path / "office")
        assert sorted(paths) == sorted((tmp_path / "office").iterdir())
        assert len(paths) == len(office.TABLES) == 18

    def test_the_same_tables_every_time(self, tmp_path):
        first = office.write_office_tables(tmp_path / "a")
        second = office.write_office_tables(tmp_path / "b")
        for one, other in zip(first, second, strict=True):
            if one.suffix == ".csv":  # a workbook records the time it was saved
                assert one.read_bytes() == other.read_bytes()

    def test_every_title_and_every_source_is_marked_synthetic(self):
        for table in office.office_tables():
            assert office.SYNTHETIC in str(table.rows[0][0]), table.name
            notes = [row[0] for row in table.rows if str(row[0]).startswith("资料来源")]
            header = next((row for row in table.rows if "指标" in row), [])  # a bulletin has none
            columns = [row[header.index("来源")] for row in table.rows[1:]
                       if "来源" in header and len(row) == len(header) and row is not header]
            assert notes or columns, table.name
            assert all(office.SYNTHETIC in text for text in notes + columns), table.name

    def test_csv_in_utf8_and_gbk_and_workbooks_with_real_merged_cells(self, tmp_path):
        paths = office.write_office_tables(tmp_path)
        encodings = {}
        for path in paths:
            if path.suffix == ".xlsx":
                sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
                assert {"C2:D2", "E2:F2"} <= {str(r) for r in sheet.merged_cells.ranges} or \
                    {"D2:E2", "F2:G2"} <= {str(r) for r in sheet.merged_cells.ranges}
                encodings[path.name] = "xlsx"
                continue
            try:
                path.read_bytes().decode("utf-8")
                encodings[path.name] = "utf-8"
            except UnicodeDecodeError:
                path.read_bytes().decode("gbk")
                encodings[path.name] = "gbk"
        assert sorted(set(encodings.values())) == ["gbk", "utf-8", "xlsx"]
        assert list(encodings.values()).count("xlsx") == 2


    def test_never_writes_into_data(self, tmp_path):
        before = {path: path.stat().st_mtime_ns for path in Path(DATA_DIR).rglob("*")}
        office.write_office_tables(tmp_path)
        assert {path: path.stat().st_mtime_ns for path in Path(DATA_DIR).rglob("*")} == before


class TestOfficeFigures:
    def test_street_population_adds_up_to_the_district_exactly(self):
        figures = office_figures()
        for year in ("2022", "2023", "2024"):
            parts = sum(figures.street_population[street].units[year] for street in STREETS)
            assert parts == figures.population.units[year]

    def test_nominal_growth_is_the_level_over_the_same_span_a_year_before(self):
        figures = office_figures()
        for period in ("2021", "2024", "2024Q3", "2024-01/2024-09", "2023-01/2023-05"):
            level = figures.fiscal
            expected = 100 * (level.value(period) / level.value(year_before(period)) - 1)
            assert float(figures.fiscal_growth.text(period)) == pytest.approx(expected, abs=0.005)

    def test_months_add_up_to_quarters_spans_and_the_year(self):
        units = office_figures().fiscal.units
        months = [units[f"2024-{m:02d}"] for m in range(1, 13)]
        assert units["2024Q3"] == sum(months[6:9])
        assert units["2024-01/2024-09"] == sum(months[:9])
        assert units["2024"] == sum(months) == 26390

    def test_figures_the_shipped_data_states_are_written_as_stated(self):
        figures = office_figures()
        assert (figures.fiscal.text("2023"), figures.fiscal.text("2022"),
                figures.fiscal.text("2020")) == ("250.85", "226.25", "198.10")
        assert figures.gdp_growth.text("2023") == "5.5以上"
        assert figures.population_growth.text("2022") == "-1.5"

    def test_the_same_seed_gives_the_same_figures(self):
        assert office_figures(7).fiscal.units == office_figures(7).fiscal.units
        assert office_figures(7).fiscal.units != office_figures(8).fiscal.units



class TestGrowthText:
    def test_from_the_levels_rounded_half_up(self):
        level = Series(2, {"2023": 10000, "2024": 10520, "2022": 8000})
        assert level.text("2024") == "105.20"
        assert Growth(2, level).text("2024") == "5.20"
        assert Growth(1, level).text("2023") == "25.0"

    def test_as_stated(self):
        assert Growth(1, stated={"2024": "5.5以上"}).text("2024") == "5.5以上"


class TestPublishOfficeFixture:
    def test_every_file_publishes_a_version(self, published):
        store, versions = published
        assert len(versions) == len(office.TABLES)
        manifests = list_versions(store)
        assert [m.version_id for m in manifests][1:] == versions
        assert {m.editor for m in manifests[1:]} == {office.EDITOR}

    def test_annual_quarterly_monthly_and_cumulative_periods(self, loaded):
        kinds = {}
        for period in reported(loaded)["period"].unique():
            parsed = parse_period(period)
            kinds.setdefault(parsed.kind, set()).add(period)
        assert {"2019", "2024"} <= kinds["year"]
        assert {"2023Q1", "2024Q4"} <= kinds["quarter"]
        assert {"2023-01", "2024-12"} <= kinds["month"]
        assert {"2023-01/2023-03", "2024-01/2024-09", "2024-01/2024-11"} <= kinds["range"]

    def test_all_five_zones_and_all_thirteen_streets(self, loaded):
        areas = loaded.tables["areas"].set_index("area_id")["level"]
        found = set(reported(loaded)["area_id"])
        assert set(areas[areas == "zone"].index) <= found
        assert set(areas[areas == "street"].index) <= found
        assert len(areas[areas == "street"]) == 13

    def test_street_population_adds_up_to_the_district_in_the_store(self, loaded):
        figures = reported(loaded).query("indicator_id == 'population'")
        streets = figures[figures["area_id"].str.startswith("street_")]
        for year in ("2022", "2023", "2024"):
            district = figures[(figures["area_id"] == "xuhui") & (figures["period"] == year)]
            parts = streets.loc[streets["period"] == year, "value"]
            assert len(parts) == 13
            assert parts.sum() == pytest.approx(district["value"].item(), abs=1e-9)

    def test_more_than_one_stated_source(self, loaded):
        sources = loaded.tables["sources"]
        imported = sources[sources["kind"] == "imported"]
        assert len(imported) == 6 and imported["title_zh"].str.contains(office.SYNTHETIC).all()
        cited = set(reported(loaded)["source_id"])
        assert set(imported["source_id"]) <= cited

    def test_the_store_loads_with_every_consistency_check_passing(self, loaded):
        checks = loaded.checks
        assert len(checks) > 50
        assert checks["passed"].all(), checks.loc[~checks["passed"], ["check_id", "worked"]]
        assert {"cross_source:fiscal_revenue:2023-01/2023-09",
                "growth_from_levels:fiscal_revenue_growth:2024Q3",
                "growth_from_levels:population_growth:2024", "sum:population:2024"} <= set(
            checks["check_id"])

    def test_the_shipped_figures_are_kept_as_their_sources_state_them(self, loaded):
        shipped = load_parquet_tables(DATA_DIR)["observations"]
        key = ["indicator_id", "period", "area_id", "industry_id"]
        stored = loaded.observations[loaded.observations["status"].ne("derived")]
        merged = shipped.merge(stored, on=key, how="left", suffixes=("", "_now"))
        assert (merged["source_id_now"] == merged["source_id"]).all()
        assert (merged["value_now"] == merged["value"]).all()

    def test_a_dozen_shipped_indicators_and_a_new_zone_indicator(self, loaded):
        figures = reported(loaded)
        written = set(figures.loc[figures["source_id"].str.startswith("imp_"), "indicator_id"])
        indicators = loaded.indicators.set_index("indicator_id")
        new = {i for i in written if i.startswith("u_")}
        assert sorted(indicators.loc[sorted(new), "name_zh"]) == ["税收收入", "税收收入增长率"]
        assert set(indicators.loc[sorted(new), "domain_id"]) == {"zones"}
        assert written - new == {
            "gdp", "gdp_growth", "fiscal_revenue", "fiscal_revenue_growth", "population",
            "population_growth", "population_registered", "population_migrant",
            "fixed_asset_investment", "fixed_asset_investment_growth", "residents_committees",
            "hotline_orders", "hotline_ontime_rate", "hotline_satisfaction_rate",
            "hotline_first_contact_rate", "fiscal_revenue_target", "gdp_growth_target",
            "fixed_asset_investment_growth_target"}

    def test_a_file_that_does_not_import_cleanly_is_named_with_its_problems(self, tmp_path,
                                                                             monkeypatch):
        def conflicting(_figures) -> office.OfficeTable:
            return office.OfficeTable("99_冲突.csv", [
                [f"徐汇区主要指标（{office.SYNTHETIC}）"], ["指标", "单位", "2023年"],
                ["区级财政收入", "亿元", "251.00"], [f"资料来源：{office.STATS}"]])

        monkeypatch.setattr(office, "TABLES", (conflicting,))
        with pytest.raises(office.OfficeFixtureError) as failed:
            office.publish_office_fixture(tmp_path / "store")
        assert "99_冲突.csv 未能干净导入" in str(failed.value)
        assert "与已发布的 S1 数字 250.85 不同" in str(failed.value)



class TestCityBulletinsAndRevision:
    def test_the_sixteen_districts_half_year_figures(self, loaded):
        areas = loaded.tables["areas"].set_index("area_id")["level"]
        districts = set(areas[areas == "district"].index)
        figures = reported(loaded)
        for indicator in ("fiscal_revenue", "fiscal_revenue_growth", "fixed_asset_investment",
                          "fixed_asset_investment_growth"):
            rows = figures[(figures["indicator_id"] == indicator)
                           & (figures["period"] == office.HALF_YEAR)]
            assert districts <= set(rows["area_id"]), indicator

    def test_xuhui_third_by_value_and_fifth_by_growth(self, loaded):
        from xhdash.meaning.city_rank import city_rank_sentences

        assert city_rank_sentences(loaded.observations, loaded.tables, "zh") == [
            "2024年1-6月，区级财政收入位列全市第3，增速位列第5（本看板按16个区的数字计算）。",
            "2024年1-6月，固定资产投资总额位列全市第3，增速位列第5（本看板按16个区的数字计算）。"]

    def test_the_last_version_revises_the_november_figures(self, published):
        from xhdash.data.versions import snapshot_at

        store, versions = published
        before = reported(load_store(snapshot_at(store, versions[-2])))
        after = reported(load_store(snapshot_at(store, versions[-1])))
        key = ["indicator_id", "period", "area_id"]
        merged = before.merge(after, on=key, suffixes=("_before", "_after"))
        changed = merged[merged["value_before"] != merged["value_after"]]
        assert sorted(changed["period"]) == ["2024-01/2024-11", "2024-11"]
        assert (changed["value_after"] - changed["value_before"]).round(6).tolist() == [0.3, 0.3]


class TestStoreChecks:
    def test_load_and_preview_agree_on_the_streets_checks(self, loaded):
        from xhdash.data.derive import derive_all

        reported = loaded.observations[loaded.observations["status"].ne("derived")]
        _, checks, _ = derive_all({**loaded.tables, "observations": reported})
        streets = checks[checks["check_id"].str.startswith("sum:streets:")]
        from_store = loaded.checks[loaded.checks["check_id"].str.startswith("sum:streets:")]
        assert len(streets) >= 3 and streets["passed"].all()
        assert sorted(streets["check_id"]) == sorted(from_store["check_id"])

    def test_the_streets_sums_are_added_when_first_asked_for_and_kept(self, loaded):
        assert not loaded.base_checks["check_id"].str.startswith("sum:streets:").any()
        assert loaded.checks is loaded.checks
        assert set(loaded.base_checks["check_id"]) < set(loaded.checks["check_id"])
