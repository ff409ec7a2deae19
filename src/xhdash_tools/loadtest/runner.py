"""`xhdash loadtest`: a fresh server (or the one at --url), the first session's filter pick, the
browser's first chart alone, then N sessions with the browser alongside, then memory after.

All on one event loop: the sessions are tasks, the browser is Playwright's async API, the
memory sampler is a task. Bounded: at most MAX_SESSIONS sessions, loopback addresses only, and
either one journey per session or as many as fit in --minutes.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from xhdash_tools.loadtest import browser as chromium
from xhdash_tools.loadtest.journey import Record, filter_applied, pick_filter, run_journey
from xhdash_tools.loadtest.profile import start_profiler, stop_profiler, summarize_profile
from xhdash_tools.loadtest.protocol import Problem
from xhdash_tools.loadtest.report import build_report, describe_machine, format_table
from xhdash_tools.loadtest.server import start_logged_server, stop_server
from xhdash_tools.loadtest.server_process import (
    cpu_seconds,
    find_listening_pid,
    rss_mb,
    sample_peak_rss,
)
from xhdash_tools.loadtest.session import Session, SessionLost

MAX_SESSIONS = 100
MAX_MINUTES = 60
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class LoadOptions:
    sessions: int
    json_path: Path | None = None
    url: str | None = None
    minutes: float | None = None  # None: one journey per session
    store: str | None = None
    think_s: float = 2.0  # mean pause between a user's steps (0.5×–1.5×, seeded)
    ramp_s: float = 15.0  # the sessions' starts spread evenly over this time
    settle_s: float = 5.0  # after the last session closes, before memory is read
    pids: tuple[int, ...] = ()  # server processes to measure; default: the one listening
    browser: bool = True
    seed: int = 13
    profile: Path | None = None  # py-spy samples of the (first) server process during the load


def check_options(options: LoadOptions) -> str | None:
    """Why these options are refused, or None."""
    if not 1 <= options.sessions <= MAX_SESSIONS:
        return f"--sessions must be between 1 and {MAX_SESSIONS}"
    if options.minutes is not None and not 0 < options.minutes <= MAX_MINUTES:
        return f"--minutes must be above 0 and at most {MAX_MINUTES}"
    if options.url and urlsplit(options.url).hostname not in LOOPBACK_HOSTS:
        return "--url must be on this machine (127.0.0.1, localhost or ::1)"
    if min(options.think_s, options.ramp_s, options.settle_s) < 0:
        return "--think, --ramp and --settle cannot be negative"
    if options.url and options.store:
        return "--store names the store of a server the harness starts; not with --url"
    return None


async def probe_first_pick(url: str, record: Record) -> bool:
    """The first session on a fresh server picks a domain: is the pick applied at once?"""
    session = Session(url)
    try:
        opened = await session.open("/")
        record.add_problems("probe", "overview", opened.problems)
        picked = await pick_filter(session, random.Random(0))
        record.add_problems("probe", "filter", picked.problems)
        applied = filter_applied(picked.query_string)
        if not applied:
            record.add_error("probe", "filter", Problem(
                "filter_not_applied", "a fresh server's first session lost its first pick"))
        return applied
    except SessionLost as lost:
        record.add_error("probe", "overview", Problem("disconnect", str(lost)))
        return False
    finally:
        await session.close()


async def drive_session(index: int, options: LoadOptions, url: str, record: Record,
                        deadline: float | None) -> None:
    """One user: starts at its place in the ramp, then journeys until done or lost."""
    rng = random.Random(options.seed * 1000 + index)
    await asyncio.sleep(options.ramp_s * index / options.sessions)
    journey = 0
    while True:
        journey += 1
        kept = await run_journey(url, record, rng, options.think_s, f"s{index}.{journey}")
        if not kept or deadline is None or time.monotonic() >= deadline:
            return


async def run_load(options: LoadOptions, url: str, record: Record, pids: list[int],
                   browser) -> dict:
    """The sessions, the browser alongside, memory sampled; CPU over the load."""
    measured: dict = {"rss_start_mb": rss_mb(pids) if pids else None}
    cpu_before, harness_before = cpu_seconds(pids), time.process_time()
    started = time.monotonic()
    deadline = started + options.minutes * 60 if options.minutes else None
    sampling, load_done = asyncio.Event(), asyncio.Event()
    peak = asyncio.create_task(sample_peak_rss(pids, sampling))
    profiler = start_profiler(pids[0], options.profile) if options.profile and pids else None
    visits = (asyncio.create_task(chromium.first_chart_under_load(browser, f"{url}/", load_done))
              if browser else None)
    await asyncio.gather(*(drive_session(i, options, url, record, deadline)
                           for i in range(options.sessions)))
    load_done.set()
    measured["first_chart_under_load_s"] = await visits if visits else []
    measured["load_seconds"] = round(time.monotonic() - started, 1)
    measured["server_cpu_s"] = cpu_seconds(pids) - cpu_before if pids else None
    measured["harness_cpu_s"] = time.process_time() - harness_before
    if profiler is not None:
        await asyncio.to_thread(stop_profiler, profiler)
        measured["profile"] = {"file": str(options.profile), "pid": pids[0],
                               **summarize_profile(options.profile)}
    elif options.profile:
        measured["profile"] = {"file": None, "error": "py-spy not found (pip install py-spy)"
                               if pids else "no server process to sample"}
    await asyncio.sleep(options.settle_s)
    measured["rss_after_close_mb"] = rss_mb(pids) if pids else None
    sampling.set()
    measured["rss_peak_mb"] = max(await peak, measured["rss_start_mb"]) if pids else None
    return measured


async def measure(options: LoadOptions, url: str, pids: list[int], fresh: bool) -> dict:
    record = Record()
    measured: dict = {"sessions": options.sessions, "url": url, "pids": pids,
                      "server": "started by the harness" if fresh else "given",
                      "minutes": options.minutes, "think_s": options.think_s,
                      "ramp_s": options.ramp_s, "settle_s": options.settle_s,
                      "machine": describe_machine(), "single_session_first_chart_s": None}
    measured["fresh_server_first_pick_applied"] = (
        await probe_first_pick(url, record) if fresh else None)
    if options.browser and chromium.chromium_available():
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium.CHROMIUM,
                                                       args=chromium.LAUNCH_ARGS)
            alone, visit_cpu = await chromium.first_chart_alone(
                browser, f"{url}/", lambda: cpu_seconds(pids))
            measured["single_session_first_chart_s"] = alone
            measured["browser_visit_cpu_s"] = visit_cpu if pids else None
            measured.update(await run_load(options, url, record, pids, browser))
            await browser.close()
    else:
        measured.update(await run_load(options, url, record, pids, None))
    return build_report(record, measured)


def run_loadtest(options: LoadOptions) -> dict:
    """Run the whole test; print the table; write the JSON when asked."""
    process, log = None, None
    url = (options.url or "").rstrip("/")
    if not url:
        process, url, log = start_logged_server(options.store)
    try:
        pids = list(options.pids) or ([process.pid] if process else [])
        if not pids:
            found = find_listening_pid(urlsplit(url).port or 80)
            pids = [found] if found else []
        report = asyncio.run(measure(options, url, pids, fresh=process is not None))
        report["server_log"] = str(log) if log else None
    finally:
        if process is not None:
            stop_server(process)
    if options.json_path:
        options.json_path.write_text(json.dumps(report, ensure_ascii=False, indent=1),
                                     encoding="utf-8")
    print(format_table(report))
    return report
