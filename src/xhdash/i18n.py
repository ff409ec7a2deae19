"""Every interface string in Chinese and English, declared once."""

from __future__ import annotations

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("徐汇区统计数据看板", "Xuhui District Statistics Dashboard"),
    "app_caption": ("数据来源：《解放日报》报道及区情公开资料；每个数字均注明出处。",
                    "Sources: a Jiefang Daily report and public district profiles; every figure "
                    "names its source."),
    "language": ("语言 / Language", "语言 / Language"),
    "filters": ("筛选", "Filters"),
    "filter_domain": ("领域", "Domain"),
    "filter_area": ("区域", "Area"),
    "filter_industry": ("产业", "Industry"),
    "filter_period": ("期间", "Period"),
    "filter_source": ("来源", "Source"),
    "filter_status": ("类型", "Type"),
    "filter_all": ("全部", "All"),
    "filter_reset": ("清除筛选", "Clear filters"),
    "filter_help": ("筛选条件保存在网址中，复制链接即可分享当前视图。",
                    "Filters live in the address: copy the link to share this view."),
    "dropped_param": ("网址中的筛选值“{value}”（{param}）无法识别，已忽略。",
                      "The filter value '{value}' ({param}) in the address is not known and was ignored."),
    "status_reported": ("报告值", "Reported"),
    "status_derived": ("派生值", "Derived"),
    "tab_chart": ("图表", "Chart"),
    "tab_table": ("表格", "Table"),
    "download_csv": ("下载CSV", "Download CSV"),
    "download_xlsx": ("下载Excel", "Download Excel"),
    "download_view_csv": ("下载当前视图 CSV", "Download this view (CSV)"),
    "download_view_xlsx": ("下载当前视图 Excel", "Download this view (Excel)"),
    "download_all_csv": ("下载全部数据 CSV", "Download all data (CSV)"),
    "download_all_xlsx": ("下载全部数据 Excel", "Download all data (Excel)"),
    "source_line": ("来源：{sources}", "Source: {sources}"),
    "empty_filtered": ("当前筛选条件下没有数据。可在左侧调整或清除筛选。",
                       "No figures match the current filters. Adjust or clear them in the sidebar."),
    "no_data_card": ("无数据", "No data"),
    "page_figures": ("本页全部数字", "All figures on this page"),
    "page_figures_caption": ("共 {count} 条（含派生值 {derived} 条）。",
                             "{count} figures ({derived} derived)."),
    "summaries": ("一句话摘要（可直接粘贴入报告）", "One-sentence summaries (ready to paste)"),
    "profile": ("区情概况", "District profile"),
    "yoy": ("同比", "YoY"),
    "yoy_real": ("同比实际增长", "YoY real"),
    "click_hint": ("点击图中条形可按该项筛选。", "Click a bar to filter by it."),
    "derived_legend": ("斜线条纹为派生值（由报告值计算）。", "Hatched bars are derived figures."),
    "zone_pick": ("选择功能区", "Choose a functional zone"),
    "zone_places": ("重点项目与资源", "Projects and resources"),
    "zone_children": ("下辖组团", "Clusters"),
    "zone_figures": ("与该功能区相关的数字", "Figures for this zone"),
    "zone_no_figures": ("现有来源没有该功能区的分区数字。", "The sources give no figures for this zone."),
    "zone_compare": ("各功能区比较", "Compare the zones"),
    "zone_compare_pick": ("比较指标", "Indicator to compare"),
    "zone_compare_empty": (
        "现有来源中分功能区的数字很少，目前只有“西岸滨江六大组团”一项，尚不足以在各功能区之间比较。"
        "请数据管理员导入分功能区的统计表后再进行比较。",
        "The sources give very few figures by zone (only the six West Bund clusters), not enough to "
        "compare zones. Ask the data editor to load statistics by zone.",
    ),
    "zone_compare_missing": ("无数据的功能区：{zones}", "Zones without data: {zones}"),
    "industry_structure": ("“4+3+X”产业体系", "The \"4+3+X\" industry system"),
    "blocks_title": ("6个科创街区", "Six science and innovation blocks"),
    "innovation_places": ("创新载体与机构", "Innovation platforms and institutions"),
    "explorer_caption": ("全部 {count} 条数字（报告值 {reported}，派生值 {derived}），"
                         "当前筛选后 {shown} 条。点击列名排序。",
                         "{count} figures ({reported} reported, {derived} derived); {shown} after "
                         "filters. Click a column name to sort."),
    "explorer_search": ("搜索指标名称", "Search indicator names"),
    "about_sources": ("数据来源", "Sources"),
    "about_indicators": ("指标与口径", "Indicators and definitions"),
    "about_methods": ("派生数字的计算方法", "How derived figures are computed"),
    "about_checks": ("一致性检查", "Consistency checks"),
    "about_refusals": ("未予推算的数字", "Figures deliberately not derived"),
    "about_principles": (
        "看板只收录来源明确写出的数字，并逐条注明来源和原文出处；“以上”“超”“余”“接近”等限定词作为数据保存"
        "（≥ 表示下限，≈ 表示约数）。派生值由报告值按公式计算，并写明公式和输入。",
        "The dashboard holds only figures a source states, each with its source and the quote it "
        "comes from. Qualifying words in the sources (\"or more\", \"over\", \"close to\") are kept "
        "as data (≥ a lower bound, ≈ approximate). Derived figures are computed from reported ones "
        "and state their formula and inputs.",
    ),
    "basis_nominal": ("名义（现价）", "Nominal (current prices)"),
    "basis_real": ("实际（可比价）", "Real (comparable prices)"),
    "basis_unstated": ("来源未说明", "Not stated by the source"),
    "check_passed": ("通过", "Passed"),
    "check_failed": ("未通过", "Failed"),
    "error_store": ("数据未通过校验，看板暂不能显示。请联系数据管理员。以下是问题清单：",
                    "The data failed validation, so the dashboard cannot show it. Please contact the "
                    "data editor. The problems:"),
    "export_sheet_data": ("数据", "Data"),
    "export_sheet_notes": ("说明", "Notes"),
    "export_sheet_sources": ("来源", "Sources"),
    "export_time": ("导出时间", "Exported at"),
    "export_filters": ("筛选条件", "Filters applied"),
    "export_none": ("无（全部数据）", "None (all data)"),
    "export_rows": ("行数", "Rows"),
    "export_note_qualifier": ("限定：≥ 下限，≈ 约数，≤ 上限", "Qualifier: ≥ lower bound, ≈ approximate, "
                              "≤ upper bound"),
}


def tr(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The interface text for `key` in `lang`, with {placeholders} filled."""
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**values)


def pick(lang: str, zh: object, en: object) -> object:
    """Choose between a Chinese and an English value."""
    return en if lang == "en" else zh
