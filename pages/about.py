"""数据说明 About the data: sources, 口径, derivation methods, checks and refusals."""

import streamlit as st

from xhdash.ui import sections
from xhdash.ui.navigation import EXTRA_PAGES, current_context

ctx = current_context()
title_zh, title_en, _icon = EXTRA_PAGES["about"]
st.title(title_en if ctx.lang == "en" else title_zh)
sections.render_about(ctx)
