"""What officials hand upward, in Chromium: the big-screen view fills 1920×1080, 3840×2160 and
a 32:9 wall without a scrollbar (and refreshes itself after a publish); every page at 390 px on
a phone; a chart's PNG with its source footer; the brief's PDF pages (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import PAGES, RENDER_TIMEOUT, assert_no_errors, wait_rendered
from xhdash.data.versions import ensure_initialised
from xhdash.editors.publishing import ImportOptions, publish_import

pytestmark = pytest.mark.browser
WALLS = [("1920x1080", 1920, 1080), ("3840x2160", 3840, 2160), ("3840x1080", 3840, 1080)]
SETTLED = ("document.querySelectorAll('[data-testid=stSkeleton]').length === 0"
           " && !document.querySelector('[data-testid=stStatusWidget]')")
NO_SCROLLBAR = ("document.documentElement.scrollHeight <= innerHeight + 1"
                " && document.documentElement.scrollWidth <= innerWidth + 1")
REVENUE_2024 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年,263.9,亿元,测试用合成数据\r\n".encode()


@pytest.fixture(scope="module")
def wall_server(tmp_path_factory):
    """A server on a store of its own, refreshing its big screen every 2 s."""
    require_chromium()
    store = tmp_path_factory.mktemp("wall") / "store"
    ensure_initialised(store)
    process, url = start_server({"XHDASH_STORE": str(store), "XHDASH_SCREEN_REFRESH": "2"})
    yield url, store
    stop_server(process)


def settle(page: Page) -> None:
    page.wait_for_function(SETTLED, timeout=RENDER_TIMEOUT)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=RENDER_TIMEOUT)
    page.wait_for_timeout(1500)  # the charts' last layout pass


class TestBigScreen:
    @pytest.mark.parametrize(("size", "width", "height"), WALLS)
    def test_one_screen_without_scrolling(self, browser, wall_server, artifacts_dir, size,
                                          width, height):
        url, _ = wall_server
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(f"{url}/?view=screen&size={size}")
        settle(page)
        assert_no_errors(page)
        expect(page.get_by_test_id("stSidebar")).to_be_hidden()
        expect(page.get_by_test_id("stMetric")).to_have_count(6)
        expect(page.locator(".js-plotly-plot")).to_have_count(4)
        assert page.evaluate(NO_SCROLLBAR), page.evaluate(
            "[document.documentElement.scrollHeight, innerHeight]")
        page.screenshot(path=str(artifacts_dir / f"screen_{size}.png"))
        page.close()

    def test_dark_theme(self, browser, wall_server, artifacts_dir):
        url, _ = wall_server
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{url}/livelihood?view=screen&theme=dark")
        settle(page)
        background = page.evaluate(
            "getComputedStyle(document.querySelector('[data-testid=stApp]')).backgroundColor")
        assert background == "rgb(14, 17, 23)"
        assert page.evaluate(NO_SCROLLBAR)
        page.screenshot(path=str(artifacts_dir / "screen_1920x1080_dark_livelihood.png"))
        page.close()

    def test_refreshes_itself_after_a_publish(self, browser, wall_server):
        url, store = wall_server
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{url}/?view=screen")
        settle(page)
        revenue = page.get_by_test_id("stMetric").filter(has_text="区级财政收入")
        expect(revenue).to_contain_text("250.85亿元")
        publish_import(REVENUE_2024, "rev.csv", ImportOptions(editor="wang"), "wang", store)
        expect(revenue).to_contain_text("263.9亿元", timeout=30_000)  # no reload by hand
        page.close()


class TestPhone:
    @pytest.mark.parametrize(("path", "zh", "en", "charts"), PAGES)
    def test_every_page_at_390_px(self, browser, wall_server, artifacts_dir, path, zh, en,
                                  charts):
        url, _ = wall_server
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                                has_touch=True, device_scale_factor=2)
        page.goto(f"{url}/{path}")
        wait_rendered(page, zh)
        assert_no_errors(page)
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth + 1")
        for chart in page.locator(".js-plotly-plot").all():
            assert chart.bounding_box()["width"] <= 390
            expect(chart.locator(".modebar")).to_be_hidden()  # no zoom toolbar on the title
        metrics = page.get_by_test_id("stMetric")
        if metrics.count() >= 2:  # cards two to a row
            first, second = metrics.nth(0).bounding_box(), metrics.nth(1).bounding_box()
            assert abs(first["y"] - second["y"]) < 2 and second["x"] > first["x"]
        page.screenshot(path=str(artifacts_dir / f"phone_{path or 'overview'}.png"),
                        full_page=True)
        page.close()


class TestChartImage:
    def test_png_download_has_the_source_footer(self, page: Page, wall_server, artifacts_dir):
        url, _ = wall_server
        page.goto(f"{url}/")
        wait_rendered(page, "总览")
        page.get_by_role("button", name="下载图片").first.click()
        with page.expect_download(timeout=120_000) as caught:
            page.get_by_role("button", name="PNG 图片（16:9 幻灯片）").click()
        download = caught.value
        data = open(download.path(), "rb").read()
        assert data.startswith(b"\x89PNG") and download.suggested_filename.endswith(".png")
        target = artifacts_dir / "chart_from_browser.png"
        target.write_bytes(data)
        with page.expect_download(timeout=120_000) as caught:
            page.get_by_role("button", name="SVG 矢量图").click()
        svg = open(caught.value.path(), encoding="utf-8").read()
        assert "来源：S1 解放日报" in svg and "徐汇区统计数据看板" in svg


class TestBriefPdf:
    def test_pdf_pages_render_with_chinese(self, tmp_path, artifacts_dir):
        """The brief from the command line, its pages drawn by pdftoppm to look at."""
        assert shutil.which("pdftoppm"), "poppler-utils is needed (.ci/run installs it)"
        out = tmp_path / "brief.pdf"
        subprocess.run([".venv/bin/xhdash", "brief", "--page", "livelihood", "--store", "data",
                        "--out", str(out)], check=True, capture_output=True, timeout=300)
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(out),
                        str(artifacts_dir / "brief_livelihood")], check=True, timeout=120)
        pages = sorted(artifacts_dir.glob("brief_livelihood*.png"))
        assert pages
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        assert "CJK" in fonts
