"""In Chromium: looks right on every screen (issue 22). At 1366 px, 390 px, in English and on the
wall (1920×1080, 3840×2160, 3840×1080, light and dark): no element's box overlaps another's, no
text is cut (scrollWidth ≤ clientWidth), nothing in a chart (title, legend, plot, tick labels)
runs over anything else or out of its figure, the page never scrolls sideways, and the wall's
text has a contrast of at least 4.5:1 against what it is drawn on — on the shipped data and on
the office fixture. Screenshots go to artifacts/screenshots/looks_*.png."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, assert_no_errors
from tests.browser.test_office import office_server
from xhdash.i18n import tr

pytestmark = pytest.mark.browser

BLOCKS = ", ".join(f'[data-testid="{t}"]' for t in (
    "stMetric", "stPlotlyChart", "stCaptionContainer", "stHeading", "stDownloadButton",
    "stPopover", "stButton", "stAlert", "stMarkdownContainer"))

# pairs of block elements (neither inside the other) whose boxes overlap by more than a pixel
OVERLAPS = """(selector) => {
  const root = document.querySelector('[data-testid=stMain]');
  const boxes = [...root.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null && e.innerText.trim())
    .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width > 0 && r.height > 0);
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, ra] = boxes[i], [b, rb] = boxes[j];
    if (a.contains(b) || b.contains(a)) continue;
    const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
    const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
    if (w > 1 && h > 1) found.push([a.dataset.testid + ':' + a.innerText.slice(0, 30),
                                    b.dataset.testid + ':' + b.innerText.slice(0, 30)]);
  }
  return found.slice(0, 10);
}"""

# text whose box is narrower than its content: cut, or drawn over its neighbour
CUT = """() => {
  const root = document.querySelector('[data-testid=stMain]');
  const sel = '[data-testid=stMetricLabel] *, [data-testid=stMetricValue], '
    + '[data-testid=stMetricDelta] *, button [data-testid=stMarkdownContainer], '
    + '[data-testid=stCaptionContainer], h1, h2, h3';
  return [...root.querySelectorAll(sel)].filter(e => e.offsetParent !== null
      && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 40)).slice(0, 10);
}"""

# inside each chart: the title, the legend, the plot area and each tick label in their own
# boxes, and every text inside the figure
CHART_FAULTS = """() => {
  const faults = [];
  const meet = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('.main-svg').getBoundingClientRect();
    const title = plot.querySelector('.gtitle'), legend = plot.querySelector('.legend');
    // the plot area (a static chart, as on the wall, has no drag layer: its bars' group)
    const area = plot.querySelector('.nsewdrag') || plot.querySelector('.cartesianlayer .plot');
    const name = title ? title.textContent.slice(0, 30) : '?';
    const parts = [['title', title], ['legend', legend], ['plot', area]]
      .filter(([, e]) => e).map(([n, e]) => [n, e.getBoundingClientRect()])
      .filter(([, r]) => r.width > 0);
    for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++)
      if (meet(parts[i][1], parts[j][1])) faults.push(name + ': ' + parts[i][0] + ' over '
                                                      + parts[j][0]);
    const ticks = [...plot.querySelectorAll('.xtick text, .ytick text')]
      .map(t => t.getBoundingClientRect()).filter(r => r.width > 0);
    for (let i = 0; i < ticks.length; i++) for (let j = i + 1; j < ticks.length; j++)
      if (meet(ticks[i], ticks[j])) { faults.push(name + ': tick labels collide'); break; }
    for (const text of plot.querySelectorAll('.main-svg text, .infolayer text')) {
      const r = text.getBoundingClientRect();
      if (r.width && (r.left < svg.left - 1 || r.right > svg.right + 1
                      || r.top < svg.top - 1 || r.bottom > svg.bottom + 1))
        faults.push(name + ': text out of the figure: ' + text.textContent.slice(0, 30));
    }
  }
  return faults.slice(0, 10);
}"""

# the wall's text against the colour behind it (WCAG relative luminance)
LOW_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const behind = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e)
      .backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c; }
    return [255, 255, 255]; };
  const low = [];
  const root = document.querySelector('[data-testid=stMain]');
  for (const e of root.querySelectorAll('p, span, h1, h2, h3, label, div')) {
    if (!e.offsetParent || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
      continue;
    const r = ratio(rgb(getComputedStyle(e).color), behind(e));
    if (r < 4.5) low.push(e.textContent.trim().slice(0, 30) + ' ' + r.toFixed(2));
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const paper = plot.layout.paper_bgcolor || '#ffffff';
    const bg = paper.startsWith('#')
      ? [1, 3, 5].map(i => parseInt(paper.slice(i, i + 2), 16)) : rgb(paper);
    for (const t of plot.querySelectorAll('.gtitle, .legendtext, .xtick text, .ytick text')) {
      const r = ratio(rgb(getComputedStyle(t).fill), bg);
      if (r < 4.5) low.push('chart ' + t.textContent.slice(0, 30) + ' ' + r.toFixed(2));
    }
  }
  return [...new Set(low)].slice(0, 10);
}"""

# every button's label (its Markdown box; the <p> inside is inline and has no width of its own)
# narrower than its words, or the button past its row or the screen: [label, fault]
BUTTONS_CUT = """() => {
  const faults = [];
  const buttons = document.querySelectorAll(
    '[data-testid=stMain] button, [data-testid=stPopoverBody] button');
  for (const b of buttons) {
    const label = b.querySelector('[data-testid=stMarkdownContainer]');
    if (!b.offsetParent || !label) continue;
    const words = label.innerText.trim();
    if (label.scrollWidth > label.clientWidth + 1) faults.push([words, 'label cut']);
    if (b.scrollWidth > b.clientWidth + 1) faults.push([words, 'button cut']);
    const r = b.getBoundingClientRect();
    const row = b.parentElement.closest('[data-testid=stHorizontalBlock], '
      + '[data-testid=stVerticalBlock], [data-testid=stPopoverBody]').getBoundingClientRect();
    if (r.right > row.right + 1 || r.right > window.innerWidth + 1)
      faults.push([words, 'past its row']);
  }
  return faults;
}"""
BUTTON_LABELS = """() => [...document.querySelectorAll(
    '[data-testid=stMain] button [data-testid=stMarkdownContainer], '
    + '[data-testid=stPopoverBody] button [data-testid=stMarkdownContainer]')]
  .filter(e => e.offsetParent).map(e => e.innerText.trim())"""

PAGES_1366 = ["", "zones", "industry", "livelihood", "governance"]
WALLS = [(size, theme) for size in ("1920x1080", "3840x2160", "3840x1080")
         for theme in ("light", "dark")]


def open_page(page: Page, url: str, width: int, height: int, wall: bool = False) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=RENDER_TIMEOUT)
    # the wall's refresh fragment keeps the status widget up: wait for its charts instead
    settled = "" if wall else " && !document.querySelector('[data-testid=stStatusWidget]')"
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=stSkeleton]').length === 0" + settled
        + " && document.querySelectorAll('.js-plotly-plot').length > 0"
        " && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.data"
        " && p._fullLayout && p.querySelector('.main-svg'))", timeout=RENDER_TIMEOUT)
    page.wait_for_timeout(800)  # the charts' last relayout


def assert_looks_right(page: Page) -> None:
    assert_no_errors(page)
    assert page.evaluate(OVERLAPS, BLOCKS) == []
    assert page.evaluate(CUT) == []
    assert page.evaluate(CHART_FAULTS) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


class TestPagesLookRight:
    @pytest.mark.parametrize("path", PAGES_1366)
    def test_at_1366_in_chinese(self, page: Page, base_url, artifacts_dir, path):
        open_page(page, f"{base_url}/{path}", 1366, 900)
        page.screenshot(path=str(artifacts_dir / f"looks_{path or 'overview'}_1366_zh.png"),
                        full_page=True)
        assert_looks_right(page)

    @pytest.mark.parametrize("path", ["", "governance"])
    def test_at_1366_in_english(self, page: Page, base_url, artifacts_dir, path):
        open_page(page, f"{base_url}/{path}?lang=en", 1366, 900)
        page.screenshot(path=str(artifacts_dir / f"looks_{path or 'overview'}_1366_en.png"),
                        full_page=True)
        assert_looks_right(page)

    @pytest.mark.parametrize(("path", "lang"), [("", "zh"), ("governance", "zh"), ("", "en")])
    def test_on_the_phone(self, page: Page, base_url, artifacts_dir, path, lang):
        open_page(page, f"{base_url}/{path}?lang={lang}", 390, 844)
        page.screenshot(path=str(artifacts_dir / f"looks_{path or 'overview'}_390_{lang}.png"),
                        full_page=True)
        assert_looks_right(page)


class TestWallLooksRight:
    @pytest.mark.parametrize(("size", "theme"), WALLS)
    def test_wall(self, page: Page, base_url, artifacts_dir, size, theme):
        width, height = (int(n) for n in size.split("x"))
        open_page(page, f"{base_url}/?view=screen&size={size}&theme={theme}", width, height,
                  wall=True)
        page.screenshot(path=str(artifacts_dir / f"looks_wall_{size}_{theme}.png"))
        assert_looks_right(page)
        assert page.evaluate(LOW_CONTRAST) == []


class TestEnglishButtonsFit:
    """Every button on the overview and a domain page, in English at 1366 and 390 px, shows its
    whole label (the chart's download row wraps its buttons instead of squeezing them into
    three columns, where Streamlit cuts a label to "Download…"); the image popover open."""

    @pytest.mark.parametrize("width", [1366, 390])
    @pytest.mark.parametrize("path", ["", "livelihood"])
    def test_no_label_is_cut(self, page: Page, base_url, artifacts_dir, path, width):
        open_page(page, f"{base_url}/{path}?lang=en", width, 900)
        page.locator('[data-testid=stPopover] button').first.click()
        page.wait_for_selector('[data-testid=stPopoverBody] button', timeout=RENDER_TIMEOUT)
        labels = page.evaluate(BUTTON_LABELS)
        assert {tr(key, "en") for key in ("download_csv", "download_image",
                                          "download_image_png_16_9")} <= set(labels)
        page.locator('[data-testid=stHorizontalBlock]:has([data-testid=stPopover])').first \
            .screenshot(path=str(artifacts_dir / f"looks_buttons_{path or 'overview'}_{width}_en.png"))
        assert page.evaluate(BUTTONS_CUT) == []


@pytest.fixture(scope="module")
def office_looks_url(tmp_path_factory):
    """A server on the office's year of tables (synthetic, 测试用合成数据): months, 1–N月,
    targets, 13 streets, the other districts, a revision."""
    process, url = office_server(tmp_path_factory, "office_looks")
    yield url
    stop_server(process)


class TestOfficeLooksRight:
    """The same checks on an office-shaped store, where the shipped data's few figures would
    hide what long series, many streets, targets and city ranks do to a page."""

    @pytest.mark.parametrize(("path", "lang", "width"), [
        ("", "zh", 1366), ("", "en", 1366), ("", "zh", 390), ("", "en", 390),
        ("zones", "en", 1366), ("industry", "en", 1366), ("livelihood", "zh", 390)])
    def test_page(self, page: Page, office_looks_url, artifacts_dir, path, lang, width):
        open_page(page, f"{office_looks_url}/{path}?lang={lang}", width, 900)
        page.screenshot(path=str(artifacts_dir / f"looks_office_{path or 'overview'}_{width}_"
                                                 f"{lang}.png"))
        assert_looks_right(page)

    def test_thirteen_streets_on_the_phone(self, page: Page, office_looks_url, artifacts_dir):
        open_page(page, f"{office_looks_url}/zones", 390, 844)
        page.get_by_test_id("stButtonGroup").get_by_text("街道（镇）", exact=True).click()
        page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].some(p =>"
                               " (p.data || []).some(t => (t.y || []).length === 13))",
                               timeout=RENDER_TIMEOUT)
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts_dir / "looks_office_streets_390_zh.png"))
        assert_looks_right(page)

    @pytest.mark.parametrize(("size", "theme"), [("1920x1080", "dark"), ("3840x1080", "light")])
    def test_wall(self, page: Page, office_looks_url, artifacts_dir, size, theme):
        width, height = (int(n) for n in size.split("x"))
        open_page(page, f"{office_looks_url}/?view=screen&size={size}&theme={theme}", width,
                  height, wall=True)
        page.screenshot(path=str(artifacts_dir / f"looks_office_wall_{size}_{theme}.png"))
        assert_looks_right(page)
        assert page.evaluate(LOW_CONTRAST) == []
