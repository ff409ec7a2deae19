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


CONTENT_HASH = __import__("streamlit.runtime.memory_media_file_storage",
                          fromlist=["_calculate_file_id"])._calculate_file_id


def content_hash(data: bytes, mimetype: str) -> str:
    """Streamlit's own name for a file: the hash of its content."""
    return CONTENT_HASH(data, mimetype)


@pytest.fixture
def private_ids(monkeypatch):
    """private_media_ids installed for one test (Streamlit's content hash restored after)."""
    from streamlit.runtime import memory_media_file_storage as storage

    from xhdash import launch

    monkeypatch.setattr(storage, "_calculate_file_id", storage._calculate_file_id)
    launch.private_media_ids()
    session = {"id": "session-a"}
    monkeypatch.setattr(mfm, "_get_session_id", lambda: session["id"])
    monkeypatch.setattr(launch, "_running_session",
                        lambda: launch._CLICKING_SESSION.get() or session["id"])
    return session


class TestPrivateMediaIds:
    """A file built for one session is that session's alone: its address is not the hash of
    its content, another session making the same bytes gets another address, and the file goes
    when its session ends (it was once served to a request with no cookies after A closed)."""

    def test_the_same_bytes_in_two_sessions_have_two_addresses(self, private_ids):
        from streamlit.runtime.memory_media_file_storage import _calculate_file_id

        manager = mfm.MediaFileManager(MemoryMediaFileStorage("/media"))
        first = manager.add(b"a,b", "text/csv", "c1")
        again = manager.add(b"a,b", "text/csv", "c1")
        private_ids["id"] = "session-b"
        other = manager.add(b"a,b", "text/csv", "c1")
        assert first == again  # stable across the session's reruns
        assert generated_id(first) != generated_id(other)
        private_ids["id"] = "session-a"
        import hashlib

        from xhdash.launch import _MEDIA_KEY  # noqa: F401  (the key is the process's)
        plain = hashlib.sha224(b"a,b").hexdigest()
        assert plain not in (generated_id(first), generated_id(other))
        assert _calculate_file_id(b"a,b", "text/csv") == generated_id(first)

    def test_a_file_goes_when_its_session_ends_though_another_holds_the_same_bytes(
            self, private_ids):
        manager = mfm.MediaFileManager(MemoryMediaFileStorage("/media"))
        mine = manager.add(b"preview of an unpublished import", "text/csv", "c1")
        private_ids["id"] = "session-b"
        theirs = manager.add(b"preview of an unpublished import", "text/csv", "c1")
        manager.clear_session_refs("session-a")
        manager.remove_orphaned_files()
        with pytest.raises(mfm.MediaFileStorageError):
            manager._storage.get_file(generated_id(mine))
        assert manager._storage.get_file(generated_id(theirs)).content.startswith(b"preview")

    def test_a_download_built_on_click_is_named_for_the_clicking_session(self, private_ids,
                                                                        monkeypatch):
        monkeypatch.setattr(mfm.MediaFileManager, "execute_deferred",
                            mfm.MediaFileManager.execute_deferred)
        keep_generated_downloads()
        manager = mfm.MediaFileManager(MemoryMediaFileStorage("/media"))
        placeholder = manager.add_deferred(lambda: b"a,b", "text/csv", "c1", "x.csv")
        private_ids["id"] = "someone-else"  # the request thread has no script context
        url = manager.execute_deferred(placeholder)
        private_ids["id"] = "session-a"
        assert generated_id(url) == generated_id(manager.add(b"a,b", "text/csv", "c2",
                                                             "x.csv"))
