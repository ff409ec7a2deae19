import json

import pytest

from xhdash.charts import (
    PALETTE,
    chart_key,
    chart_rows,
    chart_unit,
    make_chart_figure,
    make_structure_figure,
    selection_filter,
)
from xhdash.page_specs import PAGES, ChartSpec
from xhdash.paths import DATA_DIR
from xhdash.store import load_store

ALL_CHARTS = [chart for page in PAGES.values() for chart in page.charts]


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestChartUnit:
    @pytest.mark.parametrize("spec", ALL_CHARTS, ids=lambda s: s.chart_id)
    def test_every_declared_chart_has_one_unit(self, store, spec):
        assert chart_unit(store.indicators, spec.indicators, "zh")

    def test_english_nouns_joined(self, store):
        assert chart_unit(store.indicators, ("insured_hospitals", "insured_pharmacies"), "en") == \
            "hospitals / pharmacies"

    def test_mixed_units_refused(self, store):
        with pytest.raises(ValueError, match="one unit"):
            chart_unit(store.indicators, ("gdp", "population"), "zh")


class TestChartRows:
    @pytest.mark.parametrize("spec", ALL_CHARTS, ids=lambda s: s.chart_id)
    def test_every_declared_chart_has_rows(self, store, spec):
        assert not chart_rows(store.observations, spec).empty


class TestMakeChartFigure:
    def test_title_unit_qualifier_and_source(self, store):
        spec = PAGES["livelihood"].charts[3]  # hotline rates
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "zh")
        assert figure.layout.title.text == "12345热线三率（%）"
        assert list(figure.data[0].text) == ["≥99%", "≈100%", "90%"]
        assert "S1" in figure.layout.annotations[0].text
        assert figure.data[0].marker.color == PALETTE[0]

    def test_derived_bars_hatched_and_hover_in_wan_yi(self, store):
        spec = PAGES["overview"].charts[0]  # fiscal revenue series
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "zh")
        shapes = dict(zip(figure.data[0].x, figure.data[0].marker.pattern.shape, strict=True))
        assert shapes["2021年"] == "/" and shapes["2023年"] == ""
        assert any("250.85亿元" in h for h in figure.data[0].hovertext)

    def test_english_has_no_chinese_labels(self, store):
        spec = PAGES["governance"].charts[2]
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "en")
        text = json.dumps(figure.to_plotly_json()["layout"]) + "".join(figure.data[0].x)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in text)

    def test_click_values(self, store):
        spec = PAGES["industry"].charts[0]
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "zh")
        assert [c[0] for c in figure.data[0].customdata] == [
            "digital_economy", "life_health", "cultural_creative", "modern_finance"]


class TestMakeStructureFigure:
    def test_tiers_and_industries(self, store):
        trace = make_structure_figure(store.tables, "zh").data[0]
        assert trace.labels[:4] == ("4+3+X", "千亿级产业集群", "产业新赛道", "未来产业")
        assert len(trace.labels) == 15 and trace.values[0] == 11


class TestChartKey:
    def test_names_the_click_filter(self):
        assert chart_key(ChartSpec("g", "g", "g", ("x",), click="industries")) == \
            "chart__industries__g"
        assert chart_key(ChartSpec("h", "h", "h", ("x",))) == "chart__none__h"


class TestSelectionFilter:
    def test_clicked_bar(self):
        event = {"selection": {"points": [{"x": "数字经济", "customdata": ["digital_economy"]}]}}
        assert selection_filter("chart__industries__g", event) == ("industries", "digital_economy")

    def test_nothing_clicked(self):
        assert selection_filter("chart__industries__g", {"selection": {"points": []}}) is None

    def test_chart_without_click(self):
        event = {"selection": {"points": [{"customdata": ["x"]}]}}
        assert selection_filter("chart__none__h", event) is None

    def test_other_widgets_are_ignored(self):
        assert selection_filter("f_domains", ["economy"]) is None
