"""The server's start-up: a file a download button builds on click survives other sessions'
runs until it is fetched (Streamlit 1.67 deletes it after any two clean-ups)."""

from __future__ import annotations

import pytest
from streamlit.runtime import media_file_manager as mfm
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from xhdash.serving.launch import keep_generated_downloads


@pytest.fixture
def manager(monkeypatch):
    monkeypatch.setattr(mfm, "_get_session_id", lambda: "session-a")
    monkeypatch.setattr(mfm.MediaFileManager, "execute_deferred",
                        mfm.MediaFileManager.execute_deferred)  # restored after the test
    return mfm.MediaFileManager(MemoryMediaFileStorage("/media"))


def generated_id(url: str) -> str:
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


class TestKeepGeneratedDownloads:
    def test_the_clicked_file_outlives_two_clean_ups(self, manager):
        keep_generated_downloads()
        placeholder = manager.add_deferred(lambda: b"\xef\xbb\xbfa,b\r\n", "text/csv", "c1",
                                           "x.csv")
        url = manager.execute_deferred(placeholder)
        manager.remove_orphaned_files()
        manager.remove_orphaned_files()  # another session ran twice
        assert manager._storage.get_file(generated_id(url)).content.startswith(b"\xef\xbb\xbf")

    def test_without_it_streamlit_deletes_the_file(self, manager):
        placeholder = manager.add_deferred(lambda: b"a,b", "text/csv", "c1", "x.csv")
        url = manager.execute_deferred(placeholder)
        manager.remove_orphaned_files()
        manager.remove_orphaned_files()
        with pytest.raises(mfm.MediaFileStorageError):
            manager._storage.get_file(generated_id(url))

    def test_the_session_ending_lets_it_go(self, manager):
        keep_generated_downloads()
        placeholder = manager.add_deferred(lambda: b"a,b", "text/csv", "c1", "x.csv")
        url = manager.execute_deferred(placeholder)
        manager.clear_session_refs("session-a")
        manager.remove_orphaned_files()
        manager.remove_orphaned_files()
        with pytest.raises(mfm.MediaFileStorageError):
            manager._storage.get_file(generated_id(url))


class TestTieMediaToSessions:
    """Issue 21: a file built for session A was served from a content-derived id to a request
    with no cookies, and still after A had closed."""

    @pytest.fixture
    def tied(self, monkeypatch):
        from streamlit.runtime import memory_media_file_storage as storage
        from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

        monkeypatch.setattr(storage, "_calculate_file_id", storage._calculate_file_id)
        monkeypatch.setattr(WebsocketSessionManager, "disconnect_session",
                            WebsocketSessionManager.disconnect_session)
        from xhdash.serving.launch import tie_media_to_sessions

        streamlits = storage._calculate_file_id
        tie_media_to_sessions()
        return streamlits

    def in_session(self, monkeypatch, session_id: str) -> None:
        from types import SimpleNamespace

        from streamlit.runtime.scriptrunner_utils import script_run_context

        monkeypatch.setattr(script_run_context, "get_script_run_ctx",
                            lambda suppress_warning=False: SimpleNamespace(session_id=session_id))

    def test_the_name_is_not_derived_from_the_content_alone(self, tied, monkeypatch):
        from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

        content = "指标,数值\n区级财政收入,250.85\n".encode()
        self.in_session(monkeypatch, "session-a")
        first = MemoryMediaFileStorage("/media").load_and_get_id(content, "text/csv",
                                                                 mfm.MediaFileKind.DOWNLOADABLE)
        self.in_session(monkeypatch, "session-b")
        second = MemoryMediaFileStorage("/media").load_and_get_id(content, "text/csv",
                                                                  mfm.MediaFileKind.DOWNLOADABLE)
        assert first != second
        assert tied(content, "text/csv", None) not in (first, second)  # Streamlit's own name

    def test_a_disconnected_sessions_files_are_gone(self, tied, monkeypatch, manager):
        from types import SimpleNamespace

        from streamlit import runtime
        from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

        file_url = manager.add(b"a,b", "text/csv", "c1", file_name="x.csv")
        cleared = []
        monkeypatch.setattr(runtime, "exists", lambda: True)
        monkeypatch.setattr(runtime, "get_instance", lambda: SimpleNamespace(
            media_file_mgr=manager,
            dataframe_source_mgr=SimpleNamespace(clear_all_for_session=cleared.append)))
        idle = SimpleNamespace(_active_session_info_by_id={},
                               _script_cache=SimpleNamespace(clear=lambda: None))
        WebsocketSessionManager.disconnect_session(idle, "session-a")
        with pytest.raises(mfm.MediaFileStorageError):
            manager._storage.get_file(generated_id(file_url))
        assert cleared == ["session-a"]
