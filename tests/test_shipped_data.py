"""The shipped store: built from its reviewed CSVs, sourced row by row, and valid."""

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from metrics.units import UNIT_BASES
from tests.fixtures.shared_sources import shared_file
from xhdash.data.schema import PERIOD_SCOPES, STORED_STATUSES, TABLES
from xhdash.data.store import load_store
from xhdash.data.tables import load_parquet_tables
from xhdash.i18n import LABELS
from xhdash.paths import DATA_DIR

SEED_FILE = Path("seed") / "000_9921b9158191bff1.txt"  # inside the shared folder (shared_file)
SOURCES_NOTES = Path("sources") / "README.md"
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

STAGE_WORDS = {stage: zh for stage, (zh, _en) in LABELS["stage"].items()}  # 预计, 初步核算 …
SPAN_WORDS = {  # how the article words each span a figure is counted over
    "campaign": ("主题教育期间",),
    "since_campaign": ("主题教育以来", "主题教育开展以来"),
    "since_research_drive": ("自大兴调查研究启动以来",),
    "to_year_end": ("截至去年底",),  # a total at a date: the article of 2024, so the end of 2023
}
SCOPED = {  # indicator (2023, district): the span the article counts it over, read by hand
    "research_cases": "since_research_drive",  # 自大兴调查研究启动以来,…形成调研案例19期
    "research_results": "since_research_drive",
    "research_results_projects": "since_research_drive",
    "research_results_mechanisms": "since_research_drive",
    "major_projects": "campaign",  # 主题教育期间,徐汇区128项市区重大工程…加快建设,开工31条道路辟通
    "roads_opened": "campaign",
    "llm_firms_city_share": "campaign",  # 科技创新方面,主题教育期间,…占全市75%
    "suggestions_collected": "campaign",  # 主题教育期间,…收集问题建议3460个,为群众办实事1907件…
    "matters_public": "campaign",
    "matters_enterprise": "campaign",
    "residential_areas_visited": "campaign",  # 主题教育期间,徐汇对全区312个居民区、2500家重点企业…走访
    "enterprises_visited": "campaign",
    "visits": "to_year_end",  # 截至去年底已开展调研走访1.43万余人次,帮助解决问题2500余项
    "visit_problems_solved": "to_year_end",
    "health_centres_renovated": "campaign",  # 主题教育期间,…4个社区卫生服务中心完成改造
    "city_people_projects": "since_campaign",  # the paragraph 主题教育以来,…19项…61项…40个…
    "district_people_projects": "since_campaign",
    "service_centres_planned": "since_campaign",
    "special_actions": "since_campaign",
    "sports_area_new": "since_campaign",
    "pocket_parks_new": "since_campaign",
    "insured_hospitals": "since_campaign",
    "insured_pharmacies": "since_campaign",
    "issues_district": "since_campaign",  # the paragraph 主题教育开展以来,…确定区级问题17个…
    "issues_units": "since_campaign",
    "issues_district_fixed": "since_campaign",
    "issues_units_fixed": "since_campaign",
    "mechanisms_built": "since_campaign",
    "development_projects_formed": "since_campaign",
    "risks_resolved": "since_campaign",
}
INTERPRETED = {  # stated words that give no number of their own: the dashboard's reading
    ("issues_district_fixed", None), ("issues_units_fixed", None),  # 目前已全部完成整改
    ("industry_growth", "digital_economy"), ("industry_growth", "life_health"),  # 均保持两位数增长
    ("industry_growth", "cultural_creative"), ("industry_growth", "modern_finance"),
}
QUALIFIER_WORDS = ("以上", "超", "余", "接近", "突破")  # the source's own words for ≥ and ≈
NUMERALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
            "九": 9, "十": 10, "千": 1000}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def numbers_in(text: str) -> set[float]:
    """The numbers a stated figure writes: digits ('1,113,078', '-1.5%') or numerals ('两个',
    '全市第一', '突破千亿元')."""
    text = text.replace(",", "")
    found = {float(number) for number in re.findall(r"-?\d+(?:\.\d+)?", text)}
    return found | {float(NUMERALS[char]) for char in text if char in NUMERALS}


def clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[,，。;；?？!！]", squeeze(text)) if c]


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

    def test_only_stated_and_interpreted_rows_are_shipped(self, shipped):
        """Derived figures are computed on load; the shipped rows are the sources' figures and
        the dashboard's readings of stated words."""
        assert set(shipped["observations"]["status"]) == set(STORED_STATUSES)

    def test_no_synthetic_files_in_data(self):
        names = [p.name.lower() for p in DATA_DIR.rglob("*")]
        assert not [n for n in names if re.search("synthetic|fake|dummy|mock", n)]


class TestEveryRowIsSourced:
    def test_article_locators_are_quotes(self, shipped):
        article = squeeze(shared_file(SEED_FILE).read_text(encoding="utf-8"))
        rows = shipped["observations"].query("source_id == 'S1'")
        assert len(rows) >= 75
        missing = [r.locator for r in rows.itertuples() if squeeze(r.locator) not in article]
        assert missing == []

    def test_secondary_locators_quote_the_source_notes(self, shipped):
        notes = squeeze(shared_file(SOURCES_NOTES).read_text(encoding="utf-8"))
        rows = shipped["observations"].query("source_id in ['S2', 'S3']")
        assert len(rows) == 22
        assert [r.locator for r in rows.itertuples() if squeeze(r.locator) not in notes] == []

    def test_stated_figure_stands_in_its_locator(self, shipped):
        rows = shipped["observations"]
        assert [r.stated_as for r in rows.itertuples()
                if squeeze(r.stated_as) not in squeeze(r.locator)] == []

    def test_places_and_zone_descriptions_quote_the_article(self, shipped):
        article = squeeze(shared_file(SEED_FILE).read_text(encoding="utf-8"))
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


class TestStatedAsData:
    """How the source says a figure is data: its release stage, the span it is counted over,
    its qualifier word, and whether the number is stated at all."""

    def test_every_release_stage_is_quoted(self, shipped):
        staged = shipped["observations"].dropna(subset=["release_stage"])
        assert not staged.empty
        assert [(r.indicator_id, r.period) for r in staged.itertuples()
                if STAGE_WORDS[r.release_stage] not in squeeze(r.locator)] == []

    def test_every_stage_the_article_states_is_data(self, shipped):
        """Each clause of the article holding a stage word (预计 …): its figures carry the stage,
        and no other row does."""
        rows = shipped["observations"].query("source_id == 'S1'")
        expected = {}
        for clause in clauses(shared_file(SEED_FILE).read_text(encoding="utf-8")):
            for stage, word in STAGE_WORDS.items():
                if word not in clause:
                    continue
                hits = [r for r in rows.itertuples() if squeeze(r.stated_as) in clause
                        and (clause in squeeze(r.locator) or squeeze(r.locator) in clause)]
                assert hits, f"no figure of «{clause}» in the data"
                expected.update({(r.indicator_id, r.period): stage for r in hits})
        staged = rows.dropna(subset=["release_stage"])
        found = {(r.indicator_id, r.period): r.release_stage for r in staged.itertuples()}
        assert found == expected == {("gdp_growth", "2023"): "expected"}

    def test_stage_words_are_not_qualifiers_or_notes(self, shipped):
        rows = shipped["observations"]
        words = list(STAGE_WORDS.values())
        text = rows["qualifier_word"].fillna("") + rows["note"].fillna("")
        assert [t for t in text if any(w in t for w in words)] == []

    def test_period_scopes_are_those_read_off_the_article(self, shipped):
        scoped = shipped["observations"].dropna(subset=["period_scope"])
        assert set(scoped["period"]) == {"2023"} and set(scoped["area_id"]) == {"xuhui"}
        assert dict(zip(scoped.indicator_id, scoped.period_scope, strict=True)) == SCOPED
        assert set(SCOPED.values()) == set(PERIOD_SCOPES)

    def test_every_scoped_row_quotes_its_span(self, shipped):
        scoped = shipped["observations"].dropna(subset=["period_scope"])
        assert [r.indicator_id for r in scoped.itertuples()
                if not any(w in squeeze(r.locator) for w in SPAN_WORDS[r.period_scope])] == []

    def test_no_unscoped_row_quotes_a_span(self, shipped):
        unscoped = shipped["observations"][shipped["observations"]["period_scope"].isna()]
        words = [w for span in SPAN_WORDS.values() for w in span]
        assert [r.indicator_id for r in unscoped.itertuples()
                if any(w in squeeze(r.locator) for w in words)] == []

    def test_no_reported_row_is_inferred(self, shipped):
        """A reported figure's number is written in what the source states; an interpreted one's
        is not (全部完成整改, 两位数增长): it is the dashboard's reading."""
        def key(row) -> tuple:
            return row.indicator_id, None if pd.isna(row.industry_id) else row.industry_id

        rows = list(shipped["observations"].itertuples())
        assert {key(r) for r in rows if r.value not in numbers_in(r.stated_as)} == INTERPRETED
        assert {key(r) for r in rows if r.status == "interpreted"} == INTERPRETED

    def test_interpreted_rows_keep_the_stated_word_and_say_so(self, shipped):
        interpreted = shipped["observations"].query("status == 'interpreted'")
        for row in interpreted.itertuples():
            assert row.qualifier_word == row.stated_as
            assert squeeze(row.qualifier_word) in squeeze(row.locator)
            assert row.note.startswith("看板解读：")
        fixed = interpreted.set_index("indicator_id")["qualifier_word"]
        assert fixed["issues_district_fixed"] == fixed["issues_units_fixed"] == "全部完成整改"

    def test_qualifier_word_is_the_qualifier_proper(self, shipped):
        reported = shipped["observations"].query("status == 'reported'")
        worded = reported.dropna(subset=["qualifier_word"])
        assert set(worded["qualifier_word"]) <= set(QUALIFIER_WORDS)
        assert [r.indicator_id for r in worded.itertuples()
                if r.qualifier_word not in r.stated_as] == []
        bounded = reported[reported["qualifier"].ne("exact")]
        assert bounded["qualifier_word"].notna().all()
        assert reported[reported["qualifier"].eq("exact")]["qualifier_word"].isna().all()


class TestDefinitions:
    def test_readings_are_marked_in_both_languages(self, shipped):
        indicators = shipped["indicators"]
        zh = indicators["definition_zh"].fillna("").str.contains("看板解读")
        en = indicators["definition_en"].fillna("").str.contains("Dashboard's reading")
        assert list(indicators.indicator_id[zh]) == list(indicators.indicator_id[en])
        assert {"issues_district_fixed", "issues_units_fixed", "industry_growth",
                "buildings_100m", "population_growth"} <= set(indicators.indicator_id[zh])

    def test_no_unsupported_claims(self, shipped):
        definitions = shipped["indicators"].set_index("indicator_id")["definition_zh"]
        assert "同一批" not in definitions["housing_repair_completed"]
        assert "未说明" in definitions["fiscal_revenue"]  # not asserted as 一般公共预算收入
        assert "全年" not in definitions["sports_area_new"]  # counted 主题教育以来
        assert "全年" not in definitions["pocket_parks_new"]

    def test_tax_bands_are_bands(self, shipped):
        indicators = shipped["indicators"].set_index("indicator_id")
        assert not indicators["name_en"].str.contains("≥").any()
        assert "10m–100m" in indicators.at["tax_projects_10m", "name_en"]
        assert "1亿元" in indicators.at["tax_projects_10m", "definition_zh"]

    def test_english_units_read_in_a_sentence(self, shipped):
        """'10k …' and 'CNY 100m' are read out in English only where the unit converts
        (万人 → 94,400 persons); elsewhere they would print as '23.29 CNY 10k per person'."""
        indicators = shipped["indicators"]
        scaled = indicators[indicators["unit_en"].str.contains(r"10k |CNY 100m|CNY 10k")
                            & ~indicators["unit_en"].str.contains("per 10k")]
        assert sorted(set(scaled["unit_zh"]) - set(UNIT_BASES)) == []


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
        pd.testing.assert_frame_equal(store.derived.reset_index(drop=True),  # codes as text
                                      derived.reset_index(drop=True).astype(store.derived.dtypes))

    def test_derived_values(self, store):
        obs = store.observations.set_index(["indicator_id", "period"])["value"]
        # no more digits than the inputs support: a rate given to 0.1 point, 7.4万件
        assert obs[("fiscal_revenue", "2021")] == 220.5  # 226.25 ÷ 1.026 = 220.52, ±0.1
        # both levels reported: the change is their difference, not one from the rate (24.59)
        assert obs[("fiscal_revenue_change", "2023")] == 24.60  # 250.85 − 226.25
        assert obs[("population", "2021")] == 111.5  # 109.85 ÷ (1 − 1.5%) = 111.52, ±0.06
        assert obs[("fiscal_revenue_change", "2020")] == 3.9  # 388.43 million is not supported
        assert obs[("gdp_per_capita", "2022")] == 232_850  # 2557.91亿 ÷ 109.85万 = 232,855
        assert obs[("hotline_orders_per_10k", "2023")] == 670  # 7.4万 ÷ 109.85万 ≈ 673.6
        assert obs[("fiscal_revenue_cagr", "2020/2023")] == round(
            ((250.85 / 198.10) ** (1 / 3) - 1) * 100, 2)

    def test_a_cross_year_denominator_is_said_and_approximate(self, store):
        row = store.observations.query("indicator_id == 'fiscal_revenue_per_capita' "
                                       "and period == '2023'").iloc[0]
        assert row["qualifier"] == "approx" and "按2022年末常住人口计算" in row["note"]
        same_year = store.observations.query("indicator_id == 'gdp_per_capita' "
                                             "and period == '2022'").iloc[0]
        assert "按年末常住人口计算" in same_year["note"]
        assert "按2022年" not in same_year["note"]

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

    def test_interpreted_rows_are_kept_but_never_derived_from_or_checked(self, store):
        observations = store.observations
        assert observations["status"].eq("interpreted").sum() == len(INTERPRETED)
        assert not observations["indicator_id"].eq("rectification_rate").any()
        assert not set(store.checks["check_id"]) & {"sum:issues_district:2023",
                                                    "sum:issues_units:2023"}
        assert store.refusals.query("indicator_id == 'industry_scale'").empty

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


def test_no_source_names_a_server_path():
    """What a reader sees of a source (title, publisher, date, address, notes) never carries a
    file path of the machine the dashboard runs on (the seed file, src/, shared/)."""
    import re

    from xhdash.data.tables import read_parquet_tables

    sources = read_parquet_tables(DATA_DIR, ("sources",))["sources"]
    path = re.compile(r"(^|[\s/(（])(shared|src|data|seed|tmp|work)/|\.(txt|md|py)\b")
    for column in sources.columns:
        for value in sources[column].dropna():
            assert not path.search(str(value)), (column, value)
