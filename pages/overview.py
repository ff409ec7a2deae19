"""总览 Overview: headline cards, district profile, report sentences, trends, all figures."""

from xhdash.page_specs import OVERVIEW
from xhdash.ui import blocks
from xhdash.ui.navigation import current_context

SUMMARY_IDS = ("fiscal_revenue", "gdp_growth", "fixed_asset_investment_growth", "gdp",
               "population", "gdp_per_capita")
PROFILE_IDS = ("land_area", "population", "population_registered", "population_migrant",
               "census_population", "streets", "towns", "residents_committees",
               "population_density")

ctx = current_context()
blocks.render_title(ctx, OVERVIEW)
blocks.render_cards(ctx, OVERVIEW.cards)
blocks.render_profile(ctx, PROFILE_IDS)
blocks.render_summaries(ctx, SUMMARY_IDS)
blocks.render_chart_grid(ctx, OVERVIEW.charts)
blocks.render_page_figures(ctx, OVERVIEW)
