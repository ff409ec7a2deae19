"""数据浏览 Data explorer: every observation, reported and derived, in one table."""

from xhdash.serving.ui import blocks, sections
from xhdash.serving.ui.navigation import current_context, page_title

ctx = current_context()
blocks.render_heading(ctx, page_title("explorer", ctx.lang))
sections.render_explorer(ctx)
