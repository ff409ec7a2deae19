"""数据浏览 Data explorer: every observation, reported and derived, in one table."""

import streamlit as st

from xhdash.i18n import tr
from xhdash.ui import sections
from xhdash.ui.navigation import EXTRA_PAGES, current_context

ctx = current_context()
title_zh, title_en, _icon = EXTRA_PAGES["explorer"]
st.title(title_en if ctx.lang == "en" else title_zh)
st.caption(tr("app_caption", ctx.lang))
sections.render_explorer(ctx)
