"""Where the server's time goes during a load test: `py-spy record` of a server process, and the
share of its samples in the costs a page run is known to have.

py-spy is a tool, not a dependency: `pip install py-spy`; without it `--profile` says so.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

# A cost, and the frame (function name, file) whose samples measure it, inclusive of callees.
COSTS = {
    "page script (app.py and the page)": ("exec_func_with_error_handling", "exec_code.py"),
    "cached page figures computed (cache misses)": ("_handle_cache_miss", "cache_utils.py"),
    "full GC after every run (runner.postScriptGC)": ("gc.collect", "script_runner.py"),
    "file watcher after every run": ("update_watched_modules", "local_sources_watcher.py"),
    "tables serialised to Arrow (st.dataframe)": ("convert_pandas_df_to_arrow_bytes",
                                                  "dataframe_util.py"),
    "Plotly figures serialised (st.plotly_chart)": ("plotly_chart", "plotly_chart.py"),
    "sidebar filters drawn (build_context)": ("build_context", "context.py"),
    "deltas handed to the event loop": ("_enqueue_forward_msg", "script_runner.py"),
    "WebSocket sends": ("_sender", "starlette_websocket.py"),
    "static files served (/static/)": ("__call__", "starlette_static_routes.py"),
    "downloads built on click": ("execute_deferred", "media_file_manager.py"),
}
FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^():]*?)(?::\d+)?\)$")
GC_AFTER_RUN = ("_on_script_finished", "script_runner.py")  # gc.collect(2) is its own time


def py_spy() -> str | None:
    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


def start_profiler(pid: int, out: Path) -> subprocess.Popen | None:
    """Sample `pid` 100 times a second into `out` (collapsed stacks) until stopped."""
    tool = py_spy()
    if tool is None:
        return None
    return subprocess.Popen([tool, "record", "-p", str(pid), "-o", str(out), "--format", "raw",
                             "-r", "100", "--nonblocking", "-F"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_profiler(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # py-spy writes its file on Ctrl-C
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def _frame_key(frame: str) -> tuple[str, str]:
    match = FRAME.match(frame.strip())
    if not match:
        return frame, ""
    return match["function"].rsplit(".", 1)[-1], Path(match["file"]).name


def summarize_profile(path: Path) -> dict:
    """Share of all samples spent in each of COSTS (inclusive; they overlap: the page script
    contains the cache misses), plus the functions with the most samples of their own."""
    inclusive, own, total = Counter(), Counter(), 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        samples = int(count)
        total += samples
        frames = [_frame_key(frame) for frame in stack.split(";")]
        for key in set(frames):
            inclusive[key] += samples
        own[frames[-1]] += samples
    if not total:
        return {"samples": 0, "costs": {}, "own_time": []}
    inclusive[("gc.collect", "script_runner.py")] = own[GC_AFTER_RUN]
    costs = {name: round(inclusive[key] / total, 3) for name, key in COSTS.items()}
    top = [{"function": f"{function} ({file})", "share": round(samples / total, 3)}
           for (function, file), samples in own.most_common(12)]
    return {"samples": total, "costs": costs, "own_time": top}
