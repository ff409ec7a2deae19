"""The first filter pick of a fresh session is never lost, even on a machine whose cores are busy.

Two busy loops share the cores with the server and the browser. Each round opens the overview in
a fresh browser context (a fresh session) and, as soon as the sidebar's first multiselect shows,
picks the option that the dropdown's lower edge cuts in half, the one a pick was lost on
(issue 20). Clicking it scrolls the list to show it whole, and for 300 ms after any scroll
Streamlit's dropdown let the pointer through its options to the list, so the release missed the
option and nothing reached the server. A person meets the same window when they click while the
list still scrolls, which the last test does.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import shipped_store

pytestmark = pytest.mark.browser
ROUNDS = 10
BUSY_LOOPS = 2
PICK_SECONDS = 20
OPEN_ATTEMPTS = 3
FIRST_PICK = "民生服务"  # when the whole list fits, the pick the issue reported lost
CUT_OPTION = """() => {
  const list = document.querySelector('[role=listbox]');
  const edge = list.getBoundingClientRect().bottom;
  const cut = [...list.querySelectorAll('[role=option]')].find((option) => {
    const box = option.getBoundingClientRect();
    return box.top < edge - 4 && box.bottom > edge + 4;
  });
  return cut ? cut.innerText.trim() : null;
}"""
MIDDLE_OPTION = """() => {  // the option drawn across the list's middle: its name and centre
  const list = document.querySelector('[role=listbox]').getBoundingClientRect();
  const middle = list.top + list.height / 2;
  const option = [...document.querySelectorAll('[role=listbox] [role=option]')].find((o) => {
    const box = o.getBoundingClientRect();
    return box.top <= middle && box.bottom > middle;
  });
  const box = option.getBoundingClientRect();
  return [option.innerText.trim(), box.left + box.width / 2, box.top + box.height / 2];
}"""
KEEP_SCROLLING = """() => {  // the list glides on by a pixel, back and forth, every 40 ms
  const list = document.querySelector('[role=listbox]');
  let step = 1;
  window.__keepScrolling = setInterval(() => { list.scrollTop += step; step = -step; }, 40);
}"""


@pytest.fixture(scope="module")
def busy_server():
    """A fresh server, then two processes that keep both cores busy; all stopped afterwards."""
    require_chromium()
    process, url = start_server()
    loops = []
    try:
        loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"])
                 for _ in range(BUSY_LOOPS)]
        yield url
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
        stop_server(process)


def domain_ids() -> dict[str, str]:
    domains = shipped_store().tables["domains"]
    return dict(zip(domains["name_zh"], domains["domain_id"], strict=True))


def pick_cut_option(page: Page, sent: list[int]) -> tuple[str, int]:
    """Open the sidebar's first dropdown and click the option its lower edge cuts (or FIRST_PICK
    when the whole list fits); the option's name.

    Under contention the first run may still be drawing the sidebar when the dropdown opens, and
    a dropdown can close before the pointer reaches an option (CI saw it once in a full suite,
    never here in 30 rounds under four loops): no option was clicked then, so nothing was picked
    and nothing can be lost. The dropdown is opened again, as a person would, at most
    OPEN_ATTEMPTS times; a click that reached an option is never repeated. Also the number of
    messages sent before that click.
    """
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    listbox = page.get_by_role("listbox")
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        expect(box).to_be_visible(timeout=60_000)
        box.click()
        try:
            expect(listbox.get_by_role("option").first).to_be_visible(
                timeout=PICK_SECONDS * 1000)
            picked = page.evaluate(CUT_OPTION) or FIRST_PICK
            before = len(sent)
            listbox.get_by_role("option", name=picked, exact=True).click(
                timeout=PICK_SECONDS * 1000 // 2)
            return picked, before
        except (AssertionError, PlaywrightTimeoutError):  # closed before an option was clicked
            if attempt == OPEN_ATTEMPTS:
                raise
            page.keyboard.press("Escape")
    raise AssertionError("unreachable")


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_first_pick_under_contention_reaches_the_address(page: Page, busy_server, round_):
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(len(frame))))
    page.goto(f"{busy_server}/")
    picked, before = pick_cut_option(page, sent)
    page.keyboard.press("Escape")
    domain = domain_ids()[picked]
    try:
        expect(page).to_have_url(re.compile(rf"[?&]domain={domain}(&|$)"),
                                 timeout=PICK_SECONDS * 1000)
    except AssertionError as lost:
        raise AssertionError(f"the pick of {picked} was lost in round {round_}: "
                             f"{len(sent) - before} messages went to the server after it") from lost
    page.wait_for_timeout(1500)  # a pick that is lost vanishes after the next run
    expect(page).to_have_url(re.compile(rf"[?&]domain={domain}(&|$)"))
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
           ).to_contain_text(picked)


def test_a_pick_while_the_dropdown_still_scrolls_is_taken(page: Page, busy_server):
    """A touchpad's glide keeps a list scrolling a moment after the fingers lift; a click then
    is a pick like any other."""
    page.goto(f"{busy_server}/")
    box = page.get_by_test_id("stSidebar").get_by_role("combobox").first
    expect(box).to_be_visible(timeout=60_000)
    # the first run over: a pick during it is the rounds' test; this one is about the scroll
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)
    box.click()
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("option", name=FIRST_PICK)).to_be_visible(
        timeout=PICK_SECONDS * 1000)
    frame = listbox.bounding_box()
    page.mouse.move(frame["x"] + 60, frame["y"] + frame["height"] / 2)
    page.mouse.wheel(0, 80)
    page.wait_for_function("() => document.querySelector('[role=listbox]').scrollTop > 0",
                           timeout=PICK_SECONDS * 1000)
    name, x, y = page.evaluate(MIDDLE_OPTION)
    page.mouse.move(x, y)
    page.evaluate(KEEP_SCROLLING)
    page.mouse.down()
    page.mouse.up()
    page.evaluate("clearInterval(window.__keepScrolling)")
    expect(page).to_have_url(re.compile(rf"[?&]domain={domain_ids()[name]}(&|$)"),
                             timeout=PICK_SECONDS * 1000)
    expect(page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
           ).to_contain_text(name)
