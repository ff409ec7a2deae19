"""数据管理 Data management: editors import tables, preview, publish and roll back."""

import streamlit as st

from xhdash.serving.ui import admin, blocks, unavailable
from xhdash.serving.ui.navigation import current_context, page_title

ctx = current_context(needs_store=False)
blocks.render_heading(ctx, page_title("data", ctx.lang))
if admin.current_editor() is None:
    admin.render_login(ctx.lang)
    st.stop()
if not admin.store_is_writable(ctx.lang):
    st.stop()
if ctx.store is None:  # the store cannot be read: show why, and offer a rollback
    unavailable.render_store_problem(ctx)
else:
    admin.render_import(ctx)
admin.render_approvals(ctx)
admin.render_versions(ctx)
admin.render_audit(ctx)
