"""徐汇区统计数据看板 — router: page config, shared sidebar, navigation."""

import streamlit as st

from xhdash.i18n import tr
from xhdash.paths import FAVICON
from xhdash.serving.ui.admin import current_editor, render_editor_badge
from xhdash.serving.ui.context import build_context
from xhdash.serving.ui.data_access import get_store
from xhdash.serving.ui.navigation import CONTEXT_KEY, navigate, run_without_store
from xhdash.serving.ui.style import apply_base_style
from xhdash.serving.ui.time_travel import read_as_of
from xhdash.serving.ui.unavailable import run_page

st.set_page_config(page_title=tr("app_title"), page_icon=str(FAVICON), layout="wide",
                   initial_sidebar_state="auto")  # closed on a phone, open on a desktop
apply_base_style()

try:
    store, options = get_store(read_as_of())
except Exception as problem:  # noqa: BLE001 — any store that cannot be read or derived
    run_without_store(problem)
    st.stop()

ctx = build_context(store, options)
render_editor_badge(ctx.lang)
st.session_state[CONTEXT_KEY] = ctx
run_page(navigate(ctx.lang, is_editor=current_editor() is not None))
