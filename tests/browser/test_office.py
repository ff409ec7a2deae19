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


class TestHowAreWeDoing:
    """Issue 18 in Chromium on the office's tables: targets, 需关注, the districts' ranked chart,
    what the latest publish changed, and 数据截至 · 更新于 on every page and the wall."""

    def test_the_overview_answers_a_leaders_first_questions(self, page: Page, office_url,
                                                             artifacts_dir):
        page.goto(f"{office_url}/")
        wait_rendered(page, "总览")
        main = page.get_by_test_id("stMain")
        for text in ("需关注", "2024年，全区区级财政收入263.9亿元，完成年度目标的97.7%。",
                     "2024年，全区地区生产总值增长5.3%，低于目标0.2个百分点。", "5.5%左右",
                     "2024年1-6月，区级财政收入位列全市第3，增速位列第5", "本次更新",
                     "2024年1-11月，区级财政收入：240.46亿元 → 240.76亿元（修订）",
                     "徐汇区 · 数据截至2024年12月 · 更新于"):
            expect(main).to_contain_text(text, timeout=RENDER_TIMEOUT)
        wait_charts(page, page.locator(".js-plotly-plot").count())
        titles = page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                               ".map(p => ((p.layout.title || {}).text || '').replace(/<br>/g, ''))")
        assert "2024年1-6月各区区级财政收入（亿元）：徐汇区第3" in titles
        screenshot_main(page, artifacts_dir / "office_how_are_we_doing_zh.png")

    def test_in_english(self, page: Page, office_url, artifacts_dir):
        page.goto(f"{office_url}/?lang=en")
        wait_rendered(page, "Overview")
        main = page.get_by_test_id("stMain")
        for text in ("Needs attention", "What the latest publish changed",
                     "2024: GDP grew by 5.3%, 0.2 percentage points below the target.",
                     "Xuhui District · Data up to Dec 2024 · Updated"):
            expect(main).to_contain_text(text, timeout=RENDER_TIMEOUT)
        screenshot_main(page, artifacts_dir / "office_how_are_we_doing_en.png")

    @pytest.mark.parametrize(("path", "zh"), [(p, zh) for p, zh, _en, _c in PAGES])
    def test_every_page_says_how_fresh(self, page: Page, office_url, path, zh):
        page.goto(f"{office_url}/{path}")
        wait_rendered(page, zh)
        expect(page.get_by_test_id("stMain")).to_contain_text(
            "徐汇区 · 数据截至2024年12月 · 更新于", timeout=RENDER_TIMEOUT)

    def test_the_wall_says_it_too(self, page: Page, office_url, artifacts_dir):
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{office_url}/?view=screen")
        head = page.locator(".xh-wall-asof")
        expect(head).to_contain_text("数据截至2024年12月", timeout=RENDER_TIMEOUT)
        expect(head).to_contain_text("更新于")
        expect(page.locator(".xh-wall-attention")).to_contain_text("区级财政收入：完成年度目标的97.7%")
        page.screenshot(path=str(artifacts_dir / "office_wall_attention_zh.png"))
