"""Measure one scale in this process (run by the benchmark runner, one process per scale)."""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import xlsxwriter

from xhdash.data.schema import TABLES
from xhdash.data.store import load_store
from xhdash.meaning.views import present_observations
from xhdash.output.export import EXCEL_MAX_ROWS, to_csv_bytes, to_xlsx_bytes
from xhdash.paths import STORE_ENV
from xhdash_tools.bench.synthetic import write_synthetic_store

PAGES = ("pages/overview.py", "pages/zones.py", "pages/industry.py", "pages/livelihood.py",
         "pages/governance.py", "pages/explorer.py", "pages/about.py")
FILTER_PAGES = ("pages/explorer.py", "pages/livelihood.py")
FILTER_DOMAIN = "economy"
XLSX_REPEAT_ROWS = 20_000  # a larger Excel write takes seconds: measured once (after a warm-up)
COLD_RUN_SECONDS = 240  # the first run loads the store: 80-130 s at 5M on two shared cores


def _timed(function, repeats: int) -> float:
    """Median seconds of `repeats` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _paired(ours, bare, repeats: int, warm_up: bool = True) -> tuple[float, float]:
    """Median seconds of each, after one warm-up call of each, calls alternating so that both
    meet the same machine (file cache, other load)."""
    if warm_up:
        ours()
        bare()
    ours_times, bare_times = [], []
    for _ in range(repeats):
        for function, times in ((ours, ours_times), (bare, bare_times)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    return statistics.median(ours_times), statistics.median(bare_times)


def _raw_read(folder: Path) -> None:
    for spec in TABLES.values():
        pq.read_table(folder / spec.parquet_name)


def _bare_xlsx(frame) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, list(frame.columns))
    for number, row in enumerate(frame.itertuples(index=False), start=1):
        sheet.write_row(number, 0, ["" if v is None or v != v else v for v in row])
    workbook.close()
    return buffer.getvalue()


def _page_reruns(repeats: int) -> tuple[dict[str, float], dict[str, float]]:
    from streamlit.runtime.pages_manager import PagesManager

    from xhdash_tools.bench.apptest import new_app_test, server_like_pages_manager

    target, name, replacement = server_like_pages_manager()
    setattr(target, name, replacement)
    at = new_app_test()
    at.run(timeout=COLD_RUN_SECONDS)  # cold: loads the store into the cache
    pages, filtered = {}, {}
    for page in PAGES:
        at.switch_page(page)
        at.run()
        pages[page.removeprefix("pages/").removesuffix(".py")] = round(
            1000 * _timed(at.run, repeats), 1)
    for page in FILTER_PAGES:
        at.switch_page(page)
        at.run()
        widget = at.multiselect(key="f_domains")
        values = [[FILTER_DOMAIN], []]

        def change(widget=widget, values=values):
            widget.set_value(values[0])
            values.reverse()
            at.run()

        filtered[page.removeprefix("pages/").removesuffix(".py")] = round(
            1000 * _timed(change, repeats), 1)
    assert PagesManager  # imported for the patch above
    return pages, filtered


def _load_and_exports(folder: Path, load_repeats: int) -> dict:
    """Load ratio and export ratios; the frames are dropped on return."""
    load_seconds, raw_seconds = _paired(lambda: load_store(folder), lambda: _raw_read(folder),
                                        load_repeats)
    store = load_store(folder)
    economy = store.indicators.query("domain_id == @FILTER_DOMAIN")["indicator_id"]
    view = present_observations(store.observations[store.observations["indicator_id"].isin(
        economy)], store.tables, "zh")
    arrow_view = pa.Table.from_pandas(view, preserve_index=False)
    csv_seconds, bare_csv = _paired(lambda: to_csv_bytes(view),
                                    lambda: pacsv.write_csv(arrow_view, io.BytesIO()), 5)
    excel_view = view.head(EXCEL_MAX_ROWS - 1)
    xlsx_seconds, bare_xlsx = _paired(
        lambda: to_xlsx_bytes(excel_view, [], excel_view.iloc[0:0], excel_view.iloc[0:0], "zh"),
        lambda: _bare_xlsx(excel_view), *((1, False) if len(excel_view) > XLSX_REPEAT_ROWS
                                          else (3, True)))
    return {
        "rows": int(store.observations["status"].eq("reported").sum()),
        "load_seconds": round(load_seconds, 3), "raw_read_seconds": round(raw_seconds, 3),
        "load_ratio": round(load_seconds / raw_seconds, 1),
        "export_rows": len(view),
        "csv_export_ratio": round(csv_seconds / bare_csv, 1),
        "xlsx_export_ratio": round(xlsx_seconds / bare_xlsx, 1),
    }


def _peak_rss_mb() -> int:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def measure_app(folder: Path, repeats: int) -> dict:
    """The app as a server runs it: its store loaded by the app, every page and the filter
    reruns. This process's peak memory is the app's (`peak_rss_mb`)."""
    os.environ[STORE_ENV] = str(folder)
    pages, filtered = _page_reruns(repeats)
    return {"page_rerun_ms": pages, "filter_rerun_ms": filtered, "peak_rss_mb": _peak_rss_mb()}


def measure_exports(folder: Path) -> dict:
    """Loads and exports set against bare pyarrow and xlsxwriter, whose baselines hold extra
    copies of the data: this process's peak is `peak_rss_with_exports_mb`."""
    result = _load_and_exports(folder, 5)
    return {**result, "peak_rss_with_exports_mb": _peak_rss_mb()}


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure_brief(folder: Path) -> dict:
    """The overview's brief as PDF (charts drawn, the heaviest format) on the loaded store:
    seconds and the peak memory above the app's store held in memory, sampled as it runs."""
    import threading

    from xhdash.meaning.filters import Filters
    from xhdash.output.brief import brief_bytes, build_brief

    store = load_store(folder)
    build_brief(store, "livelihood", Filters(), "zh")  # warm: imports, the chart renderer
    base, peak, done = _rss_mb(), [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _rss_mb())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    brief = build_brief(store, "overview", Filters(), "zh")
    pdf = brief_bytes(brief, "pdf")
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return {"brief_seconds": round(seconds, 1), "brief_mb_above_app": round(peak[0] - base),
            "brief_pdf_kb": round(len(pdf) / 1024), "brief_rows_listed": len(brief.figures.rows),
            "brief_figures": brief.figures_total}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, help="generate a synthetic store of this many rows")
    parser.add_argument("--store", help="measure an existing store instead")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--part", choices=("app", "exports", "brief"), required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    folder = Path(args.store) if args.store else write_synthetic_store(
        Path(tempfile.mkdtemp(prefix="xhdash-bench-")) / "store", args.rows)
    measure = {"app": lambda: measure_app(folder, args.repeats),
               "exports": lambda: measure_exports(folder), "brief": lambda: measure_brief(folder)}
    result = measure[args.part]()
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
