"""Sections particular to one page: zone detail and comparison, the industry system,
the explorer, and the notes on the data."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from xhdash.data.schema import GROWTH_BASES
from xhdash.i18n import col, join, tr
from xhdash.meaning.dimensions import status_label
from xhdash.meaning.filters import expand_areas
from xhdash.meaning.plain import escape_markdown
from xhdash.meaning.views import (
    Selection,
    count_by_status,
    header,
    places_table,
    present_observations,
    source_labels,
    sources_table,
)
from xhdash.output.charts import structure_tiers
from xhdash.periods import chronological_key, parse_period
from xhdash.serving.ui import cached
from xhdash.serving.ui.blocks import render_chart_block, render_downloads, render_rows, render_table
from xhdash.serving.ui.context import PageContext

ZONE_WIDGET = "zone_pick"
COMPARE_LEVEL_WIDGET = "compare_level"
EXPLORER_SEARCH = "explorer_search"


def _name(row, lang: str) -> str:
    return row[col("name", lang)]


def render_zone_detail(ctx: PageContext) -> None:
    """Pick a zone; show what the sources say of it, its clusters, projects and figures."""
    areas = ctx.tables["areas"]
    zones = areas[areas["level"].eq("zone")].sort_values("sort_order")
    names = {row.area_id: _name(row._asdict(), ctx.lang) for row in zones.itertuples()}
    chosen = next((a for a in ctx.filters.areas if a in names), zones["area_id"].iloc[0])
    zone_id = st.segmented_control(tr("zone_pick", ctx.lang), list(names), default=chosen,
                                   format_func=lambda a: escape_markdown(names[a]),
                                   key=ZONE_WIDGET, required=True)
    zone = areas.set_index("area_id").loc[zone_id]
    st.subheader(escape_markdown(names[zone_id]))
    description = zone[col("description", ctx.lang)]
    if isinstance(description, str):
        st.markdown(escape_markdown(description))
    children = areas[areas["parent_id"].eq(zone_id)].sort_values("sort_order")
    if not children.empty:
        st.markdown(f"**{tr('zone_children', ctx.lang)}**：" + escape_markdown(
            join([_name(r._asdict(), ctx.lang) for r in children.itertuples()], ctx.lang)))
    inside = expand_areas((zone_id,), ctx.options.area_children)
    places = places_table(ctx.tables["places"], ctx.tables, inside, None, ctx.lang)
    if not places.empty:
        st.markdown(f"**{tr('zone_places', ctx.lang)}**")
        render_table(places, ctx.lang, key="zone_places")
    selection = Selection(areas=frozenset(inside))
    rows = cached.rows(ctx, selection)
    st.markdown(f"**{tr('zone_figures', ctx.lang)}**")
    if rows.empty:
        st.info(tr("zone_no_figures", ctx.lang), icon=":material/info:")
    else:
        render_rows(ctx, selection, rows, key="zone_rows")


def render_area_comparison(ctx: PageContext) -> None:
    """The five zones, or the 13 streets, for one indicator and chosen periods: bars grouped by
    period (never summed), a ranking, and each area's share of the district."""
    lang = ctx.lang
    st.subheader(tr("compare_title", lang))
    levels = cached.comparable_levels(ctx)
    if not levels:
        st.info(tr("zone_compare_empty", lang), icon=":material/info:")
        return
    first = next(iter(levels))
    level = st.segmented_control(tr("compare_level", lang), list(levels), default=first,
                                 format_func=lambda lv: tr(f"compare_level_{lv}", lang),
                                 key=COMPARE_LEVEL_WIDGET, required=True) or first
    indicators = ctx.store.indicators.set_index("indicator_id")
    name = col("name", lang)
    indicator_id = st.selectbox(tr("zone_compare_pick", lang), levels[level],  # levels first
                                key=f"compare_indicator_{level}",
                                format_func=lambda i: indicators.loc[i, name])
    available = cached.comparison_periods(ctx, level, indicator_id)
    periods = st.multiselect(tr("compare_periods", lang), available, default=available[:1],
                             key=f"compare_periods_{level}_{indicator_id}",
                             format_func=lambda code: parse_period(code).label(lang),
                             help=tr("compare_periods_help", lang))
    if not periods:
        st.info(tr("compare_pick_period", lang), icon=":material/info:")
        return
    level_name = tr(f"compare_level_{level}", lang)
    order = st.segmented_control(tr("compare_order", lang), ["value", "map"], default="value",
                                 format_func=lambda o: tr(f"compare_order_{o}", lang),
                                 key=f"compare_order_{level}", required=True) or "value"
    spec = cached.comparison_spec(level, indicator_id, indicators, by_value=order == "value")
    built, ranking, missing = cached.area_comparison(ctx, level, spec, tuple(periods))
    render_chart_block(ctx, spec, built)
    st.markdown(f"**{tr('compare_ranking', lang)}**")
    render_table(ranking, lang, key=f"ranking_{level}")
    render_downloads(ctx, ranking, f"{level_name}排名", f"{level_name} ranking",
                     key=f"ranking_{level}_{indicator_id}", with_excel=False)
    if missing:
        st.caption(tr("compare_missing", lang, level=level_name, areas=escape_markdown(
            join(missing, lang))))
    if len(periods) == 2:
        render_change_between(ctx, level, indicator_id, tuple(periods))


def render_change_between(ctx: PageContext, level: str, indicator_id: str,
                          periods: tuple[str, ...]) -> None:
    """Two periods picked: each area's 增量, 增速 and contribution to the district's change,
    largest first; why no contribution is computed said once."""
    before, now = sorted(periods, key=chronological_key)
    shown, note = cached.change_between(ctx, level, indicator_id, before, now)
    if shown.empty:
        return
    st.markdown(f"**{tr('change_title', ctx.lang)}**")
    st.caption(tr("change_caption", ctx.lang))
    render_table(shown, ctx.lang, key=f"change_{level}")
    if note:
        st.caption(tr(note, ctx.lang))


def render_industry_structure(ctx: PageContext) -> None:
    st.subheader(tr("industry_structure", ctx.lang))
    tiers = structure_tiers(ctx.tables["industries"], ctx.lang)
    for column, (tier, names) in zip(st.columns(len(tiers) or 1), tiers, strict=False):
        with column.container(border=True):
            st.markdown(f"**{escape_markdown(tier)}**" + tr("tier_count", ctx.lang,
                                                            count=len(names)))
            st.markdown("\n".join(f"- {escape_markdown(name)}" for name in names))
    industries = ctx.tables["industries"].sort_values("sort_order")
    frame = pd.DataFrame({
        header("tier", ctx.lang): industries[col("tier", ctx.lang)],
        header("industry", ctx.lang): industries[col("name", ctx.lang)],
    })
    with st.expander(tr("tab_table", ctx.lang)):
        render_table(frame, ctx.lang, key="industry_structure_table")
    st.caption(tr("source_line", ctx.lang, sources=escape_markdown(
        source_labels(ctx.tables["sources"], ctx.lang)["S1"])))


def render_innovation(ctx: PageContext) -> None:
    areas = ctx.tables["areas"]
    blocks = areas[areas["level"].eq("block")].sort_values("sort_order")
    st.subheader(tr("blocks_title", ctx.lang))
    st.markdown("\n".join(f"- {escape_markdown(_name(r._asdict(), ctx.lang))}"
                          for r in blocks.itertuples()))
    st.subheader(tr("innovation_places", ctx.lang))
    render_table(places_table(ctx.tables["places"], ctx.tables, None,
                              ("institution", "platform", "fund"), ctx.lang),
                 ctx.lang, key="innovation_places")


def render_explorer(ctx: PageContext) -> None:
    """Every observation, reported and derived, filterable, sortable and downloadable."""
    all_rows = ctx.store.observations
    query = st.text_input(tr("explorer_search", ctx.lang), key=EXPLORER_SEARCH).strip()
    selection = Selection(query=query)
    rows = cached.rows(ctx, selection)
    st.caption(tr("explorer_caption", ctx.lang, count=len(all_rows),
                  kinds=count_by_status(all_rows, ctx.lang), shown=len(rows)))
    if rows.empty:
        st.info(tr("empty_filtered", ctx.lang), icon=":material/info:")
    else:
        render_rows(ctx, selection, rows, key="explorer_table", sentences=True)
        render_downloads(ctx, lambda: present_observations(rows, ctx.tables, ctx.lang),
                         "数据浏览", "Data explorer", key="explorer_view",
                         labels=("download_view_csv", "download_view_xlsx"))
    render_downloads(ctx, lambda: present_observations(all_rows, ctx.tables, ctx.lang),
                     "全部数据", "All data", key="explorer_all",
                     labels=("download_all_csv", "download_all_xlsx"))


def render_about(ctx: PageContext) -> None:
    """Principles, sources, indicators with 口径, derivation methods, checks and refusals."""
    lang, tables = ctx.lang, ctx.tables
    st.info(tr("about_principles", lang), icon=":material/push_pin:")
    st.subheader(tr("about_sources", lang))
    render_table(sources_table(tables["sources"], lang).assign(**{
        header("note", lang): tables["sources"][col("note", lang)].fillna("")}).fillna(""),
        lang, key="about_sources")
    st.subheader(tr("about_indicators", lang))
    domains = tables["domains"].set_index("domain_id")[col("name", lang)]
    indicators = ctx.store.indicators
    render_table(pd.DataFrame({
        header("id", lang): indicators["indicator_id"],
        header("indicator", lang): indicators[col("name", lang)],
        header("domain", lang): indicators["domain_id"].map(domains),
        header("unit", lang): indicators[col("unit", lang)],
        header("growth_basis", lang): indicators["growth_basis"].map(
            {b: tr(f"basis_{b}", lang) for b in GROWTH_BASES}).fillna(""),
        header("definition_note", lang): indicators[col("definition", lang)].fillna(""),
    }), lang, key="about_ind")
    st.subheader(tr("about_methods", lang))
    render_table(present_observations(ctx.store.derived, tables, lang)[
        [header(c, lang) for c in ("indicator", "period", "value", "unit", "locator", "note")]],
        lang, key="about_methods")
    st.subheader(tr("about_checks", lang))
    checks = ctx.store.checks
    labels = {**source_labels(tables["sources"], lang), "derived": status_label("derived", lang)}
    render_table(pd.DataFrame({
        header("check", lang): checks[col("name", lang)],
        header("result", lang): checks["passed"].map(
            {True: "✓ " + tr("check_passed", lang), False: "✗ " + tr("check_failed", lang)}),
        header("working", lang): checks["worked"],
        header("sources", lang): checks["sources"].map(
            lambda ids: tr("clause_separator", lang).join(
                labels.get(i, i) for i in ids.split(",") if i)),
    }), lang, key="about_checks")
    st.subheader(tr("about_refusals", lang))
    refusals = ctx.store.refusals
    names = ctx.store.indicators.set_index("indicator_id")[col("name", lang)]
    render_table(pd.DataFrame({
        header("indicator", lang): refusals["indicator_id"].map(names),
        header("period", lang): refusals["period"],
        header("reason", lang): refusals[col("reason", lang)],
    }), lang, key="about_refusals")
