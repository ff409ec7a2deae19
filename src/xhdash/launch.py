"""Start Streamlit on a script in its page-list mode from the very first request.

With a `pages/` folder beside `app.py`, Streamlit starts in its old folder-based multipage mode
until some run calls `st.navigation`: a fresh server's first page lists the Python file names
(the editors' data page among them) for the seconds the first run takes, and that first run
goes to the page script on its own. Switching the mode off before the server starts, as
`st.navigation` itself would, makes the first paint the same as every later one.

    python -m xhdash.launch [SCRIPT] [streamlit run options…]
"""

from __future__ import annotations

import sys

from xhdash.paths import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"


def run_streamlit(script: str, options: list[str]) -> int:
    """`streamlit run script options…` in this process, page-list mode from the start."""
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli as streamlit_cli

    PagesManager.uses_pages_directory = False
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
