"""An editor takes a GBK bulletin table to charts in the browser; a viewer cannot get in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, screenshot_main, wait_rendered
from tests.fixtures import import_corpus as corpus
from xhdash.data.versions import ensure_initialised
from xhdash.editors.auth import add_editor

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("journey")
    add_editor(folder / "secrets.toml", "wang", PASSWORD)
    ensure_initialised(folder / "store")
    process, url = start_server({"XHDASH_STORE": str(folder / "store"),
                                 "XHDASH_EDITORS_FILE": str(folder / "secrets.toml")})
    bulletin = folder / "2024年主要指标.csv"
    bulletin.write_bytes(corpus.bulletin_gbk())
    yield url, bulletin
    stop_server(process)


class TestImportJourney:
    def test_viewer_cannot_reach_the_data_page(self, page: Page, editor_server):
        url, _ = editor_server
        page.goto(f"{url}/")
        wait_rendered(page, "总览")
        expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text("数据管理")
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        expect(page.get_by_text("此页面仅供数据编辑使用")).to_be_visible()
        expect(page.locator("input[type=file]")).to_have_count(0)

    def test_editor_imports_a_gbk_bulletin_and_sees_it_charted(self, page: Page, editor_server,
                                                                artifacts_dir):
        url, bulletin = editor_server
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        page.get_by_label("编辑账号").fill("wang")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_text("导入统计表")).to_be_visible(timeout=RENDER_TIMEOUT)
        page.locator("input[type=file]").set_input_files(str(bulletin))
        page.get_by_role("button", name="检查并预览").click()
        expect(page.get_by_text("检查通过，可以发布。")).to_be_visible(timeout=RENDER_TIMEOUT)
        new_count = page.get_by_test_id("stMetric").filter(has_text="新增")
        expect(new_count).to_contain_text("5")
        screenshot_main(page, artifacts_dir / "data_preview_zh.png")
        page.get_by_role("button", name="发布为新版本").click()
        expect(page.get_by_text(re.compile(r"已发布版本 \d+。"))).to_be_visible(
            timeout=RENDER_TIMEOUT)
        page.get_by_test_id("stSidebarNav").get_by_text("总览").click()
        wait_rendered(page, "总览")
        card = page.get_by_test_id("stMetric").filter(has_text="区级财政收入")
        expect(card).to_contain_text("263.90亿元", timeout=RENDER_TIMEOUT)
        expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text(
            "2024年 · 徐汇区统计局（测试用合成数据）")
        revenue_chart = page.locator(".js-plotly-plot").first
        expect(revenue_chart).to_contain_text("2024年")
        screenshot_main(page, artifacts_dir / "overview_after_import_zh.png")

    def test_a_refused_file_is_named(self, page: Page, editor_server, tmp_path):
        url, _ = editor_server
        bomb = tmp_path / "报表.xlsx"
        bomb.write_bytes(corpus.zip_bomb_xlsx())
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        page.get_by_label("编辑账号").fill("wang")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.locator("input[type=file]").set_input_files(str(bomb))
        page.get_by_role("button", name="检查并预览").click()
        expect(page.get_by_text(re.compile("文件被拒绝：.*压缩炸弹"))).to_be_visible(
            timeout=RENDER_TIMEOUT)
