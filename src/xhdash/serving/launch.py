"""Start Streamlit on a script in its page-list mode from the very first request.

With a `pages/` folder beside `app.py`, Streamlit starts in its old folder-based multipage mode
until some run calls `st.navigation`: a fresh server's first page lists the Python file names
(the editors' data page among them) for the seconds the first run takes, and that first run
goes to the page script on its own. Switching the mode off before the server starts, as
`st.navigation` itself would, makes the first paint the same as every later one.

    python -m xhdash.serving.launch [SCRIPT] [streamlit run options…]
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys

from xhdash.paths import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"


def keep_generated_downloads() -> None:
    """A file a download button builds on click (`st.download_button` given a callable) is
    tied to no session in Streamlit 1.67, so the clean-up after any two script runs on the
    server deletes it, and under load the browser's request for it finds nothing (404, a
    cancelled download). Tie the generated file to the session that clicked, as rendered
    files are: it lives until that session's next run, long enough to be fetched."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    if getattr(MediaFileManager.execute_deferred, "keeps_downloads", False):
        return
    original = MediaFileManager.execute_deferred

    def execute_deferred(self, file_id: str) -> str:
        with self._lock:
            session_id = self._deferred_callables.get(file_id, {}).get("session_id")
        url = original(self, file_id)
        generated = url.rsplit("/", 1)[-1].split(".", 1)[0]
        with self._lock:
            if session_id and generated in self._file_metadata:
                self._files_by_session_and_coord[session_id][f"clicked:{file_id}"] = generated
        return url

    execute_deferred.keeps_downloads = True
    MediaFileManager.execute_deferred = execute_deferred


def tie_media_to_sessions() -> None:
    """Files under /media/ (downloads, images) belong to the session they were built for.

    Streamlit 1.67 names a file by a hash of its content, so anyone who can guess the content
    (an unpublished import's figures, another office's export) can fetch it, from any browser,
    without cookies; and a closed tab's files stay until its session is dropped from the
    reconnect store, which shuts nothing down. Here a file's name is a keyed hash of the
    session and the content under a secret made at start-up (never guessable, different per
    session), and a session's files and table sources are let go as soon as its browser
    disconnects (issue 21)."""
    from streamlit import runtime
    from streamlit.runtime import memory_media_file_storage as storage
    from streamlit.runtime.scriptrunner_utils import script_run_context
    from streamlit.runtime.websocket_session_manager import WebsocketSessionManager

    if getattr(storage._calculate_file_id, "tied_to_sessions", False):
        return
    content_id = storage._calculate_file_id
    key = secrets.token_bytes(32)

    def calculate_file_id(data: bytes, mimetype: str, filename: str | None = None) -> str:
        ctx = script_run_context.get_script_run_ctx(suppress_warning=True)
        session = ctx.session_id if ctx is not None else ""
        message = f"{session}\x00{content_id(data, mimetype, filename)}".encode()
        return hmac.new(key, message, hashlib.sha224).hexdigest()

    calculate_file_id.tied_to_sessions = True
    storage._calculate_file_id = calculate_file_id
    disconnect = WebsocketSessionManager.disconnect_session

    def disconnect_session(self, session_id: str) -> None:
        disconnect(self, session_id)
        if runtime.exists():
            instance = runtime.get_instance()
            instance.media_file_mgr.clear_session_refs(session_id)
            instance.media_file_mgr.remove_orphaned_files()
            instance.dataframe_source_mgr.clear_all_for_session(session_id)

    WebsocketSessionManager.disconnect_session = disconnect_session


def run_streamlit(script: str, options: list[str]) -> int:
    """`streamlit run script options…` in this process, page-list mode from the start."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    PagesManager.uses_pages_directory = False
    keep_generated_downloads()
    tie_media_to_sessions()
    sys.argv = ["streamlit", "run", script, *options]
    try:
        streamlit_cli.main(prog_name="streamlit")
    except SystemExit as done:
        return int(done.code or 0)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    script = args.pop(0) if args and not args[0].startswith("-") else str(APP)
    return run_streamlit(script, args)


if __name__ == "__main__":
    sys.exit(main())
