"""The `xhdash` command: build-data, check, serve."""

from __future__ import annotations

import argparse
import getpass
import importlib.util
import sys
from pathlib import Path

from xhdash.dimensions import DIMENSIONS, PERIOD_RANGE
from xhdash.i18n import tr
from xhdash.paths import DATA_DIR, PROJECT_ROOT, SOURCE_DIR, STORE_ENV
from xhdash.storage import StoreLocationError
from xhdash.validate import StoreError

EXIT_INVALID = 2
EXIT_BUSY = 3
ERRORS_SHOWN = 100
REPAIRED_BY_ROLLBACK = {"bad_publish"}
ROLLBACK_HINT = ("可用 xhdash versions 查看版本，用 xhdash rollback VERSION 回滚到完好的版本。/ "
                 "List the versions with `xhdash versions` and roll back to a sound one with "
                 "`xhdash rollback VERSION`.")


def _print_issues(error: StoreError, limit: int = 50) -> None:
    print(f"数据未通过校验，共 {len(error.issues)} 处问题 / "
          f"{len(error.issues)} problem(s) found:", file=sys.stderr)
    for issue in error.issues[:limit]:
        print(f"  - {issue.message('zh')}\n    {issue.message('en')}", file=sys.stderr)
    if len(error.issues) > limit:
        print(f"  … 其余 {len(error.issues) - limit} 处未列出 / {len(error.issues) - limit} more",
              file=sys.stderr)


def _print_store_problem(error: StoreLocationError) -> None:
    """The detailed message (it may name the path) in both languages; for a broken CURRENT or
    version, how to repair it."""
    print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
    if error.reason in REPAIRED_BY_ROLLBACK:
        print(ROLLBACK_HINT, file=sys.stderr)


def run_build_data(args: argparse.Namespace) -> int:
    from xhdash.tables import build_data

    counts = build_data(Path(args.source), Path(args.out))
    for name, count in counts.items():
        print(f"{name:<14}{count:>6} 行 rows")
    print(f"已写入 written to {args.out}")
    return 0


def _located(args: argparse.Namespace):
    """The tables in force of --store, or at --as-of (a version or a date) where given (a fresh
    store gets its first version before either is read)."""
    from xhdash.versions import locate_tables, parse_as_of

    located = locate_tables(args.store)
    as_of = getattr(args, "as_of", None)
    if not as_of:
        return located
    return locate_tables(args.store, as_of=parse_as_of(located.root, as_of))


def store_line(store) -> str:
    """The store's identity as commands print it: its location and version."""
    from xhdash.storage import shown_location

    version = store.version_number
    shown = f"{version}" if version is not None else "未发布的表 unpublished tables"
    return f"数据版本 store version: {shown}（{shown_location(store.data_dir)}）"


def run_check(args: argparse.Namespace) -> int:
    from xhdash.store import load_store
    from xhdash.summary import summarize_store, uncovered_domains

    store = load_store(_located(args))
    summary = summarize_store(store)
    print(store_line(store) + "\n")
    print("按领域 by domain:\n" + summary["by_domain"].to_string() + "\n")
    print("按来源 by source:\n" + summary["by_source"].to_string() + "\n")
    print("报告与派生 reported vs derived:\n" + summary["by_status"].to_string() + "\n")
    failed = store.checks[~store.checks["passed"]]
    print(f"一致性检查 consistency checks: {len(store.checks) - len(failed)} 通过 passed, "
          f"{len(failed)} 未通过 failed")
    for row in failed.itertuples():
        print(f"  ✗ {row.name_zh} / {row.name_en}: {row.worked}")
    print(f"未推算 refused derivations: {len(store.refusals)}")
    missing = uncovered_domains(store)
    if missing:
        print(f"无数据的领域 domains without figures: {', '.join(missing)}")
    return 0 if failed.empty and not missing else 1


def run_serve(args: argparse.Namespace) -> int:
    """The dashboard in this process: a signal to `xhdash serve` stops Streamlit too."""
    import os

    from xhdash.launch import APP, run_streamlit

    if args.store:
        os.environ[STORE_ENV] = str(args.store)
    os.chdir(PROJECT_ROOT)
    return run_streamlit(str(APP), ["--server.port", str(args.port),
                                    "--server.address", args.address])


def _print_report(result, stream) -> None:
    counts = result.counts()
    layout = result.layout
    print(f"文件 file: {result.file_name}（{result.kind}, {result.encoding}"
          f"{', ' + result.sheet if result.sheet else ''}）", file=stream)
    print(f"版式 layout: {'宽表 wide' if layout.shape == 'wide' else '长表 long'}；"
          f"单位说明 unit note: {layout.unit_note or '—'}；"
          f"标题期间 title period: {layout.title_period or '—'}", file=stream)
    print(f"新增 new {counts['new']}，修改 changed {counts['changed']}，不变 unchanged "
          f"{counts['unchanged']}，冲突 conflicting {counts['conflicting']}；跳过空值 skipped "
          f"{result.resolution.skipped}；换算单位 converted {result.resolution.converted}",
          file=stream)
    news = result.resolution
    for label, items in (("新指标 new indicators", news.new_indicators),
                         ("新区域 new areas", news.new_areas),
                         ("新产业 new industries", news.new_industries)):
        if items:
            print(f"{label}: " + "、".join(i["name_zh"] for i in items.values()), file=stream)


def run_import(args: argparse.Namespace) -> int:
    from xhdash.publishing import (
        ImportOptions,
        StoreBusy,
        StoreChanged,
        preview_import,
        publish_import,
    )

    path = Path(args.file)
    if not path.is_file():
        print(f"找不到文件 file not found: {path}", file=sys.stderr)
        return EXIT_INVALID
    options = ImportOptions(period=args.period, allow_new=args.allow_new, domain=args.domain,
                            convert_units=args.convert_units,
                            replace_conflicts=args.replace_conflicts, sheet=args.sheet,
                            editor=args.editor, source=args.source)
    data = path.read_bytes()
    from xhdash import approval
    from xhdash.auth import editors_file

    # four eyes: a publish becomes a request an approver decides on the data page
    for_approval = approval.four_eyes_on(approval.approvers(editors_file()))
    try:
        if args.dry_run or for_approval:
            preview, manifest = preview_import(data, path.name, options, args.store), None
        else:
            outcome = publish_import(data, path.name, options, args.editor, args.store)
            preview, manifest = outcome.preview, outcome.manifest
    except StoreBusy as busy:
        print(str(busy), file=sys.stderr)
        return EXIT_BUSY
    except StoreChanged:
        print("数据持续被其他编辑更新，请稍后再试。/ The store keeps changing; try again later.",
              file=sys.stderr)
        return EXIT_BUSY
    if preview.refused is not None:
        print(f"已拒绝 refused: {preview.refused.reason_zh}\n  {preview.refused.reason_en}",
              file=sys.stderr)
        return EXIT_INVALID
    if not preview.ok:
        _print_errors(preview)
        return EXIT_INVALID
    _print_report(preview.result, sys.stdout)
    _print_derived(preview, sys.stdout)
    if args.dry_run:
        print("试运行，未写入 dry run: nothing written")
    elif for_approval and preview.publishable:
        from xhdash import audit

        request = approval.submit(data, path.name, options, args.editor, preview.summary(),
                                  args.store)
        audit.record("submit", args.editor, f"{request.file_name} — {request.summary}",
                     audit.replica_name("cli"), args.store)
        print("已提交审核，审核人通过后发布 / submitted for approval: published once an approver "
              "approves it on the data page")
    elif manifest is None:
        print("没有新增或修改的数字，未发布 / nothing new or changed: not published")
    else:
        from xhdash import audit

        audit.record("publish", manifest.editor, f"{manifest.version_id}: {manifest.file_name} — "
                     f"{manifest.summary}", audit.replica_name("cli"), args.store)
        print(f"已发布版本 published version {manifest.version_id}")
    return 0


def _print_derived(preview, stream) -> None:
    """What the publish does to derived figures: added, changed, removed, newly refused."""
    changes = preview.derived_changes
    if len(changes):
        counts = changes["state"].value_counts()
        print(f"派生数字 derived figures: 新增 added {counts.get('added', 0)}，修改 changed "
              f"{counts.get('changed', 0)}，移除 removed {counts.get('removed', 0)}", file=stream)
    for row in preview.new_refusals.itertuples():
        print(f"  未推算 refused: {row.indicator_id} {row.period}：{row.reason_zh} / "
              f"{row.reason_en}", file=stream)
    for row in preview.failed_checks[preview.failed_checks["new"]].itertuples() \
            if len(preview.failed_checks) else ():
        print(f"  ✗ 一致性检查未通过 check failed: {row.name_zh} / {row.name_en}: {row.worked}",
              file=stream)


def _print_errors(preview) -> None:
    if preview.result is not None:
        _print_report(preview.result, sys.stderr)
    errors, count = preview.errors, preview.problem_count
    print(f"未导入：共 {count:,} 处问题 / not imported: {count:,} problem(s)", file=sys.stderr)
    shown = [issue for issue in errors if issue.rule != "more_issues"][:ERRORS_SHOWN]
    for issue in shown:
        print(f"  - {issue.message('zh')}\n    {issue.message('en')}", file=sys.stderr)
    if count > len(shown):
        more = count - len(shown)
        print(f"  … 其余 {more:,} 处未列出 / {more:,} more not listed", file=sys.stderr)


def run_versions(args: argparse.Namespace) -> int:
    """The versions on record (from the Delta log), the current one marked; exit 2 with the
    reason when the tables in force cannot be read (the list still shows what a rollback can
    go to)."""
    from xhdash.health import inspect_store
    from xhdash.paths import store_setting
    from xhdash.versions import ensure_initialised, shown_time

    ensure_initialised(store_setting(args.store))
    health = inspect_store(args.store, read_data=True)  # is the current version sound?
    print(f"{'':2}{'版本 version':<14}{'时间 time':<19}{'操作 action':<14}{'编辑 editor':<14}"
          f"{'行数 rows':>10}  文件 file")
    current = health.versions[-1].version_id if health.versions else None
    for manifest in health.versions:
        mark = "*" if manifest.version_id == current else " "
        action = manifest.action + (f" → {manifest.restored_from}"
                                    if manifest.restored_from is not None else "")
        print(f"{mark} {manifest.version_id:<14}{shown_time(manifest):<19}{action:<14}"
              f"{manifest.editor:<14}{manifest.rows.get('observations', 0):>10}  "
              f"{manifest.file_name}" + (f"  （审核 approved by {manifest.approved_by}）"
                                         if manifest.approved_by else ""))
    if isinstance(health.problem, StoreLocationError):
        _print_store_problem(health.problem)
        return EXIT_INVALID
    if health.problem is not None:
        print(f"当前版本 {current} 无法读取 / the current version {current} cannot be read:",
              file=sys.stderr)
        _print_issues(health.problem)
        print(ROLLBACK_HINT, file=sys.stderr)
        return EXIT_INVALID
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from xhdash.paths import store_setting
    from xhdash.publishing import StoreBusy, UnknownVersion, roll_back
    from xhdash.versions import ensure_initialised

    ensure_initialised(store_setting(args.store))
    try:
        manifest = roll_back(args.version, args.editor, args.store)
    except UnknownVersion as unknown:  # DamagedVersion among them
        print(f"{unknown.message('zh')}\n{unknown.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    except StoreBusy as busy:
        print(str(busy), file=sys.stderr)
        return EXIT_BUSY
    from xhdash import audit

    audit.record("rollback", args.editor, f"{manifest.restored_from} → {manifest.version_id}",
                 audit.replica_name("cli"), args.store)
    print(f"已回滚到 rolled back to {manifest.restored_from}（新版本 new version "
          f"{manifest.version_id}）")
    return 0


def run_vacuum(args: argparse.Namespace) -> int:
    """Delete the files only versions older than the last N need (their time travel ends)."""
    from xhdash.paths import store_setting
    from xhdash.versions import vacuum

    if args.keep < 1:
        print("--keep 至少为 1 / --keep must be at least 1", file=sys.stderr)
        return EXIT_INVALID
    removed = vacuum(store_setting(args.store), args.keep)
    print(f"已删除 {sum(removed.values())} 个旧文件，保留最近 {args.keep} 个版本 / removed "
          f"{sum(removed.values())} old files, kept the last {args.keep} versions")
    return 0


def run_migrate_store(args: argparse.Namespace) -> int:
    """An old-layout folder store (CURRENT + versions/) into Delta tables, every version in
    order with its history record."""
    from xhdash.migrate import migrate_store
    from xhdash.paths import store_setting

    manifests = migrate_store(store_setting(args.store))
    print(f"已迁移 {len(manifests)} 个版本 / migrated {len(manifests)} versions; "
          f"当前版本 current version {manifests[-1].version_id}")
    return 0


def run_sentences(args: argparse.Namespace) -> int:
    """The sentence of every indicator's latest figure, one line each: id<TAB>sentence."""
    from xhdash.cards import sentence_lines
    from xhdash.store import load_store

    store = load_store(_located(args))
    text = "\n".join(sentence_lines(store.observations, store.tables, args.lang)) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"已写入 written to {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def run_settings(args: argparse.Namespace) -> int:
    """Every declared setting with its current value; `--markdown` prints the table that
    docs/operations.md holds."""
    from xhdash.settings import describe_settings, setting, settings_table

    if args.markdown:
        print(settings_table(args.lang))
        return 0
    for name, default, text in describe_settings(args.lang):
        print(f"{name}={setting(name)}\t({tr('settings_default', args.lang)} {default or '—'})"
              f"\t{text}")
    return 0


def run_add_editor(args: argparse.Namespace) -> int:
    from xhdash.auth import add_editor, editors_file

    path = Path(args.file) if args.file else editors_file()
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(
        "密码 password: ")
    try:
        add_editor(path, args.name, password)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    print(f"已添加编辑 editor added: {args.name} → {path}")
    return 0


TOOLS_MISSING = ("{command} 需要工具包 needs the tools extra: "
                 "pip install -e '.[tools]' (playwright, websockets); missing: {name}")


def tools_missing(command: str) -> str | None:
    """What to install when a tool's dependencies (the `[tools]` extra) are absent, else None."""
    for name in ("playwright", "websockets"):
        if importlib.util.find_spec(name) is None:
            return TOOLS_MISSING.format(command=command, name=name)
    return None


def run_bench(args: argparse.Namespace) -> int:
    if problem := tools_missing("xhdash bench"):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    from xhdash_tools.bench.runner import run_bench as bench

    bench(args.max_rows, Path(args.json) if args.json else None)
    return 0


def run_loadtest(args: argparse.Namespace) -> int:
    """N browser-like sessions (and one Chromium) against a fresh server or --url; JSON, table."""
    if problem := tools_missing("xhdash loadtest"):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    from xhdash_tools.loadtest.runner import LoadOptions, check_options
    from xhdash_tools.loadtest.runner import run_loadtest as load

    options = LoadOptions(sessions=args.sessions, json_path=Path(args.json), url=args.url,
                          minutes=args.minutes, store=args.store, think_s=args.think,
                          ramp_s=args.ramp, settle_s=args.settle, pids=tuple(args.pid),
                          browser=not args.no_browser,
                          profile=Path(args.profile) if args.profile else None)
    if problem := check_options(options):
        print(problem, file=sys.stderr)
        return EXIT_INVALID
    load(options)
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Stored figures of a slice to CSV, read with the filters pushed down to the files."""
    from xhdash.dimensions import dimension_values
    from xhdash.export import to_csv_bytes
    from xhdash.filters import Filters, area_children
    from xhdash.periods import FREQUENCIES, is_period_code
    from xhdash.scan import scan_observations
    from xhdash.schema import OBSERVATIONS
    from xhdash.tables import check_table_files, read_parquet_tables, reading

    where = _located(args)
    if missing := check_table_files(where):  # footers only: the scan below reads the data
        raise StoreError(missing)
    dims = read_parquet_tables(where, names=("domains", "sources", "areas", "industries",
                                             "indicators"))
    chosen = {d.attribute: tuple(getattr(args, d.attribute)) for d in DIMENSIONS}
    unknown = [f"{d.cli_flag} {value}" for d in DIMENSIONS for value in chosen[d.attribute]
               if d.attribute != "frequencies" and value not in dimension_values(d, dims, ())]
    unknown += [f"--frequency {value}" for value in chosen["frequencies"]
                if value not in FREQUENCIES]
    unknown += [f"{flag} {value}" for flag, value in
                zip(PERIOD_RANGE.cli_flags, (args.period_from, args.period_to), strict=True)
                if value and not is_period_code(value)]
    if unknown:
        print("未知的筛选值 unknown filter values: " + "; ".join(unknown), file=sys.stderr)
        return EXIT_INVALID
    filters = Filters(period_from=args.period_from, period_to=args.period_to, **chosen)
    with reading(OBSERVATIONS):  # a damaged row group is found only as it is read
        rows = scan_observations(where, filters, dims["indicators"],
                                 area_children(dims["areas"]))
    Path(args.out).write_bytes(to_csv_bytes(rows.to_pandas()))
    print(f"已导出 {rows.num_rows} 行 / exported {rows.num_rows} rows → {args.out}")
    return 0


def run_brief(args: argparse.Namespace) -> int:
    """A page's brief under the filters, as Word, PDF or plain-text Markdown (by the
    extension of --out), with progress lines."""
    from xhdash.brief import FORMATS, UnknownPage, brief_bytes, build_brief
    from xhdash.brief.choices import brief_filters, unknown_filter_values
    from xhdash.page_specs import PAGES
    from xhdash.store import load_store

    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        print(f"--out 须以 {'、'.join(FORMATS)} 结尾 / --out must end in {', '.join(FORMATS)}",
              file=sys.stderr)
        return EXIT_INVALID
    if args.page not in PAGES:
        error = UnknownPage(args.page)
        print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    store = load_store(_located(args))
    chosen = {d.attribute: tuple(getattr(args, d.attribute)) for d in DIMENSIONS}
    if unknown := unknown_filter_values(chosen, args.period_from, args.period_to, store.tables):
        print("未知的筛选值 unknown filter values: " + "; ".join(unknown), file=sys.stderr)
        return EXIT_INVALID
    filters = brief_filters(chosen, args.period_from, args.period_to)
    brief = build_brief(store, args.page, filters, args.lang, images=fmt != "md",
                        progress=lambda fraction, message: print(f"[{fraction:4.0%}] {message}",
                                                                 flush=True))
    out.write_bytes(brief_bytes(brief, fmt))
    print(f"{tr('brief_written', args.lang)} → {out}")
    if brief.figures_total > len(brief.figures.rows):  # the full figures table beside it
        from xhdash.brief.build import figures_workbook

        table = out.with_name(f"{out.stem}-figures.xlsx")
        table.write_bytes(figures_workbook(store, args.page, filters, args.lang))
        print(f"{tr('brief_download_figures', args.lang)} → {table}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xhdash", description="徐汇区统计数据看板 Xuhui dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-data", help="由 data/source/*.csv 生成 Parquet")
    build.add_argument("--source", default=str(SOURCE_DIR))
    build.add_argument("--out", default=str(DATA_DIR))
    build.set_defaults(run=run_build_data)
    check = commands.add_parser("check", help="校验数据并打印摘要")
    check.add_argument("--store", default=None, help=f"数据目录（默认 ${STORE_ENV} 或 data/）")
    as_of_help = "查看某一版本（如 12）或某日（如 2026-11-10，上海时间当日结束时）发布的数据"
    check.add_argument("--as-of", default=None, help=as_of_help)
    check.set_defaults(run=run_check)
    store_help = f"数据目录（默认 ${STORE_ENV} 或项目的 store/）"
    editor = getpass.getuser()
    imp = commands.add_parser("import", help="导入 CSV 或 Excel 统计表")
    imp.add_argument("file")
    imp.add_argument("--sheet", default=None, help="工作表名（默认第一张）")
    imp.add_argument("--period", default=None, help="表中没有期间列时的期间，如 2023 或 2023-06")
    imp.add_argument("--dry-run", action="store_true", help="只检查与预览，不写入")
    imp.add_argument("--allow-new", action="store_true", help="创建未知的指标、区域、产业")
    imp.add_argument("--domain", default=None, help="新建指标所属领域（与 --allow-new 同用）")
    imp.add_argument("--convert-units", action="store_true", help="确认换算可换算的单位")
    imp.add_argument("--replace-conflicts", action="store_true",
                     help="确认替换与已发布来源不同的数字")
    imp.add_argument("--source", default=None,
                     help="数字的来源（表中没有“来源”列或“资料来源”注时必填），"
                          "如 “徐汇区统计局《2024年统计公报》”")
    imp.add_argument("--editor", default=editor)
    imp.add_argument("--store", default=None, help=store_help)
    imp.set_defaults(run=run_import)
    export = commands.add_parser(
        "export", help="按筛选导出已存数字为 CSV（筛选下推到文件，不载入全部数据）")
    export.add_argument("--store", default=None, help=store_help + "；也可为 file:// s3:// hdfs:// URI")
    for dimension in DIMENSIONS:  # the sidebar's filters, one flag each
        export.add_argument(dimension.cli_flag, dest=dimension.attribute, action="append",
                            default=[], help=f"与看板筛选“{tr(dimension.label_key)}”相同，可重复")
    for flag, attribute in zip(PERIOD_RANGE.cli_flags, PERIOD_RANGE.attributes, strict=True):
        export.add_argument(flag, dest=attribute, default=None, help="期间代码，如 2023、2024-01/2024-09")
    export.add_argument("--out", required=True)
    export.add_argument("--as-of", default=None, help=as_of_help)
    export.set_defaults(run=run_export)
    from xhdash.page_specs import PAGES

    brief = commands.add_parser("brief", help="生成页面简报：Word、PDF 或纯文本 Markdown（按 --out 扩展名）")
    brief.add_argument("--page", required=True, help="页面：" + "、".join(PAGES))
    for dimension in DIMENSIONS:  # the sidebar's filters, as `xhdash export` has them
        brief.add_argument(dimension.cli_flag, dest=dimension.attribute, action="append",
                           default=[], help=f"与看板筛选“{tr(dimension.label_key)}”相同，可重复")
    for flag, attribute in zip(PERIOD_RANGE.cli_flags, PERIOD_RANGE.attributes, strict=True):
        brief.add_argument(flag, dest=attribute, default=None, help="期间代码，如 2023、2024-01/2024-09")
    brief.add_argument("--lang", choices=("zh", "en"), default="zh")
    brief.add_argument("--store", default=None, help=store_help + "；也可为 file:// s3:// hdfs:// URI")
    brief.add_argument("--out", required=True, help="FILE.docx、FILE.pdf 或 FILE.md")
    brief.add_argument("--as-of", default=None, help=as_of_help)
    brief.set_defaults(run=run_brief)
    versions = commands.add_parser("versions", help="列出数据版本")
    versions.add_argument("--store", default=None, help=store_help)
    versions.set_defaults(run=run_versions)
    back = commands.add_parser("rollback", help="回滚到某个版本")
    back.add_argument("version")
    back.add_argument("--editor", default=editor)
    back.add_argument("--store", default=None, help=store_help)
    back.set_defaults(run=run_rollback)
    vacuum = commands.add_parser("vacuum", help="删除旧版本的数据文件（仅保留最近 N 个版本可回看）")
    vacuum.add_argument("--keep", type=int, required=True, help="保留最近 N 个版本")
    vacuum.add_argument("--store", default=None, help=store_help)
    vacuum.set_defaults(run=run_vacuum)
    migrate = commands.add_parser("migrate-store", help="把旧格式存储（CURRENT + versions/）转为 Delta 表")
    migrate.add_argument("--store", default=None, help=store_help)
    migrate.set_defaults(run=run_migrate_store)
    sentences = commands.add_parser("sentences", help="每个指标最新数字的一句话（统计公报体）")
    sentences.add_argument("--lang", choices=("zh", "en"), default="zh")
    sentences.add_argument("--out", default=None, help="写入文件（默认打印）")
    sentences.add_argument("--store", default=None, help=store_help + "；也可为 URI")
    sentences.add_argument("--as-of", default=None, help=as_of_help)
    sentences.set_defaults(run=run_sentences)
    add = commands.add_parser("add-editor", help="添加或更新编辑账号（密码以哈希保存）")
    add.add_argument("name")
    add.add_argument("--file", default=None,
                     help="编辑账号文件（默认 XHDASH_EDITORS_FILE，否则 .streamlit/secrets.toml）")
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(run=run_add_editor)
    bench = commands.add_parser("bench", help="性能基准：合成数据，10万至500万行")
    bench.add_argument("--max-rows", type=int, default=None)
    bench.add_argument("--json", default=None)
    bench.set_defaults(run=run_bench)
    loadtest = commands.add_parser("loadtest", help="负载测试：N 个会话经 WebSocket 协议访问看板")
    loadtest.add_argument("--sessions", type=int, required=True, help="会话数（1–100）")
    loadtest.add_argument("--url", default=None, help="已运行的看板（仅本机地址）；默认自启一个")
    loadtest.add_argument("--minutes", type=float, default=None, help="持续分钟数；默认每会话一次")
    loadtest.add_argument("--store", default=None, help=store_help + "（自启服务器时）")
    loadtest.add_argument("--json", required=True)
    loadtest.add_argument("--think", type=float, default=2.0, help="每步之间平均停顿秒数")
    loadtest.add_argument("--ramp", type=float, default=15.0, help="会话在此秒数内依次开始")
    loadtest.add_argument("--settle", type=float, default=5.0, help="会话关闭后等多久再量内存")
    loadtest.add_argument("--pid", type=int, action="append", default=[],
                          help="要测 CPU 与内存的服务器进程（可重复；默认监听该端口的进程）")
    loadtest.add_argument("--no-browser", action="store_true", help="不启动 Chromium")
    loadtest.add_argument("--profile", default=None,
                          help="用 py-spy 采样服务器进程，写入此文件并在报告中汇总")
    loadtest.set_defaults(run=run_loadtest)
    serve = commands.add_parser("serve", help="启动看板")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="127.0.0.1",
                       help="监听地址（默认仅本机 127.0.0.1；经反向代理对外提供）")
    serve.add_argument("--store", default=None)
    serve.set_defaults(run=run_serve)
    settings = commands.add_parser("settings", help="列出全部 XHDASH_* 设置：名称、默认值、说明")
    settings.add_argument("--lang", choices=("zh", "en"), default="zh")
    settings.add_argument("--markdown", action="store_true", help="以 Markdown 表格输出（运维指南用）")
    settings.set_defaults(run=run_settings)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except StoreError as error:
        _print_issues(error)
        return EXIT_INVALID
    except StoreLocationError as error:  # BrokenStore among them
        _print_store_problem(error)
        return EXIT_INVALID
    except ValueError as error:  # UnknownVersion: --as-of naming no version of this store
        from xhdash.versions import UnknownVersion

        if not isinstance(error, UnknownVersion):
            raise
        print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:  # a file that cannot be read or written: a message, not a traceback
        print(f"读写文件失败：{error}\nA file could not be read or written: {error}",
              file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
