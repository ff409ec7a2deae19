"""What the figures mean: filter dimensions and filters, a figure said as its source states it
(figures, phrases, saying, sentences), cards, comparison across areas, progress and the leader's
table, the page registry (page_specs) and the table views.

May import: metrics, xhdash.data, the foundation (i18n, settings, paths).
"""
