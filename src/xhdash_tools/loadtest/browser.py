"""The one real browser in a load test: Chromium timing the overview's first chart.

As in `xhdash bench`, each visit is a new page in a new browser context (a visitor with an
empty cache), timed from navigation until the first Plotly chart is visible.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHART_SELECTOR = ".js-plotly-plot"
VISIT_TIMEOUT_MS = 120_000
ALONE_REPEATS = 3
PAUSE_UNDER_LOAD_S = 1.0


def chromium_available() -> bool:
    return Path(CHROMIUM).exists()


async def time_first_chart(browser, url: str) -> float:
    """Seconds from navigating to `url` until its first chart is visible."""
    page = await browser.new_page(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=VISIT_TIMEOUT_MS)
        await page.wait_for_selector(CHART_SELECTOR, state="visible", timeout=VISIT_TIMEOUT_MS)
        return time.perf_counter() - started
    finally:
        await page.context.close()


async def first_chart_alone(browser, url: str, server_cpu: Callable[[], float],
                            repeats: int = ALONE_REPEATS) -> tuple[float, float]:
    """With nothing else running: the median of `repeats` visits after one warm-up visit, and
    the server's CPU seconds per visit (`server_cpu` reads its CPU time)."""
    await time_first_chart(browser, url)
    cpu_before = server_cpu()
    times = [await time_first_chart(browser, url) for _ in range(repeats)]
    return statistics.median(times), (server_cpu() - cpu_before) / repeats


async def first_chart_under_load(browser, url: str, stop: asyncio.Event) -> list[float]:
    """Visit after visit until `stop` is set (at least one visit)."""
    times = []
    while True:
        times.append(await time_first_chart(browser, url))
        if stop.is_set():
            return times
        try:
            await asyncio.wait_for(stop.wait(), PAUSE_UNDER_LOAD_S)
        except TimeoutError:
            pass
