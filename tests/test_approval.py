"""Four eyes before a publish (issue 21, point 3): a pending request changes nothing readers see;
an approver, never the same person, previews it the same way and approves or rejects it with a
note; both names are in the history."""

from __future__ import annotations

import pytest

from tests.fixtures.import_corpus import long_utf8
from tests.test_data_page import PASSWORD, open_data_page
from tests.test_data_page import sign_in as submit_sign_in
from xhdash.data.versions import current_version, ensure_initialised, list_versions
from xhdash.editors import approval, audit
from xhdash.editors.auth import add_editor
from xhdash.editors.importer.resolve import ImportOptions
from xhdash.editors.publishing import preview_import


@pytest.fixture
def store(tmp_path):
    where = tmp_path / "store"
    ensure_initialised(where)
    return where


def submitted(store, editor: str = "wang") -> approval.Request:
    data, options = long_utf8(), ImportOptions(editor=editor, period=None)
    preview = preview_import(data, "a.csv", options, store)
    assert preview.publishable
    return approval.submit(data, "a.csv", options, editor, preview.summary(), store)


class TestRequests:
    def test_a_pending_request_changes_nothing_readers_see(self, store):
        before = current_version(store)
        request = submitted(store)
        assert current_version(store) == before
        assert [r.state for r in approval.requests(store)] == ["pending"]
        assert request.file_name == "a.csv" and request.editor == "wang"

    def test_an_approver_sees_others_requests_not_their_own(self, store):
        request = submitted(store, "wang")
        assert [r.request_id for r in approval.pending_for("li", store)] == [request.request_id]
        assert approval.pending_for("wang", store) == []

    def test_one_cannot_approve_ones_own(self, store):
        request = submitted(store, "wang")
        with pytest.raises(approval.ApprovalError, match="不能审核自己"):
            approval.approve(request.request_id, "wang", store=store)
        with pytest.raises(approval.ApprovalError):
            approval.reject(request.request_id, "wang", "no", store=store)
        assert current_version(store) == 0

    def test_approval_publishes_with_both_names(self, store):
        request = submitted(store, "wang")
        manifest = approval.approve(request.request_id, "li", "核对无误", store=store)
        assert current_version(store) == manifest.version_id == 1
        latest = list_versions(store)[-1]
        assert (latest.editor, latest.approved_by, latest.note) == ("wang", "li", "核对无误")
        (decided,) = approval.requests(store)
        assert (decided.state, decided.decided_by, decided.version) == ("approved", "li", 1)

    def test_a_rejected_request_never_becomes_visible(self, store):
        request = submitted(store, "wang")
        approval.reject(request.request_id, "li", "来源未注明", store=store)
        assert current_version(store) == 0
        (decided,) = approval.requests(store)
        assert (decided.state, decided.note) == ("rejected", "来源未注明")
        with pytest.raises(approval.ApprovalError, match="已经审核过"):
            approval.approve(request.request_id, "zhao", store=store)
        assert current_version(store) == 0 and approval.pending_for("zhao", store) == []

    def test_the_file_and_options_are_kept_as_submitted(self, store):
        request = submitted(store)
        data, options = approval.request_file(request.request_id, store)
        assert data == long_utf8() and options == ImportOptions(editor="wang")


class TestSetting:
    def test_approvers_from_the_editors_file(self, tmp_path):
        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        assert approval.approvers(path) == set()
        path.write_text(path.read_text() + "\n[approvers]\nli = true\nzhao = false\n")
        assert approval.approvers(path) == {"li"}

    @pytest.mark.parametrize(("mode", "names", "on"), [
        ("", set(), False), ("", {"li"}, True), ("auto", {"li"}, True), ("off", {"li"}, False),
        ("on", set(), True)])
    def test_on_by_default_where_approvers_exist(self, monkeypatch, mode, names, on):
        monkeypatch.setenv("XHDASH_FOUR_EYES", mode)
        assert approval.four_eyes_on(names) is on


class TestDataPage:
    @pytest.fixture
    def editors(self, tmp_path, monkeypatch, store):
        from xhdash.editors import shared_throttle
        from xhdash.editors.auth import LoginThrottle

        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        add_editor(path, "li", PASSWORD)
        path.write_text(path.read_text() + "\n[approvers]\nli = true\n")
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        monkeypatch.setenv("XHDASH_STORE", str(store))
        monkeypatch.setattr(shared_throttle, "_shared_throttle", LoginThrottle())
        return path

    def test_the_approver_sees_the_preview_and_approves(self, app_test, editors, store):
        request = submitted(store, "wang")
        at = submit_sign_in(open_data_page(app_test), "li", PASSWORD)
        assert "发布审核" in [s.value for s in at.subheader]
        assert at.selectbox(key="approval_pick").value == request.request_id
        assert any(m.label == "新增" for m in at.metric)  # the same preview as the editor's
        at.text_input(key=f"note_{request.request_id}").input("核对无误").run()
        at.button(key="approve").click().run()
        assert not at.exception
        assert current_version(store) == 1
        latest = list_versions(store)[-1]
        assert (latest.editor, latest.approved_by) == ("wang", "li")
        assert any("已审核通过" in s.value for s in at.success)
        events = audit.read_events(store)
        assert events.iloc[0]["action"] == "approve" and events.iloc[0]["who"] == "li"

    def test_the_approver_rejects_with_a_note(self, app_test, editors, store):
        request = submitted(store, "wang")
        at = submit_sign_in(open_data_page(app_test), "li", PASSWORD)
        assert at.button(key="reject").disabled  # a rejection needs its note
        at.text_input(key=f"note_{request.request_id}").input("期间有误").run()
        at.button(key="reject").click().run()
        assert current_version(store) == 0
        assert approval.requests(store)[0].state == "rejected"
        table = next(d.value for d in at.dataframe if "审核意见" in d.value.columns)
        assert table.iloc[0]["状态"] == "已退回" and table.iloc[0]["审核意见"] == "期间有误"

    def test_the_editor_cannot_approve_their_own(self, app_test, editors, store):
        submitted(store, "li")
        at = submit_sign_in(open_data_page(app_test), "li", PASSWORD)
        assert not at.get("selectbox") or all(s.key != "approval_pick" for s in at.selectbox)
        assert any("没有等待您审核" in c.value for c in at.caption)


class TestCommand:
    def test_xhdash_import_submits_for_approval_when_four_eyes_are_on(
            self, tmp_path, monkeypatch, store, capsys):
        from xhdash.serving.cli import main

        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        path.write_text(path.read_text() + "\n[approvers]\nli = true\n")
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        table = tmp_path / "a.csv"
        table.write_bytes(long_utf8())
        assert main(["import", str(table), "--store", str(store), "--editor", "wang"]) == 0
        assert "submitted for approval" in capsys.readouterr().out
        assert current_version(store) == 0
        (request,) = approval.pending_for("li", store)
        assert request.editor == "wang"
        assert audit.read_events(store).iloc[0]["action"] == "submit"
