"""总览 Overview: headline cards, district profile, report sentences, trends, all figures."""

from xhdash.meaning.page_specs import OVERVIEW
from xhdash.serving.ui import blocks
from xhdash.serving.ui.brief_panel import render_brief_panel
from xhdash.serving.ui.navigation import current_context

PROFILE_IDS = ("land_area", "population", "population_registered", "population_migrant",
               "census_population", "streets", "towns", "residents_committees",
               "population_density")

ctx = current_context()
blocks.render_screen_if_asked(ctx, OVERVIEW)
blocks.render_title(ctx, OVERVIEW)
render_brief_panel(ctx, OVERVIEW)
blocks.render_cards(ctx, OVERVIEW.cards)
blocks.render_attention(ctx)
blocks.render_leader_table(ctx, OVERVIEW.cards)
blocks.render_profile(ctx, PROFILE_IDS)
blocks.render_standings(ctx)
blocks.render_city_ranks(ctx)
blocks.render_latest_publish(ctx)
blocks.render_page_sentences(ctx, OVERVIEW)
blocks.render_chart_grid(ctx, OVERVIEW.charts)
blocks.render_page_figures(ctx, OVERVIEW)
