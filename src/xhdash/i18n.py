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
    "in_brackets": ("（{text}）", " ({text})"),
    "named_value": ("{name}：{value}", "{name}: {value}"),
    "issues_more": ("… 其余 {more} 处未列出", "… {more} more"),
    "issue_line": ("{file}{row}{column}：{value}{rule}", "{file}{row}{column}: {value}{rule}"),
    "issue_at_row": (" 第{row}行", ", row {row}"),
    "issue_column_named": ("「{column}」列", ", column '{column}'"),
    "issue_value_quoted": ("“{value}”", "'{value}' "),
    "chart_title": ("{title}（{unit}）", "{title} ({unit})"),
    "file_district": ("徐汇", "Xuhui"),
    "range_dash": ("—", "–"),
    "profile_line": ("{name}：{value}（{details}）", "{name}: {value} ({details})"),
    "detail_separator": ("，", ", "),
    "version_unknown": ("没有版本“{version}”", "no version '{version}'"),
    "version_damaged": ("版本 {version} 已损坏，不能回滚到它：{problems}",
                        "version {version} is damaged; cannot roll back to it: {problems}"),
    "clause_separator": ("；", "; "),
    "filter_domain": ("领域", "Domain"),
    "filter_area": ("区域", "Area"),
    "filter_industry": ("产业", "Industry"),
    "filter_period": ("期间", "Period"),
    "filter_source": ("来源", "Source"),
    "filter_frequency": ("频率", "Frequency"),
    "filter_frequency_help": ("年度、季度、月度或累计（1—N月）。未选择时，每张图显示数据中最新的一种"
                              "频率，并在图下注明。",
                              "Annual, quarterly, monthly or year to date. When none is chosen, "
                              "each chart shows the most recent frequency in its data and says so."),
    "filter_status": ("类型", "Type"),
    "filter_all": ("全部", "All"),
    "filter_reset": ("清除筛选", "Clear filters"),
    "filter_help": ("筛选条件保存在网址中，复制链接即可分享当前视图。",
                    "Filters live in the address: copy the link to share this view."),
    "dropped_param": ("网址中的筛选值“{value}”（{param}）无法识别，已忽略。",
                      "The filter value '{value}' ({param}) in the address is not known and was ignored."),
    "tab_table": ("显示表格", "Show table"),
    "download_csv": ("下载CSV", "Download CSV"),
    "download_xlsx": ("下载Excel", "Download Excel"),
    "brief_panel": ("汇报材料：生成本页简报", "Brief: this page for a report"),
    "brief_panel_help": ("按当前筛选生成：标题、日期、筛选条件、要点句子、带来源脚注的图表、"
                         "全部数字表及来源与口径附录。",
                         "Built for the current filters: title, date, filters, key sentences, "
                         "charts with their source footers, the figures table, and appendices "
                         "of sources and definitions."),
    "brief_build": ("生成简报", "Build the brief"),
    "brief_building": ("正在生成简报……", "Building the brief…"),
    "brief_ready": ("简报已生成", "The brief is ready"),
    "brief_download_docx": ("下载 Word", "Download Word"),
    "brief_download_pdf": ("下载 PDF", "Download PDF"),
    "brief_download_text": ("下载纯文本", "Download plain text"),
    "brief_text_label": ("纯文本（可复制粘贴到消息或办公系统）", "Plain text (to paste into a message or "
                         "an office system)"),
    "download_image": ("下载图片", "Download image"),
    "download_image_png_16_9": ("PNG 图片（16:9 幻灯片）", "PNG (16:9 slide)"),
    "download_image_png_4_3": ("PNG 图片（4:3 幻灯片）", "PNG (4:3 slide)"),
    "download_image_svg_16_9": ("SVG 矢量图", "SVG (vector)"),
    "download_image_help": ("图片含标题、单位和注明来源、期间与导出日期的脚注，可直接粘贴进幻灯片。"
                            "首张图需数秒准备。",
                            "The image has the title, unit and a footer naming the sources, "
                            "periods and export date, ready for slides. The first one takes a "
                            "few seconds."),
    "chart_description": ("图表：{title}。{bars}。", "Chart: {title}. {bars}."),
    "download_view_csv": ("下载当前视图 CSV", "Download this view (CSV)"),
    "download_view_xlsx": ("下载当前视图 Excel", "Download this view (Excel)"),
    "download_all_csv": ("下载全部数据 CSV", "Download all data (CSV)"),
    "download_all_xlsx": ("下载全部数据 Excel", "Download all data (Excel)"),
    "source_line": ("来源：{sources}", "Source: {sources}"),
    "empty_filtered": ("当前筛选条件下没有数据。可在“筛选”栏调整或清除筛选。",
                       "No figures match the current filters. Adjust or clear them in the sidebar."),
    "no_data_card": ("无数据", "No data"),
    "page_figures": ("本页全部数字", "All figures on this page"),
    "page_figures_caption": ("共 {count} 条（含派生值 {derived} 条）。",
                             "{count} figures ({derived} derived)."),
    "summaries": ("一句话摘要（可直接粘贴入报告）", "One-sentence summaries (ready to paste)"),
    "profile": ("区情概况", "District profile"),
    "yoy": ("同比", "YoY"),
    "yoy_real": ("同比实际增长", "YoY real"),
    "yoy_derived": ("（由两期数值计算）", " (from the two levels)"),
    "chart_frequency": ("频率：{frequency}。", "Frequency: {frequency}."),
    "chart_other_frequencies": ("另有{others}数据，可在“筛选”栏的“频率”中选择。",
                                " Also available: {others}; choose under Frequency in the "
                                "sidebar."),
    "click_hint": ("点击图中条形可按该项筛选。", "Click a bar to filter by it."),
    "derived_legend": ("斜线条纹为派生值（由报告值计算）。", "Hatched bars are derived figures."),
    "interpreted_legend": ("点状为看板解读：原文只有文字表述（如“全部完成整改”），数字是看板据此的读法。",
                           "Dotted bars are the dashboard's reading: the source says it in words "
                           "(such as 'all rectified'), and the number is how the dashboard reads "
                           "them."),
    "zone_pick": ("选择功能区", "Choose a functional zone"),
    "zone_places": ("重点项目与资源", "Projects and resources"),
    "zone_children": ("下辖组团", "Clusters"),
    "zone_figures": ("与该功能区相关的数字", "Figures for this zone"),
    "zone_no_figures": ("现有来源没有该功能区的分区数字。", "The sources give no figures for this zone."),
    "compare_title": ("分区域比较", "Areas compared"),
    "compare_level": ("比较对象", "Compare"),
    "compare_level_zone": ("五大功能区", "Functional zones"),
    "compare_level_street": ("街道（镇）", "Subdistricts and town"),
    "compare_chart_title": ("{level}：{indicator}", "{level}: {indicator}"),
    "compare_periods": ("期间（可选多个，按期间分组显示，不加总）",
                        "Periods (several are shown side by side, never added up)"),
    "compare_periods_help": ("默认为最新一期。选择多个期间时，每个期间一组柱子。",
                             "The latest period by default. With several, each period is its "
                             "own set of bars."),
    "compare_pick_period": ("请至少选择一个期间。", "Choose at least one period."),
    "compare_ranking": ("排名与占全区比重", "Ranking and share of the district"),
    "compare_missing": ("无数据的{level}：{areas}", "{level} without a figure: {areas}"),
    "rank": ("名次", "Rank"),
    "share_of_district": ("占全区比重（%）", "Share of district (%)"),
    "share_worked": ("比重算式（派生）", "Share worked (derived)"),
    "share_none": ("无同期全区数字，不计算比重", "no district figure for the period: no share"),
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
    "explorer_caption": ("全部 {count} 条数字（{kinds}），当前筛选后 {shown} 条。点击列名排序。",
                         "{count} figures ({kinds}); {shown} after filters. Click a column name "
                         "to sort."),
    "table_capped": ("表格显示前 {shown} 条（共 {total} 条）；下载文件包含全部数据。可用筛选缩小范围。",
                     "The table shows the first {shown} of {total} rows; the downloads hold them "
                     "all. Narrow with the filters."),
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
    "data_title": ("数据管理", "Data management"),
    "data_denied": ("此页面仅供数据编辑使用。请以编辑身份登录。", "This page is for data editors only. "
                    "Please sign in as an editor."),
    "login_name": ("编辑账号", "Editor name"),
    "login_password": ("密码", "Password"),
    "login_submit": ("登录", "Sign in"),
    "login_failed": ("账号或密码不正确。", "Wrong name or password."),
    "login_none": ("尚未设置编辑账号：请管理员运行 xhdash add-editor。",
                   "No editor accounts yet: an administrator runs xhdash add-editor."),
    "login_wait": ("登录失败次数较多：请 {seconds} 秒后再试。",
                   "Several failed sign-ins: try again in {seconds} s."),
    "login_locked": ("该账号登录失败次数过多，已被锁定：请 {minutes} 分钟后再试。管理员可用 "
                     "xhdash add-editor 为该账号重设密码，立即解除锁定。",
                     "Too many failed sign-ins: this account is locked. Try again in {minutes} "
                     "min. An administrator can lift the lock at once by setting a new password "
                     "for the account with xhdash add-editor."),
    "logged_in_as": ("已登录编辑：{name}", "Signed in as editor: {name}"),
    "logged_in_viewer": ("已登录（仅浏览）：{name}", "Signed in (reading only): {name}"),
    "unnamed_person": ("未提供姓名", "no name given"),
    "login_provider": ("通过单位统一身份认证登录", "Sign in with the organisation's account"),
    "login_provider_viewer": ("您已登录（{name}），但没有编辑权限，只能浏览看板。如需导入、发布或审核数据，"
                              "请联系管理员在单位统一身份认证中为您授予编辑或审核角色。",
                              "You are signed in ({name}) without an editor's role, so you can "
                              "read the dashboard only. To import, publish or approve figures, "
                              "ask an administrator to give you the editor's or approver's role "
                              "in the organisation's sign-in."),
    "login_provider_stale": ("您的登录已超过 {hours} 小时：请重新登录后再导入、发布或审核数据。",
                             "You signed in more than {hours} hours ago: sign in again to import, "
                             "publish or approve figures."),
    "login_provider_unnamed": ("您已登录，但单位统一身份认证未提供您的姓名或电子邮箱；数据的每次改动都要"
                               "署名，因此您只能浏览。请联系管理员。",
                               "You are signed in, but the organisation's sign-in gave neither "
                               "your name nor your e-mail address. Every change to the figures "
                               "must name who made it, so you can read only: please contact an "
                               "administrator."),
    "logout": ("退出登录", "Sign out"),
    "editor_link": ("编辑登录", "Editor sign-in"),
    "upload_title": ("导入统计表", "Import a statistics table"),
    "upload_label": ("上传 CSV 或 Excel（.xlsx）文件", "Upload a CSV or Excel (.xlsx) file"),
    "upload_help": ("支持 UTF-8、GBK 编码的 CSV 和 .xlsx；长表、宽表（年鉴式）、统计公报式表格均可。",
                    "CSV in UTF-8 or GBK and .xlsx; long tables, wide yearbook tables and bulletin "
                    "tables all work."),
    "opt_sheet": ("工作表", "Sheet"),
    "opt_period": ("期间（表中没有期间列时填写，如 2024 或 2024-06）",
                   "Period (when the table has no period column, e.g. 2024 or 2024-06)"),
    "opt_source": ("来源（表中没有“来源”列或“资料来源”注时必填）",
                   "Source (required when the table has no source column or source note)"),
    "opt_source_help": ("写明数字出自何处，如：徐汇区统计局《2024年1-9月主要经济指标》。"
                        "导入人、文件名和时间另行记录，不作为来源。",
                        "Where the figures come from, e.g. the district statistics bureau's "
                        "bulletin. Who imported the file, its name and the time are recorded "
                        "apart and are not the source."),
    "opt_allow_new": ("创建表中未知的指标、区域和产业", "Create indicators, areas and industries "
                      "the store does not know"),
    "opt_domain": ("新指标所属领域", "Domain for new indicators"),
    "opt_convert": ("确认换算单位（如 万元 → 亿元）", "Confirm unit conversion (e.g. CNY 10k → CNY 100m)"),
    "opt_replace": ("确认替换与已发布来源不同的数字", "Confirm replacing figures a cited source states"),
    "map_title": ("列名识别", "Column names"),
    "map_help": ("以下列名未能自动识别，请指定其含义。", "These column names were not recognised; say "
                 "what each one holds."),
    "role_ignore": ("忽略此列", "Ignore this column"), "role_indicator": ("指标", "Indicator"),
    "role_period": ("期间", "Period"), "role_area": ("区域", "Area"),
    "role_industry": ("产业", "Industry"), "role_value": ("数值", "Value"),
    "role_growth": ("增长率（%）", "Growth (%)"), "role_unit": ("单位", "Unit"),
    "role_source": ("来源", "Source"), "role_note": ("备注", "Note"),
    "preview_button": ("检查并预览", "Check and preview"),
    "preview_running": ("正在检查……", "Checking…"),
    "preview_done": ("检查完成", "Check complete"),
    "refused": ("文件被拒绝：{reason}", "File refused: {reason}"),
    "report_errors": ("发现 {count} 处问题，修正前不会写入任何数据：",
                      "{count} problem(s) found; nothing is written until they are fixed:"),
    "report_ok": ("检查通过，可以发布。", "The file passed all checks and can be published."),
    "report_nothing": ("与现有数据相比没有新增或修改，无需发布。",
                       "Nothing is new or changed compared with the store; nothing to publish."),
    "count_new": ("新增", "New"), "count_changed": ("修改", "Changed"),
    "count_unchanged": ("不变", "Unchanged"), "count_conflicting": ("冲突", "Conflicting"),
    "count_skipped": ("跳过空值", "Blank, skipped"),
    "layout_line": ("识别为{shape}；编码 {encoding}；单位说明：{unit}；标题期间：{period}",
                    "Read as a {shape} table; encoding {encoding}; unit note: {unit}; title "
                    "period: {period}"),
    "shape_long": ("长表", "long"), "shape_wide": ("宽表", "wide"),
    "new_items": ("将新建：{items}", "Will be created: {items}"),
    "diff_title": ("与现有数据的差异（前 500 行）", "Difference from the store (first 500 rows)"),
    "derived_changes_title": ("发布后派生数字的变化", "Derived figures after publishing"),
    "derived_refused_title": ("发布后将有 {count} 个派生数字无法计算（原因见下表）；其余数字照常显示。",
                              "After publishing, {count} derived figure(s) cannot be computed "
                              "(reasons below); every other figure shows as usual."),
    "checks_failing_title": ("发布后以下一致性检查将不通过：", "After publishing, these consistency "
                             "checks would fail:"),
    "issue_indicator": ("指标", "Indicator"), "issue_period": ("期间", "Period"),
    "derived_state_added": ("新增", "Added"), "derived_state_changed": ("修改", "Changed"),
    "derived_state_removed": ("移除", "Removed"),
    "publish_button": ("发布为新版本", "Publish as a new version"),
    "published": ("已发布版本 {version}。所有页面现在显示新数据。",
                  "Published version {version}. Every page now shows the new data."),
    "store_changed": ("在您预览之后，其他编辑发布了新数据。请重新检查并预览。",
                      "Another editor published after your preview. Check and preview again."),
    "versions_title": ("数据版本", "Data versions"),
    "versions_none": ("此数据存储是一组未分版本的表格，没有发布记录。",
                      "This store is a folder of tables without versions; it has no publish "
                      "record."),
    "rollback_pick": ("回滚到版本", "Roll back to version"),
    "rollback_confirm": ("我确认要回滚", "I confirm the rollback"),
    "rollback_button": ("回滚", "Roll back"),
    "rolled_back": ("已回滚到 {version}。", "Rolled back to {version}."),
    "current_mark": ("当前", "current"),
    "issue_row": ("行", "Row"), "issue_column": ("列", "Column"), "issue_value": ("值", "Value"),
    "issue_problem": ("问题", "Problem"),
    "check_passed": ("通过", "Passed"),
    "check_failed": ("未通过", "Failed"),
    "store_unavailable": ("数据暂时无法显示，请稍后再试或联系数据管理员。",
                          "The data cannot be shown at the moment. Try again later or contact the "
                          "data editor."),
    "store_unavailable_generic": ("数据存储暂时无法读取。", "The data store cannot be read."),
    "store_unavailable_editor": ("前往数据管理：查看版本并回滚", "Go to data management: versions "
                                 "and rollback"),
    "store_problem_editor": ("当前数据无法载入，看板各页面只显示提示。可在下方回滚到可用的版本。问题：",
                             "The current data cannot be loaded, so every page shows a notice. "
                             "Roll back to a working version below. The problem:"),
    "page_failed": ("本页暂时无法显示。问题已记录，请稍后再试或联系数据管理员。",
                    "This page cannot be shown at the moment. The problem was logged; try again "
                    "later or contact the data editor."),
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
    # the brief
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
    "brief_heading_1": ("{number}、{title}", "{number}. {title}"),  # the Word brief's headings
    "brief_heading_2": ("（{number}）{title}", "{number} {title}"),  # （二） or 3.2
    "brief_page_number": ("— {page} —", "— {page} —"),  # the Word brief's foot, as 公文 number pages
    "progress_filter": ("筛选数据", "Filtering the figures"),
    "progress_sentences": ("生成要点", "Writing the key points"),
    "progress_chart": ("生成图表 {number}/{total}：{title}", "Chart {number}/{total}: {title}"),
    "progress_table": ("整理数字表与附录", "Building the table and appendices"),
    "progress_done": ("完成", "Done"),
    "brief_written": ("已生成简报", "Brief written"),
    "unknown_page": ("未知的页面：{page}。可用：{pages}", "Unknown page: {page}. Pages: {pages}"),
    # chart images
    "image_periods": ("期间：{periods}。", "Periods: {periods}."),
    "image_exported": ("导出日期：{date}", "Exported {date}"),
    "image_server_failed": ("无法启动图表渲染（Chromium）：{reason}",
                            "The chart renderer (Chromium) could not start: {reason}"),
    "image_render_failed": ("图表渲染失败：{reason}", "The chart could not be rendered: {reason}"),
    "bench_cold": ("首张图（含启动 Chromium）", "first image (Chromium starting)"),
    "bench_warm": ("后续每张图（中位数）", "each further image (median)"),
    # ---- wording (issue 17) ----
    # a period's label (xhdash.periods)
    "period_year": ("{year}年", "{year}"),
    "period_quarter": ("{year}年第{quarter}季度", "{year} Q{quarter}"),
    "period_month": ("{year}年{month}月", "{month} {year}"),
    # a month as a period label writes it (9 in 2024年9月, Sep in Sep 2024)
    **{f"month_{number}": (str(number), name) for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        start=1)},
    "period_months": ("{year}年{first}-{last}月", "{first}–{last} {year}"),
    "period_span": ("{first}—{last}", "{first}–{last}"),
    # the parts of a figure's sentence (xhdash.meaning.sentences, xhdash.meaning.saying)
    "sentence_in": ("{period}", "In {period}"),
    "sentence_lead": ("{when}，", "{when}, "),
    "sentence_end": ("。", "."),
    "sentence_derived": ("（本看板计算）", " (computed by the dashboard)"),
    "sentence_derived_basis": ("（{basis}，本看板计算）", " ({basis}; computed by the dashboard)"),
    "sentence_reading": ("（看板解读）", " (the dashboard's reading)"),
    "reading_mark": ("看板解读", "the dashboard's reading"),
    "growth_year": ("，比上年{verb}{rate}", ", {verb} {rate} on the previous year"),
    "growth_part_year": ("，比上年同期{verb}{rate}",
                         ", {verb} {rate} on the same period of the previous year"),
    "growth_up": ("增长", "up"), "growth_down": ("下降", "down"),
    "of_which": ("，其中", ", of which "),
    "rank_short": ("第{rank}位", "No. {rank}"),
    # (strings added for wording (issue 17) go above the next marker)
    # ---- how are we doing (issue 18) ----
    # (strings added for how are we doing (issue 18) go above the next marker)
    "progress_completion": ("完成年度目标的{share}%", "{share}% of the annual target"),
    "progress_ahead": ("，超序时进度{points}个百分点", ", {points} percentage points ahead of time progress"),
    "progress_behind": ("，低于序时进度{points}个百分点",
                        ", {points} percentage points behind time progress"),
    "progress_on_time": ("，与序时进度持平", ", level with time progress"),
    "progress_gap_above": ("高于目标{points}个百分点", "{points} percentage points above the target"),
    "progress_gap_below": ("低于目标{points}个百分点", "{points} percentage points below the target"),
    "progress_gap_equal": ("与目标持平", "level with the target"),
    "progress_sentence": ("{period}，{figure}，{clause}。", "{period}: {figure}, {clause}."),
    "progress_heading": ("目标完成情况", "Against the year's targets"),
    "progress_caption": ("完成度 = 实际数 ÷ 年度目标；序时进度 = 已过月数 ÷ 12；目标均为来源所述。",
                         "Completion = actual ÷ annual target; time progress = months elapsed ÷ 12; "
                         "every target is as its source states it."),
    "leader_heading": ("主要指标", "Main indicators"),
    "leader_caption": ("本期为各指标最新一期数字；完成度 = 实际数 ÷ 年度目标，序时进度 = 已过月数 ÷ 12，"
                       "括号内为完成度与序时进度之差；目标均为来源所述，位次由各区数字计算；空格为无此数字。",
                       "Latest figure of each indicator; completion = actual ÷ annual target, time "
                       "progress = months elapsed ÷ 12, in brackets completion against time progress; "
                       "every target is as its source states it, ranks are computed from the "
                       "districts' figures; a blank cell has no figure."),
    "leader_caption_plain": ("本期为各指标最新一期数字；空格为无此数字。完成度、序时进度和全市位次"
                             "只在有本期的年度目标或各区同期数字时列出，此表中没有。",
                             "Latest figure of each indicator; a blank cell has no figure. "
                             "Completion, time progress and city rank are listed only where the "
                             "year's target or the districts' figures of the same period exist; "
                             "none do for this table."),
    "leader_indicator": ("指标", "Indicator"), "leader_period": ("期间", "Period"),
    "leader_current": ("本期", "Latest"), "leader_yoy": ("同比", "YoY"),
    "leader_target": ("年度目标", "Annual target"), "leader_completion": ("完成度", "Completion"),
    "leader_time_progress": ("序时进度", "Time progress"),
    "leader_city_rank": ("全市位次", "City rank"),
    "leader_target_group": ("目标完成情况", "Against the target"),
    "leader_ahead": ("（超{points}个百分点）", " (ahead by {points} points)"),
    "leader_behind": ("（低{points}个百分点）", " (behind by {points} points)"),
    "leader_on_time": ("（持平）", " (level)"),
    "leader_no_prior": ("无上年同期数", "no figure for the same period last year"),
    "leader_sheet": ("主要指标", "Main indicators"),
    "leader_title": ("徐汇区主要指标", "Xuhui District: main indicators"),
    "card_no_prior": ("同比：无上年同期数", "YoY: no figure for the same period last year"),
    "card_full_year": ("{period}全年：{value}{change}", "Whole year {period}: {value}{change}"),
    "sentence_no_prior": ("（无上年同期数）", " (no figure for the same period last year)"),
    "change_no_district": ("全区无这两期的数字，未计算各区域对全区增长的贡献率。",
                           "The district has no figure for both periods, so no area's "
                           "contribution to its change is computed."),
    "change_no_contribution": ("全区增量为零或期间不一致，未计算贡献率。",
                               "The district's change is zero or its periods differ, so no "
                               "contribution is computed."),
    "change_title": ("两期变化：增量、增速与贡献率", "Change between the two periods"),
    "change_caption": ("增量 = 后期值 − 前期值；增速 = (后期值 ÷ 前期值 − 1) × 100%；贡献率 = 区域增量 ÷ "
                       "全区增量 × 100%；均为本看板计算，按后期值从大到小排列。",
                       "Change = later − earlier; growth = (later ÷ earlier − 1) × 100%; "
                       "contribution = the area's change ÷ the district's change × 100%; all "
                       "computed by the dashboard, largest later value first."),
    "change_area": ("区域", "Area"), "change_change": ("增量", "Change"),
    "change_growth": ("增速（%）", "Growth (%)"), "change_contribution": ("贡献率（%）", "Contribution (%)"),
    "change_formula": ("算式", "Formula"),
    "city_rank_sentence": ("{period}，{name}在有数字的{count}个区中位列第{rank}{growth}"
                           "（本看板按各区数字计算）。",
                           "{period}: {name} ranks No. {rank} among the {count} districts with a "
                           "figure{growth} (computed by the dashboard from the districts' figures)."),
    "city_rank_sentence_all": ("{period}，{name}位列全市第{rank}{growth}（本看板按16个区的数字计算）。",
                               "{period}: {name} ranks No. {rank} in the city{growth} (computed by "
                               "the dashboard from the 16 districts' figures)."),
    "city_rank_heading": ("在全市各区中", "Among Shanghai's districts"),
    "compare_order": ("排序", "Order"),
    "compare_order_value": ("按数值", "By value"),
    "compare_order_map": ("按区域顺序", "As on the map"),
    "chart_full_years_title": ("{title}：历年全年", "{title}: whole years"),
    "chart_full_years_note": ("全年数与上图的年初累计数分开画出，不宜直接比较。",
                              "Whole years are drawn apart from the year to date above: the two "
                              "are not comparable."),
    "city_chart_title": ("{period}各区{name}（{unit}）：徐汇区第{rank}", "{name} by district, {period} "
                         "({unit}): Xuhui No. {rank}"),
    # ---- what the latest publish changed (issue 18) ----
    "change_heading": ("本次更新", "What the latest publish changed"),
    "change_summary": ("{when}发布（文件《{file}》）：修订{revised}个数字，新增{added}个，删除{removed}个。",
                       "Published {when} (file “{file}”). Figures revised: {revised}; added: "
                       "{added}; removed: {removed}."),
    "change_recorded": ("{when}发布（文件《{file}》）：{summary}。逐条变化见数据页的版本历史。",
                        "Published {when} (file “{file}”): {summary}. Each change is in the "
                        "version history on the data page."),
    "change_none": ("{when}发布（文件《{file}》）：没有数字变化。",
                    "Published {when} (file “{file}”): no figure changed."),
    "change_revised": ("{period}，{figure}：{before} → {after}（修订）",
                       "{figure}, {period}: {before} → {after} (revised)"),
    "change_added": ("{period}，{figure}：{value}（新增）", "{figure}, {period}: {value} (added)"),
    "change_removed": ("{period}，{figure}：{value}（删除）", "{figure}, {period}: {value} (removed)"),
    "change_area_name": ("{area}{name}", "{name} of {area}"),
    "change_more": ("另有{count}项，见数据页的版本历史。",
                    "{count} more: see the version history on the data page."),
    # ---- 需关注 (issue 18) ----
    "attention_heading": ("需关注", "Needs attention"),
    "attention_caption": ("低于年度目标或序时进度、增速转负、全市位次下降的指标；依据见各句。",
                          "Indicators below their target or time progress, with growth turning "
                          "negative, or falling among the districts; each sentence says why."),
    "attention_growth_negative": ("{sentence}。", "{sentence}."),
    "attention_growth_negative_short": ("下降", "fell"),
    "attention_growth_turned": ("{sentence}（增速由正转负）。", "{sentence} (growth turned negative)."),
    "attention_growth_still": ("{sentence}（增速仍为负）。", "{sentence} (growth still negative)."),
    "attention_more": ("；另有{count}项", "; {count} more"),
    "attention_short": ("{name}：{words}", "{name}: {words}"),
    "attention_growth_turned_short": ("增速由正转负", "growth turned negative"),
    "attention_growth_still_short": ("增速仍为负", "growth still negative"),
    "attention_rank_fell_short": ("全市位次由第{before}降至第{now}", "fell from No. {before} to No. {now}"),
    "attention_rank_fell": ("{sentence}（{period}为第{rank}）。",
                            "{sentence} (No. {rank} in {period})."),
    "city_rank_growth": ("，增速位列第{rank}", ", No. {rank} by growth"),
    # ---- Delta Lake store (issue 19) ----
    "version_action": ("操作", "Action"),
    "version_action_initialise": ("首个版本", "First version"),
    "version_shipped_editor": ("看板", "The dashboard"),
    "version_shipped_file": ("随看板发布的数据", "Data shipped with the dashboard"),
    "version_action_publish": ("发布", "Publish"),
    "version_action_restore": ("回滚到 {version}", "Rolled back to {version}"),
    "version_action_migrate": ("迁移", "Migrated"),
    "version_approved_by": ("审核", "Approved by"),
    "version_summary": ("摘要", "Summary"),
    "rolled_back_as": ("已回滚到版本 {version}（新版本 {new}，历史保留）。",
                       "Rolled back to version {version} (new version {new}; history kept)."),
    "as_of_title": ("查看历史版本", "View as published earlier"),
    "as_of_help": ("输入版本号（如 12）或日期（如 2026-11-10，按上海时间当日结束时的版本），"
                   "生成可分享的链接。",
                   "Enter a version (e.g. 12) or a date (e.g. 2026-11-10: the version in force at "
                   "the end of that day, Shanghai time) to get a link you can share."),
    "as_of_input": ("版本或日期", "Version or date"),
    "as_of_go": ("按此版本查看", "View this version"),
    "as_of_link": ("此版本的链接：", "Link to this version:"),
    "as_of_banner": ("您正在查看版本 {version}（{time} 发布）的数据，不是最新数据。",
                     "You are viewing version {version} (published {time}), not the latest data."),
    "as_of_latest": ("回到最新数据", "Back to the latest data"),
    "as_of_banner_latest": ("您正在查看版本 {version}（{time} 发布）的数据，这是目前最新的版本。",
                            "You are viewing version {version} (published {time}), which is "
                            "the latest version."),
    "as_of_unknown_input": ("“{value}”不是本看板的版本或日期。",
                            "'{value}' is not a version or date of this dashboard."),
    "as_of_unknown": ("地址中的 as_of=“{value}”不是本看板的版本或日期，显示的是最新数据。",
                      "as_of='{value}' in the address is not a version or date of this "
                      "dashboard; the latest data is shown."),
    "store_version_note": ("数据版本 {version}", "Data version {version}"),
    "as_of_version_label": ("{version}（{time} 发布）", "{version} (published {time})"),
    "export_version": ("数据版本", "Data version"),
    "brief_date_version": ("{date}（{version}）", "{date} ({version})"),
    # (strings added for Delta Lake store (issue 19) go above the next marker)
    # ---- scale (issue 20) ----
    "brief_figures_cut": ("此处列出前 {shown} 条，另有 {more} 条未列出；完整表格见随附的 Excel。",
                          " The first {shown} are listed here; {more} more are not. The full table "
                          "is in the attached Excel."),
    "brief_format": ("格式", "Format"),
    "brief_format_docx": ("Word", "Word"),
    "brief_format_pdf": ("PDF", "PDF"),
    "brief_format_md": ("纯文本", "Plain text"),
    "brief_waiting": ("另一份简报正在生成，排队等候……", "Another brief is being built; waiting in line…"),
    "brief_download_figures": ("下载完整数字表（Excel）", "Download the full figures table (Excel)"),
    # (strings added for scale (issue 20) go above the next marker)
    # ---- access (issue 21) ----
    "login_unavailable": ("暂时无法登录：登录次数检查服务（Redis）无法连接，请联系管理员。"
                          "浏览数据不受影响。",
                          "Sign-in is unavailable for now: the sign-in counter (Redis) cannot be "
                          "reached; please tell the administrator. Reading the data is "
                          "unaffected."),
    "audit_title": ("操作记录", "Audit trail"),
    "audit_caption": ("登录、发布、审核与回退，按时间倒序；所有副本共用一份记录。",
                      "Sign-ins, publishes, approvals and rollbacks, newest first; one trail for "
                      "every replica."),
    "audit_none": ("尚无操作记录。", "Nothing recorded yet."),
    "audit_download": ("下载操作记录（CSV）", "Download the audit trail (CSV)"),
    "audit_sign_in": ("登录成功", "Signed in"),
    "audit_sign_in_failed": ("登录失败", "Sign-in failed"),
    "audit_sign_in_locked": ("账号被锁定", "Name locked"),
    "audit_sign_in_throttled": ("登录被限制（需等待）", "Sign-in refused (wait)"),
    "audit_sign_in_unavailable": ("登录不可用（计数服务无法连接）",
                                  "Sign-in unavailable (counter unreachable)"),
    "audit_sign_out": ("退出登录", "Signed out"),
    "audit_publish": ("发布", "Published"),
    "audit_submit": ("提交审核", "Submitted for approval"),
    "audit_approve": ("审核通过", "Approved"),
    "audit_reject": ("审核退回", "Rejected"),
    "audit_rollback": ("回退", "Rolled back"),
    "audit_col_at": ("时间（北京时间）", "Time (Beijing)"),
    "audit_col_action": ("操作", "Action"),
    "audit_col_who": ("人员", "Who"),
    "audit_col_what": ("内容", "What"),
    "audit_col_replica": ("副本", "Replica"),
    "submit_button": ("提交审核", "Submit for approval"),
    "submitted": ("已提交审核：另一位审核人通过后才会发布，读者目前看不到这些数字。",
                  "Submitted for approval: it is published once another approver approves it; "
                  "readers do not see these figures yet."),
    "approvals_title": ("发布审核", "Approvals"),
    "approvals_none": ("没有等待您审核的发布。", "Nothing is waiting for your approval."),
    "approval_pick": ("待审核的发布", "Waiting for approval"),
    "approval_note": ("审核意见", "Note"),
    "approve_button": ("审核通过并发布", "Approve and publish"),
    "reject_button": ("退回（需填写意见）", "Reject (with a note)"),
    "approved_as": ("已审核通过，发布为版本 {version}。", "Approved and published as version {version}."),
    "rejected_note": ("已退回，读者不会看到这些数字。", "Rejected: readers will never see these figures."),
    "approval_state": ("状态", "State"),
    "approval_pending": ("待审核", "Pending"),
    "approval_approved": ("已通过", "Approved"),
    "approval_rejected": ("已退回", "Rejected"),
    # (strings added for access (issue 21) go above the next marker)
    # ---- looks right (issue 22) ----
    "asof_district": ("徐汇区", "Xuhui District"),
    "asof_period": ("数据截至{period}", "Data up to {period}"),
    "asof_updated": ("更新于{when}", "Updated {when}"),
    "asof_help": ("数据截至：当前筛选下最新一期数字的期间；更新于：数据最近一次发布的时间（北京时间）。",
                  "Data up to: the period of the latest figure the filters keep; updated: when "
                  "the data were last published (Beijing time)."),
    "tier_count": ("（{count}个）", " ({count})"),
    # (strings added for looks right (issue 22) go above the next marker)
    # ---- front door (issue 23) ----
    # (strings added for front door (issue 23) go above the next marker)
    "settings_default": ("默认", "default"),
    # ---- store locations (issue 23): what each store error says; the viewer's text names no
    # path, URI or exception text; the _detail one (CLI, editors' data page) may use {where},
    # {detail} and {value} ----
    "store_unopenable": (
        "无法打开数据存储位置。",
        "The data store cannot be opened."),
    "store_unopenable_detail": (
        "{where}：无法打开此存储位置：{detail}",
        "{where}: cannot open this store location: {detail}"),
    "store_unreachable": (
        "数据存储无法访问。",
        "The data store cannot be reached."),
    "store_unreachable_detail": (
        "{where}：无法访问：{detail}",
        "{where}: cannot be reached: {detail}"),
    "store_read_only": (
        "此处的数据存储只能读取；发布、导入和回滚需要本地或 S3 存储。",
        "The data store is read-only here; publishing, importing and rolling back need a "
        "local or S3 store."),
    "store_read_only_detail": (
        "{where}：只能读取；发布、导入和回滚需要本地路径或 s3:// 存储",
        "{where}: read-only here: publishing, importing and rolling back need a local pat"
        "h or an s3:// store"),
    "store_old_layout": (
        "数据存储仍是旧的文件夹格式，需由管理员迁移后才能使用。",
        "The data store is still in the old folder layout; an administrator must migrate "
        "it first."),
    "store_old_layout_detail": (
        "{where}：旧格式存储（CURRENT + versions/）；请运行 xhdash migrate-store --store "
        "{where} 转为 Delta 表",
        "{where}: an old-layout store (CURRENT + versions/); run `xhdash migrate-store --"
        "store {where}` to turn it into Delta tables"),
    "store_unreadable_log": (
        "数据存储的版本记录无法读取。",
        "The store's version log cannot be read."),
    "store_unreadable_log_detail": (
        "{where}：Delta 日志无法读取：{detail}",
        "{where}: the Delta log cannot be read: {detail}"),
    "store_not_a_folder": (
        "数据存储位置不是文件夹，无法读取数据。",
        "The data store is not a folder; no data can be read."),
    "store_not_a_folder_detail": (
        "{where}：不是文件夹，不能作为数据存储",
        "{where}: is not a folder; it cannot be a store"),
    "store_unreadable_store": (
        "数据存储无法读取。",
        "The data store cannot be read."),
    "store_unreadable_store_detail": (
        "{where}：无法读取存储文件夹：{detail}",
        "{where}: the store folder cannot be read: {detail}"),
    "store_not_writable": (
        "数据存储无法写入。",
        "The data store cannot be written."),
    "store_not_writable_detail": (
        "{where}：无法写入存储文件夹：{detail}",
        "{where}: the store folder cannot be written: {detail}"),
    "store_bad_publish": (
        "数据存储的当前版本记录已损坏。",
        "The store's record of its current version is damaged."),
    "store_bad_publish_detail": (
        "{where}：发布记录 {value} 不可用：{detail}",
        "{where}: publish record {value} cannot be used: {detail}"),
    "store_not_old_layout": (
        "数据存储不是旧格式。",
        "The data store is not in the old layout."),
    "store_not_old_layout_detail": (
        "{where}：不是旧格式存储（没有 CURRENT 或 versions/），无需转换",
        "{where}: not a store in the old layout (no CURRENT or versions/); nothing to mig"
        "rate"),
    # ---- cli (issue 23) ----
    # Every command's words: a line of output says both (中文 / English, `cli.both`), a label
    # both with a space (`cli.pair`: 版本 version); the help of each command and flag in Chinese.
    "cli_description": ("徐汇区统计数据看板", "Xuhui dashboard"),
    "cli_rollback_hint": ("可用 xhdash versions 查看版本，用 xhdash rollback VERSION 回滚到完好的版本。",
                          "List the versions with `xhdash versions` and roll back to a sound one "
                          "with `xhdash rollback VERSION`."),
    "cli_issues_found": ("数据未通过校验，共 {count} 处问题", "{count} problem(s) found:"),
    "cli_rows": ("行", "rows"),
    "cli_written_to": ("已写入", "written to"),
    "cli_unpublished": ("未发布的表", "unpublished tables"),
    "cli_store_version": ("数据版本", "store version"),
    "cli_by_domain": ("按领域", "by domain"),
    "cli_by_source": ("按来源", "by source"),
    "cli_by_status": ("报告与派生", "reported vs derived"),
    "cli_checks": ("一致性检查", "consistency checks"),
    "cli_passed": ("通过", "passed"),
    "cli_failed": ("未通过", "failed"),
    "cli_refused_derivations": ("未推算", "refused derivations"),
    "cli_domains_without_figures": ("无数据的领域", "domains without figures"),
    "cli_file": ("文件", "file"),
    "cli_layout": ("版式", "layout"),
    "cli_wide": ("宽表", "wide"),
    "cli_long": ("长表", "long"),
    "cli_unit_note": ("单位说明", "unit note"),
    "cli_title_period": ("标题期间", "title period"),
    "cli_new": ("新增", "new"),
    "cli_changed": ("修改", "changed"),
    "cli_unchanged": ("不变", "unchanged"),
    "cli_conflicting": ("冲突", "conflicting"),
    "cli_skipped": ("跳过空值", "skipped"),
    "cli_converted": ("换算单位", "converted"),
    "cli_new_indicators": ("新指标", "new indicators"),
    "cli_new_areas": ("新区域", "new areas"),
    "cli_new_industries": ("新产业", "new industries"),
    "cli_file_not_found": ("找不到文件", "file not found"),
    "cli_store_changing": ("数据持续被其他编辑更新，请稍后再试。",
                           "The store keeps changing; try again later."),
    "cli_refused": ("已拒绝", "refused"),
    "cli_dry_run": ("试运行，未写入", "dry run: nothing written"),
    "cli_submitted": ("已提交审核，审核人通过后发布",
                      "submitted for approval: published once an approver approves it on the "
                      "data page"),
    "cli_nothing_new": ("没有新增或修改的数字，未发布", "nothing new or changed: not published"),
    "cli_published_version": ("已发布版本", "published version"),
    "cli_derived_figures": ("派生数字", "derived figures"),
    "cli_added": ("新增", "added"),
    "cli_removed": ("移除", "removed"),
    "cli_not_derived": ("未推算", "refused"),
    "cli_check_failed": ("一致性检查未通过", "check failed"),
    "cli_not_imported": ("未导入：共 {count} 处问题", "not imported: {count} problem(s)"),
    "cli_version": ("版本", "version"),
    "cli_time": ("时间", "time"),
    "cli_action": ("操作", "action"),
    "cli_editor": ("编辑", "editor"),
    "cli_approved_by": ("审核", "approved by"),
    "cli_current_unreadable": ("当前版本 {version} 无法读取",
                               "the current version {version} cannot be read:"),
    "cli_rolled_back_to": ("已回滚到", "rolled back to"),
    "cli_new_version": ("新版本", "new version"),
    "cli_keep_at_least_one": ("--keep 至少为 1", "--keep must be at least 1"),
    "cli_vacuumed": ("已删除 {files} 个旧文件，保留最近 {keep} 个版本",
                     "removed {files} old files, kept the last {keep} versions"),
    "cli_migrated": ("已迁移 {count} 个版本；当前版本 {version}",
                     "migrated {count} versions; current version {version}"),
    "cli_password": ("密码", "password"),
    "cli_editor_added": ("已添加编辑", "editor added"),
    "cli_tools_missing": ("{command} 需要工具包：pip install -e '.[too"
                          "ls]'（playwright、websockets）；缺少 {name}",
                          "{command} needs the tools extra: pip install -e '.[tools]' (playwright, "
                          "websockets); missing: {name}"),
    "cli_unknown_filter_values": ("未知的筛选值", "unknown filter values"),
    "cli_only_one": ("只能选一个", "only one"),
    "cli_exported": ("已导出 {rows} 行", "exported {rows} rows"),
    "cli_out_suffix": ("--out 须以 {formats} 结尾", "--out must end in {formats}"),
    "cli_file_failed": ("读写文件失败：{error}", "A file could not be read or written: {error}"),
    "cli_help_build_data": ("由 data/source/*.csv 生成 Parquet",
                            "Build the Parquet tables from data/source/*.csv"),
    "cli_help_check": ("校验数据并打印摘要", "Check the data and print a summary"),
    "cli_help_check_store": ("数据目录（默认 ${env} 或 data/）", "The data folder (default ${env} or data/)"),
    "cli_help_as_of": ("查看某一版本（如 12）或某日（如 2026-11-10，上海时间当日结束时）发布的数据",
                       "The data as published at a version (e.g. 12) or on a day (e.g. 2026-11-10, "
                       "at that day's end, Shanghai time)"),
    "cli_help_store": ("数据目录（默认 ${env} 或项目的 store/）",
                       "The store (default ${env} or the project's store/)"),
    "cli_help_store_uri": ("数据目录（默认 ${env} 或项目的 store/）；也可为 file:// s3:// hdfs:// URI",
                           "The store (default ${env} or the project's store/); or a file:// s3:// "
                           "hdfs:// URI"),
    "cli_help_store_any_uri": ("数据目录（默认 ${env} 或项目的 store/）；也可为 URI",
                               "The store (default ${env} or the project's store/); or a URI"),
    "cli_help_store_started": ("数据目录（默认 ${env} 或项目的 store/）（自启服务器时）",
                               "The store (default ${env} or the project's store/), for a server "
                               "it starts"),
    "cli_help_import": ("导入 CSV 或 Excel 统计表", "Import a CSV or Excel table"),
    "cli_help_sheet": ("工作表名（默认第一张）", "The sheet (default: the first)"),
    "cli_help_period": ("表中没有期间列时的期间，如 2023 或 2023-06",
                        "The period when the table has no period column, e.g. 2023 or 2023-06"),
    "cli_help_dry_run": ("只检查与预览，不写入", "Check and preview only; write nothing"),
    "cli_help_allow_new": ("创建未知的指标、区域、产业", "Create unknown indicators, areas and industries"),
    "cli_help_domain": ("新建指标所属领域（与 --allow-new 同用）",
                        "The domain of new indicators (with --allow-new)"),
    "cli_help_convert_units": ("确认换算可换算的单位", "Confirm converting the units that convert"),
    "cli_help_replace_conflicts": ("确认替换与已发布来源不同的数字",
                                   "Confirm replacing figures that differ from the published source"),
    "cli_help_source": ("数字的来源（表中没有“来源”列或“资料来源”注时"
                        "必填），如 “徐汇区统计局《2024年统计公报》”",
                        "The figures' source (required when the table has no source column or "
                        "source note), e.g. the Xuhui Statistics Bureau's 2024 bulletin"),
    "cli_help_export": ("按筛选导出已存数字为 CSV（筛选下推到文件，不载入全部数据）",
                        "Export the stored figures of a filter to CSV (the filters pushed down to "
                        "the files; the data is not loaded whole)"),
    "cli_help_filter": ("与看板筛选“{label}”相同，可重复",
                        "As the dashboard's filter “{label}”; may be repeated"),
    "cli_help_period_code": ("期间代码，如 2023、2024-01/2024-09",
                             "A period code, e.g. 2023, 2024-01/2024-09"),
    "cli_help_brief": ("生成页面简报：Word、PDF 或纯文本 Markdown（按 --out 扩展名）",
                       "A page's brief: Word, PDF or plain-text Markdown (by the extension of --out)"),
    "cli_help_page": ("页面：{pages}", "The page: {pages}"),
    "cli_help_brief_out": ("FILE.docx、FILE.pdf 或 FILE.md", "FILE.docx, FILE.pdf or FILE.md"),
    "cli_help_versions": ("列出数据版本", "List the store's versions"),
    "cli_help_rollback": ("回滚到某个版本", "Roll back to a version"),
    "cli_help_vacuum": ("删除旧版本的数据文件（仅保留最近 N 个版本可回看）",
                        "Delete old versions' files (only the last N versions stay readable)"),
    "cli_help_keep": ("保留最近 N 个版本", "Keep the last N versions"),
    "cli_help_migrate": ("把旧格式存储（CURRENT + versions/）转为 Delta 表",
                         "Turn an old-layout store (CURRENT + versions/) into Delta tables"),
    "cli_help_sentences": ("每个指标最新数字的一句话（统计公报体）",
                           "The sentence of each indicator's latest figure (bulletin style)"),
    "cli_help_sentences_out": ("写入文件（默认打印）", "Write to a file (default: print)"),
    "cli_help_add_editor": ("添加或更新编辑账号（密码以哈希保存）",
                            "Add or update an editor (the password kept as a hash)"),
    "cli_help_editors_file": ("编辑账号文件（默认 XHDASH_EDITORS_FILE，否则 .streamlit/secrets.toml）",
                              "The editors' file (default XHDASH_EDITORS_FILE, else "
                              ".streamlit/secrets.toml)"),
    "cli_help_bench": ("性能基准：合成数据，10万至500万行", "Benchmarks on synthetic data, 100k to 5M rows"),
    "cli_help_loadtest": ("负载测试：N 个会话经 WebSocket 协议访问看板",
                          "Load test: N sessions reach the dashboard over its WebSocket protocol"),
    "cli_help_sessions": ("会话数（1–100）", "How many sessions (1–100)"),
    "cli_help_url": ("已运行的看板（仅本机地址）；默认自启一个",
                     "A running dashboard (loopback only); default: start one"),
    "cli_help_minutes": ("持续分钟数；默认每会话一次", "How many minutes; default: one journey per session"),
    "cli_help_think": ("每步之间平均停顿秒数", "The mean pause between steps, in seconds"),
    "cli_help_ramp": ("会话在此秒数内依次开始",
                      "The sessions start one after another over this many seconds"),
    "cli_help_settle": ("会话关闭后等多久再量内存", "How long after the sessions close to measure memory"),
    "cli_help_pid": ("要测 CPU 与内存的服务器进程（可重复；默认监听该端口的进程）",
                     "A server process to measure CPU and memory of (may be repeated; default: the "
                     "one listening on the port)"),
    "cli_help_no_browser": ("不启动 Chromium", "Do not start Chromium"),
    "cli_help_profile": ("用 py-spy 采样服务器进程，写入此文件并在报告中汇总",
                         "Sample the server with py-spy into this file and sum it up in the report"),
    "cli_help_serve": ("启动看板", "Start the dashboard"),
    "cli_help_address": ("监听地址（默认仅本机 127.0.0.1；经反向代理对外提供）",
                         "The address to listen on (default 127.0.0.1 only; served outside through "
                         "the reverse proxy)"),
    "cli_help_settings": ("列出全部 XHDASH_* 设置：名称、默认值、说明",
                          "List every XHDASH_* setting: name, default, description"),
    "cli_help_markdown": ("以 Markdown 表格输出（运维指南用）",
                          "Print a Markdown table (for the operations guide)"),
}


# The words for declared codes, one table per kind of code: `label(kind, code, lang)`.
LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {"reported": ("报告值", "Reported"), "derived": ("派生值", "Derived"),
               "interpreted": ("看板解读", "Dashboard's reading")},
    "stage": {"expected": ("预计", "expected"), "preliminary": ("初步核算", "preliminary"),
              "verified": ("初步核实", "preliminarily verified"), "final": ("最终核实", "final")},
    "scope": {"campaign": ("主题教育期间", "during the theme-education campaign"),
              "since_campaign": ("主题教育以来", "since the theme-education campaign began"),
              "since_research_drive": ("自大兴调查研究启动以来", "since the research drive began"),
              # a total the source states at a date: said as at that date, not as a year's flow
              "to_year_end": ("截至{year}年底", "by the end of {year}")},
    "frequency": {"year": ("年度", "Annual"), "quarter": ("季度", "Quarterly"),
                  "month": ("月度", "Monthly"), "cumulative": ("累计（1—N月）", "Year to date"),
                  "span": ("其他时段", "Other spans")},
    "column": {  # the columns of figure tables and exports
        "sentence": ("一句话", "Sentence"), "indicator": ("指标", "Indicator"),
        "period": ("期间", "Period"), "scope": ("期间口径", "Period as stated"),
        "stage": ("数据阶段", "Release stage"), "area": ("区域", "Area"),
        "industry": ("产业", "Industry"), "qualifier": ("限定", "Qualifier"),
        "value": ("数值", "Value"), "unit": ("单位", "Unit"), "stated_as": ("原文表述", "As stated"),
        "status": ("类型", "Type"), "source": ("来源", "Source"),
        "locator": ("出处或算式", "Where stated / worked formula"), "note": ("说明", "Note"),
        "indicator_id": ("指标代码", "Indicator ID"), "period_code": ("期间代码", "Period code"),
        "change": ("变化", "Change"), "previous_value": ("原值", "Previous value"),
        "title": ("标题", "Title"), "author": ("作者", "Author"), "date": ("日期", "Date"),
        "address": ("地址", "Address"), "kind": ("类别", "Kind"), "name": ("名称", "Name"),
        "place_area": ("所在区域", "Area"), "quote": ("原文", "Source quote (Chinese)"),
        "definition": ("口径", "Definition"), "tier": ("层级", "Tier"),
        "domain": ("领域", "Domain"), "growth_basis": ("增长口径", "Growth basis"),
        "definition_note": ("口径说明", "Definition"), "check": ("检查", "Check"),
        "result": ("结果", "Result"), "working": ("算式", "Working"),
        "sources": ("来源", "Sources"), "reason": ("原因", "Reason"), "version": ("版本", "Version"),
        "time": ("时间", "Time"), "editor": ("编辑", "Editor"), "file": ("文件", "File"),
        "figures": ("数字条数", "Figures"), "id": ("指标代码", "ID"),
    },
    "source_kind": {"primary": ("一手来源", "Primary"), "secondary": ("二手来源", "Secondary"),
                    "derived": ("派生", "Derived"), "imported": ("导入的统计表", "Imported table")},
    "place_kind": {"landmark": ("标志性项目", "Landmark project"), "heritage": ("风貌区", "Historic area"),
                   "institution": ("科研院所与机构", "Institution"), "platform": ("平台", "Platform"),
                   "fund": ("基金", "Fund"), "service": ("民生设施", "Public facility"),
                   "renewal_project": ("旧改与更新项目", "Renewal project"),
                   "pilot_unit": ("试点单元", "Pilot unit")},
    "diff_state": {"new": ("新增", "New"), "changed": ("修改", "Changed"),
                   "unchanged": ("不变", "Unchanged"), "conflicting": ("冲突", "Conflicting")},
    # what a validation or import problem is, after "file, row, column: value"
    "rule": {
    "not_a_number": ("不是数字", "is not a number"),
    "not_an_integer": ("不是整数", "is not a whole number"),
    "not_a_bool": ("应为 true 或 false", "must be true or false"),
    "empty": ("不能为空", "must not be empty"),
    "allowed": ("不在允许值（{allowed}）之中", "is not one of: {allowed}"),
    "reference": ("在 {table} 表中不存在", "does not exist in the {table} table"),
    "period": (
        "不是可识别的期间（如 2023、2023Q2、2023-06、2023-01/2023-06）",
        "is not a period code (e.g. 2023, 2023Q2, 2023-06, 2023-01/2023-06)",
    ),
    "duplicate": ("与第{other}行的键（{key}）重复", "repeats the key ({key}) of row {other}"),
    "missing_column": ("缺少此列", "column is missing"),
    "unexpected_column": ("不是本表的列", "is not a column of this table"),
    "missing_file": ("文件不存在", "file not found"),
    "unknown_indicator": ("不是已有指标；如需新建，请确认创建（并指定领域）",
                          "is not a known indicator; confirm creating it (with a domain)"),
    "unknown_indicator_rows": ("不是已有指标（共{count}行：第{rows}行）；如需新建，请确认创建（并指定领域）",
                               "is not a known indicator ({count} rows: {rows}); confirm creating "
                               "it (with a domain)"),
    "unknown_area_rows": ("不是已有区域（共{count}行：第{rows}行）；如需新建，请确认创建",
                          "is not a known area ({count} rows: {rows}); confirm creating it"),
    "unknown_industry_rows": ("不是已有产业（共{count}行：第{rows}行）；如需新建，请确认创建",
                              "is not a known industry ({count} rows: {rows}); confirm creating it"),
    "unknown_domain": ("不是看板的领域（--domain 可选：{names}）",
                       "is not one of the dashboard's domains (--domain takes: {names})"),
    "unknown_area": ("不是已有区域；如需新建，请确认创建", "is not a known area; confirm creating it"),
    "unknown_district": ("不是上海市的区（应为：{names}）",
                         "is not one of Shanghai's districts ({names})"),
    "unknown_industry": ("不是已有产业；如需新建，请确认创建",
                         "is not a known industry; confirm creating it"),
    "no_period": ("缺少期间：表中没有期间列，请指定期间（如 --period 2023）",
                  "has no period: the table has no period column; give one (e.g. --period 2023)"),
    "bad_period": ("不是可识别的期间（如 2023年、2023年6月、2023Q2、2023年1-6月）",
                   "is not a period (e.g. 2023, 2023-06, 2023Q2, 2023年1-6月)"),
    "unit_convertible": ("单位为“{unit}”，与已有单位“{expected}”不同；确认换算后将乘以 {factor} 换算",
                         "is in {unit}, not {expected}; confirm conversion to multiply by {factor}"),
    "unit_conflict": ("单位“{unit}”与已有单位“{expected}”不一致，且无法换算",
                      "unit {unit} does not match {expected} and cannot be converted"),
    "no_growth_indicator": ("没有对应的增长率指标；如需新建，请确认创建",
                            "has no matching growth-rate indicator; confirm creating it"),
    "duplicate_in_file": ("与第{other}行是同一指标、期间、区域和产业", "repeats the figure of row {other}"),
    "conflicts_with_source": ("与已发布的 {source} 数字 {existing} 不同；如确需替换，请确认",
                              "differs from the published {source} figure {existing}; confirm to "
                              "replace it"),
    "unrecognised_column": ("列名无法识别，请在预览中指定其含义（或忽略）",
                            "column name not recognised: map it in the preview (or ignore it)"),
    "no_indicator_column": ("找不到指标列（如“指标”“indicator”）",
                            "no indicator column found (e.g. 指标, indicator)"),
    "no_value_column": ("找不到数值列（如“数值”“value”或期间列）",
                        "no value column found (e.g. 数值, value, or period columns)"),
    "missing_value": ("为空或缺失标记，已跳过", "is blank or marked missing; skipped"),
    "no_domain": ("新建指标需要指定领域（--domain，可选：{names}）",
                  "creating indicators needs a domain (--domain: {names})"),
    "no_domain_rows": ("新建指标需要指定领域（共{count}行：第{rows}行；--domain，可选：{names}）",
                       "creating indicators needs a domain ({count} rows: {rows}; --domain: "
                       "{names})"),
    "unreadable": ("无法读取：{detail}", "cannot be read: {detail}"),
        # the importer's own rules
    "implausible": ("超出合理范围（绝对值大于 {limit}）",
                    "is outside the plausible range (magnitude above {limit})"),
    "period_out_of_range": ("年份不在 {first}–{last} 年之间", "has a year outside {first}–{last}"),
    "empty_name": ("名称为空（只含空白或不可见字符）",
                   "is an empty name (only spaces or invisible characters)"),
    "no_source": ("未注明来源：请添加“来源”列或“资料来源：”注，或在导入时指定来源",
                  "no source stated: add a 来源 column, a 资料来源 note, or give the source"),
    "period_without_year": ("只写了月份或季度，没有年份：请在表题中写明年份（如“2024年1-9月…”），"
                            "或导入时指定期间（--period 2024）",
                            "names a month or quarter without its year: put the year in the title "
                            "(e.g. 2024年1-9月…) or give the period (--period 2024)"),
    "more_issues": ("另有 {count} 处问题未列出（只列出前 {shown} 处）",
                    "{count} more problem(s) not listed (only the first {shown} are)"),
    },
    # what viewers are shown instead, where the detailed text holds a path or an exception's text
    "rule_public": {
    "unreadable": ("数据文件无法读取", "the data file cannot be read"),
    },
}


def tr(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The interface text for `key` in `lang`, with {placeholders} filled."""
    return in_lang(TEXT[key], lang).format(**values)


def in_lang(pair: tuple[str, str], lang: str) -> str:
    """The one place a (Chinese, English) pair is read: declared labels, page and chart titles."""
    zh, en = pair
    return en if lang == "en" else zh


def label(kind: str, code: str, lang: str) -> str:
    """The words for a declared code (status, stage, scope, frequency, column …); the code
    itself if none is declared."""
    pair = LABELS[kind].get(code)
    return in_lang(pair, lang) if pair else code


def labels(kind: str, lang: str) -> dict[str, str]:
    return {code: in_lang(pair, lang) for code, pair in LABELS[kind].items()}


def col(base: str, lang: str) -> str:
    """The column of a bilingual table holding `base` in `lang`: name → name_zh / name_en."""
    return f"{base}_{'en' if lang == 'en' else 'zh'}"


_NAMES: dict[tuple, tuple[object, dict[str, str]]] = {}


def names(frame, key: str, lang: str, base: str = "name") -> dict[str, str]:
    """A table's ids and their names in `lang` (domains, areas, industries, indicators); made
    once per table object (the store's tables live as long as their version)."""
    memo = (id(frame), key, lang, base)
    kept = _NAMES.get(memo)
    if kept is None or kept[0] is not frame:
        if len(_NAMES) > 256:
            _NAMES.clear()
        kept = _NAMES[memo] = (frame, dict(zip(frame[key], frame[col(base, lang)], strict=True)))
    return kept[1]


def join(items, lang: str) -> str:
    """A list in running text: 大徐家汇、西岸滨江 / Xujiahui, West Bund."""
    return ("、" if lang == "zh" else ", ").join(items)


def date_text(day, lang: str) -> str:
    """2026年11月28日 / 28 November 2026."""
    return f"{day.day} {day:%B %Y}" if lang == "en" else f"{day.year}年{day.month}月{day.day}日"
