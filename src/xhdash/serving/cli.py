"""The `xhdash` command: build-data, check, serve."""

from __future__ import annotations

import argparse
import getpass
import importlib.util
import sys
from pathlib import Path

from xhdash.data.storage import StoreLocationError
from xhdash.data.validate import StoreError
from xhdash.i18n import LANGS, join, tr
from xhdash.meaning.dimensions import DIMENSIONS, PERIOD_RANGE
from xhdash.paths import DATA_DIR, PROJECT_ROOT, SOURCE_DIR, STORE_ENV

EXIT_INVALID = 2
EXIT_BUSY = 3
ERRORS_SHOWN = 100
REPAIRED_BY_ROLLBACK = {"bad_publish"}


def both(key: str, sep: str = " / ", **values: object) -> str:
    """A line of a command's output in both languages: the catalogue's pair, 中文 / English."""
    return f"{tr(key, 'zh', **values)}{sep}{tr(key, 'en', **values)}"


def pair(key: str) -> str:
    """A label in both languages, as a column heading or a field name: 版本 version."""
    return f"{tr(key, 'zh')} {tr(key, 'en')}"


def _print_issues(error: StoreError, limit: int = 50) -> None:
    print(both("cli_issues_found", count=len(error.issues)), file=sys.stderr)
    for issue in error.issues[:limit]:
        print(f"  - {issue.message('zh')}\n    {issue.message('en')}", file=sys.stderr)
    if len(error.issues) > limit:
        print("  " + both("issues_more", more=f"{len(error.issues) - limit:,}"), file=sys.stderr)


def _print_store_problem(error: StoreLocationError) -> None:
    """The detailed message (it may name the path) in both languages; for a broken CURRENT or
    version, how to repair it."""
    print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
    if error.reason in REPAIRED_BY_ROLLBACK:
        print(both("cli_rollback_hint"), file=sys.stderr)


def run_build_data(args: argparse.Namespace) -> int:
    from xhdash.data.tables import build_data

    counts = build_data(Path(args.source), Path(args.out))
    for name, count in counts.items():
        print(f"{name:<14}{count:>6} {pair('cli_rows')}")
    print(f"{pair('cli_written_to')} {args.out}")
    return 0


def _located(args: argparse.Namespace):
    """The tables in force of --store, or at --as-of (a version or a date) where given (a fresh
    store gets its first version before either is read)."""
    from xhdash.data.versions import locate_tables, parse_as_of

    located = locate_tables(args.store)
    as_of = getattr(args, "as_of", None)
    if not as_of:
        return located
    return locate_tables(args.store, as_of=parse_as_of(located.root, as_of))


def store_line(store) -> str:
    """The store's identity as commands print it: its location and version."""
    from xhdash.data.storage import shown_location

    version = store.version_number
    shown = f"{version}" if version is not None else pair("cli_unpublished")
    return f"{pair('cli_store_version')}: {shown}（{shown_location(store.data_dir)}）"


def run_check(args: argparse.Namespace) -> int:
    from xhdash.data.store import load_store
    from xhdash.data.summary import summarize_store, uncovered_domains

    store = load_store(_located(args))
    summary = summarize_store(store)
    print(store_line(store) + "\n")
    for key, part in (("cli_by_domain", "by_domain"), ("cli_by_source", "by_source"),
                      ("cli_by_status", "by_status")):
        print(f"{pair(key)}:\n" + summary[part].to_string() + "\n")
    failed = store.checks[~store.checks["passed"]]
    print(f"{pair('cli_checks')}: {len(store.checks) - len(failed)} {pair('cli_passed')}, "
          f"{len(failed)} {pair('cli_failed')}")
    for row in failed.itertuples():
        print(f"  ✗ {row.name_zh} / {row.name_en}: {row.worked}")
    print(f"{pair('cli_refused_derivations')}: {len(store.refusals)}")
    missing = uncovered_domains(store)
    if missing:
        print(f"{pair('cli_domains_without_figures')}: {', '.join(missing)}")
    return 0 if failed.empty and not missing else 1


def run_serve(args: argparse.Namespace) -> int:
    """The dashboard in this process: a signal to `xhdash serve` stops Streamlit too."""
    import os

    from xhdash.serving.launch import APP, run_streamlit

    if args.store:
        os.environ[STORE_ENV] = str(args.store)
    os.chdir(PROJECT_ROOT)
    return run_streamlit(str(APP), ["--server.port", str(args.port),
                                    "--server.address", args.address])


def _print_report(result, stream) -> None:
    counts = result.counts()
    layout = result.layout
    print(f"{pair('cli_file')}: {result.file_name}（{result.kind}, {result.encoding}"
          f"{', ' + result.sheet if result.sheet else ''}）", file=stream)
    print(f"{pair('cli_layout')}: {pair('cli_wide' if layout.shape == 'wide' else 'cli_long')}；"
          f"{pair('cli_unit_note')}: {layout.unit_note or '—'}；"
          f"{pair('cli_title_period')}: {layout.title_period or '—'}", file=stream)
    states = "，".join(f"{pair('cli_' + state)} {counts[state]}"
                      for state in ("new", "changed", "unchanged", "conflicting"))
    print(f"{states}；{pair('cli_skipped')} {result.resolution.skipped}；"
          f"{pair('cli_converted')} {result.resolution.converted}", file=stream)
    news = result.resolution
    for key, items in (("cli_new_indicators", news.new_indicators),
                       ("cli_new_areas", news.new_areas),
                       ("cli_new_industries", news.new_industries)):
        if items:
            print(f"{pair(key)}: " + join((i["name_zh"] for i in items.values()), "zh"), file=stream)


def run_import(args: argparse.Namespace) -> int:
    from xhdash.editors.publishing import (
        ImportOptions,
        StoreBusy,
        StoreChanged,
        preview_import,
        publish_import,
    )

    path = Path(args.file)
    if not path.is_file():
        print(f"{pair('cli_file_not_found')}: {path}", file=sys.stderr)
        return EXIT_INVALID
    options = ImportOptions(period=args.period, allow_new=args.allow_new, domain=args.domain,
                            convert_units=args.convert_units,
                            replace_conflicts=args.replace_conflicts, sheet=args.sheet,
                            editor=args.editor, source=args.source)
    data = path.read_bytes()
    from xhdash.editors import approval
    from xhdash.editors.auth import editors_file, provider_approvers

    # four eyes: a publish becomes a request an approver decides on the data page
    for_approval = approval.four_eyes_on(approval.approvers(editors_file())
                                         | provider_approvers(editors_file()))
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
        print(both("cli_store_changing"), file=sys.stderr)
        return EXIT_BUSY
    if preview.refused is not None:
        print(f"{pair('cli_refused')}: {preview.refused.reason_zh}\n  {preview.refused.reason_en}",
              file=sys.stderr)
        return EXIT_INVALID
    if not preview.ok:
        _print_errors(preview)
        return EXIT_INVALID
    _print_report(preview.result, sys.stdout)
    _print_derived(preview, sys.stdout)
    if args.dry_run:
        print(pair("cli_dry_run"))
    elif for_approval and preview.publishable:
        from xhdash.editors import audit

        request = approval.submit(data, path.name, options, args.editor, preview.summary(),
                                  args.store)
        audit.record("submit", args.editor, f"{request.file_name} — {request.summary}",
                     audit.replica_name("cli"), args.store)
        print(both("cli_submitted"))
    elif manifest is None:
        print(both("cli_nothing_new"))
    else:
        from xhdash.editors import audit

        audit.record("publish", manifest.editor, f"{manifest.version_id}: {manifest.file_name} — "
                     f"{manifest.summary}", audit.replica_name("cli"), args.store)
        print(f"{pair('cli_published_version')} {manifest.version_id}")
    return 0


def _print_derived(preview, stream) -> None:
    """What the publish does to derived figures: added, changed, removed, newly refused."""
    changes = preview.derived_changes
    if len(changes):
        counts = changes["state"].value_counts()
        print(f"{pair('cli_derived_figures')}: " + "，".join(
            f"{pair('cli_' + state)} {counts.get(state, 0)}" for state in ("added", "changed", "removed")),
            file=stream)
    for row in preview.new_refusals.itertuples():
        print(f"  {pair('cli_not_derived')}: {row.indicator_id} {row.period}：{row.reason_zh} / "
              f"{row.reason_en}", file=stream)
    for row in preview.failed_checks[preview.failed_checks["new"]].itertuples() \
            if len(preview.failed_checks) else ():
        print(f"  ✗ {pair('cli_check_failed')}: {row.name_zh} / {row.name_en}: {row.worked}",
              file=stream)


def _print_errors(preview) -> None:
    if preview.result is not None:
        _print_report(preview.result, sys.stderr)
    errors, count = preview.errors, preview.problem_count
    print(both("cli_not_imported", count=f"{count:,}"), file=sys.stderr)
    shown = [issue for issue in errors if issue.rule != "more_issues"][:ERRORS_SHOWN]
    for issue in shown:
        print(f"  - {issue.message('zh')}\n    {issue.message('en')}", file=sys.stderr)
    if count > len(shown):
        more = count - len(shown)
        print("  " + both("issues_more", more=f"{more:,}"), file=sys.stderr)


def run_versions(args: argparse.Namespace) -> int:
    """The versions on record (from the Delta log), the current one marked; exit 2 with the
    reason when the tables in force cannot be read (the list still shows what a rollback can
    go to)."""
    from xhdash.data.health import inspect_store
    from xhdash.data.versions import ensure_initialised, shown_time
    from xhdash.paths import store_setting

    ensure_initialised(store_setting(args.store))
    health = inspect_store(args.store, read_data=True)  # is the current version sound?
    print(f"{'':2}{pair('cli_version'):<14}{pair('cli_time'):<19}{pair('cli_action'):<14}"
          f"{pair('cli_editor'):<14}{pair('cli_rows'):>10}  {pair('cli_file')}")
    current = health.versions[-1].version_id if health.versions else None
    for manifest in health.versions:
        mark = "*" if manifest.version_id == current else " "
        action = manifest.action + (f" → {manifest.restored_from}"
                                    if manifest.restored_from is not None else "")
        print(f"{mark} {manifest.version_id:<14}{shown_time(manifest):<19}{action:<14}"
              f"{manifest.editor:<14}{manifest.rows.get('observations', 0):>10}  "
              f"{manifest.file_name}" + (f"  （{pair('cli_approved_by')} {manifest.approved_by}）"
                                         if manifest.approved_by else ""))
    if isinstance(health.problem, StoreLocationError):
        _print_store_problem(health.problem)
        return EXIT_INVALID
    if health.problem is not None:
        print(both("cli_current_unreadable", version=current), file=sys.stderr)
        _print_issues(health.problem)
        print(both("cli_rollback_hint"), file=sys.stderr)
        return EXIT_INVALID
    return 0


def run_rollback(args: argparse.Namespace) -> int:
    from xhdash.data.versions import ensure_initialised
    from xhdash.editors.publishing import StoreBusy, UnknownVersion, roll_back
    from xhdash.paths import store_setting

    ensure_initialised(store_setting(args.store))
    try:
        manifest = roll_back(args.version, args.editor, args.store)
    except UnknownVersion as unknown:  # DamagedVersion among them
        print(f"{unknown.message('zh')}\n{unknown.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    except StoreBusy as busy:
        print(str(busy), file=sys.stderr)
        return EXIT_BUSY
    from xhdash.editors import audit

    audit.record("rollback", args.editor, f"{manifest.restored_from} → {manifest.version_id}",
                 audit.replica_name("cli"), args.store)
    print(f"{pair('cli_rolled_back_to')} {manifest.restored_from}（{pair('cli_new_version')} "
          f"{manifest.version_id}）")
    return 0


def run_vacuum(args: argparse.Namespace) -> int:
    """Delete the files only versions older than the last N need (their time travel ends)."""
    from xhdash.data.versions import vacuum
    from xhdash.paths import store_setting

    if args.keep < 1:
        print(both("cli_keep_at_least_one"), file=sys.stderr)
        return EXIT_INVALID
    removed = vacuum(store_setting(args.store), args.keep)
    print(both("cli_vacuumed", files=sum(removed.values()), keep=args.keep))
    return 0


def run_migrate_store(args: argparse.Namespace) -> int:
    """An old-layout folder store (CURRENT + versions/) into Delta tables, every version in
    order with its history record."""
    from xhdash.data.migrate import migrate_store
    from xhdash.paths import store_setting

    manifests = migrate_store(store_setting(args.store))
    print(both("cli_migrated", count=len(manifests), version=manifests[-1].version_id))
    return 0


def run_sentences(args: argparse.Namespace) -> int:
    """The sentence of every indicator's latest figure, one line each: id<TAB>sentence."""
    from xhdash.data.store import load_store
    from xhdash.meaning.cards import sentence_lines

    store = load_store(_located(args))
    text = "\n".join(sentence_lines(store.observations, store.tables, args.lang)) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"{pair('cli_written_to')} {args.out}")
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
    from xhdash.editors.auth import add_editor, editors_file

    path = Path(args.file) if args.file else editors_file()
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass(
        f"{pair('cli_password')}: ")
    try:
        add_editor(path, args.name, password)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID
    print(f"{pair('cli_editor_added')}: {args.name} → {path}")
    return 0


def tools_missing(command: str) -> str | None:
    """What to install when a tool's dependencies (the `[tools]` extra) are absent, else None."""
    for name in ("playwright", "websockets"):
        if importlib.util.find_spec(name) is None:
            return both("cli_tools_missing", command=command, name=name)
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
    from xhdash.data.schema import OBSERVATIONS
    from xhdash.data.tables import check_table_files, read_parquet_tables, reading
    from xhdash.meaning.dimensions import unknown_filter_values
    from xhdash.meaning.filters import Filters, area_children
    from xhdash.output.export import to_csv_bytes
    from xhdash.output.scan import scan_observations

    where = _located(args)
    if missing := check_table_files(where):  # footers only: the scan below reads the data
        raise StoreError(missing)
    dims = read_parquet_tables(where, names=("domains", "sources", "areas", "industries",
                                             "indicators"))
    chosen = {d.attribute: tuple(getattr(args, d.attribute)) for d in DIMENSIONS}
    if unknown := unknown_filter_values(chosen, args.period_from, args.period_to, dims):
        print(f"{pair('cli_unknown_filter_values')}: " + "; ".join(unknown), file=sys.stderr)
        return EXIT_INVALID
    filters = Filters(period_from=args.period_from, period_to=args.period_to, **chosen)
    with reading(OBSERVATIONS):  # a damaged row group is found only as it is read
        rows = scan_observations(where, filters, dims["indicators"],
                                 area_children(dims["areas"]))
    Path(args.out).write_bytes(to_csv_bytes(rows.to_pandas()))
    print(f"{both('cli_exported', rows=rows.num_rows)} → {args.out}")
    return 0


def run_brief(args: argparse.Namespace) -> int:
    """A page's brief under the filters, as Word, PDF or plain-text Markdown (by the
    extension of --out), with progress lines."""
    from xhdash.data.store import load_store
    from xhdash.meaning.page_specs import PAGES
    from xhdash.output.brief import FORMATS, UnknownPage, brief_bytes, build_brief
    from xhdash.output.brief.choices import brief_filters, unknown_filter_values

    out = Path(args.out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        print(" / ".join(tr("cli_out_suffix", lang, formats=join(FORMATS, lang)) for lang in LANGS),
              file=sys.stderr)
        return EXIT_INVALID
    if args.page not in PAGES:
        error = UnknownPage(args.page)
        print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    store = load_store(_located(args))
    chosen = {d.attribute: tuple(getattr(args, d.attribute)) for d in DIMENSIONS}
    if unknown := unknown_filter_values(chosen, args.period_from, args.period_to, store.tables):
        print(f"{pair('cli_unknown_filter_values')}: " + "; ".join(unknown), file=sys.stderr)
        return EXIT_INVALID
    filters = brief_filters(chosen, args.period_from, args.period_to)
    brief = build_brief(store, args.page, filters, args.lang, images=fmt != "md",
                        progress=lambda fraction, message: print(f"[{fraction:4.0%}] {message}",
                                                                 flush=True))
    out.write_bytes(brief_bytes(brief, fmt))
    print(f"{tr('brief_written', args.lang)} → {out}")
    if brief.figures_total > len(brief.figures.rows):  # the full figures table beside it
        from xhdash.output.brief.build import figures_workbook

        table = out.with_name(f"{out.stem}-figures.xlsx")
        table.write_bytes(figures_workbook(store, args.page, filters, args.lang))
        print(f"{tr('brief_download_figures', args.lang)} → {table}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xhdash", description=pair("cli_description"))
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-data", help=tr("cli_help_build_data"))
    build.add_argument("--source", default=str(SOURCE_DIR))
    build.add_argument("--out", default=str(DATA_DIR))
    build.set_defaults(run=run_build_data)
    check = commands.add_parser("check", help=tr("cli_help_check"))
    check.add_argument("--store", default=None, help=tr("cli_help_check_store", env=STORE_ENV))
    as_of_help = tr("cli_help_as_of")
    check.add_argument("--as-of", default=None, help=as_of_help)
    check.set_defaults(run=run_check)
    store_help = tr("cli_help_store", env=STORE_ENV)
    editor = getpass.getuser()
    imp = commands.add_parser("import", help=tr("cli_help_import"))
    imp.add_argument("file")
    imp.add_argument("--sheet", default=None, help=tr("cli_help_sheet"))
    imp.add_argument("--period", default=None, help=tr("cli_help_period"))
    imp.add_argument("--dry-run", action="store_true", help=tr("cli_help_dry_run"))
    imp.add_argument("--allow-new", action="store_true", help=tr("cli_help_allow_new"))
    imp.add_argument("--domain", default=None, help=tr("cli_help_domain"))
    imp.add_argument("--convert-units", action="store_true", help=tr("cli_help_convert_units"))
    imp.add_argument("--replace-conflicts", action="store_true",
                     help=tr("cli_help_replace_conflicts"))
    imp.add_argument("--source", default=None, help=tr("cli_help_source"))
    imp.add_argument("--editor", default=editor)
    imp.add_argument("--store", default=None, help=store_help)
    imp.set_defaults(run=run_import)
    export = commands.add_parser(
        "export", help=tr("cli_help_export"))
    store_uri_help = tr("cli_help_store_uri", env=STORE_ENV)
    export.add_argument("--store", default=None, help=store_uri_help)
    for dimension in DIMENSIONS:  # the sidebar's filters, one flag each
        export.add_argument(dimension.cli_flag, dest=dimension.attribute, action="append",
                            default=[], help=tr("cli_help_filter", label=tr(dimension.label_key)))
    for flag, attribute in zip(PERIOD_RANGE.cli_flags, PERIOD_RANGE.attributes, strict=True):
        export.add_argument(flag, dest=attribute, default=None, help=tr("cli_help_period_code"))
    export.add_argument("--out", required=True)
    export.add_argument("--as-of", default=None, help=as_of_help)
    export.set_defaults(run=run_export)
    from xhdash.meaning.page_specs import PAGES

    brief = commands.add_parser("brief", help=tr("cli_help_brief"))
    brief.add_argument("--page", required=True, help=tr("cli_help_page", pages=join(PAGES, "zh")))
    for dimension in DIMENSIONS:  # the sidebar's filters, as `xhdash export` has them
        brief.add_argument(dimension.cli_flag, dest=dimension.attribute, action="append",
                           default=[], help=tr("cli_help_filter", label=tr(dimension.label_key)))
    for flag, attribute in zip(PERIOD_RANGE.cli_flags, PERIOD_RANGE.attributes, strict=True):
        brief.add_argument(flag, dest=attribute, default=None, help=tr("cli_help_period_code"))
    brief.add_argument("--lang", choices=("zh", "en"), default="zh")
    brief.add_argument("--store", default=None, help=store_uri_help)
    brief.add_argument("--out", required=True, help=tr("cli_help_brief_out"))
    brief.add_argument("--as-of", default=None, help=as_of_help)
    brief.set_defaults(run=run_brief)
    versions = commands.add_parser("versions", help=tr("cli_help_versions"))
    versions.add_argument("--store", default=None, help=store_help)
    versions.set_defaults(run=run_versions)
    back = commands.add_parser("rollback", help=tr("cli_help_rollback"))
    back.add_argument("version")
    back.add_argument("--editor", default=editor)
    back.add_argument("--store", default=None, help=store_help)
    back.set_defaults(run=run_rollback)
    vacuum = commands.add_parser("vacuum", help=tr("cli_help_vacuum"))
    vacuum.add_argument("--keep", type=int, required=True, help=tr("cli_help_keep"))
    vacuum.add_argument("--store", default=None, help=store_help)
    vacuum.set_defaults(run=run_vacuum)
    migrate = commands.add_parser("migrate-store", help=tr("cli_help_migrate"))
    migrate.add_argument("--store", default=None, help=store_help)
    migrate.set_defaults(run=run_migrate_store)
    sentences = commands.add_parser("sentences", help=tr("cli_help_sentences"))
    sentences.add_argument("--lang", choices=("zh", "en"), default="zh")
    sentences.add_argument("--out", default=None, help=tr("cli_help_sentences_out"))
    sentences.add_argument("--store", default=None, help=tr("cli_help_store_any_uri", env=STORE_ENV))
    sentences.add_argument("--as-of", default=None, help=as_of_help)
    sentences.set_defaults(run=run_sentences)
    add = commands.add_parser("add-editor", help=tr("cli_help_add_editor"))
    add.add_argument("name")
    add.add_argument("--file", default=None,
                     help=tr("cli_help_editors_file"))
    add.add_argument("--password-stdin", action="store_true")
    add.set_defaults(run=run_add_editor)
    bench = commands.add_parser("bench", help=tr("cli_help_bench"))
    bench.add_argument("--max-rows", type=int, default=None)
    bench.add_argument("--json", default=None)
    bench.set_defaults(run=run_bench)
    loadtest = commands.add_parser("loadtest", help=tr("cli_help_loadtest"))
    loadtest.add_argument("--sessions", type=int, required=True, help=tr("cli_help_sessions"))
    loadtest.add_argument("--url", default=None, help=tr("cli_help_url"))
    loadtest.add_argument("--minutes", type=float, default=None, help=tr("cli_help_minutes"))
    loadtest.add_argument("--store", default=None, help=tr("cli_help_store_started", env=STORE_ENV))
    loadtest.add_argument("--json", required=True)
    loadtest.add_argument("--think", type=float, default=2.0, help=tr("cli_help_think"))
    loadtest.add_argument("--ramp", type=float, default=15.0, help=tr("cli_help_ramp"))
    loadtest.add_argument("--settle", type=float, default=5.0, help=tr("cli_help_settle"))
    loadtest.add_argument("--pid", type=int, action="append", default=[],
                          help=tr("cli_help_pid"))
    loadtest.add_argument("--no-browser", action="store_true", help=tr("cli_help_no_browser"))
    loadtest.add_argument("--profile", default=None,
                          help=tr("cli_help_profile"))
    loadtest.set_defaults(run=run_loadtest)
    serve = commands.add_parser("serve", help=tr("cli_help_serve"))
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--address", default="127.0.0.1",
                       help=tr("cli_help_address"))
    serve.add_argument("--store", default=None)
    serve.set_defaults(run=run_serve)
    settings = commands.add_parser("settings", help=tr("cli_help_settings"))
    settings.add_argument("--lang", choices=("zh", "en"), default="zh")
    settings.add_argument("--markdown", action="store_true", help=tr("cli_help_markdown"))
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
        from xhdash.data.versions import UnknownVersion

        if not isinstance(error, UnknownVersion):
            raise
        print(f"{error.message('zh')}\n{error.message('en')}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:  # a file that cannot be read or written: a message, not a traceback
        print(both("cli_file_failed", sep="\n", error=error), file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
