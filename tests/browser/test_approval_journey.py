"""Four eyes in the browser: an editor's publish waits, unseen by readers, until another person
approves it; both names are in the history and the audit trail. The server counts sign-ins in a
Redis the test starts (the shared throttle)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, screenshot_main, wait_rendered
from tests.fixtures import import_corpus as corpus
from tests.redis_service import start_redis, stop_redis
from xhdash.data.versions import ensure_initialised, list_versions
from xhdash.editors.auth import add_editor

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def four_eyes_server(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("four-eyes")
    secrets = folder / "secrets.toml"
    add_editor(secrets, "wang", PASSWORD)
    add_editor(secrets, "li", PASSWORD)
    secrets.write_text(secrets.read_text() + "\n[approvers]\nli = true\n")
    ensure_initialised(folder / "store")
    redis, redis_url = start_redis(folder)
    process, url = start_server({"XHDASH_STORE": str(folder / "store"),
                                 "XHDASH_EDITORS_FILE": str(secrets),
                                 "XHDASH_THROTTLE_REDIS": redis_url,
                                 "XHDASH_REPLICA": "replica-a"})
    bulletin = folder / "2024年主要指标.csv"
    bulletin.write_bytes(corpus.bulletin_gbk())
    yield url, bulletin, folder / "store"
    stop_server(process)
    stop_redis(redis)


def sign_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/data")
    wait_rendered(page, "数据管理")
    page.get_by_label("编辑账号").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("导入统计表")).to_be_visible(timeout=RENDER_TIMEOUT)


def revenue_card(page: Page, url: str):
    page.goto(f"{url}/")
    wait_rendered(page, "总览")
    return page.get_by_test_id("stMetric").filter(has_text="区级财政收入")


def test_a_publish_waits_for_a_second_person(page: Page, browser: Browser, four_eyes_server,
                                             artifacts_dir):
    url, bulletin, store = four_eyes_server
    sign_in(page, url, "wang")
    page.locator("input[type=file]").set_input_files(str(bulletin))
    page.get_by_role("button", name="检查并预览").click()
    expect(page.get_by_text("检查通过，可以发布。")).to_be_visible(timeout=RENDER_TIMEOUT)
    expect(page.get_by_role("button", name="发布为新版本")).to_have_count(0)
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已提交审核")).to_be_visible(timeout=RENDER_TIMEOUT)
    expect(page.get_by_text("待审核", exact=True)).to_be_attached()  # in the requests table

    reader = browser.new_page(viewport={"width": 1366, "height": 768})
    expect(revenue_card(reader, url)).not_to_contain_text("263.90亿元", timeout=RENDER_TIMEOUT)

    approver = browser.new_page(viewport={"width": 1366, "height": 900})
    sign_in(approver, url, "li")
    expect(approver.get_by_text("发布审核")).to_be_visible()
    new_count = approver.get_by_test_id("stMetric").filter(has_text="新增")
    expect(new_count).to_contain_text("5", timeout=RENDER_TIMEOUT)  # the editor's preview
    approver.get_by_label("审核意见").fill("与公报核对无误")
    approver.get_by_label("审核意见").press("Enter")
    approver.get_by_role("button", name="审核通过并发布").click()
    expect(approver.get_by_text("已审核通过，发布为版本")).to_be_visible(timeout=RENDER_TIMEOUT)
    # the run after the approval over: until then the last run's sections stand beside the new
    wait_rendered(approver, "数据管理")
    expect(approver.get_by_text("操作记录", exact=True)).to_be_visible()
    screenshot_main(approver, artifacts_dir / "approval_done_zh.png")

    expect(revenue_card(reader, url)).to_contain_text("263.90亿元", timeout=RENDER_TIMEOUT)
    latest = list_versions(store)[-1]
    assert (latest.editor, latest.approved_by, latest.note) == ("wang", "li", "与公报核对无误")

    approver.set_viewport_size({"width": 390, "height": 844})
    expect(approver.get_by_text("操作记录", exact=True)).to_be_visible()
    screenshot_main(approver, artifacts_dir / "approval_audit_390_zh.png")
    for other in (reader, approver):
        other.close()
