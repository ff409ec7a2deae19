"""In Chromium: a link straight to any page opens that page (issue 22). Every page the registry
lists (xhdash.meaning.page_specs), the overview's /overview included, opens by its own path with
its title, its entry marked in the sidebar, and no "Page not found" dialog; the query after the
path (language, filters, the wall) is kept. Screenshots go to artifacts/screenshots/link_*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_browser import assert_no_errors, wait_rendered
from xhdash.meaning.page_specs import OTHER_PAGES, PAGES
from xhdash.serving.ui.navigation import page_title

pytestmark = pytest.mark.browser
EVERY_PAGE = [*PAGES, *OTHER_PAGES]  # the registry's ids, which are the pages' url paths
LISTED = [page_id for page_id in EVERY_PAGE
          if page_id in PAGES or not OTHER_PAGES[page_id].editors_only]


def open_link(page: Page, url: str, title: str) -> None:
    page.goto(url)
    wait_rendered(page, title)
    page.wait_for_timeout(500)  # a dialog comes with the run's first messages; give it time


def assert_no_dialog(page: Page) -> None:
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.get_by_text("does not seem to exist")).to_have_count(0)


def marked_in_sidebar(page: Page) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('[data-testid=stSidebarNavLink]')]"
                         ".filter(a => a.getAttribute('aria-current') === 'page')"
                         ".map(a => a.innerText.split('\\n').pop())")


class TestDirectLinks:
    @pytest.mark.parametrize("page_id", EVERY_PAGE)
    def test_every_page_opens_by_its_own_path(self, page: Page, base_url, artifacts_dir, page_id):
        title = page_title(page_id, "zh")
        open_link(page, f"{base_url}/{page_id}", title)
        page.screenshot(path=str(artifacts_dir / f"link_{page_id}_zh.png"))
        assert_no_dialog(page)
        expect(page.get_by_role("heading", level=1)).to_have_text([title])
        if page_id in LISTED:
            assert_no_errors(page)
            assert marked_in_sidebar(page) == [title]
        else:  # the editors' page: unlisted, and it refuses a reader who has not signed in
            expect(page.get_by_test_id("stException")).to_have_count(0)
            assert marked_in_sidebar(page) == []

    @pytest.mark.parametrize("page_id", ["overview", "zones", "explorer"])
    def test_the_query_is_kept(self, page: Page, base_url, artifacts_dir, page_id):
        title = page_title(page_id, "en")
        open_link(page, f"{base_url}/{page_id}?lang=en", title)
        page.screenshot(path=str(artifacts_dir / f"link_{page_id}_en.png"))
        assert_no_dialog(page)
        assert "lang=en" in page.url
        assert marked_in_sidebar(page) == [title]

    def test_the_overview_keeps_its_filters_and_the_root_still_opens_it(self, page: Page,
                                                                        base_url):
        open_link(page, f"{base_url}/overview?lang=en&domain=economy", page_title("overview", "en"))
        assert_no_dialog(page)
        assert "domain=economy" in page.url and "lang=en" in page.url
        open_link(page, f"{base_url}/", page_title("overview", "zh"))
        assert_no_dialog(page)
        assert marked_in_sidebar(page) == [page_title("overview", "zh")]

    def test_the_wall_opens_from_the_overview_path(self, page: Page, base_url):
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{base_url}/overview?view=screen&size=1920x1080")
        page.wait_for_selector('[data-testid="stMetric"]', timeout=45_000)
        page.wait_for_timeout(1000)
        assert_no_dialog(page)
        assert "view=screen" in page.url
