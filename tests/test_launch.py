"""The server's start-up: a file a download button builds on click survives other sessions'
runs until it is fetched (Streamlit 1.67 deletes it after any two clean-ups)."""

from __future__ import annotations

import pytest
from streamlit.runtime import media_file_manager as mfm
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

from xhdash.launch import keep_generated_downloads


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
