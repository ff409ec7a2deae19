"""Start Streamlit on a script in its page-list mode from the very first request.

With a `pages/` folder beside `app.py`, Streamlit starts in its old folder-based multipage mode
until some run calls `st.navigation`: a fresh server's first page lists the Python file names
(the editors' data page among them) for the seconds the first run takes, and that first run
goes to the page script on its own. Switching the mode off before the server starts, as
`st.navigation` itself would, makes the first paint the same as every later one.

    python -m xhdash.launch [SCRIPT] [streamlit run options…]
"""

from __future__ import annotations

import contextvars
import hashlib
import hmac
import secrets
import sys

from xhdash.paths import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
_MEDIA_KEY = secrets.token_bytes(32)  # this process's; a restart makes every old address void
_CLICKING_SESSION: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "xhdash_clicking_session", default=None)


def _running_session() -> str:
    """The session a file is being made for: the one whose click runs a deferred download,
    else the one whose script is running."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    clicking = _CLICKING_SESSION.get()
    if clicking:
        return clicking
    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


def private_media_ids() -> None:
    """Streamlit names a media file (/media/<id>.csv) by a hash of its content, shared by every
    session that makes the same bytes: anyone who knows or guesses the content has the address,
    and the file outlives its session while another holds the same bytes. Name each file by a
    keyed hash of its content and its session instead (stable across that session's reruns, so
    nothing is fetched twice): the address is random to everyone else, the file belongs to its
    session alone, and Streamlit's clean-up removes it when that session ends (an unpublished
    import's preview included)."""
    from streamlit.runtime import memory_media_file_storage as storage

    if getattr(storage._calculate_file_id, "private", False):
        return
    content_id = storage._calculate_file_id

    def session_file_id(data: bytes, mimetype: str, filename: str | None = None) -> str:
        content = content_id(data, mimetype, filename)
        return hmac.new(_MEDIA_KEY, f"{_running_session()}/{content}".encode(),
                        hashlib.sha224).hexdigest()

    session_file_id.private = True
    storage._calculate_file_id = session_file_id


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
        clicking = _CLICKING_SESSION.set(session_id)
        try:
            url = original(self, file_id)
        finally:
            _CLICKING_SESSION.reset(clicking)
        generated = url.rsplit("/", 1)[-1].split(".", 1)[0]
        with self._lock:
            if session_id and generated in self._file_metadata:
                self._files_by_session_and_coord[session_id][f"clicked:{file_id}"] = generated
        return url

    execute_deferred.keeps_downloads = True
    MediaFileManager.execute_deferred = execute_deferred


def run_streamlit(script: str, options: list[str]) -> int:
    """`streamlit run script options…` in this process, page-list mode from the start."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    PagesManager.uses_pages_directory = False
    keep_generated_downloads()
    private_media_ids()
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
