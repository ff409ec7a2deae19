"""Officials' journeys in a real browser: open pages, filter, copy links, export, switch language."""

from __future__ import annotations

import csv
import functools
import io
import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import cjk_font_installed
from xhdash.data.store import Store, load_store
from xhdash.meaning.filters import Filters, apply_filters, build_filter_options
from xhdash.meaning.views import present_observations
from xhdash.output.export import to_csv_bytes
from xhdash.paths import DATA_DIR

pytestmark = pytest.mark.browser
RENDER_TIMEOUT = 45_000
PAGES = [  # (url path, Chinese title, English title, charts drawn)
    ("", "总览", "Overview", 4),
    ("zones", "五大功能区", "Functional zones", 2),
    ("industry", "产业集群", "Industry clusters", 2),  # 4+3+X a list; scale, growth in words
    ("livelihood", "民生成效", "Livelihood outcomes", 5),
    ("governance", "党建与治理", "Party building and governance", 5),
    ("explorer", "数据浏览", "Data explorer", 0),
    ("about", "数据说明", "About the data", 0),
]


@functools.cache
def shipped_store() -> Store:
    """The shipped tables the test server serves, read the way the app reads them."""
    return load_store(DATA_DIR)


def wait_rendered(page: Page, title: str) -> None:
    """The page's title is shown, the script has finished, and no element is still loading."""
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible(timeout=RENDER_TIMEOUT)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stSkeleton]').length === 0"
        " && !document.querySelector('[data-testid=stStatusWidget]')", timeout=RENDER_TIMEOUT)


def screenshot_main(page: Page, path) -> None:
    """The whole main block, however long: grow the viewport to it, shoot, shrink back."""
    main = page.get_by_test_id("stMainBlockContainer")
    height = int(main.bounding_box()["height"]) + 200
    page.set_viewport_size({"width": 1366, "height": max(768, height)})
    main.screenshot(path=str(path))
    page.set_viewport_size({"width": 1366, "height": 768})


def assert_no_errors(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


class TestPages:
    def test_deep_link_on_a_fresh_server(self, page: Page, base_url):
        page.goto(f"{base_url}/livelihood")
        wait_rendered(page, "民生成效")
        assert_no_errors(page)
        expect(page.get_by_test_id("stSidebar")).to_contain_text("领域")

    @pytest.mark.parametrize(("path", "zh", "en", "charts"), PAGES)
    def test_every_page_renders_with_chinese_glyphs(self, page: Page, base_url, artifacts_dir,
                                                    path, zh, en, charts):
        assert cjk_font_installed(), "no CJK font: Chinese would render as boxes"
        page.goto(f"{base_url}/{path}")
        wait_rendered(page, zh)
        assert_no_errors(page)
        expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=RENDER_TIMEOUT)
        glyph_ok = page.evaluate(
            "document.fonts.check('16px \"Noto Sans CJK SC\"', '徐汇区')")
        assert glyph_ok
        screenshot_main(page, artifacts_dir / f"{path or 'overview'}_zh.png")


class TestFilters:
    def test_filter_changes_view_and_url(self, page: Page, base_url):
        page.goto(f"{base_url}/")
        wait_rendered(page, "总览")
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_role("combobox").first.click()
        page.get_by_role("option", name="民生服务").click()
        page.keyboard.press("Escape")
        expect(page).to_have_url(re.compile(r"domain=livelihood"), timeout=RENDER_TIMEOUT)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("无数据",
                                                                         timeout=RENDER_TIMEOUT)

    def test_click_on_a_bar_filters_to_it(self, page: Page, base_url):
        # The clusters' growth is a reading (两位数增长), drawn at zero: nothing there to click.
        # A period bar of the fiscal revenue series filters the page to that period.
        page.goto(f"{base_url}/")
        wait_rendered(page, "总览")
        chart = page.locator(".js-plotly-plot").first  # 区级财政收入, by year
        chart.scroll_into_view_if_needed()
        bar = chart.locator("g.point path").last
        box = bar.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page).to_have_url(re.compile(r"from=\d{4}"), timeout=RENDER_TIMEOUT)

    def test_copied_link_reproduces_the_view(self, page: Page, base_url):
        page.goto(f"{base_url}/explorer?domain=economy&status=derived")
        wait_rendered(page, "数据浏览")
        expect(page.get_by_test_id("stSidebar")).to_contain_text("经济运行")
        store = shipped_store()
        derived_economy = len(apply_filters(
            store.observations, store.indicators,
            Filters(domains=("economy",), statuses=("derived",)),
            build_filter_options(store.tables)))
        assert derived_economy > 0
        expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text(
            f"当前筛选后 {derived_economy} 条")
        expect(page).to_have_url(re.compile(r"domain=economy.*status=derived|status=derived.*domain=economy"))

    def test_bad_link_value_is_dropped_with_a_notice(self, page: Page, base_url):
        page.goto(f"{base_url}/?area=atlantis")
        wait_rendered(page, "总览")
        expect(page.get_by_test_id("stAlertContentWarning")).to_contain_text("atlantis")
        assert_no_errors(page)
        expect(page).not_to_have_url(re.compile("atlantis"))


class TestExport:
    def test_csv_download_bytes(self, page: Page, base_url):
        page.goto(f"{base_url}/explorer")
        wait_rendered(page, "数据浏览")
        with page.expect_download() as caught:
            page.get_by_role("button", name="下载全部数据 CSV").click()
        download = caught.value
        assert download.suggested_filename == f"徐汇_全部数据_{datetime.now():%Y%m%d}.csv"
        data = open(download.path(), "rb").read()
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        store = shipped_store()
        assert data == to_csv_bytes(present_observations(store.observations, store.tables, "zh"))
        header, body = rows[0], rows[1:]
        assert header[:2] == ["指标", "期间"] and {"区域", "产业", "数值", "来源"} <= set(header)
        assert len(body) == len(store.observations)
        at = {name: header.index(name) for name in header}
        population = next(r for r in body
                          if r[at["指标"]] == "常住人口增长率" and r[at["期间"]] == "2022年")
        assert population[at["数值"]] == "-1.5"  # a number stays a number
        assert "'-1.5%" in population  # text starting with '-' is neutralised
        assert all(not cell.startswith(("=", "+", "@")) for row in body for cell in row)


class TestLanguage:
    def test_switch_to_english(self, page: Page, base_url, artifacts_dir):
        page.goto(f"{base_url}/governance")
        wait_rendered(page, "党建与治理")
        page.get_by_test_id("stSidebar").get_by_text("English").click()
        wait_rendered(page, "Party building and governance")
        expect(page).to_have_url(re.compile(r"lang=en"))
        nav = page.get_by_test_id("stSidebarNav")
        expect(nav).to_contain_text("Livelihood outcomes")
        expect(page.get_by_test_id("stMetricLabel").first).to_contain_text("Party organisations")
        screenshot_main(page, artifacts_dir / "governance_en.png")
