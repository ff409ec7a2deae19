"""One official's visit: open the overview, pick a domain in the sidebar, visit every other page
with the filter kept, download the explorer's CSV, leave.

Every run is checked as a viewer would see it: no exception box or error message, the filter
in the address (`domain=…`, which the app writes back after every page change), and a CSV that
starts with the UTF-8 byte-order mark.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass, field

import websockets

from xhdash_tools.loadtest.protocol import Problem, find_element
from xhdash_tools.loadtest.session import RunResult, Session, SessionLost

OTHER_PAGES = ("zones", "industry", "livelihood", "governance", "explorer", "about")
FILTER_KEY = "f_domains"  # xhdash.serving.ui.context.WIDGETS["domains"]
FILTER_PARAM = "domain"  # xhdash.meaning.dimensions: the domains dimension's URL parameter
DOWNLOAD_PAGE = "explorer"
DOWNLOAD_KEYS = ("csv_explorer_view", "csv_explorer_all")  # the view's CSV, else everything
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class Record:
    """What the sessions saw, gathered across all of them."""

    new_session_s: list[float] = field(default_factory=list)
    page_change_s: list[float] = field(default_factory=list)
    filter_change_s: list[float] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    journeys: int = 0
    downloads: int = 0
    csv_bytes: list[int] = field(default_factory=list)

    def add_problems(self, who: str, step: str, problems: list[Problem]) -> None:
        for problem in problems:
            self.add_error(who, step, problem)

    def add_error(self, who: str, step: str, problem: Problem) -> None:
        self.errors.append({"kind": problem.kind, "detail": problem.detail, "session": who,
                            "step": step})


def filter_applied(query_string: str) -> bool:
    return any(part.startswith(f"{FILTER_PARAM}=") for part in query_string.split("&"))


def check_run(record: Record, who: str, step: str, result: RunResult) -> None:
    record.add_problems(who, step, result.problems)
    if not filter_applied(result.query_string):
        record.add_error(who, step, Problem(
            "filter_not_applied", f"query string {result.query_string!r} has no {FILTER_PARAM}="))


async def pick_filter(session: Session, rng: random.Random) -> RunResult:
    """Choose one domain in the sidebar's multiselect, as a click on an option does."""
    widget = find_element(session.elements, "multiselect", FILTER_KEY)
    if widget is None or not widget.multiselect.options:
        raise SessionLost(f"the sidebar has no {FILTER_KEY} multiselect")
    return await session.choose(FILTER_KEY, [rng.choice(list(widget.multiselect.options))])


async def download_csv(session: Session) -> tuple[bytes | None, Problem | None]:
    """The explorer's CSV; a problem when it cannot be had or is not UTF-8 with a BOM."""
    for key in DOWNLOAD_KEYS:
        try:
            data = await session.download(key)
        except LookupError as missing:
            problem = Problem("download_failed", str(missing))
            continue
        if not data.startswith(UTF8_BOM):
            return data, Problem("download_failed", f"{key}: starts {data[:8]!r}, not a BOM")
        return data, None
    return None, problem


async def run_journey(base_url: str, record: Record, rng: random.Random, think_s: float,
                      who: str) -> bool:
    """One visit; True when it reached its end (errors or not), False when the session was lost."""
    session = Session(base_url)

    async def pause() -> None:
        if think_s > 0:
            await asyncio.sleep(rng.uniform(0.5, 1.5) * think_s)

    step = "overview"
    try:
        opened = await session.open("/")
        record.new_session_s.append(opened.seconds)
        record.add_problems(who, step, opened.problems)
        await pause()
        step = "filter"
        picked = await pick_filter(session, rng)
        record.filter_change_s.append(picked.seconds)
        check_run(record, who, step, picked)
        for step in OTHER_PAGES:
            await pause()
            result = await session.switch_page(step)
            record.page_change_s.append(result.seconds)
            check_run(record, who, step, result)
            if step == DOWNLOAD_PAGE:
                data, problem = await download_csv(session)
                if problem is not None:
                    record.add_error(who, step, problem)
                else:
                    record.downloads += 1
                    record.csv_bytes.append(len(data))
        record.journeys += 1
        return True
    except (SessionLost, OSError, TimeoutError, websockets.WebSocketException) as lost:
        record.add_error(who, step, Problem("disconnect", str(lost) or type(lost).__name__))
        return False
    except Exception as failure:  # noqa: BLE001 — a harness fault is reported, not hidden
        record.add_error(who, step, Problem("exception", f"harness: {failure!r}"))
        return False
    finally:
        await session.close()
