"""The checks `deploy/check.sh` runs through the proxy, with the load harness's session client.

    python -m xhdash_tools.loadtest.deploy_check --url URL --run-dir DIR --store DIR --ports P1,P2 \
        --password-file FILE   # the password of the editors check.sh added

1. Every page renders through the proxy (a run with a title and no error), with a domain filter
   kept in the address; the explorer's CSV downloads through the proxy in the same session.
2. The session is sticky: its page, WebSocket and download reached the replica its cookie names;
   the frontend's JavaScript comes gzipped and, the second time, from the proxy's cache.
3. Four eyes: a figure the check's editor publishes into the shared store (`xhdash import
   --store … --source … --editor …`) waits for approval, and neither replica shows it; the
   check's approver signs in on the first session's replica and approves it on the data page;
   the other replica shows it at its next rerun, and so does the first.
4. The session's replica is killed: the session reconnects as a browser does, lands on the other
   replica (the cookie follows), keeps its page and filter, and downloads there; the killed
   replica is started again, and the session stays where it now lives.
5. One sign-in throttle for all replicas (XHDASH_THROTTLE_REDIS): LOCKOUT_FAILURES wrong
   passwords for one editor's name, in turn through the data page's sign-in form on each replica
   (so neither sees enough to lock it; an attempt on the other replica before the name's delay is
   over is refused), lock the name: the right password is then refused on both. Its delays take
   a minute and a half, so it runs beside checks 1–4, on each replica's own port; the failover
   kills a replica only between two of its attempts.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from xhdash.editors.auth import LOCKOUT_FAILURES, delay_after
from xhdash.i18n import TEXT
from xhdash_tools.loadtest import http
from xhdash_tools.loadtest.journey import (
    OTHER_PAGES,
    UTF8_BOM,
    download_csv,
    filter_applied,
    pick_filter,
)
from xhdash_tools.loadtest.protocol import find_element
from xhdash_tools.loadtest.server import wait_healthy
from xhdash_tools.loadtest.session import RunResult, Session

ROUTE_COOKIE = "xhdash_route"
SOURCE_KEY = "f_sources"  # xhdash.serving.ui.context.WIDGETS["sources"]
TRIES_FOR_OTHER_REPLICA = 12
LOST_WITHIN_S = 15
BACK_WITHIN_S = 90
LOGIN_FORM = "editor_login"  # xhdash.serving.ui.admin.render_login's st.form
LOCKED_NAME = "deploy-check-locked"  # editors check.sh adds to the editors' file
EDITOR_NAME = "deploy-check-editor"
APPROVER_NAME = "deploy-check-approver"  # under [approvers]
APPROVE_KEY = "approve"  # xhdash.serving.ui.admin._decide's button
WAIT_MARGIN_S = 0.5  # beyond the throttle's delay before the next attempt
WRONG_PASSWORD = "not-the-password-0"
PROBE_AFTER = 7  # failures; the name's delay is then 16 s, time to try at once elsewhere


class Checks:
    """Each check printed as it is made; the failures kept."""

    def __init__(self) -> None:
        self.failures: list[str] = []
        self.started = time.monotonic()

    def expect(self, ok: bool, what: str) -> bool:
        seconds = time.monotonic() - self.started
        print(f"{'ok  ' if ok else 'FAIL'} {what} [{seconds:.0f} s]", flush=True)
        if not ok:
            self.failures.append(what)
        return ok


def renders(result: RunResult) -> bool:
    """A page that rendered: a title in the main area and nothing a viewer sees as an error."""
    return not result.problems and any(element.WhichOneof("type") == "heading"
                                       for element in result.elements)


def offers_source(session: Session, text: str) -> bool:
    widget = find_element(session.elements, "multiselect", SOURCE_KEY)
    return widget is not None and any(text in option for option in widget.multiselect.options)


def says(result: RunResult, key: str) -> bool:
    """Whether the page shows the error message `key` of xhdash.i18n (in either language; the
    part before its first placeholder)."""
    starts = [text.split("{")[0] for text in TEXT[key]]
    return any(start in problem.detail for problem in result.problems for start in starts)


def sign_in_outcome(result: RunResult) -> str:
    """What the sign-in form's answer says, in the words of the checks below."""
    told = [key for key in ("login_failed", "login_wait", "login_locked", "login_unavailable")
            if says(result, key)]
    return "+".join(told) or "nothing"


async def open_on_replica(url: str, replica: str, path: str = "/") -> Session:
    """A browser whose sticky cookie names `replica`: the proxy sends it there."""
    session = Session(url)
    session.cookies[ROUTE_COOKIE] = replica
    await session.open(path)
    return session


class ReplicaBrowser:
    """A browser on one replica's data page, connected to its port (not through the proxy, so
    it stays there); opened again if the replica was killed and started again meanwhile."""

    def __init__(self, name: str, port: int) -> None:
        self.name, self.port = name, port
        self.session: Session | None = None

    async def page(self) -> Session:
        if self.session is None or not self.session.connected:
            if self.session is not None:
                await self.session.close()
            url = f"http://127.0.0.1:{self.port}"
            await asyncio.to_thread(wait_healthy, url, None, BACK_WITHIN_S)
            self.session = Session(url)
            await self.session.open("/data")
        return self.session

    async def sign_in(self, name: str, password: str) -> str:
        session = await self.page()
        return sign_in_outcome(await session.submit_form(LOGIN_FORM, [name, password]))

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()


async def check_shared_throttle(ports: list[int], password: str, steady: asyncio.Lock,
                                checks: Checks) -> None:
    """One sign-in throttle for all replicas: LOCKOUT_FAILURES wrong passwords for one name,
    taken in turn through a browser on each replica (so neither replica sees as many as lock a
    name), lock it on both; the right password is then refused on both. Each attempt waits the
    throttle's delay (xhdash.editors.auth.delay_after) after the name's last failure, and holds
    `steady` (the failover check kills a replica only between attempts)."""
    browsers = [ReplicaBrowser(f"r{i + 1}", port) for i, port in enumerate(ports[:2])]
    try:
        async with steady:
            pages = [await browser.page() for browser in browsers]
        if not checks.expect(all(renders_sign_in(page) for page in pages),
                             "a browser on each replica's port opens the data page's sign-in "
                             "form"):
            return
        seen = {browser.name: 0 for browser in browsers}
        for failure in range(1, LOCKOUT_FAILURES + 1):
            browser, other = browsers[(failure - 1) % 2], browsers[failure % 2]
            delay = delay_after(failure)
            async with steady:
                told = await browser.sign_in(LOCKED_NAME, WRONG_PASSWORD)
                seen[browser.name] += 1
                # the wait shown after a failure may be over already when the check was slow
                expected = {"login_failed+login_locked"} if failure == LOCKOUT_FAILURES else {
                    "login_failed", "login_failed+login_wait"}
                if not checks.expect(told in expected,
                                     f"wrong password {failure} of {LOCKOUT_FAILURES} for the "
                                     f"name, no. {seen[browser.name]} on {browser.name}: {told}"):
                    return
                if failure == PROBE_AFTER:  # at once on the other replica, which saw fewer
                    probe = await other.sign_in(LOCKED_NAME, WRONG_PASSWORD)
                    checks.expect(probe == "login_wait", f"at once on {other.name}, which saw "
                                  f"{seen[other.name]} failures: refused, the name must wait "
                                  f"{delay:.0f} s ({probe})")
            if failure < LOCKOUT_FAILURES and delay:
                await asyncio.sleep(delay + WAIT_MARGIN_S)
        checks.expect(max(seen.values()) < LOCKOUT_FAILURES,
                      f"each replica saw fewer failures than lock a name ({seen})")
        async with steady:
            for browser in browsers:
                told = await browser.sign_in(LOCKED_NAME, password)
                checks.expect(told == "login_locked" and renders_sign_in(browser.session),
                              f"the right password on {browser.name} is refused: locked ({told})")
    finally:
        for browser in browsers:
            await browser.close()


def renders_sign_in(session: Session) -> bool:
    """The sign-in form is still shown (nobody was signed in)."""
    return any(element.WhichOneof("type") == "button" and element.button.is_form_submitter
               and element.button.form_id == LOGIN_FORM for element in session.elements)


def publish_figure(store: Path, nonce: str, source: str) -> subprocess.CompletedProcess:
    """One new figure of a new indicator (named by `nonce`) through the editors' command, as
    the check's editor (with four eyes on, a request for approval)."""
    with tempfile.TemporaryDirectory(prefix="xhdash-check-") as folder:
        table = Path(folder) / "部署检查.csv"
        table.write_text(f"指标,期间,数值,单位\n部署检查{nonce},2024,1.5,万人\n", encoding="utf-8")
        return subprocess.run([sys.executable, "-m", "xhdash.serving.cli", "import", str(table),
                               "--store", str(store), "--source", source, "--allow-new",
                               "--domain", "profile", "--editor", EDITOR_NAME],
                              capture_output=True, text=True, timeout=120)


def kill_replica(run_dir: Path, port: int) -> None:
    os.kill(int((run_dir / f"replica-{port}.pid").read_text()), signal.SIGKILL)


async def check_pages(session: Session, checks: Checks) -> None:
    opened = await session.open("/")
    checks.expect(renders(opened), f"overview renders through the proxy {opened.problems or ''}")
    picked = await pick_filter(session, random.Random(1))
    checks.expect(filter_applied(picked.query_string),
                  f"the domain filter is applied ({picked.query_string!r})")
    for page in OTHER_PAGES:
        result = await session.switch_page(page)
        checks.expect(renders(result) and filter_applied(result.query_string),
                      f"{page} renders with the filter kept {result.problems or ''}")
        if page == "explorer":
            data, problem = await download_csv(session)
            checks.expect(problem is None and data.startswith(UTF8_BOM),
                          f"the explorer's CSV downloads through the proxy "
                          f"({len(data or b'')} bytes) {problem or ''}")


async def check_static(url: str, checks: Checks) -> None:
    """The frontend's bundle through the proxy: compressed, cached (a HIT the second time)."""
    page = await http.get(f"{url}/", {})
    bundles = re.findall(r'"\.?/?(static/js/[^"]+\.js)"', page.body.decode("utf-8", "replace"))
    if not checks.expect(bool(bundles), "the page names the frontend's JavaScript"):
        return
    answers = [await http.get(f"{url}/{bundles[0]}", {}) for _ in range(2)]
    first, second = answers
    checks.expect(
        first.status == second.status == 200 and first.body == second.body
        and second.headers.get("content-encoding") == "gzip"
        and second.headers.get("x-cache-status") == "HIT" and "set-cookie" not in second.headers,
        f"/{bundles[0]} is gzipped and cached by the proxy "
        f"({second.status}, {second.headers.get('content-encoding')}, "
        f"{second.headers.get('x-cache-status')})")


async def check_refused(session: Session, url: str, checks: Checks) -> None:
    """What browsers do not need is refused at the proxy."""
    for path in ("/_stcore/metrics", "/_stcore/script-health-check", "/_stcore/agent/mcp"):
        answer = await http.get(f"{url}{path}", {})
        checks.expect(answer.status == 404, f"{path} is refused at the proxy ({answer.status})")


async def open_on_other_replica(url: str, replica: str) -> Session | None:
    """A new browser that the proxy sends to another replica than `replica`."""
    for _ in range(TRIES_FOR_OTHER_REPLICA):
        session = Session(url)
        await session.open("/")
        if session.replica != replica:
            return session
        await session.close()
    return None


def shows(elements, key: str) -> bool:
    """Whether an alert on the page says `key` of xhdash.i18n (either language)."""
    starts = [text.split("{")[0] for text in TEXT[key]]
    return any(element.WhichOneof("type") == "alert" and start in element.alert.body
               for element in elements for start in starts)


def request_of(store: Path, source: str):
    """The four-eyes request whose file was published with `source`, or None."""
    from xhdash.editors import approval

    for request in approval.requests(store):
        if request.options(store).source == source:
            return request
    return None


async def check_publish(first: Session, url: str, store: Path, password: str,
                        checks: Checks) -> Session | None:
    """Four eyes (XHDASH_FOUR_EYES=on): an editor's publish through `xhdash import` waits for
    approval and neither replica shows it; an approver signs in on the first session's replica
    and approves it on the data page; the other replica shows it at its next rerun, and so does
    the first."""
    other = await open_on_other_replica(url, first.replica)
    if not checks.expect(other is not None, f"a new browser reaches another replica than "
                         f"{first.replica}: {other.replica if other else None}"):
        return None
    nonce = uuid.uuid4().hex[:8]
    source = f"部署检查 deploy check {nonce}"
    # in threads: the sign-in throttle's check goes on meanwhile
    published = await asyncio.to_thread(publish_figure, store, nonce, source)
    request = await asyncio.to_thread(request_of, store, source)
    checks.expect(published.returncode == 0 and request is not None
                  and request.state == "pending",
                  f"xhdash import --editor {EDITOR_NAME} … waits for approval "
                  f"({request.state if request else None}) {published.stderr.strip()[-300:]}")
    for session in (first, other):
        result = await session.rerun()
        checks.expect(not offers_source(session, source) and not result.problems,
                      f"replica {session.replica} does not show the figure waiting for approval")
    approver = await open_on_replica(url, first.replica, "/data")
    try:
        signed_in = await approver.submit_form(LOGIN_FORM, [APPROVER_NAME, password])
        checks.expect(approver.replica == first.replica
                      and find_element(signed_in.elements, "button", APPROVE_KEY) is not None,
                      f"the approver signs in on {approver.replica} and is offered the request "
                      f"{signed_in.problems or ''}")
        approved = await approver.click(APPROVE_KEY)
        request = await asyncio.to_thread(request_of, store, source)
        checks.expect(shows(approved.elements, "approved_as") and request is not None
                      and request.state == "approved" and request.decided_by == APPROVER_NAME,
                      f"the approver approves it on {approver.replica}'s data page: version "
                      f"{request.version if request else None} {approved.problems or ''}")
    finally:
        await approver.close()
    for session in (other, first):
        result = await session.rerun()
        checks.expect(offers_source(session, source) and not result.problems,
                      f"replica {session.replica} shows the approved figure at the next rerun")
    return other


async def check_failover(session: Session, run_dir: Path, ports: list[int],
                         checks: Checks) -> None:
    await session.switch_page("explorer")  # a page with a download, to fetch after the move
    before = session.replica
    port = ports[int(before.removeprefix("r")) - 1]
    kill_replica(run_dir, port)
    checks.expect(await session.wait_lost(LOST_WITHIN_S), f"killing replica {before} "
                  f"(port {port}) drops its session's WebSocket")
    result = await session.reconnect()
    checks.expect(renders(result) and filter_applied(result.query_string),
                  f"the session reconnects and its page renders with its filter "
                  f"{result.problems or ''}")
    moved = session.replica
    checks.expect(moved not in (None, before) and session.cookies.get(ROUTE_COOKIE) == moved,
                  f"it now lives on {moved}, and its cookie says so "
                  f"({session.cookies.get(ROUTE_COOKIE)})")
    data, problem = await download_csv(session)
    checks.expect(problem is None, f"its CSV downloads from {moved} {problem or ''}")
    started = time.monotonic()
    try:
        await asyncio.to_thread(wait_healthy, f"http://127.0.0.1:{port}", None, BACK_WITHIN_S)
        back = True
    except RuntimeError:
        back = False
    checks.expect(back, f"replica {before} is started again "
                  f"({time.monotonic() - started:.0f} s after the session reconnected)")
    result = await session.rerun()
    data, problem = await download_csv(session)
    checks.expect(renders(result) and problem is None and session.replica == moved,
                  f"with {before} back, the session stays on {moved} and still downloads "
                  f"{problem or ''}")


async def guarded(check, checks: Checks, what: str) -> None:
    """Run one check; an exception that stops it is a failure, not the end of the others."""
    try:
        await check
    except Exception as failure:  # noqa: BLE001 — a check that cannot go on is a failure
        checks.expect(False, f"the {what} check stopped: {failure!r}")


async def run_checks(url: str, run_dir: Path, store: Path, ports: list[int],
                     password: str) -> list[str]:
    checks = Checks()
    first = Session(url)
    other = None
    # the throttle's delays take a minute and a half: its check runs beside the others, and
    # the failover kills a replica only between two of its attempts
    steady = asyncio.Lock()
    throttle = asyncio.create_task(guarded(check_shared_throttle(ports, password, steady, checks),
                                           checks, "sign-in throttle"))
    try:
        await check_pages(first, checks)
        checks.expect(first.replica is not None and first.cookies.get(ROUTE_COOKIE)
                      == first.replica, f"sticky: the cookie names the replica that served the "
                      f"page, socket and download ({first.cookies.get(ROUTE_COOKIE)}, "
                      f"{first.replica})")
        await check_static(url, checks)
        await check_refused(first, url, checks)
        other = await check_publish(first, url, store, password, checks)
        async with steady:
            await check_failover(first, run_dir, ports, checks)
    except Exception as failure:  # noqa: BLE001 — a check that cannot go on is a failure
        checks.expect(False, f"the checks stopped: {failure!r}")
    finally:
        await throttle
        for session in (first, other):
            if session is not None:
                await session.close()
    return checks.failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m xhdash_tools.loadtest.deploy_check")
    parser.add_argument("--url", required=True)
    parser.add_argument("--run-dir", required=True, type=Path)
    parser.add_argument("--store", required=True, type=Path)
    parser.add_argument("--ports", required=True, help="the replicas' ports, comma-separated")
    parser.add_argument("--password-file", required=True, type=Path,
                        help="the password of the editors check.sh added")
    args = parser.parse_args(argv)
    ports = [int(port) for port in args.ports.split(",")]
    password = args.password_file.read_text(encoding="utf-8").strip()
    failures = asyncio.run(run_checks(args.url.rstrip("/"), args.run_dir, args.store, ports,
                                      password))
    print(f"{'all checks passed' if not failures else f'{len(failures)} check(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
