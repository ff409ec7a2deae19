"""数据说明 About the data: sources, 口径, derivation methods, checks and refusals."""


from xhdash.serving.ui import blocks, sections
from xhdash.serving.ui.navigation import current_context, page_title
from xhdash.serving.ui.time_travel import render_as_of_picker

ctx = current_context()
blocks.render_heading(ctx, page_title("about", ctx.lang))
sections.render_about(ctx)
render_as_of_picker(ctx.store, ctx.lang)
