"""The page list, with titles in the reader's language, and how a run reaches its page (with the
store, or as the plain notice when it cannot be read)."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from xhdash.meaning.page_specs import OTHER_PAGES, PAGES
from xhdash.serving.ui.admin import current_editor, render_editor_badge
from xhdash.serving.ui.context import CONTEXT_KEY, PageContext
from xhdash.serving.ui.unavailable import detailed_text, reader_language, render_unavailable, run_page

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
                url_path=page_id, default=page_id == "overview",
                visibility="hidden" if page_id in EDITOR_PAGES and not is_editor else "visible")
        for page_id, (title, icon) in titles.items()
    ]


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
    run_page(st.navigation(build_pages(lang, is_editor=current_editor() is not None)))
