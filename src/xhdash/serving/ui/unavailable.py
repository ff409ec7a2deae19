"""When the store cannot be read or derived: viewers see a plain message on every page, and a
signed-in editor still reaches the data page to see the versions and roll back.

Below the page list (xhdash.serving.ui.navigation, which serves a run without a store from here)."""

from __future__ import annotations

import logging

import streamlit as st

from xhdash.i18n import DEFAULT_LANG, LANGS, tr
from xhdash.meaning.plain import escape_markdown
from xhdash.serving.ui.admin import current_editor
from xhdash.serving.ui.context import LANG_WIDGET, PageContext

LOG = logging.getLogger("xhdash")


def reader_language() -> str:
    """The language this session reads in: its switch, else the address, else Chinese."""
    lang = st.session_state.get(LANG_WIDGET) or st.query_params.get("lang") or DEFAULT_LANG
    return lang if lang in LANGS else DEFAULT_LANG


def public_text(problem: BaseException, lang: str) -> str:
    """What a viewer may read of a problem: the store errors' own viewer rendering, never a
    path or an exception's text."""
    render = getattr(problem, "public_message", None)
    return render(lang) if callable(render) else tr("store_unavailable_generic", lang)


def detailed_text(problem: BaseException, lang: str) -> str:
    """What an editor may read: the detailed rendering, with paths, for fixing the store."""
    render = getattr(problem, "message", None)
    try:
        return render(lang) if callable(render) else f"{type(problem).__name__}: {problem}"
    except TypeError:
        return str(problem)


def render_store_problem(ctx: PageContext) -> None:
    """For an editor: why the store cannot be loaded, in detail (paths included)."""
    st.error(tr("store_problem_editor", ctx.lang), icon=":material/error:")
    st.text(detailed_text(ctx.problem, ctx.lang))


def render_unavailable(ctx: PageContext) -> None:
    """What every viewer page shows while the store cannot be read."""
    st.title(tr("app_title", ctx.lang))
    st.error(tr("store_unavailable", ctx.lang), icon=":material/cloud_off:")
    if ctx.problem is not None:
        st.caption(escape_markdown(public_text(ctx.problem, ctx.lang)))
    if current_editor():
        st.page_link("pages/data.py", label=tr("store_unavailable_editor", ctx.lang),
                     icon=":material/history:")


def run_page(page) -> None:
    """Run the chosen page; an unforeseen failure is logged and shown as a plain message."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 — a viewer never sees a traceback
        LOG.exception("page %s failed", getattr(page, "url_path", page))
        st.error(tr("page_failed", reader_language()), icon=":material/error:")
