"""产业集群 Industry clusters: the 4+3+X system, cluster growth, investment and innovation."""

from xhdash.meaning.page_specs import INDUSTRY
from xhdash.serving.ui import blocks, sections
from xhdash.serving.ui.brief_panel import render_brief_panel
from xhdash.serving.ui.navigation import current_context

ctx = current_context()
blocks.render_screen_if_asked(ctx, INDUSTRY)
blocks.render_title(ctx, INDUSTRY)
render_brief_panel(ctx, INDUSTRY)
blocks.render_cards(ctx, INDUSTRY.cards)
sections.render_industry_structure(ctx)
blocks.render_chart_grid(ctx, INDUSTRY.charts)
sections.render_innovation(ctx)
blocks.render_page_sentences(ctx, INDUSTRY)
blocks.render_page_figures(ctx, INDUSTRY)
