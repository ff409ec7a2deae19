"""One figure, one way of saying it: every output of every figure — the explorer, CSV/Excel,
the brief's figures table, chart bars, hovers, legends and screen-reader text, chart-image
footers, cards — takes its words from the figure-saying function (xhdash.meaning.saying.say_figure),
on the shipped data and on an office's year of tables (测试用合成数据), in both languages; the wall's
cards and charts and the chart images' labels and footers too."""

from __future__ import annotations

import io
import math

import pandas as pd
import pytest

from tests.fixtures.office import publish_office_fixture
from xhdash.data.store import load_store
from xhdash.data.versions import ensure_initialised, locate_tables
from xhdash.meaning.cards import build_card, latest_district_row, matching_growth
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.plain import escape_plotly
from xhdash.meaning.saying import bar_in_scale, say_figure
from xhdash.meaning.views import header, present_observations
from xhdash.output.brief.tables import SAID_CELLS, figures_table
from xhdash.output.charts import chart_rows, chart_scale, describe_chart, make_chart_figure
from xhdash.output.export import to_csv_bytes
from xhdash.output.export_images.footer import chart_footer_lines
from xhdash.output.export_images.layout import slide_figure
from xhdash.paths import DATA_DIR
from xhdash.serving.ui.screen import screen_figure, screen_layout

LANGS = ("zh", "en")


def _bars(rows: pd.DataFrame, spec, store, lang: str) -> list[str]:
    """The bars' words as the figure-saying function says them: `Said.bar`, or in the chart's
    unit where an English chart says the card's (25.085 under CNY bn)."""
    scale = chart_scale(store.indicators, spec.indicators, rows, lang)
    bars = [bar_in_scale(row, store.tables, scale) if scale else say_figure(
        row, store.tables).in_lang(lang).bar for row in rows.to_dict("records")]
    return sorted(escape_plotly(bar) for bar in bars)


@pytest.fixture(scope="module")
def shipped():
    return load_store(DATA_DIR)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    store = tmp_path_factory.mktemp("office") / "store"
    ensure_initialised(store)
    publish_office_fixture(store)
    return load_store(locate_tables(store))


@pytest.fixture(params=["shipped", "office"])
def store(request):
    return request.getfixturevalue(request.param)


def _said(row: pd.Series, tables, lang: str):
    return say_figure(row, tables).in_lang(lang)


def _reading(row) -> bool:
    return row["status"] == "interpreted" and isinstance(row["stated_as"], str) and bool(
        row["stated_as"].strip())


@pytest.mark.parametrize("lang", LANGS)
class TestEveryOutputSaysTheFigureAsTheFunctionDoes:
    def test_the_explorer_and_its_csv(self, store, lang):
        rows = store.observations.reset_index(drop=True)
        frame = present_observations(rows, store.tables, lang)
        csv = pd.read_csv(io.BytesIO(to_csv_bytes(frame)), encoding="utf-8-sig",
                          keep_default_na=False, dtype=str)
        for n, row in rows.iterrows():
            said = _said(row, store.tables, lang)
            shown = frame.iloc[n]
            assert shown[header("period", lang)] == said.period, row["indicator_id"]
            assert shown[header("stage", lang)] == said.stage
            assert shown[header("status", lang)] == said.status
            assert shown[header("stated_as", lang)] == said.stated
            assert shown[header("unit", lang)] == said.unit
            value = shown[header("value", lang)]
            if _reading(row):  # a reading is never tabled as the number it was read as
                assert math.isnan(value) and csv.iloc[n][header("value", lang)] == ""
            else:
                assert value == float(row["value"])
                assert float(csv.iloc[n][header("value", lang)]) == float(row["value"])
            assert csv.iloc[n][header("period", lang)] == said.period
            assert csv.iloc[n][header("stated_as", lang)].lstrip("'") == said.stated

    def test_the_explorer_sentence_column(self, store, lang):
        rows = store.observations.reset_index(drop=True)
        frame = present_observations(rows, store.tables, lang, sentences=True)
        for n, row in rows.iterrows():
            assert frame.iloc[n][header("sentence", lang)] == _said(
                row, store.tables, lang).sentence

    def test_the_briefs_figures_table(self, store, lang):
        rows = store.observations
        table = figures_table(rows, store.tables, lang)
        from xhdash.output.brief.tables import order_figures

        ordered = order_figures(rows, store.tables).reset_index(drop=True)
        assert len(table.rows) == len(ordered)
        for cells, (_, row) in zip(table.rows, ordered.iterrows(), strict=True):
            said = _said(row, store.tables, lang)
            for key, field in SAID_CELLS.items():
                assert cells[table.columns.index(header(key, lang))] == getattr(said, field)

    def test_every_chart_bar_hover_legend_and_screen_reader_text(self, store, lang):
        for page in PAGES.values():
            for spec in page.charts:
                rows = chart_rows(store.observations, spec)
                if rows.empty:
                    continue
                figure = make_chart_figure(rows, spec, store.tables, lang)
                said = {n: _said(row, store.tables, lang) for n, row in rows.iterrows()}
                texts = [t for trace in figure.data for t in trace.text]
                hovers = [h for trace in figure.data for h in trace.hovertext]
                if len(rows) <= 16:
                    assert sorted(texts) == _bars(rows, spec, store, lang)
                assert sorted(h.split("<br>")[0] for h in hovers) == sorted(
                    escape_plotly(s.hover) for s in said.values())
                names = {trace.name for trace in figure.data} | {
                    x for trace in figure.data for x in trace.x}
                periods = {s.period for s in said.values()}
                assert not {p for p in names if p.endswith("年") and "年" in p
                            and p not in periods and p[:4].isdigit()
                            and p not in {escape_plotly(s.period) for s in said.values()}}
                spoken = describe_chart(rows, spec, store.tables, lang)
                assert all(s.spoken in spoken for s in said.values())
                footer = chart_footer_lines(rows, store.tables, lang, pd.Timestamp(
                    "2026-11-28").date())
                listed = footer[1]
                if len(periods) <= 3:
                    assert all(p in listed for p in periods)


@pytest.mark.parametrize("lang", LANGS)
class TestTheWallAndTheChartImages:
    """The wall's cards and charts and the chart images (PNG/SVG for slides and briefs) take
    their words from the figure-saying function too: the same bar labels, hovers and legends,
    the card's value, period, stage and status as the function says them."""

    def test_every_page_card_says_its_figure_as_the_function_does(self, store, lang):
        for page in PAGES.values():
            for indicator_id in page.cards:
                card = build_card(store.observations, store.tables, indicator_id, lang)
                row = latest_district_row(store.observations, indicator_id)
                if row is None:
                    continue
                growth = matching_growth(store.observations, store.tables["indicators"], row)
                said = say_figure(row, store.tables, growth).in_lang(lang)
                assert card.value_text == said.short, indicator_id
                parts = card.source_text.split(" · ")
                assert said.period in parts, (indicator_id, card.source_text)
                assert not said.stage or said.stage in parts
                assert row["status"] == "reported" or said.status in parts
                assert card.help_text.startswith(said.sentence)

    def test_the_wall_charts_and_the_chart_images_keep_every_label(self, store, lang):
        layout = screen_layout("1920x1080", 4)
        for page in PAGES.values():
            for spec in page.charts:
                rows = chart_rows(store.observations, spec)
                if rows.empty:
                    continue
                figure = make_chart_figure(rows, spec, store.tables, lang)
                said = [_said(row, store.tables, lang) for _, row in rows.iterrows()]
                footer = chart_footer_lines(rows, store.tables, lang, EXPORTED)
                wall = screen_figure(figure, layout, True)
                slide = slide_figure(figure, rows, spec, store.tables, lang, "16:9", EXPORTED)
                joined = " " if lang == "en" else ""  # a long reading wraps on the wall
                for shown in (wall, slide):
                    assert _labels(shown) == _labels(figure), (spec.chart_id, lang)
                    if len(rows) <= 16:
                        assert sorted(t.replace("<br>", joined) for trace in shown.data
                                      for t in trace.text) == _bars(rows, spec, store, lang)
                    assert sorted(h.split("<br>")[0] for trace in shown.data
                                  for h in trace.hovertext) == sorted(
                        escape_plotly(s.hover) for s in said)
                burned = slide.layout.annotations[0].text.replace("<br>", "")
                assert all(line.replace(" ", "") in burned.replace(" ", "")
                           for line in footer), spec.chart_id
                assert not [name for name in _labels(slide)
                            if str(name)[:4].isdigit() and name not in {
                                escape_plotly(s.period) for s in said}
                            and str(name).endswith("年") and _scoped(rows)], spec.chart_id


EXPORTED = pd.Timestamp("2026-12-01").date()


def _labels(figure) -> list:
    """The legend names and category labels a figure shows, in order."""
    return [trace.name for trace in figure.data] + [x for trace in figure.data for x in trace.x]


def _scoped(rows: pd.DataFrame) -> bool:
    return "period_scope" in rows.columns and rows["period_scope"].notna().any()


class TestTheIssuesExamples:
    """Each example the issue gives, as the function now says it."""

    def _row(self, store, indicator, period="2023", **where):
        obs = store.observations
        rows = obs[(obs["indicator_id"] == indicator) & (obs["period"] == period)]
        for column, value in where.items():
            rows = rows[rows[column] == value]
        return rows.iloc[0]

    def test_a_campaign_span_has_no_year(self, shipped):
        for indicator in ("matters_public", "suggestions_collected"):
            row = self._row(shipped, indicator)
            said = say_figure(row, shipped.tables)
            assert said.zh.period == "主题教育期间" and "2023" not in said.zh.sentence
            assert "2023" not in said.en.period and "2023" not in said.en.sentence
            frame = present_observations(shipped.observations[
                shipped.observations["indicator_id"].eq(indicator)], shipped.tables, "zh")
            assert list(frame["期间"]) == ["主题教育期间"]

    def test_a_total_at_a_date_is_said_at_that_date(self, shipped):
        said = say_figure(self._row(shipped, "visits"), shipped.tables)
        assert said.zh.period == "截至2023年底"
        assert said.zh.sentence.startswith("截至2023年底，")
        assert said.zh.sentence.count("人次") == 1

    def test_the_stage_is_in_the_briefs_table(self, shipped):
        rows = shipped.observations.query("indicator_id == 'gdp_growth' and period == '2023'")
        table = figures_table(rows, shipped.tables, "zh")
        cells = dict(zip(table.columns, table.rows[0], strict=True))
        assert (cells["数据阶段"], cells["数值"], cells["原文表述"]) == ("预计", "5.5以上", "5.5%以上")

    def test_close_to_100_is_tabled_with_its_word(self, shipped):
        rows = shipped.observations.query("indicator_id == 'hotline_ontime_rate'")
        cells = dict(zip(*[figures_table(rows, shipped.tables, "zh").columns,
                           figures_table(rows, shipped.tables, "zh").rows[0]], strict=True))
        assert cells["数值"] == "接近100" and "≈" not in cells["数值"]

    def test_the_sources_verbs_are_kept_in_the_table(self, shipped):
        for indicator, words in (("research_results", "初步形成"),
                                 ("hotline_satisfaction_rate", "提升至")):
            rows = shipped.observations.query(f"indicator_id == '{indicator}'")
            table = figures_table(rows, shipped.tables, "zh")
            assert words in table.rows[0][table.columns.index("原文表述")]

    def test_double_digit_growth_is_neither_tabled_nor_drawn_as_10(self, shipped):
        rows = shipped.observations.query("indicator_id == 'industry_growth'")
        table = figures_table(rows, shipped.tables, "zh")
        assert {r[table.columns.index("数值")] for r in table.rows} == {"两位数增长（看板解读）"}
        frame = present_observations(rows, shipped.tables, "en")
        assert frame["Value"].isna().all()
        spec = next(s for p in PAGES.values() for s in p.charts
                    if s.indicators == ("industry_growth",))
        figure = make_chart_figure(chart_rows(shipped.observations, spec), spec, shipped.tables,
                                   "zh")
        assert all(y == 0 for trace in figure.data for y in trace.y)
        assert {t for trace in figure.data for t in trace.text} == {"两位数增长（看板解读）"}

    def test_no_digits_the_source_did_not_give(self, shipped):
        rows = shipped.observations.query("indicator_id == 'fiscal_revenue_growth'")
        table = figures_table(rows, shipped.tables, "zh")
        values = [r[table.columns.index("数值")] for r in table.rows]
        assert values == ["2.0", "2.6", "10.87"]

    def test_money_in_english_exactly(self, shipped):
        for period, words in (("2023", "CNY 25.085 billion"), ("2022", "CNY 22.625 billion")):
            said = say_figure(self._row(shipped, "fiscal_revenue", period), shipped.tables)
            assert words in said.en.sentence

    def test_a_derived_population_carries_its_mark_and_digits(self, shipped):
        rows = shipped.observations.query("indicator_id == 'population' and period == '2021'")
        table = figures_table(rows, shipped.tables, "zh")
        assert table.rows[0][table.columns.index("数值")] == "≈111.5"
        frame = present_observations(rows, shipped.tables, "zh")
        assert frame["原文表述"].tolist() == [""] and frame["类型"].tolist() == ["派生值"]

    def test_the_fiscal_change_comes_from_the_two_levels(self, shipped):
        row = self._row(shipped, "fiscal_revenue_change")
        assert float(row["value"]) == 24.60 and "250.85 − 226.25" in row["locator"]

    def test_the_screen_reader_says_a_figure_is_derived(self, shipped):
        spec = next(s for p in PAGES.values() for s in p.charts
                    if s.indicators[0] == "population")
        text = describe_chart(chart_rows(shipped.observations, spec), spec, shipped.tables, "zh")
        assert "2019年 常住人口 约109.4万人 派生值" in text
