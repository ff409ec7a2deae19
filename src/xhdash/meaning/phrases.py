"""How a sentence says an indicator's figure where its name alone does not make good prose:
the source's verb (初步形成, 提升至, 对…展开全覆盖走访) and natural English nouns and verbs
("1,907 practical matters were resolved for residents", not "the number of … was …").

A phrase holds no verb the source may not use for another figure (提升至, 保持在, 累计, 达 are
read from each figure's stated words by the general rule). A phrase is (Chinese, English),
either None for the general rule (xhdash.meaning.sentences). In a
phrase, {amount} is the amount with its unit and the source's word (1907件 / more than 1,100
persons), {n} the amount without an English count noun (1,907), {industry} and {area} the
figure's industry and area, {stated} the source's own words for the amount (9.44万名),
{number} the amount without the source's qualifying word, {be} the verb "to be" for the
span and the number (was, were, have been, had been), and {past|perfect} chooses words by
the span: the first for a period or "during", the second for "since" (present perfect) and
"by the end of" (past perfect).
"""

from __future__ import annotations

import re

PHRASES: dict[str, tuple[str | None, str | None]] = {
    "population": (None, "the resident population was {n}"),
    "population_registered": (None, "the registered resident population was {n}"),
    "population_migrant": (None, "the non-registered resident population was {n}"),
    "census_population": ("第七次全国人口普查全区常住人口{amount}",
                          "the 7th national census counted {n} residents in the district"),
    "streets": ("全区共有街道{amount}", "the district had {n} subdistricts"),
    "towns": ("全区共有镇{amount}", "the district had {n} town"),
    "residents_committees": ("全区共有居委会（居民区）{amount}",
                             "the district had {n} residents' committees"),
    "land_area": ("全区行政区域面积{amount}", "the district's land area was {amount}"),
    "topic_linked_units_min": ("每位区委领导的重点课题联动{amount}委办局、街镇和集团",
                               "each district leader's key topic linked {n} departments, "
                               "subdistricts and groups"),
    "topic_linked_units_max": ("每位区委领导的重点课题联动{amount}委办局、街镇和集团",
                               "each district leader's key topic linked {n} departments, "
                               "subdistricts and groups"),
    "party_orgs_campaign": ("全区{amount}党组织全覆盖参加主题教育",
                            "all {n} Party organisations of the district took part in the "
                            "theme-education campaign"),
    "party_members_campaign": ("全区{stated}党员全覆盖参加主题教育",
                               "all {n} Party members of the district took part in the "
                               "theme-education campaign"),
    "joint_research": ("全区开展联动调研{amount}", "{n} joint research visits {be} made"),
    "topics_district": (None, "there {be} {n} key research topics of the district committee"),
    "topics_dept": (None, "there {be} {n} key research topics of departments"),
    "topics_all": (None, "there {be} {n} research topics across the district"),
    "research_cases": ("全区形成调研案例{amount}", "{n} research case reports {be} compiled"),
    "research_results": (None, "a list of {n} research results for application {was|has been} "
                               "initially drawn up"),
    "research_results_projects": ("推进项目落地类{amount}", "{n} are for project delivery"),
    "research_results_mechanisms": ("新机制新办法新举措类{amount}",
                                    "{n} are new mechanisms, methods and measures"),
    "emerging_sector_learners": (
        "全区{stated}新兴领域党组织负责人、专职党群工作者参加文艺党课学习",
        "{n} Party leaders and full-time Party and public workers of emerging sectors attended "
        "the arts Party lesson"),
    "campaign_plans": ("全区制定主题教育实施方案{amount}",
                       "{n} implementation plan for the campaign {be} drawn up for the district"),
    "campaign_sectors": (None, "measures {were|have been} tailored to {n} sectors"),
    "campaign_measures": ("学习成果细化成措施{amount}", "learning {was|has been} turned into {n} "
                                                     "measures"),
    "campaign_items": ("学习成果细化成条目{amount}", "learning {was|has been} turned into {n} items"),
    "housing_repair_started": ("全区旧住房修缮新开工{amount}",
                               "repairs of old housing started on {n} m²"),
    "housing_repair_completed": ("全区旧住房修缮完工{amount}",
                                 "repairs of old housing were completed on {n} m²"),
    "renewal_arterials": ("全区城市更新聚焦主干道{amount}", "urban renewal focused on {n} arterial "
                                                          "roads"),
    "renewal_projects": ("全区梳理形成城市更新项目{amount}", "{n} urban renewal projects {be} "
                                                          "identified"),
    "renewal_land": ("全区城市更新项目涉及土地{amount}", "the urban renewal projects covered {n} ha "
                                                      "of land"),
    "major_projects": ("全区{amount}市区重大工程加快建设",
                       "construction of {n} city and district major projects {was|has been} "
                       "accelerated"),
    "roads_opened": ("全区开工辟通道路{amount}", "work started on opening {n} roads"),
    "sanshi_pilot_units": ("全区{stated}单元纳入全市“三师”联创机制试点",
                           "{n} units of the district {be} included in the city's \"three "
                           "professionals\" pilot"),
    "functional_zones": ("全区共有功能区{amount}", "the district had {n} functional zones"),
    "westbund_clusters": ("徐汇滨江共有组团{amount}", "the West Bund had {n} clusters"),
    "cluster_count_100bn": ("全区千亿级产业集群{amount}", "the district had {n} CNY 100bn-scale "
                                                        "industry clusters"),
    "new_track_count": ("全区产业新赛道{amount}", "the district had {n} new industry tracks"),
    "industry_scale": ("{industry}产业规模{amount}", "the scale of {industry} was {amount}"),
    "industry_growth": ("{industry}产业保持{amount}", "{industry} kept up {amount}"),
    "tax_projects_100m": (None, "{n} projects paying CNY 100m or more in tax {be} brought in"),
    "tax_projects_10m": (None, "{n} projects paying CNY 10m to 100m in tax {be} brought in"),
    "llm_firms_city_share": ("区内已通过全国大模型产品备案的企业占全市{amount}",
                             "firms in the district with large-model products registered "
                             "nationally made up {n} of the city's"),
    "scitech_blocks": ("全区建设科创街区{amount}", "{n} science and innovation blocks {be} under "
                                                 "construction"),
    "talent_rules": ("全区出台光启人才行动计划实施细则{amount}",
                     "{n} rules implementing the Guangqi talent plan {be} issued"),
    "incubators": ("全区设立首批高质量孵化器{amount}", "the first {n} high-quality incubators {be} "
                                                     "set up"),
    "suggestions_collected": ("全区收集问题建议{amount}", "{n} problems and suggestions {be} "
                                                        "collected"),
    "matters_public": ("全区为群众办实事{amount}", "{n} practical matters {be} resolved for "
                                                 "residents"),
    "matters_enterprise": ("全区为企业办实事{amount}", "{n} practical matters {be} resolved for "
                                                     "enterprises"),
    "visit_campaign_years": ("“满意在徐汇、服务在基层”大走访已坚持{amount}",
                             "the \"Satisfaction in Xuhui, Service at the Grassroots\" visits had "
                             "run for {n} years"),
    "residential_areas_visited": ("全区对{amount}居民区展开全覆盖走访",
                                  "all {n} residential areas of the district {be} visited"),
    "enterprises_visited": ("全区对{amount}重点企业展开全覆盖走访",
                            "all {n} key enterprises {be} visited"),
    "visits": ("全区已开展调研走访{amount}", "{n} person-visits {be} made for research"),
    "visit_problems_solved": ("全区走访中帮助解决问题{amount}", "{n} problems {be} solved through "
                                                             "the visits"),
    "city_people_projects": ("全区一体推进市委民心工程{amount}",
                             "{n} city people's-livelihood projects {were|have been} carried "
                             "forward"),
    "district_people_projects": ("全区一体推进“我为群众办实事”项目{amount}",
                                 "{n} district \"practical matters for the people\" projects "
                                 "{were|have been} carried forward"),
    "service_centres_planned": ("全区规划建设党群服务中心·邻里汇{amount}",
                                "{n} Party and public service centres (neighbourhood centres) "
                                "{be} planned"),
    "special_actions": ("全区实施专项行动{amount}", "{n} special actions {be} launched"),
    "sports_area_new": (None, "{n} m² of new sports grounds {be} added"),
    "pocket_parks_new": (None, "{n} new pocket parks and street gardens {be} built"),
    "insured_hospitals": ("全区医保电子凭证接入定点医院{amount}",
                          "{n} designated hospitals {took|have come to take} the e-insurance "
                          "card"),
    "insured_pharmacies": ("全区医保电子凭证接入定点零售药店{amount}",
                           "{n} designated retail pharmacies {took|have come to take} the "
                           "e-insurance card"),
    "health_centres_renovated": ("全区{amount}社区卫生服务中心完成改造并投入使用",
                                 "{n} community health centres {be} renovated and opened"),
    "community_projects": ("全区已实施“美好社区先锋行动”赋能项目{amount}",
                           "{n} Better Community Pioneer projects {be} carried out"),
    "area_problems_solved": ("全区片区统筹解决民生问题{amount}",
                             "{n} livelihood problems {be} solved by area governance"),
    "area_governance_cases": ("全区形成首批片区治理示范案例{amount}",
                              "the first {n} area governance model cases {be} formed"),
    "hotline_orders": ("全区12345热线受理工单{amount}", "the 12345 hotline received {n} work "
                                                       "orders"),
    "issues_district": ("全区确定区级检视问题{amount}", "{n} district-level problems {be} "
                                                       "identified"),
    "issues_units": ("全区确定处级单位检视问题{amount}", "{n} problems of division-level units {be} "
                                                        "identified"),
    "issues_district_fixed": ("全区区级检视问题{amount}",
                              "the district-level problems {were all|have all been} rectified"),
    "issues_units_fixed": ("全区处级单位检视问题{amount}",
                           "the problems of division-level units {were all|have all been} "
                           "rectified"),
    "mechanisms_built": ("全区建立制度机制{amount}", "{n} institutional mechanisms {be} set up"),
    "development_projects_formed": ("全区形成推动发展的民生项目{amount}",
                                    "{n} livelihood projects promoting development {be} formed"),
    "risks_resolved": ("全区化解风险隐患{amount}", "{n} risks {be} defused"),
    "hotline_orders_per_10k": (None, "the 12345 hotline received {n} work orders per 10k "
                                     "residents"),
    "fiscal_revenue_change": (
        None, "district fiscal revenue {rose|has risen} by {amount} on the previous year"),
}
_CHOICE = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")
TENSES = ("past", "perfect", "pluperfect")


def phrase(indicator_id: str, lang: str) -> str | None:
    """The indicator's phrase in `lang`, or None for the general rule."""
    pair = PHRASES.get(indicator_id)
    return None if pair is None else pair[1 if lang == "en" else 0]


def be(tense: str, plural: bool) -> str:
    """was / were, has been / have been, had been."""
    if tense == "perfect":
        return "have been" if plural else "has been"
    if tense == "pluperfect":
        return "had been"
    return "were" if plural else "was"


def fill(template: str, tense: str, plural: bool, **values: str) -> str:
    """A phrase with its words chosen for the span and filled in."""
    def choose(match: re.Match) -> str:
        if tense == "past":
            return match[1]
        chosen = match[2]
        return re.sub(r"^(have|has)\b", "had", chosen) if tense == "pluperfect" else chosen

    text = _CHOICE.sub(choose, template).replace("{be}", be(tense, plural))
    return text.format(**values)
