"""Every page, declared once: a domain page's domains, headline cards and charts, and the
other pages (explorer, about, the editors' data page) with their titles and icons. The
navigation, the page titles, `xhdash brief --page` and the wall read this registry.

Chart titles come from here; their units come from the indicators table.
"""

from __future__ import annotations

from dataclasses import dataclass

from xhdash.i18n import in_lang

CHART_KINDS = ("bar", "series", "by_industry", "by_zone", "by_area")


@dataclass(frozen=True)
class ChartSpec:
    chart_id: str
    title_zh: str
    title_en: str
    indicators: tuple[str, ...]
    kind: str = "bar"
    click: str | None = None  # the filter a click on a bar sets: "industries", "areas", "period"
    by_value: bool = False  # areas largest first (by the latest period's figure), not map order

    def title(self, lang: str) -> str:
        return in_lang((self.title_zh, self.title_en), lang)


@dataclass(frozen=True)
class PageSpec:
    page_id: str
    title_zh: str
    title_en: str
    icon: str
    domains: tuple[str, ...]
    cards: tuple[str, ...] = ()
    charts: tuple[ChartSpec, ...] = ()

    def title(self, lang: str) -> str:
        return in_lang((self.title_zh, self.title_en), lang)


OVERVIEW = PageSpec(
    "overview", "总览", "Overview", ":material/dashboard:", ("profile", "economy"),
    cards=("fiscal_revenue", "gdp_growth", "fixed_asset_investment_growth", "gdp", "population",
           "land_area"),
    charts=(
        ChartSpec("fiscal_revenue_series", "区级财政收入", "District fiscal revenue",
                  ("fiscal_revenue",), "series", click="period"),
        ChartSpec("gdp_series", "地区生产总值（现价）", "GDP (current prices)", ("gdp",), "series",
                  click="period"),
        ChartSpec("growth_rates", "增长率", "Growth rates",
                  ("gdp_growth", "fiscal_revenue_growth", "fixed_asset_investment_growth",
                   "population_growth"), "series", click="period"),
        ChartSpec("population_series", "常住人口构成", "Resident population",
                  ("population", "population_registered", "population_migrant"), "series",
                  click="period"),
    ),
)
ZONES = PageSpec(
    "zones", "五大功能区", "Functional zones", ":material/map:", ("zones", "renewal"),
    cards=("functional_zones", "westbund_clusters", "renewal_projects", "renewal_land",
           "major_projects", "sanshi_pilot_units", "incomplete_housing_rank", "elevator_rank",
           "roads_opened"),
    charts=(
        ChartSpec("zone_housing_repair", "旧住房修缮：新开工与完工",
                  "Old housing repair: started and completed",
                  ("housing_repair_started", "housing_repair_completed"), "bar"),
        ChartSpec("renewal_roads", "城市更新：道路", "Urban renewal: roads",
                  ("renewal_arterials", "roads_opened"), "bar"),
    ),
)
INDUSTRY = PageSpec(
    "industry", "产业集群", "Industry clusters", ":material/factory:", ("industry", "innovation"),
    cards=("tax_projects_100m", "tax_projects_10m", "buildings_100m", "foreign_hq",
           "llm_firms_city_share", "incubators"),
    charts=(
        ChartSpec("cluster_growth", "千亿级产业集群增长", "Growth of the ¥100bn clusters",
                  ("industry_growth",), "by_industry", click="industries"),
        ChartSpec("cluster_scale", "产业规模", "Industry scale", ("industry_scale",),
                  "by_industry", click="industries"),
        ChartSpec("tax_projects", "招商引资：新引进税收项目", "Investment: new tax-paying projects",
                  ("tax_projects_100m", "tax_projects_10m"), "bar"),
        ChartSpec("innovation_carriers", "科创载体", "Innovation carriers",
                  ("scitech_blocks", "incubators"), "bar"),
    ),
)
LIVELIHOOD = PageSpec(
    "livelihood", "民生成效", "Livelihood outcomes", ":material/volunteer_activism:", ("livelihood",),
    cards=("matters_public", "matters_enterprise", "visits", "sports_area_new",
           "pocket_parks_new", "hotline_orders"),
    charts=(
        ChartSpec("practical_matters", "为民办实事", "Practical matters done",
                  ("matters_public", "matters_enterprise"), "bar"),
        ChartSpec("housing_repair", "旧住房修缮：新开工与完工", "Old housing repair: started and completed",
                  ("housing_repair_started", "housing_repair_completed"), "bar"),
        ChartSpec("medical_insurance", "医保电子凭证接入", "E-insurance card accepted",
                  ("insured_hospitals", "insured_pharmacies"), "bar"),
        ChartSpec("hotline_rates", "12345热线三率", "12345 hotline rates",
                  ("hotline_first_contact_rate", "hotline_ontime_rate", "hotline_satisfaction_rate"),
                  "bar"),
        ChartSpec("service_facilities", "服务设施", "Service facilities",
                  ("service_centres_planned", "health_centres_renovated"), "bar"),
    ),
)
GOVERNANCE = PageSpec(
    "governance", "党建与治理", "Party building and governance", ":material/account_balance:",
    ("party", "governance", "rectification"),
    cards=("party_orgs_campaign", "party_members_campaign", "joint_research", "hotline_orders",
           "issues_district_fixed", "area_problems_solved"),
    charts=(
        ChartSpec("research_topics", "调研课题“5+83+642”", "Research topics (5+83+642)",
                  ("topics_district", "topics_dept", "topics_all"), "bar"),
        ChartSpec("research_results", "调研成果", "Research results",
                  ("research_results", "research_results_projects", "research_results_mechanisms"),
                  "bar"),
        ChartSpec("rectification", "检视问题与整改", "Problems identified and rectified",
                  ("issues_district", "issues_district_fixed", "issues_units", "issues_units_fixed"),
                  "bar"),
        ChartSpec("rectification_outcomes", "整改成效", "Rectification outcomes",
                  ("mechanisms_built", "development_projects_formed", "risks_resolved"), "bar"),
        ChartSpec("area_governance", "片区治理", "Area-based governance",
                  ("community_projects", "area_governance_cases"), "bar"),
    ),
)
PAGES: dict[str, PageSpec] = {p.page_id: p for p in (OVERVIEW, ZONES, INDUSTRY, LIVELIHOOD, GOVERNANCE)}


@dataclass(frozen=True)
class OtherPage:
    """A page that is not a domain's: its title, icon, and whether only editors see it listed."""

    page_id: str
    title_zh: str
    title_en: str
    icon: str
    editors_only: bool = False  # listed only for signed-in editors; the page refuses anyone else

    def title(self, lang: str) -> str:
        return in_lang((self.title_zh, self.title_en), lang)


OTHER_PAGES: dict[str, OtherPage] = {p.page_id: p for p in (
    OtherPage("explorer", "数据浏览", "Data explorer", ":material/table_view:"),
    OtherPage("about", "数据说明", "About the data", ":material/info:"),
    OtherPage("data", "数据管理", "Data management", ":material/upload_file:", editors_only=True),
)}
