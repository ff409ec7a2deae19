"""The load harness: its protocol pieces, its figures, and a short run against a fresh server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element

from xhdash_tools.loadtest.http import cookie_header, take_cookies
from xhdash_tools.loadtest.journey import Record, filter_applied
from xhdash_tools.loadtest.profile import summarize_profile
from xhdash_tools.loadtest.protocol import (
    build_file_request,
    build_rerun,
    build_string_array_state,
    find_element,
    find_problem,
)
from xhdash_tools.loadtest.report import REQUIRED_KEYS, build_report, format_table, percentile
from xhdash_tools.loadtest.runner import LoadOptions, check_options

CHROMIUM = Path("/usr/bin/chromium")


class TestPercentile:
    @pytest.mark.parametrize(("values", "fraction", "expected"), [
        ([], 0.95, None),
        ([3.0], 0.95, 3.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 0.5, 3.0),
        ([1.0, 2.0], 0.5, 1.5),
        ([5.0, 1.0, 4.0, 2.0, 3.0], 1.0, 5.0),
    ])
    def test_interpolates_between_ranks(self, values, fraction, expected):
        assert percentile(values, fraction) == expected


class TestFilterApplied:
    @pytest.mark.parametrize(("query", "applied"), [
        ("domain=economy", True), ("lang=en&domain=economy", True), ("", False),
        ("subdomain=x", False), ("lang=en", False),
    ])
    def test_reads_the_domain_parameter(self, query, applied):
        assert filter_applied(query) is applied


class TestCookies:
    def test_keeps_name_and_value_of_each_set_cookie(self):
        cookies = {"old": "1"}
        take_cookies(["xhdash_route=abc; Path=/; HttpOnly", "_streamlit_xsrf=2|x|y|z; Path=/"],
                     cookies)
        assert cookies == {"old": "1", "xhdash_route": "abc", "_streamlit_xsrf": "2|x|y|z"}
        assert cookie_header(cookies) == "old=1; xhdash_route=abc; _streamlit_xsrf=2|x|y|z"


class TestBuildRerun:
    def test_carries_the_client_state_a_browser_sends(self):
        state = build_string_array_state("$$ID-abc-f_domains", ["经济运行"])
        message = BackMsg()
        message.ParseFromString(build_rerun(
            query_string="domain=economy", page_script_hash="h1", page_name="zones",
            widgets=[state], cached_hashes=["c1"], url="http://127.0.0.1:1/zones"))
        rerun = message.rerun_script
        assert (rerun.query_string, rerun.page_script_hash, rerun.page_name) == (
            "domain=economy", "h1", "zones")
        assert list(rerun.widget_states.widgets[0].string_array_value.data) == ["经济运行"]
        assert list(rerun.cached_message_hashes) == ["c1"]
        assert rerun.context_info.locale == "zh-CN"


class TestBuildFileRequest:
    def test_names_the_session_and_the_file(self):
        request_id, data = build_file_request("session-1", "file-9")
        message = BackMsg()
        message.ParseFromString(data)
        request = message.backend_operation_request
        assert (request.request_id, request.session_id, request.deferred_file.file_id) == (
            request_id, "session-1", "file-9")


class TestFindProblem:
    def test_exception_box_and_error_alert_are_problems_a_warning_is_not(self):
        boom, error, warning = Element(), Element(), Element()
        boom.exception.type, boom.exception.message = "KeyError", "'gdp'"
        error.alert.body, error.alert.format = "页面出错", 1
        warning.alert.body, warning.alert.format = "未知参数", 2
        assert find_problem(boom).kind == "exception"
        assert find_problem(error).kind == "error_message"
        assert find_problem(warning) is None


class TestFindElement:
    def test_matches_the_key_at_the_end_of_the_widget_id(self):
        domains, areas = Element(), Element()
        domains.multiselect.id = "$$ID-07c1-f_domains"
        areas.multiselect.id = "$$ID-8899-f_areas"
        assert find_element([areas, domains], "multiselect", "f_domains") is domains
        assert find_element([areas], "multiselect", "f_domains") is None


class TestCheckOptions:
    @pytest.mark.parametrize(("options", "refused"), [
        (LoadOptions(sessions=30), False),
        (LoadOptions(sessions=0), True),
        (LoadOptions(sessions=101), True),
        (LoadOptions(sessions=2, minutes=0), True),
        (LoadOptions(sessions=2, url="http://127.0.0.1:8501"), False),
        (LoadOptions(sessions=2, url="http://example.org"), True),
        (LoadOptions(sessions=2, url="http://127.0.0.1:8501", store="/srv/store"), True),
    ])
    def test_bounds_sessions_time_and_address(self, options, refused):
        assert (check_options(options) is not None) is refused


class TestBuildReport:
    def test_every_figure_and_the_targets(self):
        record = Record(new_session_s=[1.0, 3.0], page_change_s=[0.1, 0.2, 0.3],
                        filter_change_s=[0.2], journeys=2, downloads=2, csv_bytes=[10, 10])
        measured = {"sessions": 2, "url": "http://127.0.0.1:1", "server": "given", "pids": [1],
                    "minutes": None, "think_s": 0, "ramp_s": 0, "settle_s": 0,
                    "load_seconds": 9.0, "machine": {"cores": 2, "python": "3.11",
                                                     "platform": "Linux",
                                                     "load_average_before": [0, 0, 0]},
                    "server_cpu_s": 1.6, "harness_cpu_s": 0.1, "browser_visit_cpu_s": 0.3,
                    "first_chart_under_load_s": [2.0], "single_session_first_chart_s": 1.0,
                    "rss_start_mb": 200.0, "rss_peak_mb": 260.0, "rss_after_close_mb": 240.0}
        report = build_report(record, measured)
        assert set(REQUIRED_KEYS) <= set(report)
        assert report["cpu_s_per_journey"] == 0.65  # the browser's visit taken out
        assert report["cpu_s_per_journey_with_browser"] == 0.8
        assert report["first_chart_ratio"] == 2.0
        assert report["targets"]["cpu_s_per_journey"]["met"] is False
        assert report["targets"]["rss_after_close_mb"]["met"] is True
        assert "| CPU-s per journey (server) | 0.65" in format_table(report)


class TestSummarizeProfile:
    def test_shares_of_the_named_costs_and_of_own_time(self, tmp_path):
        run = ("Thread.run (threading.py:971);ScriptRunner._run_script (streamlit/runtime/"
               "scriptrunner/script_runner.py:600)")
        stacks = tmp_path / "profile.txt"
        stacks.write_text(
            f"{run};exec_func_with_error_handling (streamlit/runtime/scriptrunner/exec_code.py:83);"
            "CachedFunc._handle_cache_miss (streamlit/runtime/caching/cache_utils.py:839) 3\n"
            f"{run};ScriptRunner._on_script_finished (streamlit/runtime/scriptrunner/"
            "script_runner.py:1006) 5\n"
            f"{run};exec_func_with_error_handling (streamlit/runtime/scriptrunner/exec_code.py:83)"
            " 2\n", encoding="utf-8")
        summary = summarize_profile(stacks)
        assert summary["samples"] == 10
        assert summary["costs"]["full GC after every run (runner.postScriptGC)"] == 0.5
        assert summary["costs"]["page script (app.py and the page)"] == 0.5
        assert summary["costs"]["cached page figures computed (cache misses)"] == 0.3
        assert summary["own_time"][0] == {"function": "_on_script_finished (script_runner.py)",
                                          "share": 0.5}


@pytest.mark.browser
def test_a_short_run_against_a_fresh_server(tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"the load test's browser session needs Debian's Chromium at {CHROMIUM}")
    out = tmp_path / "load.json"
    # Its own process, as an operator runs it (and free of any event loop a browser test
    # left running in this one).
    done = subprocess.run(
        [str(Path(sys.executable).with_name("xhdash")), "loadtest", "--sessions", "2",
         "--json", str(out), "--think", "0.2", "--ramp", "1", "--settle", "1"],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(REQUIRED_KEYS) <= set(report)
    assert report["errors"] == []
    assert report["sessions"] == 2 and report["journeys_completed"] == 2
    assert report["csv_downloads"] == 2 and min(report["csv_bytes"]) > 100
    assert report["fresh_server_first_pick_applied"] is True
    assert report["page_change_p50_s"] > 0 and report["new_session_p95_s"] > 0
    assert report["single_session_first_chart_s"] > 0 and report["first_chart_p95_s"] > 0
    assert report["cpu_s_per_journey"] > 0
    assert 0 < report["rss_start_mb"] <= report["rss_peak_mb"]
    assert report["machine"]["cores"] >= 1
    assert "| errors | 0 |" in done.stdout
