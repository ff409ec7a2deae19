"""A fresh server's first request, for every page: page titles from the first paint (never the
Python file names, never the editors' page), and the first filter pick of that first session
takes effect."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browser import PAGES, RENDER_TIMEOUT, assert_no_errors, wait_rendered
from xhdash_tools.bench.server import start_server, stop_server

pytestmark = pytest.mark.browser
FILE_NAMES = ("app", "about", "data", "explorer", "governance", "industry", "livelihood",
              "overview", "zones")
RECORD_NAVIGATION = """
window.__navigation = [];
new MutationObserver(() => {
  const nav = document.querySelector('[data-testid=stSidebarNav]');
  if (!nav) return;
  const text = nav.innerText;
  if (window.__navigation[window.__navigation.length - 1] !== text) window.__navigation.push(text);
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.fixture
def fresh_server():
    process, url = start_server()
    yield url
    stop_server(process)


def navigation_seen(page: Page) -> list[str]:
    return page.evaluate("window.__navigation")


@pytest.mark.parametrize(("path", "zh", "en", "charts"), PAGES)
def test_first_request_on_a_fresh_server(page: Page, fresh_server, path, zh, en, charts):
    page.add_init_script(RECORD_NAVIGATION)
    page.goto(f"{fresh_server}/{path}")
    wait_rendered(page, zh)
    assert_no_errors(page)
    seen = navigation_seen(page)
    assert seen, "the navigation was never drawn"
    for text in seen:
        words = set(re.findall(r"[a-z_]+", text)) - {"dashboard", "map", "factory", "info",
                                                     "volunteer_activism", "account_balance",
                                                     "table_view"}  # icon names
        assert not words & set(FILE_NAMES), f"file names in the navigation: {text!r}"
        assert "数据管理" not in text
    assert "总览" in seen[0] and "数据浏览" in seen[0]
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("combobox").first.click()
    page.get_by_role("option", name="民生服务").click()
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"domain=livelihood"), timeout=RENDER_TIMEOUT)
    page.wait_for_timeout(1500)  # a pick that is lost vanishes after the next run
    expect(page).to_have_url(re.compile(r"domain=livelihood"))
    expect(sidebar).to_contain_text("民生服务")
