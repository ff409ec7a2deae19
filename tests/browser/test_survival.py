"""In Chromium: a store broken on purpose leaves viewers a plain message and editors the way to
roll back; Markdown from the address or from data is shown as text, never as a link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from deltalake import DeltaTable
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, assert_no_errors, screenshot_main, wait_rendered
from xhdash.data.tables import read_parquet_tables, write_parquet_tables
from xhdash.data.versions import ensure_initialised, tables_dir
from xhdash.editors.auth import add_editor
from xhdash.editors.publishing import ImportOptions, publish_import
from xhdash.paths import DATA_DIR

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
REVENUE_2024 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年,260,亿元,测试用合成数据\r\n".encode()
HOSTILE_SOURCE = "[点此登录](https://evil.example/login) https://evil.example/x $$\\href{x}{y}$$"


def evil_links(page: Page) -> int:
    return page.locator("a[href*='evil']").count()


def visible_text(page: Page, test_id: str) -> str:
    """What a reader sees: the text without the invisible joiners that keep links from forming."""
    return page.get_by_test_id(test_id).first.inner_text().replace("\u2060", "")


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("broken")
    add_editor(folder / "secrets.toml", "wang", PASSWORD)
    store = folder / "store"
    ensure_initialised(store)
    publish_import(REVENUE_2024, "rev.csv", ImportOptions(editor="wang"), "wang", store)
    version = tables_dir(store).table_version("observations")  # the current version's files
    for uri in DeltaTable(str(store / "observations"), version=version).file_uris():
        Path(uri).write_bytes(b"PAR1 damaged by hand" * 40)
    process, url = start_server({"XHDASH_STORE": str(store),
                                 "XHDASH_EDITORS_FILE": str(folder / "secrets.toml")})
    yield url, store
    stop_server(process)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    require_chromium()
    store = tmp_path_factory.mktemp("hostile") / "store"
    tables = read_parquet_tables(DATA_DIR)
    sources = tables["sources"]
    sources.loc[sources["source_id"].eq("S2"), "publisher_zh"] = HOSTILE_SOURCE
    write_parquet_tables(tables, store)
    process, url = start_server({"XHDASH_STORE": str(store)})
    yield url
    stop_server(process)


class TestBrokenStore:
    def test_viewer_sees_a_plain_message_on_every_page(self, page: Page, broken_server,
                                                       artifacts_dir):
        url, store = broken_server
        for path in ("", "livelihood", "explorer"):
            page.goto(f"{url}/{path}")
            expect(page.get_by_text("数据暂时无法显示")).to_be_visible(timeout=RENDER_TIMEOUT)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            text = page.get_by_test_id("stMain").inner_text()
            assert str(store) not in text and "Traceback" not in text
        expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text("数据管理")
        screenshot_main(page, artifacts_dir / "broken_store_viewer_zh.png")

    def test_editor_rolls_back_and_the_pages_return(self, page: Page, broken_server,
                                                     artifacts_dir):
        url, _ = broken_server
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        page.get_by_label("编辑账号").fill("wang")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_text("当前数据无法载入")).to_be_visible(timeout=RENDER_TIMEOUT)
        expect(page.get_by_text("数据版本")).to_be_visible()
        screenshot_main(page, artifacts_dir / "broken_store_editor_zh.png")
        page.get_by_text("我确认要回滚").click()
        page.get_by_role("button", name="回滚", exact=True).click()
        expect(page.get_by_text(re.compile(r"已回滚到版本 \d+（新版本 \d+"))).to_be_visible(
            timeout=RENDER_TIMEOUT)
        page.goto(f"{url}/")
        wait_rendered(page, "总览")
        assert_no_errors(page)
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("250.85亿元",
                                                                         timeout=RENDER_TIMEOUT)


class TestTextStaysText:
    def test_markdown_in_the_address_is_not_a_link(self, page: Page, hostile_server):
        value = "[数据已迁移，请点此登录](https://evil.example/login)"
        page.goto(f"{hostile_server}/?area={quote(value)}")
        wait_rendered(page, "总览")
        expect(page.get_by_test_id("stAlertContentWarning")).to_be_visible()
        assert value in visible_text(page, "stAlertContentWarning")
        assert evil_links(page) == 0

    def test_markdown_in_a_source_is_not_a_link_or_formula(self, page: Page, hostile_server):
        page.goto(f"{hostile_server}/")
        wait_rendered(page, "总览")
        text = visible_text(page, "stMain")
        assert HOSTILE_SOURCE in text  # in the profile and the card captions, as written
        assert evil_links(page) == 0
        expect(page.locator(".katex, .katex-error")).to_have_count(0)
