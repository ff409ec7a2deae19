"""The load test's figures: percentiles, the targets of issue 13, the JSON and the table."""

from __future__ import annotations

import os
import platform
from collections import Counter

from xhdash_tools.loadtest.journey import Record

TARGET_SESSIONS = 30
TARGETS = {  # figure -> (what issue 13 asks, test of the report)
    "errors": ("none", lambda r: not r["errors"]),
    "page_change_p95_s": ("≤ 2 s at 30 sessions", lambda r: _at_most(r["page_change_p95_s"], 2.0)),
    "new_session_p95_s": ("≤ 4 s at 30 sessions", lambda r: _at_most(r["new_session_p95_s"], 4.0)),
    "cpu_s_per_journey": ("≤ 0.5 CPU-s", lambda r: _at_most(r["cpu_s_per_journey"], 0.5)),
    "first_chart_p95_s": ("≤ 3× alone", lambda r: _at_most(r["first_chart_ratio"], 3.0)),
    "rss_after_close_mb": ("≤ start + 50 MB", lambda r: _at_most(
        _difference(r["rss_after_close_mb"], r["rss_start_mb"]), 50.0)),
}
REQUIRED_KEYS = ("sessions", "errors", "page_change_p50_s", "page_change_p95_s",
                 "new_session_p95_s", "cpu_s_per_journey", "first_chart_p95_s",
                 "single_session_first_chart_s", "rss_start_mb", "rss_peak_mb",
                 "rss_after_close_mb", "machine")


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _difference(value: float | None, base: float | None) -> float | None:
    return None if value is None or base is None else value - base


def percentile(values: list[float], fraction: float) -> float | None:
    """The `fraction` quantile by linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def describe_machine() -> dict:
    return {"cores": os.cpu_count(), "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "load_average_before": [round(x, 2) for x in os.getloadavg()]}


def build_report(record: Record, measured: dict) -> dict:
    """The JSON report from the sessions' record and the run's own measurements."""
    journeys = record.journeys
    alone = measured.get("single_session_first_chart_s")
    under_load = measured.get("first_chart_under_load_s") or []
    chart_p95 = percentile(under_load, 0.95)
    # The browser's visits under load are served by the same processes: their CPU, as one
    # visit cost alone, is taken out of the journeys' share (both figures are reported).
    visit_cpu = measured.get("browser_visit_cpu_s") or 0.0
    server_cpu = measured["server_cpu_s"]
    journeys_cpu = (None if server_cpu is None
                    else max(server_cpu - visit_cpu * len(under_load), 0.0))
    report = {
        "sessions": measured["sessions"],
        "journeys_completed": journeys,
        "errors": record.errors,
        "error_counts": dict(Counter(error["kind"] for error in record.errors)),
        "page_change_p50_s": rounded(percentile(record.page_change_s, 0.5)),
        "page_change_p95_s": rounded(percentile(record.page_change_s, 0.95)),
        "page_change_max_s": rounded(max(record.page_change_s, default=None)),
        "filter_change_p95_s": rounded(percentile(record.filter_change_s, 0.95)),
        "new_session_p50_s": rounded(percentile(record.new_session_s, 0.5)),
        "new_session_p95_s": rounded(percentile(record.new_session_s, 0.95)),
        "cpu_s_per_journey": rounded(journeys_cpu / journeys
                                     if journeys and journeys_cpu is not None else None),
        "cpu_s_per_journey_with_browser": rounded(
            server_cpu / journeys if journeys and server_cpu is not None else None),
        "server_cpu_s": rounded(server_cpu, 2),
        "browser_visit_cpu_s": rounded(measured.get("browser_visit_cpu_s")),
        "harness_cpu_s": rounded(measured["harness_cpu_s"], 2),
        "first_chart_p95_s": rounded(chart_p95),
        "first_chart_under_load_s": [rounded(x) for x in under_load],
        "single_session_first_chart_s": rounded(alone),
        "first_chart_ratio": rounded(chart_p95 / alone if chart_p95 and alone else None, 2),
        "rss_start_mb": rounded(measured.get("rss_start_mb"), 1),
        "rss_peak_mb": rounded(measured.get("rss_peak_mb"), 1),
        "rss_after_close_mb": rounded(measured.get("rss_after_close_mb"), 1),
        "csv_downloads": record.downloads,
        "csv_bytes": sorted(set(record.csv_bytes)),
        "fresh_server_first_pick_applied": measured.get("fresh_server_first_pick_applied"),
        **{key: measured[key] for key in ("url", "server", "pids", "minutes", "think_s",
                                          "ramp_s", "settle_s", "load_seconds")},
        "machine": measured["machine"],
        "profile": measured.get("profile"),
    }
    report["targets"] = {name: {"target": target, "met": check(report)}
                         for name, (target, check) in TARGETS.items()}
    return report


def _show(value) -> str:
    return "—" if value is None else str(value)


def format_table(report: dict) -> str:
    """The figures for a reader: one line each, with the target and whether it is met."""
    machine = report["machine"]
    targets = report["targets"]
    kinds = ", ".join(f"{kind} {count}" for kind, count in report["error_counts"].items())
    rows = [
        ("errors", f"{len(report['errors'])}" + (f" ({kinds})" if kinds else "")),
        ("page change p50 / p95 / max s", f"{_show(report['page_change_p50_s'])} / "
         f"{_show(report['page_change_p95_s'])} / {_show(report['page_change_max_s'])}"),
        ("filter change p95 s", _show(report["filter_change_p95_s"])),
        ("new session p50 / p95 s",
         f"{_show(report['new_session_p50_s'])} / {_show(report['new_session_p95_s'])}"),
        ("CPU-s per journey (server)", f"{_show(report['cpu_s_per_journey'])} "
         f"({report['server_cpu_s']} s over {report['journeys_completed']} journeys and "
         f"{len(report['first_chart_under_load_s'])} browser visits of "
         f"{_show(report['browser_visit_cpu_s'])} s each; harness {report['harness_cpu_s']} s)"),
        ("first chart p95 under load s", f"{_show(report['first_chart_p95_s'])} "
         f"({len(report['first_chart_under_load_s'])} visits; ratio "
         f"{_show(report['first_chart_ratio'])})"),
        ("first chart alone s", _show(report["single_session_first_chart_s"])),
        ("RSS start / peak / after close MB", f"{_show(report['rss_start_mb'])} / "
         f"{_show(report['rss_peak_mb'])} / {_show(report['rss_after_close_mb'])} "
         f"(after {report['settle_s']} s)"),
        ("CSV downloads", f"{report['csv_downloads']} (bytes {report['csv_bytes']})"),
        ("fresh server's first filter pick applied",
         _show(report["fresh_server_first_pick_applied"])),
    ]
    target_of = {"errors": "errors", "page change p50 / p95 / max s": "page_change_p95_s",
                 "new session p50 / p95 s": "new_session_p95_s",
                 "CPU-s per journey (server)": "cpu_s_per_journey",
                 "first chart p95 under load s": "first_chart_p95_s",
                 "RSS start / peak / after close MB": "rss_after_close_mb"}
    lines = [f"Load test: {report['sessions']} sessions against {report['url']} "
             f"({report['server']}), {report['load_seconds']} s of load, think "
             f"{report['think_s']} s, ramp {report['ramp_s']} s",
             f"Machine: {machine['platform']}, {machine['cores']} cores, Python "
             f"{machine['python']}, load average before {machine['load_average_before']}", "",
             "| figure | value | target | met |", "|---|---|---|---|"]
    for label, value in rows:
        name = target_of.get(label)
        target = targets[name] if name else None
        met = {True: "yes", False: "**no**", None: "—"}[target["met"]] if target else ""
        lines.append(f"| {label} | {value} | {target['target'] if target else ''} | {met} |")
    profile = report.get("profile") or {}
    if profile.get("costs"):
        lines += ["", f"Server profile (py-spy, {profile['samples']} samples of process "
                  f"{profile['pid']}; shares overlap):"]
        lines += [f"- {share:.0%} {name}" for name, share in profile["costs"].items()]
    elif profile.get("error"):
        lines += ["", f"Server profile: {profile['error']}"]
    for error in report["errors"][:20]:
        lines.append(f"- {error['kind']} ({error['session']}, {error['step']}): {error['detail']}")
    if len(report["errors"]) > 20:
        lines.append(f"- … {len(report['errors']) - 20} more in the JSON")
    return "\n".join(lines)
