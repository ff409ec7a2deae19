"""In Chromium, on an office's year of tables (synthetic, 测试用合成数据): every page renders
(screenshots in artifacts/), no bar holds two periods' figures, sources read as the files state
them, the 2024年1-9月 card carries 同比 against 2023年1-9月, and the streets are compared."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import (
    PAGES,
    RENDER_TIMEOUT,
    assert_no_errors,
    screenshot_main,
    wait_rendered,
)
from tests.fixtures.office import publish_office_fixture
from xhdash.data.versions import ensure_initialised

pytestmark = pytest.mark.browser
BARS_PER_SLOT = """() => [...document.querySelectorAll('.js-plotly-plot')].flatMap(plot =>
  (plot.data || []).filter(t => t.type === 'bar').map(t => ({
    title: (plot.layout.title || {}).text || '', name: t.name,
    x: t.x.length,
    distinct: new Set(t.orientation === 'h' ? t.y : t.x).size })))"""


def office_server(tmp_path_factory, name: str, only: tuple[str, ...] = ()):
    require_chromium()
    store = tmp_path_factory.mktemp(name) / "store"
    ensure_initialised(store)
    publish_office_fixture(store, only)
    return start_server({"XHDASH_STORE": str(store)})


@pytest.fixture(scope="module")
def office_url(tmp_path_factory):
    process, url = office_server(tmp_path_factory, "office")
    yield url
    stop_server(process)


@pytest.fixture(scope="module")
def nine_month_url(tmp_path_factory):
    process, url = office_server(tmp_path_factory, "nine", ("03", "04"))
    yield url
    stop_server(process)


def wait_charts(page: Page, count: int) -> None:
    if count:
        expect(page.locator(".js-plotly-plot")).to_have_count(count, timeout=RENDER_TIMEOUT)
        page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')]"
                               ".every(p => p.data)", timeout=RENDER_TIMEOUT)


class TestOfficePages:
    @pytest.mark.parametrize(("path", "zh", "en", "charts"), PAGES)
    def test_every_page_one_figure_per_bar(self, page: Page, office_url, artifacts_dir,
                                           path, zh, en, charts):
        page.goto(f"{office_url}/{path}")
        wait_rendered(page, zh)
        assert_no_errors(page)
        wait_charts(page, page.locator(".js-plotly-plot").count())
        for trace in page.evaluate(BARS_PER_SLOT):
            assert trace["x"] == trace["distinct"], trace
        text = page.get_by_test_id("stMain").inner_text()
        assert "imp_" not in text and "import_" not in text
        screenshot_main(page, artifacts_dir / f"office_{path or 'overview'}_zh.png")

    def test_sources_as_the_files_state_them(self, page: Page, office_url):
        page.goto(f"{office_url}/")
        wait_rendered(page, "总览")
        expect(page.get_by_test_id("stMain")).to_contain_text("徐汇区统计局（测试用合成数据）")

    def test_zone_bars_one_period_each_and_streets(self, page: Page, office_url, artifacts_dir):
        page.goto(f"{office_url}/zones")
        wait_rendered(page, "五大功能区")
        main = page.get_by_test_id("stMain")
        expect(main).to_contain_text("分区域比较")
        page.get_by_test_id("stButtonGroup").get_by_text("街道（镇）", exact=True).click()
        expect(main).to_contain_text("华泾镇", timeout=RENDER_TIMEOUT)
        expect(main).to_contain_text("街道（镇）：")
        wait_charts(page, page.locator(".js-plotly-plot").count())
        for trace in page.evaluate(BARS_PER_SLOT):
            assert trace["x"] == trace["distinct"], trace
        screenshot_main(page, artifacts_dir / "office_zones_streets_zh.png")


class TestNineMonthCard:
    def test_card_shows_1_to_9_with_yoy(self, page: Page, nine_month_url, artifacts_dir):
        page.goto(f"{nine_month_url}/")
        wait_rendered(page, "总览")
        revenue = page.get_by_test_id("stMetric").filter(has_text="区级财政收入").first
        expect(revenue).to_contain_text("同比")  # against 2023年1-9月, as the bulletin states
        expect(page.get_by_test_id("stMain")).to_contain_text("2024年1-9月 · 徐汇区统计局")
        expect(page.get_by_test_id("stMain")).to_contain_text("2024年1-9月，全区区级财政收入")
        screenshot_main(page, artifacts_dir / "office_nine_months_overview_zh.png")
