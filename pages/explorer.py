"""数据浏览 Data explorer: every observation, reported and derived, in one table."""

import streamlit as st

from xhdash.i18n import tr
from xhdash.serving.ui import sections
from xhdash.serving.ui.navigation import current_context, page_title

ctx = current_context()
st.title(page_title("explorer", ctx.lang))
st.caption(tr("app_caption", ctx.lang))
sections.render_explorer(ctx)
