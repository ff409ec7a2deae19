"""The app survives any store: viewers see a plain message on every page, never a traceback or
a server path; a signed-in editor still reaches the data page, sees why, and rolls back."""

from __future__ import annotations

from pathlib import Path

import pytest
from deltalake import DeltaTable

from tests.test_data_page import PASSWORD, sign_in
from xhdash.data.versions import current_version, ensure_initialised, tables_dir
from xhdash.editors.auth import add_editor
from xhdash.editors.publishing import ImportOptions, publish_import

REVENUE_2024 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年,260,亿元,测试用合成数据\r\n".encode()
VIEWER_PAGES = ["pages/overview.py", "pages/zones.py", "pages/industry.py", "pages/livelihood.py",
                "pages/governance.py", "pages/explorer.py", "pages/about.py"]


def current_files(store, name: str) -> list[Path]:
    version = tables_dir(store).table_version(name)
    return [Path(uri) for uri in DeltaTable(str(store / name), version=version).file_uris()]


def break_store(store, how: str) -> None:
    if how == "damaged_parquet":
        for path in current_files(store, "observations"):
            path.write_bytes(b"PAR1 not really" * 50)
    elif how == "missing_table":
        for path in current_files(store, "indicators"):
            path.unlink()
    elif how == "log_damaged":  # the publishes log's last commit garbled by hand
        logs = sorted((store / "publishes" / "_delta_log").glob("*.json"))
        logs[-1].write_bytes(b"{not json")


@pytest.fixture
def broken_store(tmp_path, monkeypatch, request):
    store = tmp_path / "store"
    ensure_initialised(store)
    publish_import(REVENUE_2024, "rev.csv", ImportOptions(editor="wang"), "wang", store)
    break_store(store, getattr(request, "param", "damaged_parquet"))
    monkeypatch.setenv("XHDASH_STORE", str(store))
    editors = tmp_path / "secrets.toml"
    add_editor(editors, "wang", PASSWORD)
    monkeypatch.setenv("XHDASH_EDITORS_FILE", str(editors))
    return store


def shown_text(at) -> str:
    parts = [e.value for e in at.error] + [c.value for c in at.caption] + [
        m.value for m in at.markdown] + [w.value for w in at.warning]
    return "\n".join(parts)


class TestViewersOfABrokenStore:
    @pytest.mark.parametrize("broken_store", ["damaged_parquet", "missing_table",
                                              "log_damaged"], indirect=True)
    @pytest.mark.parametrize("page", VIEWER_PAGES)
    def test_every_page_shows_a_plain_message(self, app_test, broken_store, page):
        at = app_test()
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page)
            at.run()
        assert not at.exception
        text = shown_text(at)
        assert "数据暂时无法显示" in text
        assert str(broken_store) not in text and "/" not in text.replace("1-9", "")
        assert "Traceback" not in text and "Arrow" not in text and "Errno" not in text


class TestEditorsOfABrokenStore:
    def test_editor_sees_why_and_rolls_back(self, app_test, broken_store):
        at = app_test()
        at.run()
        at.switch_page("pages/data.py")
        at.run()
        at = sign_in(at, "wang", PASSWORD)
        assert any("当前数据无法载入" in e.value for e in at.error)
        assert "observations.parquet" in "\n".join(t.value for t in at.text)
        assert not at.get("file_uploader")
        at.selectbox(key="rollback_target").set_value(0)
        at.checkbox(key="rollback_confirm").check().run()
        at.button(key="rollback").click().run()
        assert not at.exception
        assert current_version(broken_store) == 2  # a restore: a new version equal to 0
        at.run()  # the rollback reran the app: the store reads again
        at.switch_page("pages/overview.py")
        at.run()
        assert {m.label: m.value for m in at.metric}["区级财政收入"] == "250.85亿元"


class TestPageFailures:
    def test_a_failing_page_shows_a_plain_message(self, app_test, monkeypatch):
        from xhdash.serving.ui import blocks

        def fails(*args, **kwargs):
            raise RuntimeError("/srv/secret/path exploded")

        monkeypatch.setattr(blocks, "render_cards", fails)
        at = app_test()
        at.run()
        assert not at.exception
        assert any("本页暂时无法显示" in e.value for e in at.error)
        assert "/srv/secret" not in shown_text(at)
