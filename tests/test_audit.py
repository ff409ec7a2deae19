"""The audit trail (issue 21, point 5): sign-ins, publishes, approvals, rejections, rollbacks —
who, when, what, from which replica — kept beside the store, shown to editors, exported as CSV."""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime

import pandas as pd
import pytest

from tests.test_data_page import PASSWORD, open_data_page
from tests.test_data_page import sign_in as submit_sign_in
from xhdash.data.versions import ensure_initialised
from xhdash.editors import audit
from xhdash.output.export import to_csv_bytes


@pytest.fixture
def store(tmp_path):
    where = tmp_path / "store"
    ensure_initialised(where)
    return where


class TestTrail:
    def test_events_are_appended_and_read_newest_first(self, store):
        audit.append_event(audit.make_event("sign_in", "wang", "", "host-a:8501",
                                            at=datetime(2026, 12, 1, 1, 0, tzinfo=UTC)), store)
        audit.append_event(audit.make_event("publish", "wang", "1: a.csv", "host-b:8502",
                                            at=datetime(2026, 12, 1, 2, 0, tzinfo=UTC)), store)
        events = audit.read_events(store)
        assert list(events["action"]) == ["publish", "sign_in"]
        assert list(events["replica"]) == ["host-b:8502", "host-a:8501"]
        assert events["at"].iloc[0] == "2026-12-01T02:00:00+00:00"

    def test_kept_beside_the_store_as_a_delta_table(self, store):
        audit.record("sign_in", "wang", store=store)
        from deltalake import DeltaTable

        assert DeltaTable(str(store / "audit")).to_pyarrow_table().num_rows == 1

    def test_an_empty_trail_has_the_columns(self, store):
        events = audit.read_events(store)
        assert list(events.columns) == list(audit.COLUMNS) and len(events) == 0

    def test_replicas_appending_at_once_lose_nothing(self, store):
        errors = []

        def append(replica: int) -> None:
            try:
                for number in range(5):
                    audit.append_event(audit.make_event("sign_in_failed", f"u{number}",
                                                        replica=f"r{replica}"), store)
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=append, args=(n,)) for n in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        events = audit.read_events(store)
        assert len(events) == 15
        assert events.groupby("replica").size().to_dict() == {"r0": 5, "r1": 5, "r2": 5}

    def test_an_unknown_action_is_refused(self):
        with pytest.raises(ValueError, match="unknown audit action"):
            audit.make_event("delete_everything", "wang")

    def test_typed_text_is_kept_short_and_on_one_line(self):
        event = audit.make_event("sign_in_failed", "x" * 500 + "\ufffe",
                                 "a\nb\r\x00c", replica="r")
        assert event.who == "x" * audit.WHO_CHARS
        assert event.what == "a b c"

    def test_the_replica_is_the_setting_else_host_and_port(self, monkeypatch):
        import socket

        monkeypatch.delenv("XHDASH_REPLICA", raising=False)
        assert audit.replica_name(8502) == f"{socket.gethostname()}:8502"
        monkeypatch.setenv("XHDASH_REPLICA", "replica-2")
        assert audit.replica_name(8502) == "replica-2"
        assert audit.make_event("sign_in", "wang").replica == "replica-2"

    def test_a_trail_that_cannot_be_written_never_stops_the_action(self, tmp_path, caplog):
        blocker = tmp_path / "file"
        blocker.write_text("not a folder")
        assert audit.record("sign_in", "wang", store=blocker) is False
        assert "not written" in caplog.text


class TestShown:
    def events(self) -> pd.DataFrame:
        return pd.DataFrame([{"at": "2026-12-01T02:00:00+00:00", "action": "approve",
                              "who": "=HYPERLINK(\"x\")", "what": "3", "replica": "h:8501"}])

    def test_in_chinese_with_beijing_time(self):
        shown = audit.present_events(self.events(), "zh")
        assert list(shown.columns) == ["时间（北京时间）", "操作", "人员", "内容", "副本"]
        assert shown.iloc[0].tolist()[:2] == ["2026-12-01 10:00:00", "审核通过"]

    def test_a_request_time_in_beijing_time(self):
        assert audit.beijing_time("2026-12-01T18:30:00+00:00") == "2026-12-02 02:30"

    def test_in_english(self):
        shown = audit.present_events(self.events(), "en")
        assert shown.iloc[0]["Action"] == "Approved"

    def test_the_csv_neutralises_a_typed_formula(self):
        data = to_csv_bytes(audit.present_events(self.events(), "zh"))
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
        assert frame.iloc[0]["人员"].startswith("'=")


class TestDataPage:
    @pytest.fixture
    def editors(self, tmp_path, monkeypatch, store):
        from xhdash.editors import shared_throttle
        from xhdash.editors.auth import LoginThrottle, add_editor

        path = tmp_path / "secrets.toml"
        add_editor(path, "wang", PASSWORD)
        monkeypatch.setenv("XHDASH_EDITORS_FILE", str(path))
        monkeypatch.setenv("XHDASH_STORE", str(store))
        monkeypatch.setenv("XHDASH_REPLICA", "replica-1")
        monkeypatch.setattr(shared_throttle, "_shared_throttle", LoginThrottle())
        return path

    def test_sign_ins_are_recorded_and_shown_to_editors(self, app_test, editors, store):
        at = open_data_page(app_test)
        assert "操作记录" not in [s.value for s in at.subheader]  # not for viewers
        submit_sign_in(at, "wang", "guess")
        submit_sign_in(at, "wang", PASSWORD)
        events = audit.read_events(store)
        assert list(events["action"]) == ["sign_in", "sign_in_failed"]
        assert set(events["who"]) == {"wang"} and set(events["replica"]) == {"replica-1"}
        assert "操作记录" in [s.value for s in at.subheader]
        table = next(d.value for d in at.dataframe if "副本" in d.value.columns)
        assert list(table["操作"]) == ["登录成功", "登录失败"]
        assert any(b.label == "下载操作记录（CSV）" for b in at.get("download_button"))

    def test_a_rollback_is_recorded_with_its_versions(self, app_test, editors, store):
        from tests.fixtures.import_corpus import long_utf8
        from xhdash.editors.importer.resolve import ImportOptions
        from xhdash.editors.publishing import publish_import

        outcome = publish_import(long_utf8(), "a.csv", ImportOptions(editor="li"), "li", store)
        assert outcome.manifest.version_id == 1
        at = submit_sign_in(open_data_page(app_test), "wang", PASSWORD)
        at.selectbox(key="rollback_target").select(0)
        at.checkbox(key="rollback_confirm").check().run()
        at.button(key="rollback").click().run()
        events = audit.read_events(store)
        assert events.iloc[0]["action"] == "rollback"
        assert events.iloc[0]["who"] == "wang" and events.iloc[0]["what"] == "0 → 2"
