"""五大功能区 Functional zones: zone picker and detail, comparison across zones, renewal."""

from xhdash.meaning.page_specs import ZONES
from xhdash.serving.ui import blocks, sections
from xhdash.serving.ui.brief_panel import render_brief_panel
from xhdash.serving.ui.navigation import current_context

ctx = current_context()
blocks.render_screen_if_asked(ctx, ZONES)
blocks.render_title(ctx, ZONES)
render_brief_panel(ctx, ZONES)
blocks.render_cards(ctx, ZONES.cards)
sections.render_zone_detail(ctx)
sections.render_area_comparison(ctx)
blocks.render_chart_grid(ctx, ZONES.charts)
blocks.render_page_sentences(ctx, ZONES)
blocks.render_page_figures(ctx, ZONES)
