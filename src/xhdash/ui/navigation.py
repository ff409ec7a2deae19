"""The page list, with titles in the reader's language."""

from __future__ import annotations

import streamlit as st

from xhdash.page_specs import PAGES

EXTRA_PAGES = {  # page_id: (title_zh, title_en, icon)
    "explorer": ("数据浏览", "Data explorer", "🔎"),
    "about": ("数据说明", "About the data", "📖"),
}
CONTEXT_KEY = "page_context"


def build_pages(lang: str) -> list:
    titles = {pid: (spec.title_zh, spec.title_en, spec.icon) for pid, spec in PAGES.items()}
    titles.update(EXTRA_PAGES)
    return [
        st.Page(f"pages/{page_id}.py", title=en if lang == "en" else zh, icon=icon,
                url_path=page_id, default=page_id == "overview")
        for page_id, (zh, en, icon) in titles.items()
    ]


def current_context():
    """The context app.py prepared for this run (store, filters, language, filtered rows)."""
    return st.session_state[CONTEXT_KEY]
