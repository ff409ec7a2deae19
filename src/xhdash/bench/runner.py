"""`xhdash bench`: every scale in its own process, then the browser check; JSON and a table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xhdash.paths import STORE_ENV

SCALES = (10_000, 100_000, 1_000_000, 5_000_000)
SCALE_BUDGET_SECONDS = 300
BROWSER_REPEATS = 3
FLOOR_APP = 'import streamlit as st\nst.write("ok")\n'
TARGETS = {  # what the issue asks, for the table's last column
    "load_ratio": "≤1.5× at 1M", "page_rerun_ms": "≤100 ms shipped, ≤300 ms 1M, ≤1 s 5M",
    "csv_export_ratio": "≤2×", "xlsx_export_ratio": "≤1.5×", "peak_rss_mb": "≤1 GB at 1M",
    "browser_first_chart_ratio": "≤1.5× shipped, ≤2× 1M",
}


def _measure_scale(rows: int) -> dict:
    out = Path(tempfile.mkdtemp(prefix="xhdash-bench-")) / "scale.json"
    try:
        subprocess.run([sys.executable, "-m", "xhdash.bench.scale", "--rows", str(rows),
                        "--out", str(out)], check=True, timeout=SCALE_BUDGET_SECONDS,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except subprocess.TimeoutExpired:
        return {"rows": rows, "error": f"over the {SCALE_BUDGET_SECONDS} s budget"}
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


def _browser_ratio(store: Path | None) -> float | None:
    from xhdash.bench.server import start_server, stop_server

    if not Path("/usr/bin/chromium").exists():
        return None
    env = {STORE_ENV: str(store)} if store else {}
    process, url = start_server(env)
    try:
        chart = _first_paint_seconds(f"{url}/", ".js-plotly-plot")
    finally:
        stop_server(process)
    floor_file = Path(tempfile.mkdtemp()) / "floor.py"
    floor_file.write_text(FLOOR_APP, encoding="utf-8")
    floor_process, floor_url = start_server(app=floor_file)
    try:
        floor = _first_paint_seconds(f"{floor_url}/", "text=ok")
    finally:
        stop_server(floor_process)
    return round(chart / floor, 2)


def run_bench(max_rows: int | None, json_path: Path | None) -> list[dict]:
    from xhdash.bench.synthetic import write_synthetic_store

    results = []
    shipped = _measure_shipped()
    results.append(shipped)
    for rows in SCALES:
        if max_rows is not None and rows > max_rows:
            continue
        print(f"… {rows:,} 行 rows", flush=True)
        result = _measure_scale(rows)
        if "error" not in result:
            store = write_synthetic_store(Path(tempfile.mkdtemp()) / "store", rows)
            result["browser_first_chart_ratio"] = _browser_ratio(store)
        results.append(result)
    report = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
                         f"{platform.python_version()}", "scales": results}
    if json_path:
        json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(markdown_table(report))
    return results


def _measure_shipped() -> dict:
    print("… 随附数据 shipped data", flush=True)
    from xhdash.paths import DATA_DIR

    result = _measure_scale_on(DATA_DIR)
    result["browser_first_chart_ratio"] = _browser_ratio(None)
    return result


def _measure_scale_on(folder: Path) -> dict:
    out = Path(tempfile.mkdtemp(prefix="xhdash-bench-")) / "scale.json"
    subprocess.run([sys.executable, "-m", "xhdash.bench.scale", "--store", str(folder),
                    "--out", str(out)], check=True, timeout=SCALE_BUDGET_SECONDS,
                   stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def markdown_table(report: dict) -> str:
    lines = [f"Machine: {report['machine']}", "",
             "| rows | load ratio | page rerun median ms (max page) | filter rerun ms | "
             "CSV ratio | XLSX ratio | peak RSS MB | browser first chart ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in report["scales"]:
        if "error" in r:
            lines.append(f"| {r['rows']:,} | {r['error']} | | | | | | |")
            continue
        pages = r["page_rerun_ms"]
        slowest = max(pages, key=pages.get)
        lines.append(
            f"| {r['rows']:,} | {r['load_ratio']} | {statistics.median(pages.values()):.0f} "
            f"({slowest} {pages[slowest]:.0f}) | "
            f"{max(r['filter_rerun_ms'].values()):.0f} | {r['csv_export_ratio']} | "
            f"{r['xlsx_export_ratio']} | {r['peak_rss_mb']} | "
            f"{r.get('browser_first_chart_ratio')} |")
    lines += ["", "Targets: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items())]
    return "\n".join(lines)
