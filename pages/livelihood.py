"""民生成效 Livelihood outcomes: cards, charts and every figure of the page."""

from xhdash.meaning.page_specs import PAGES
from xhdash.serving.ui import blocks
from xhdash.serving.ui.brief_panel import render_brief_panel
from xhdash.serving.ui.navigation import current_context

SPEC = PAGES["livelihood"]

ctx = current_context()
blocks.render_screen_if_asked(ctx, SPEC)
blocks.render_title(ctx, SPEC)
render_brief_panel(ctx, SPEC)
blocks.render_cards(ctx, SPEC.cards)
blocks.render_chart_grid(ctx, SPEC.charts)
blocks.render_page_sentences(ctx, SPEC)
blocks.render_page_figures(ctx, SPEC)
