"""AppTests of the editors' data page: viewers are refused; editors sign in and see the tools."""

import pytest

from xhdash.data.versions import ensure_initialised
from xhdash.editors.auth import add_editor

PASSWORD = "correct horse battery"


@pytest.fixture
def editors_file(tmp_path, monkeypatch):
    path = tmp_path / "secrets.toml"
    add_editor(path, "wang", PASSWORD)
    monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
    ensure_initialised(tmp_path / "store")
    monkeypatch.setenv("XHDASH_STORE", str(tmp_path / "store"))
    return path


def sign_in(at, name: str, password: str):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_data_page(app_test):
    at = app_test()
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


class TestDataPage:
    def test_viewer_is_refused_and_offered_sign_in(self, app_test, editors_file):
        at = open_data_page(app_test)
        assert any("仅供数据编辑使用" in e.value for e in at.error)
        assert not at.get("file_uploader")
        assert len(at.text_input) == 2

    def test_page_is_listed_only_for_editors(self):
        from xhdash.meaning.page_specs import PAGES
        from xhdash.serving.ui.navigation import EXTRA_PAGES, build_pages  # ids: the extra pages'

        def visible(is_editor: bool) -> set[str]:  # pages in declared order (no run context)
            ids = [*PAGES, *EXTRA_PAGES]
            return {i for i, p in zip(ids, build_pages("zh", is_editor), strict=True)
                    if p.visibility == "visible"}

        assert "data" not in visible(False) and "explorer" in visible(False)
        assert "data" in visible(True)

    def test_wrong_password(self, app_test, editors_file):
        at = sign_in(open_data_page(app_test), "wang", "guess")
        assert any("账号或密码不正确" in e.value for e in at.error)
        assert not at.get("file_uploader")

    def test_editor_signs_in_and_sees_import_and_versions(self, app_test, editors_file):
        at = sign_in(open_data_page(app_test), "wang", PASSWORD)
        assert at.get("file_uploader")
        assert "导入统计表" in [s.value for s in at.subheader]
        assert any("已登录编辑：wang" in c.value for c in at.sidebar.caption)

    def test_a_fresh_store_history_names_the_shipped_data(self, app_test, editors_file,
                                                          tmp_path, monkeypatch):
        import xhdash.paths

        monkeypatch.delenv("XHDASH_STORE")  # the project's store/ of a fresh clone: nothing yet
        monkeypatch.setattr(xhdash.paths, "DEFAULT_STORE", tmp_path / "clone" / "store")
        at = sign_in(open_data_page(app_test), "wang", PASSWORD)
        (history,) = [d.value for d in at.dataframe if "SHA-256" in d.value.columns]
        (row,) = history.to_dict("records")
        assert "看板" in row.values() and "随看板发布的数据" in row.values()
        assert "首个版本" in row.values()
        assert (tmp_path / "clone" / "store" / "publishes" / "_delta_log").is_dir()

    def test_no_accounts_configured(self, app_test, tmp_path, monkeypatch):
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(tmp_path / "none.toml"))
        at = open_data_page(app_test)
        assert any("xhdash add-editor" in i.value for i in at.info)


class TestNewVersionReachesOpenSessions:
    def test_a_publish_shows_on_the_next_rerun_without_restart(self, app_test, editors_file,
                                                                  tmp_path):
        from tests.fixtures import import_corpus as corpus
        from xhdash.data.tables import load_parquet_tables
        from xhdash.data.versions import current_version, publish, tables_dir
        from xhdash.editors.importer.pipeline import run_import
        from xhdash.editors.importer.resolve import ImportOptions

        store = tmp_path / "store"
        at = app_test()
        at.run()
        cards = {m.label: m.value for m in at.metric}
        assert cards["区级财政收入"] == "250.85亿元"
        result = run_import(corpus.bulletin_gbk(), "公报.csv",
                            load_parquet_tables(tables_dir(store)), ImportOptions())
        publish(store, result.tables, {"editor": "wang", "file_name": "公报.csv",
                                       "file_sha256": result.file_sha256},
                based_on=current_version(store))
        at.run()
        cards = {m.label: m.value for m in at.metric}
        assert cards["区级财政收入"] == "263.90亿元"
