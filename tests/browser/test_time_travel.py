"""The audit question "what did the dashboard show at that moment?" answered by a link: ?as_of=
pins every page to the version then in force, with a banner; the about page's control gives the
link for a version or a date."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, screenshot_main, wait_rendered
from tests.fixtures import import_corpus as corpus
from xhdash.data.tables import load_parquet_tables
from xhdash.data.versions import LOCAL_TZ, current_version, ensure_initialised, publish, tables_dir
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions

pytestmark = pytest.mark.browser
SHIPPED = "250.85亿元"  # 区级财政收入 in version 0 (the shipped data)
PUBLISHED = "263.90亿元"  # after the bulletin published as version 1


@pytest.fixture(scope="module")
def two_versions_server(tmp_path_factory):
    """A server on a store with version 0, then a moment (Shanghai time, to the second), then
    version 1."""
    require_chromium()
    store = tmp_path_factory.mktemp("time_travel") / "store"
    ensure_initialised(store)
    time.sleep(1.1)
    between = datetime.now(UTC).astimezone(LOCAL_TZ).replace(tzinfo=None, microsecond=0)
    time.sleep(1.1)
    result = run_import(corpus.bulletin_gbk(), "公报.csv", load_parquet_tables(tables_dir(store)),
                        ImportOptions())
    publish(store, result.tables, {"editor": "wang", "file_name": "公报.csv",
                                   "file_sha256": result.file_sha256},
            based_on=current_version(store))
    process, url = start_server({"XHDASH_STORE": str(store)})
    yield url, between.isoformat()
    stop_server(process)


def _card(page: Page):
    return page.get_by_test_id("stMetric").filter(has_text="区级财政收入")


class TestWhatDidTheDashboardShow:
    def test_a_link_with_a_moment_shows_the_version_then_in_force(self, page: Page,
                                                                  two_versions_server,
                                                                  artifacts_dir):
        url, moment = two_versions_server
        page.goto(f"{url}/?as_of={moment}")
        wait_rendered(page, "总览")
        expect(_card(page)).to_contain_text(SHIPPED, timeout=RENDER_TIMEOUT)
        banner = page.get_by_text("您正在查看版本 0")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("不是最新数据")
        assert "as_of=0" in page.url  # the address now names the version itself
        screenshot_main(page, artifacts_dir / "time_travel_overview_zh.png")
        page.get_by_test_id("stSidebarNav").get_by_text("产业集群").click()
        wait_rendered(page, "产业集群")
        expect(page.get_by_text("您正在查看版本 0")).to_be_visible()
        assert "as_of=0" in page.url
        page.get_by_role("button", name="回到最新数据").click()
        expect(page.get_by_text("您正在查看版本 0")).to_have_count(0, timeout=RENDER_TIMEOUT)
        assert "as_of" not in page.url

    def test_a_date_link_in_english_on_a_phone(self, page: Page, two_versions_server,
                                               artifacts_dir):
        url, moment = two_versions_server
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{url}/?as_of={moment[:10]}&lang=en")
        wait_rendered(page, "Overview")
        banner = page.get_by_text("You are viewing version 1")
        expect(banner).to_contain_text("latest version", timeout=RENDER_TIMEOUT)
        page.screenshot(path=str(artifacts_dir / "time_travel_overview_en_390.png"),
                        full_page=True)

    def test_a_bad_value_is_dropped_with_a_notice(self, page: Page, two_versions_server):
        url, _ = two_versions_server
        page.goto(f"{url}/?as_of=2001-01-01")
        wait_rendered(page, "总览")
        expect(page.get_by_text("不是本看板的版本或日期")).to_be_visible(timeout=RENDER_TIMEOUT)
        expect(_card(page)).to_contain_text(PUBLISHED)

    def test_the_about_page_control_gives_the_link(self, page: Page, two_versions_server,
                                                  artifacts_dir):
        url, _ = two_versions_server
        page.goto(f"{url}/about")
        wait_rendered(page, "数据说明")
        page.get_by_role("textbox", name="版本或日期").fill("0")
        page.get_by_role("button", name="按此版本查看").click()
        expect(page.get_by_text("您正在查看版本 0")).to_be_visible(timeout=RENDER_TIMEOUT)
        link = page.get_by_test_id("stCode").last
        expect(link).to_contain_text("as_of=0")
        link.scroll_into_view_if_needed()
        screenshot_main(page, artifacts_dir / "time_travel_about_zh.png")
        shared = link.inner_text().strip()
        page.goto(shared)
        wait_rendered(page, "数据说明")
        expect(page.get_by_text("您正在查看版本 0")).to_be_visible()


class TestThePinnedWall:
    def test_a_wall_opened_with_as_of_shows_and_names_that_version(self, page: Page,
                                                                   two_versions_server,
                                                                   artifacts_dir):
        url, _ = two_versions_server
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{url}/?view=screen&as_of=0")
        head = page.locator(".xh-wall-asof")
        expect(head).to_contain_text("数据版本 0", timeout=RENDER_TIMEOUT)
        expect(_card(page)).to_contain_text(SHIPPED, timeout=RENDER_TIMEOUT)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts_dir / "time_travel_wall_zh.png"))
        page.goto(f"{url}/?view=screen&as_of=0&lang=en")
        expect(page.locator(".xh-wall-asof")).to_contain_text("Data version 0",
                                                              timeout=RENDER_TIMEOUT)
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts_dir / "time_travel_wall_en.png"))
