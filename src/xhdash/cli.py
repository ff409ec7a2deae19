"""The `xhdash` command: build-data, check, serve."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from xhdash.paths import DATA_DIR, PROJECT_ROOT, SOURCE_DIR, STORE_ENV, resolve_data_dir
from xhdash.validate import StoreError

EXIT_INVALID = 2


def _print_issues(error: StoreError, limit: int = 50) -> None:
    print(f"数据未通过校验，共 {len(error.issues)} 处问题 / "
          f"{len(error.issues)} problem(s) found:", file=sys.stderr)
    for issue in error.issues[:limit]:
        print(f"  - {issue.message('zh')}\n    {issue.message('en')}", file=sys.stderr)
    if len(error.issues) > limit:
        print(f"  … 其余 {len(error.issues) - limit} 处未列出 / {len(error.issues) - limit} more",
              file=sys.stderr)


def run_build_data(args: argparse.Namespace) -> int:
    from xhdash.tables import build_data

    counts = build_data(Path(args.source), Path(args.out))
    for name, count in counts.items():
        print(f"{name:<14}{count:>6} 行 rows")
    print(f"已写入 written to {args.out}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from xhdash.store import load_store
    from xhdash.summary import summarize_store, uncovered_domains

    store = load_store(resolve_data_dir(args.store))
    summary = summarize_store(store)
    print(f"数据版本 store version: {store.version}\n")
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
    env_args = [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"),
                "--server.port", str(args.port)]
    if args.store:
        import os

        os.environ[STORE_ENV] = str(args.store)
    return subprocess.call(env_args, cwd=PROJECT_ROOT)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xhdash", description="徐汇区统计数据看板 Xuhui dashboard")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build-data", help="由 data/source/*.csv 生成 Parquet")
    build.add_argument("--source", default=str(SOURCE_DIR))
    build.add_argument("--out", default=str(DATA_DIR))
    build.set_defaults(run=run_build_data)
    check = commands.add_parser("check", help="校验数据并打印摘要")
    check.add_argument("--store", default=None, help=f"数据目录（默认 ${STORE_ENV} 或 data/）")
    check.set_defaults(run=run_check)
    serve = commands.add_parser("serve", help="启动看板")
    serve.add_argument("--port", type=int, default=8501)
    serve.add_argument("--store", default=None)
    serve.set_defaults(run=run_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except StoreError as error:
        _print_issues(error)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
