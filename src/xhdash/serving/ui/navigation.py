"""The page list, with titles in the reader's language, and how a run reaches its page (with the
store, or as the plain notice when it cannot be read)."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from xhdash.meaning.page_specs import OTHER_PAGES, PAGES
from xhdash.serving.ui.admin import current_editor, render_editor_badge
from xhdash.serving.ui.context import CONTEXT_KEY, PageContext
from xhdash.serving.ui.unavailable import detailed_text, reader_language, render_unavailable, run_page

DEFAULT_PAGE = "overview"  # served at the app's root, and at its own path too
EXTRA_PAGES = {page_id: page.icon for page_id, page in OTHER_PAGES.items()}  # after the domains'
EDITOR_PAGES = {page_id for page_id, page in OTHER_PAGES.items() if page.editors_only}
LOG = logging.getLogger("xhdash")


def page_title(page_id: str, lang: str) -> str:
    """The title of a page, from the registry (xhdash.meaning.page_specs)."""
    return (PAGES.get(page_id) or OTHER_PAGES[page_id]).title(lang)


def build_pages(lang: str, is_editor: bool = False) -> list:
    titles = {pid: (spec.title(lang), spec.icon) for pid, spec in PAGES.items()}
    titles.update({pid: (page_title(pid, lang), icon) for pid, icon in EXTRA_PAGES.items()})
    return [
        st.Page(f"pages/{page_id}.py", title=title, icon=icon,
                url_path=page_id, default=page_id == DEFAULT_PAGE,
                visibility="hidden" if page_id in EDITOR_PAGES and not is_editor else "visible")
        for page_id, (title, icon) in titles.items()
    ]


def open_default_page_by_its_path() -> None:
    """Let /overview open the overview as the root does, without Streamlit's "Page not found".

    st.navigation serves the default page at the root only: its url_path is "" there, so a link
    to /overview (copied from the registry, a brief or a bookmark) names no page, and Streamlit
    pops up its English dialog before running the default page. Asked for by its own path, the
    default page is asked for as the root is; the address then reads / with the same query.
    """
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.pages_manager.intended_page_name == DEFAULT_PAGE:
        ctx.pages_manager.set_script_intent(ctx.pages_manager.intended_page_script_hash, "")


def navigate(lang: str, is_editor: bool = False):
    """The page this run shows (st.navigation over the registry's pages), reachable by any
    page's own path."""
    open_default_page_by_its_path()
    return st.navigation(build_pages(lang, is_editor))


def current_context(needs_store: bool = True):
    """The context app.py prepared for this run (store, filters, language, filtered rows).

    When the store cannot be read, a page that `needs_store` shows the plain notice instead of
    its content (the data page does not: it is where an editor rolls back).

    The page takes the context, so one left from an earlier run is never read. With a
    pages/ folder beside app.py, Streamlit runs a page on its own, in its old folder-based
    multipage mode, until some run has called st.navigation (a fresh server's first deep link;
    every AppTest run). A page that finds no context switches that mode off, as st.navigation
    itself does, and reruns, so the run goes through app.py.
    """
    context = st.session_state.pop(CONTEXT_KEY, None)
    if context is None:
        PagesManager.uses_pages_directory = False
        st.rerun()
    if needs_store and context.store is None:
        render_unavailable(context)
        st.stop()
    return context


def run_without_store(problem: BaseException) -> None:
    """Serve every page as a plain notice, and the data page to editors, for this run."""
    LOG.error("store cannot be loaded: %s", detailed_text(problem, "en"),
              exc_info=problem if not hasattr(problem, "public_message") else None)
    lang = reader_language()
    st.session_state[CONTEXT_KEY] = PageContext.without_store(lang, problem)
    render_editor_badge(lang)
    run_page(navigate(lang, is_editor=current_editor() is not None))
