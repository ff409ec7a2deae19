"""Interface texts of the brief, Chinese first; to move into xhdash.i18n.TEXT."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "brief_title": ("徐汇区{page}（{period}）", "Xuhui District: {page} ({period})"),
    "brief_title_no_period": ("徐汇区{page}", "Xuhui District: {page}"),
    "brief_date": ("生成日期：{date}", "Prepared {date}"),
    "brief_filters": ("筛选条件：{filters}", "Filters: {filters}"),
    "brief_sentences": ("要点", "Key points"),
    "brief_no_sentences": ("当前筛选条件下没有可摘要的数字。", "No figures to summarise under these "
                                                         "filters."),
    "brief_charts": ("图表", "Charts"),
    "brief_chart_caption": ("图{number}　{title}", "Figure {number}. {title}"),
    "brief_chart_empty": ("当前筛选条件下没有数据。", "No figures under these filters."),
    "brief_figures": ("本页全部数字", "All figures on this page"),
    "brief_figures_caption": ("共 {count} 条（含派生值 {derived} 条）。限定：≥ 下限，≈ 约数，≤ 上限。",
                              "{count} figures ({derived} derived). Qualifier: ≥ lower bound, "
                              "≈ approximate, ≤ upper bound."),
    "brief_no_figures": ("当前筛选条件下没有数据。", "No figures under these filters."),
    "brief_sources": ("附录一　来源", "Appendix 1. Sources"),
    "brief_units": ("附录二　指标口径", "Appendix 2. Indicator definitions"),
    "brief_footer": ("徐汇区统计数据看板", "Xuhui District Statistics Dashboard"),
    "brief_page": ("第 {page} 页，共 {pages} 页", "Page {page} of {pages}"),
    "progress_filter": ("筛选数据", "Filtering the figures"),
    "progress_sentences": ("生成要点", "Writing the key points"),
    "progress_chart": ("生成图表 {number}/{total}：{title}", "Chart {number}/{total}: {title}"),
    "progress_table": ("整理数字表与附录", "Building the table and appendices"),
    "progress_done": ("完成", "Done"),
    "brief_written": ("已生成简报", "Brief written"),
    "unknown_page": ("未知的页面：{page}。可用：{pages}", "Unknown page: {page}. Pages: {pages}"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("zh" or "en"), with {placeholders} filled."""
    zh, en = TEXT[key]
    return (en if lang == "en" else zh).format(**values)
