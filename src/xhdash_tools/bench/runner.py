"""`xhdash bench`: every scale in its own process, then the browser check; JSON and a table."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xhdash.paths import STORE_ENV

SCALES = (10_000, 100_000, 1_000_000, 5_000_000, 10_000_000)
OPT_IN_ROWS = 10_000_000  # scales this large run only when --max-rows asks for them
SCALE_BUDGET_SECONDS = 300  # for each part
PARTS = ("app", "exports", "brief")
DELTA_SCALES = (1_000_000, 5_000_000)  # the Delta store's publish time and load ratio
BROWSER_REPEATS = 3
FLOOR_APP = 'import streamlit as st\nst.write("ok")\n'
PLOTLY_FLOOR_APP = ('import plotly.graph_objects as go\nimport streamlit as st\n'
                    'st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))\n')
TARGETS = {  # what the issue asks, for the table's last column
    "load_ratio": "≤1.5× at 1M", "delta_load_ratio": "≤1.5× at 1M",
    "page_rerun_ms": "≤100 ms shipped, ≤300 ms 1M, ≤1 s 5M",
    "csv_export_ratio": "≤2×", "xlsx_export_ratio": "≤1.5×",
    "peak_rss_mb": "≤700 MB at 1M, ≤1.5 GB at 5M, ≤3 GB at 10M (the app)",
    "brief": "overview brief (PDF) ≤10 s and ≤300 MB above the app at 5M",
    "browser_first_chart_ratio": "≤1.5× shipped, ≤2× 1M; ≤1.3× the one-chart page",
}


def _measure_scale_on(folder: Path) -> dict:
    """The scale measurements of one store, in two processes of their own: the app as a server
    runs it (its peak memory is the app's), then the loads and exports against bare pyarrow
    and xlsxwriter (timed in a process not holding the app's caches)."""
    result: dict = {}
    for part in PARTS:
        out = Path(tempfile.mkdtemp(prefix="xhdash-bench-")) / f"{part}.json"
        try:
            subprocess.run([sys.executable, "-m", "xhdash_tools.bench.scale", "--store", str(folder),
                            "--part", part, "--out", str(out)], check=True,
                           timeout=SCALE_BUDGET_SECONDS, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        except subprocess.TimeoutExpired:
            return {"error": f"over the {SCALE_BUDGET_SECONDS} s budget ({part})"}
        except subprocess.CalledProcessError as failed:
            return {"error": failed.stderr.decode(errors="replace")[-300:]}
        result.update(json.loads(out.read_text(encoding="utf-8")))
    return result


def _measure_delta_store(rows: int) -> dict:
    """Publish time and the load of a Delta store of `rows` rows, in a process of its own."""
    out = Path(tempfile.mkdtemp(prefix="xhdash-bench-")) / "delta.json"
    try:
        subprocess.run([sys.executable, "-m", "xhdash_tools.bench.delta_store", "--rows",
                        str(rows), "--out", str(out)], check=True,
                       timeout=SCALE_BUDGET_SECONDS * 2, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired:
        return {"rows": rows, "error": f"over the {SCALE_BUDGET_SECONDS * 2} s budget"}
    except subprocess.CalledProcessError as failed:
        return {"rows": rows, "error": failed.stderr.decode(errors="replace")[-300:]}
    return json.loads(out.read_text(encoding="utf-8"))


def _first_paint_seconds(url: str, selector: str) -> float:
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for _ in range(BROWSER_REPEATS + 1):  # the first visit warms the server
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector(selector, timeout=120_000)
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return statistics.median(times[1:])


def _app_paint(app: Path | None, selector: str, env: dict[str, str] | None = None) -> float:
    from xhdash_tools.bench.server import start_server, stop_server

    process, url = start_server(env, app=app)
    try:
        return _first_paint_seconds(f"{url}/", selector)
    finally:
        stop_server(process)


def _browser_ratios(store: Path | None) -> dict[str, float | None]:
    """First chart on the overview against the one-line page; and, for reference, the first
    chart of a page holding nothing but one small Plotly chart (the framework's own floor
    for a chart) against the same one-line page."""
    if not Path("/usr/bin/chromium").exists():
        return {"browser_first_chart_ratio": None, "browser_plotly_floor_ratio": None}
    chart = _app_paint(None, ".js-plotly-plot", {STORE_ENV: str(store)} if store else {})
    apps = Path(tempfile.mkdtemp(prefix="xhdash-bench-"))
    (apps / "floor.py").write_text(FLOOR_APP, encoding="utf-8")
    (apps / "plotly_floor.py").write_text(PLOTLY_FLOOR_APP, encoding="utf-8")
    floor = _app_paint(apps / "floor.py", "text=ok")
    plotly_floor = _app_paint(apps / "plotly_floor.py", ".js-plotly-plot")
    return {"browser_first_chart_ratio": round(chart / floor, 2),
            "browser_plotly_floor_ratio": round(plotly_floor / floor, 2)}


def run_bench(max_rows: int | None, json_path: Path | None) -> list[dict]:
    from xhdash.paths import DATA_DIR
    from xhdash_tools.bench.synthetic import write_synthetic_store

    started = time.perf_counter()
    print("… 随附数据 shipped data", flush=True)
    results = [{"scale": "shipped", **_measure_scale_on(DATA_DIR), **_browser_ratios(None)}]
    for rows in SCALES:
        if (max_rows is None and rows >= OPT_IN_ROWS) or (max_rows is not None and rows > max_rows):
            continue
        print(f"… {rows:,} 行合成数据 synthetic rows", flush=True)
        folder = Path(tempfile.mkdtemp(prefix="xhdash-bench-"))
        try:
            store = write_synthetic_store(folder / "store", rows)
            result = {"scale": "synthetic", "rows": rows, **_measure_scale_on(store)}
            if "error" not in result:
                result.update(_browser_ratios(store))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        results.append(result)
    print("… 首次启动 first start", flush=True)
    first_start = _measure_delta_store(0)  # rows 0: a fresh store made from data/ on first use
    delta = []
    for rows in DELTA_SCALES:
        if max_rows is None or rows <= max_rows:
            print(f"… Delta 存储 {rows:,} 行 Delta store rows", flush=True)
            delta.append(_measure_delta_store(rows))
    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                         f"{platform.python_version()}",
              "minutes": round((time.perf_counter() - started) / 60, 1), "scales": results,
              "delta_store": delta, "first_start": first_start}
    if json_path:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown_table(report))
    return results


def _label(result: dict) -> str:
    rows = f"{result['rows']:,}" if isinstance(result.get("rows"), int) else "?"
    return f"{rows} ({'shipped' if result.get('scale') == 'shipped' else 'synthetic'})"


def markdown_table(report: dict) -> str:
    minutes = f"; whole run {report['minutes']} min" if "minutes" in report else ""
    lines = [f"Machine: {report['machine']}{minutes}", "",
             "| rows | load ratio | page rerun median ms (max page) | filter rerun ms | "
             "CSV ratio | XLSX ratio | peak RSS MB app (with exports) | browser first chart "
             "ratio (one-chart page) | first chart ÷ one-chart page | overview brief s "
             "(MB above the app) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in report["scales"]:
        if "error" in r:
            lines.append(f"| {_label(r)} | {r['error']} | | | | | | | | |")
            continue
        pages = r["page_rerun_ms"]
        slowest = max(pages, key=pages.get)
        floor = r.get("browser_plotly_floor_ratio")
        first = r.get("browser_first_chart_ratio")
        over_floor = f"{first / floor:.2f}" if first and floor else ""
        exports = r.get("peak_rss_with_exports_mb")
        brief = (f"{r['brief_seconds']} ({r['brief_mb_above_app']})" if "brief_seconds" in r
                 else "")
        lines.append(
            f"| {_label(r)} | {r['load_ratio']} | {statistics.median(pages.values()):.0f} "
            f"({slowest} {pages[slowest]:.0f}) | "
            f"{max(r['filter_rerun_ms'].values()):.0f} | {r['csv_export_ratio']} | "
            f"{r['xlsx_export_ratio']} | {r['peak_rss_mb']:,}"
            f"{f' ({exports:,})' if exports else ''} | "
            f"{first}{f' ({floor})' if floor else ''} | {over_floor} | {brief} |")
    lines += delta_table_lines(report.get("delta_store", []))
    lines += first_start_lines(report.get("first_start"))
    lines += ["", "Targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()),
              "One-chart page: a page holding only one small Plotly chart, against the same "
              "one-line page: the framework's own floor for drawing a chart."]
    return "\n".join(lines)


def first_start_lines(first: dict | None) -> list[str]:
    """A fresh store's first start (version 0 made from data/) against a later start."""
    if not first:
        return []
    if "error" in first:
        return ["", f"First start: {first['error']}"]
    return ["", "| start on the shipped data | s |", "|---|---:|",
            f"| first (version 0 made from data/, then loaded) | {first['first_start_seconds']} |",
            f"| later (version 0 loaded) | {first['later_start_seconds']} |",
            f"| data/'s Parquet loaded directly (a fresh clone before) | "
            f"{first['folder_load_seconds']} |"]


def delta_table_lines(delta: list[dict]) -> list[str]:
    """The Delta store's table: publish seconds and the load against raw read_table."""
    if not delta:
        return []
    lines = ["", "| rows (synthetic) | first publish s | publish s (replacing) | load s | raw "
             "pyarrow.parquet.read_table s | load ratio |", "|---:|---:|---:|---:|---:|---:|"]
    for r in delta:
        if "error" in r:
            lines.append(f"| {r['rows']:,} | {r['error']} | | | | |")
            continue
        lines.append(f"| {r['rows']:,} | {r['publish_first_seconds']} | {r['publish_seconds']} | "
                     f"{r['delta_load_seconds']} | {r['delta_raw_read_seconds']} | "
                     f"{r['delta_load_ratio']} |")
    return lines
