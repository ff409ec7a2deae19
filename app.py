"""徐汇区统计数据看板 — router: page config, shared sidebar, navigation."""

import streamlit as st

from xhdash.i18n import tr
from xhdash.paths import FAVICON
from xhdash.plain import escape_markdown
from xhdash.storage import StoreLocationError
from xhdash.ui.admin import current_editor, render_editor_badge
from xhdash.ui.context import LANG_WIDGET, build_context
from xhdash.ui.data_access import get_store
from xhdash.ui.navigation import CONTEXT_KEY, build_pages
from xhdash.validate import StoreError

st.set_page_config(page_title=tr("app_title"), page_icon=str(FAVICON), layout="wide")

try:
    store, options = get_store()
except StoreError as error:
    lang = st.session_state.get(LANG_WIDGET, "zh")
    st.error(tr("error_store", lang))
    st.markdown("\n".join(f"- {escape_markdown(issue.message(lang))}"
                          for issue in error.issues[:50]))
    st.stop()
except StoreLocationError as error:
    st.error(f"{tr('error_store', st.session_state.get(LANG_WIDGET, 'zh'))}\n\n{error}")
    st.stop()

ctx = build_context(store, options)
render_editor_badge(ctx.lang)
st.session_state[CONTEXT_KEY] = ctx
st.navigation(build_pages(ctx.lang, is_editor=current_editor() is not None)).run()
