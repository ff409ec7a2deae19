"""An editor signs in through the organisation's OpenID Connect provider and out again.

The provider is tests/oidc/provider.mjs (oidc-provider on loopback, its development login form
accepting any password); the dashboard runs with a temporary secrets.toml whose [auth] points at
it. The accounts' names are labelled 测试用合成数据.
"""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require_chromium, start_server, stop_server
from tests.browser.test_browser import RENDER_TIMEOUT, screenshot_main, wait_rendered
from tests.oidc.service import CLIENT_ID, start_provider, stop_provider
from xhdash.data.versions import ensure_initialised
from xhdash.editors import audit
from xhdash_tools.loadtest.server import free_port

pytestmark = pytest.mark.browser
EDITOR_NAME = "王编辑（测试用合成数据）"  # tests/oidc/provider.mjs's account "wang", roles ["editor"]
VIEWER_NAME = "赵读者（测试用合成数据）"  # its account "zhao", no roles
SIGN_IN = "通过单位统一身份认证登录"


def secrets_toml(app_port: int, issuer: str, client_secret: str) -> str:
    return "\n".join([
        "[auth]",
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"',
        f'cookie_secret = "{secrets.token_urlsafe(32)}"',
        "[auth.xhdash]",
        f'client_id = "{CLIENT_ID}"',
        f'client_secret = "{client_secret}"',
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"',
        # oidc-provider knows no prompt=select_account (Streamlit's default): ask for the login form
        'client_kwargs = { scope = "openid profile email roles", prompt = "login" }',
        "",
    ])


@pytest.fixture(scope="module")
def provider_app(tmp_path_factory):
    require_chromium()
    folder = tmp_path_factory.mktemp("oidc")
    app_port = free_port()
    client_secret = secrets.token_urlsafe(24)
    provider, issuer = start_provider(f"http://127.0.0.1:{app_port}/oauth2callback", client_secret)
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(secrets_toml(app_port, issuer, client_secret), encoding="utf-8")
    secrets_file.chmod(0o600)
    store = folder / "store"
    ensure_initialised(store)
    try:
        app, url = start_server({"XHDASH_STORE": str(store),
                                 "XHDASH_EDITORS_FILE": str(secrets_file),
                                 "STREAMLIT_SECRETS_FILES": str(secrets_file)}, port=app_port)
    except BaseException:
        stop_provider(provider)
        raise
    yield url, issuer, store
    stop_server(app)
    stop_provider(provider)


def sign_in_at_the_provider(page: Page, url: str, issuer: str, login: str) -> None:
    """From the data page: the sign-in button, the provider's login form, back to the overview."""
    page.goto(f"{url}/data")
    wait_rendered(page, "数据管理")
    expect(page.get_by_text("此页面仅供数据编辑使用")).to_be_visible()
    expect(page.get_by_label("密码")).to_have_count(0)  # no password form beside a provider
    page.get_by_role("button", name=SIGN_IN).click()
    page.wait_for_url(re.compile(re.escape(issuer) + r"/interaction/"), timeout=RENDER_TIMEOUT)
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password the test form accepts")
    page.get_by_role("button", name="Sign-in").click()
    page.wait_for_url(re.compile(re.escape(url) + r"/?$"), timeout=RENDER_TIMEOUT)
    wait_rendered(page, "总览")


class TestProviderSignIn:
    def test_an_editor_signs_in_through_the_provider_and_out(self, page: Page, provider_app,
                                                              artifacts_dir):
        url, issuer, store = provider_app
        sign_in_at_the_provider(page, url, issuer, "wang")
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text(f"已登录编辑：{EDITOR_NAME}", timeout=RENDER_TIMEOUT)
        expect(sidebar).not_to_contain_text("wang@example.org")
        page.get_by_test_id("stSidebarNav").get_by_text("数据管理").click()
        wait_rendered(page, "数据管理")
        expect(page.get_by_text("导入统计表")).to_be_visible(timeout=RENDER_TIMEOUT)
        expect(page.locator("input[type=file]")).to_have_count(1)
        expect(page.get_by_text("此页面仅供数据编辑使用")).to_have_count(0)
        screenshot_main(page, artifacts_dir / "oidc_editor_data_zh.png")
        page.screenshot(path=str(artifacts_dir / "oidc_editor_sidebar_zh.png"))

        page.get_by_test_id("stSidebar").get_by_role("button", name="退出登录").click()
        page.wait_for_url(re.compile(re.escape(issuer) + r"/session/end"), timeout=RENDER_TIMEOUT)
        page.get_by_role("button", name="Yes, sign me out").click()
        page.wait_for_url(re.compile(re.escape(url) + r"/?$"), timeout=RENDER_TIMEOUT)
        wait_rendered(page, "总览")
        expect(page.get_by_test_id("stSidebar")).not_to_contain_text("已登录")
        expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text("数据管理")
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        expect(page.get_by_role("button", name=SIGN_IN)).to_be_visible()
        expect(page.locator("input[type=file]")).to_have_count(0)

        events = audit.read_events(store)
        mine = events[events["who"] == EDITOR_NAME]
        assert list(mine["action"]) == ["sign_out", "sign_in"]  # newest first

    def test_a_person_without_a_role_is_told_they_may_only_read(self, page: Page, provider_app,
                                                                 artifacts_dir):
        url, issuer, _ = provider_app
        sign_in_at_the_provider(page, url, issuer, "zhao")
        expect(page.get_by_test_id("stSidebar")).to_contain_text(f"已登录（仅浏览）：{VIEWER_NAME}",
                                                                 timeout=RENDER_TIMEOUT)
        expect(page.get_by_test_id("stSidebarNav")).not_to_contain_text("数据管理")
        page.goto(f"{url}/data")
        wait_rendered(page, "数据管理")
        expect(page.get_by_text("没有编辑权限，只能浏览看板")).to_be_visible(timeout=RENDER_TIMEOUT)
        expect(page.locator("input[type=file]")).to_have_count(0)
        screenshot_main(page, artifacts_dir / "oidc_viewer_data_zh.png")
