import json
import re
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.cards import build_card
from xhdash.meaning.figures import (
    QUALIFIER_WORDS,
    amount_en,
    english_scale,
    indicator_words,
    said_decimals,
)
from xhdash.meaning.page_specs import PAGES, ChartSpec
from xhdash.output.charts import (
    CHART_HEIGHT,
    PALETTE,
    chart_key,
    chart_rows,
    chart_unit,
    frequency_note,
    make_chart_figure,
    page_figure,
    selection_filter,
    sentences_instead_of_chart,
    structure_tiers,
)
from xhdash.paths import DATA_DIR

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
        assert list(figure.data[0].text) == ["99%以上", "接近100%", "90%"]  # the source's words
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


class TestStructureTiers:
    def test_tiers_and_industries_in_order_without_sizes(self, store):
        tiers = structure_tiers(store.tables["industries"], "zh")
        assert [tier for tier, _ in tiers] == ["千亿级产业集群", "产业新赛道", "未来产业"]
        assert [len(names) for _, names in tiers][0] == 4
        assert sum(len(names) for _, names in tiers) == 11
        assert tiers[0][1] == ["数字经济", "生命健康", "文化创意", "现代金融"]


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


def with_revenue(store, *rows):
    """The shipped observations plus district fiscal revenue figures (period, value)."""
    import pandas as pd

    template = store.observations[store.observations["indicator_id"].eq("fiscal_revenue")].iloc[0]
    extra = pd.DataFrame([{**template.to_dict(), "period": period, "value": value}
                          for period, value in rows])
    return pd.concat([store.observations, extra], ignore_index=True)


class TestChartFrequency:
    SPEC = ChartSpec("rev", "区级财政收入", "Revenue", ("fiscal_revenue",), "series")

    def test_the_most_recent_frequency_by_default(self, store):
        observations = with_revenue(store, ("2024-01/2024-03", 60.0), ("2024-01/2024-09", 198.6))
        rows = chart_rows(observations, self.SPEC)
        assert rows["period"].tolist() == ["2024-01/2024-03", "2024-01/2024-09"]

    def test_the_frequency_asked_for(self, store):
        observations = with_revenue(store, ("2024-01/2024-09", 198.6))
        rows = chart_rows(observations, self.SPEC, "year")
        assert "2023" in set(rows["period"]) and rows["period"].str.len().eq(4).all()

    def test_the_note_says_which_and_what_else(self, store):
        from xhdash.output.charts import chart_frequencies, frequency_note

        observations = with_revenue(store, ("2024-01/2024-09", 198.6))
        rows = chart_rows(observations, self.SPEC)
        note = frequency_note(rows, chart_frequencies(observations, self.SPEC), False, "zh")
        assert note == "频率：累计（1—N月）。另有年度数据，可在“筛选”栏的“频率”中选择。"


class TestOneFigurePerBar:
    def test_two_periods_of_one_area_are_two_groups_not_one_bar(self, store):
        import pandas as pd

        template = store.observations.iloc[0].to_dict()
        rows = pd.DataFrame([{**template, "indicator_id": "fiscal_revenue", "area_id": area,
                              "period": period, "value": value, "industry_id": None}
                             for area, period, value in (("zone_xujiahui", "2022", 88.1),
                                                         ("zone_xujiahui", "2023", 93.5),
                                                         ("zone_westbund", "2023", 70.0))])
        spec = ChartSpec("z", "区级财政收入", "Revenue", ("fiscal_revenue",), "by_area")
        figure = make_chart_figure(rows, spec, store.tables, "zh")
        bars = [(trace.name, x, y) for trace in figure.data for x, y in zip(trace.x, trace.y,
                                                                              strict=True)]
        assert sorted(bars) == sorted([("2022年", "大徐家汇", 88.1), ("2023年", "大徐家汇", 93.5),
                                       ("2023年", "西岸滨江", 70.0)])

    def test_areas_largest_first_by_the_latest_period_or_in_map_order(self, store):
        import pandas as pd

        template = store.observations.iloc[0].to_dict()
        rows = pd.DataFrame([{**template, "indicator_id": "fiscal_revenue", "area_id": area,
                              "period": period, "value": value, "industry_id": None}
                             for area, period, value in (("zone_xujiahui", "2022", 99.0),
                                                         ("zone_xujiahui", "2023", 60.0),
                                                         ("zone_westbund", "2023", 70.0))])
        spec = ChartSpec("z", "区级财政收入", "Revenue", ("fiscal_revenue",), "by_area")
        by_map = make_chart_figure(rows, spec, store.tables, "zh").layout.xaxis.categoryarray
        by_value = make_chart_figure(rows, replace(spec, by_value=True), store.tables,
                                     "zh").layout.xaxis.categoryarray
        assert list(by_map) == ["大徐家汇", "西岸滨江"] and list(by_value) == ["西岸滨江", "大徐家汇"]

    def test_a_slot_holding_two_figures_is_refused(self):
        import pandas as pd

        from xhdash.output.charts import one_figure_per_bar

        with pytest.raises(ValueError, match="share one bar"):
            one_figure_per_bar(pd.Series(["a", "a"]), pd.Series(["g", "g"]))


class TestGrowthNames:
    def test_each_basis_is_said_when_bases_differ(self, store):
        spec = next(c for c in PAGES["overview"].charts if c.chart_id == "growth_rates")
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "zh")
        names = [trace.name for trace in figure.data]
        assert "地区生产总值增长率（实际（可比价））" in names
        assert "区级财政收入增长率（名义（现价））" in names
        assert "固定资产投资总额增长率（来源未说明）" in names
        assert "常住人口增长率" in names  # not money: no price basis


class TestPageFigure:
    """The page's layout of a chart: level labels, sideways for many, legend under the title,
    no source line in the figure, periods on a category axis."""

    @staticmethod
    def _figure(categories: list[str], groups: int = 1) -> go.Figure:
        figure = go.Figure([go.Bar(x=categories, y=list(range(1, len(categories) + 1)),
                                   name=f"组{g}", hovertemplate="<b>%{x}</b>")
                            for g in range(groups)])
        figure.update_layout(title={"text": "街道（镇）：常住人口（万人）"},
                             showlegend=groups > 1,
                             xaxis={"categoryorder": "array", "categoryarray": categories},
                             annotations=[{"text": "来源：S1"}])
        return figure

    def test_few_short_labels_stay_upright_level_and_categorical(self):
        page = page_figure(self._figure(["2020", "2022"]))
        assert page.data[0].orientation in (None, "v")
        assert page.layout.xaxis.type == "category"
        assert page.layout.xaxis.tickangle == 0
        assert list(page.layout.xaxis.ticktext) == ["2020", "2022"]
        assert not page.layout.annotations

    def test_thirteen_streets_turn_sideways_in_order(self):
        streets = [f"第{n}街道" for n in range(13)]
        original = self._figure(streets)
        page = page_figure(original)
        assert page.data[0].orientation == "h"
        assert list(page.data[0].y) == streets and list(page.data[0].x) == list(range(1, 14))
        assert list(page.layout.yaxis.categoryarray) == streets
        assert page.layout.yaxis.autorange == "reversed"
        assert "%{y}" in page.data[0].hovertemplate
        assert page.layout.height > CHART_HEIGHT
        assert original.data[0].orientation in (None, "v")  # the cached figure is untouched

    def test_seven_years_stay_left_to_right_their_labels_on_end(self):
        """A time axis is never turned sideways for its bar labels (2018 at the top, 2024 at
        the bottom): the years stay along the bottom and labels too wide stand on end, with
        room above the tallest bar."""
        years = [f"{y}年" for y in range(2018, 2025)]
        figure = self._figure(years)
        figure.update_traces(text=[f"{v}88.60亿元" for v in range(7)])
        figure.update_layout(meta={"time_axis": True})
        page = page_figure(figure)
        assert page.data[0].orientation in (None, "v") and page.data[0].textangle == -90
        assert page.layout.yaxis.range[1] > 7 * 1.2
        streets = self._figure([f"第{n}街道" for n in range(7)])
        streets.update_traces(text=["188.60亿元"] * 7)
        assert page_figure(streets).data[0].orientation == "h"  # not time: sideways, as before
        months = self._figure([f"2024年{m}月" for m in range(1, 13)] + ["2025年1月"])
        months.update_layout(meta={"time_axis": True})
        assert page_figure(months).data[0].orientation == "h"  # past a year of months

    def test_long_labels_wrap_in_lines(self):
        page = page_figure(self._figure(["检视问题与整改数量之一", "检视问题与整改数量之二",
                                         "检视问题与整改数量之三"]))
        assert all("<br>" in text for text in page.layout.xaxis.ticktext)

    def test_legend_has_its_own_row_under_the_title(self):
        page = page_figure(self._figure(["2022", "2023"], groups=3))
        assert page.layout.legend.y == 1 and page.layout.legend.yanchor == "bottom"
        assert page.layout.title.yref == "container"
        assert page.layout.margin.t >= 14 + 22 + 22 + 20


NUMBER = re.compile(r"[≥≈]?-?\d[\d,]*(?:\.\d+)?")
CARD_CHARTS = [(card, chart) for page in PAGES.values() for chart in page.charts
               for card in page.cards if card in chart.indicators]


QUALIFIERS = re.compile("^(" + "|".join(sorted({en for _, en in QUALIFIER_WORDS.values()},
                                                key=len, reverse=True)) + ") ")


def unit_of(text: str) -> str:
    """The unit words around a card's number: CNY 25.085bn → CNY bn, 1.0985m persons → m
    persons, over CNY 100bn → CNY bn."""
    words = QUALIFIERS.sub("", text)
    number = NUMBER.search(words)
    before, after = words[:number.start()].strip(), words[number.end():].strip()
    return f"{before} {after}".strip()


def number_of(text: str) -> str:
    return NUMBER.search(text).group().lstrip("≥≈")


class TestEnglishScale:
    """The unit an English card says a figure in is the unit its chart says it in: the card's
    compact amount and the scale give the same unit words and the same digits, for every
    figure of the shipped data whose unit a card rescales."""

    def test_every_shipped_amount(self, store):
        rescaled = 0
        for row in store.observations.to_dict("records"):
            words = indicator_words(store.indicators, row["indicator_id"])
            if words.kind == "rank" or words.unit_en == "%":
                continue
            decimals = said_decimals(row, words)
            card = amount_en(float(row["value"]), decimals, words, compact=True)
            scale = english_scale(float(row["value"]), words)
            value, places = scale.number(float(row["value"]), decimals)
            if scale.factor == scale.size:
                continue
            rescaled += 1
            assert unit_of(card) == scale.unit, (row["indicator_id"], card)
            assert number_of(card) == f"{value:,.{places}f}", (row["indicator_id"], card)
        assert rescaled > 10

    def test_fiscal_revenue_in_billions(self, store):
        words = indicator_words(store.indicators, "fiscal_revenue")
        scale = english_scale(250.85, words)
        assert (scale.unit, scale.number(250.85, 2)) == ("CNY bn", (25.085, 3))

    def test_a_small_count_of_people_in_persons(self, store):
        words = indicator_words(store.indicators, "population")
        assert english_scale(9.5, words).unit == "persons"  # 95,000 persons, as a card says it
        assert english_scale(109.85, words).unit == "m persons"

    def test_millions_of_square_metres_in_words(self, store):
        """1.2m m² would read as metres: millions of m² are said "million m²", card and chart."""
        words = indicator_words(store.indicators, "housing_repair_started")
        assert english_scale(120.5, words).unit == "million m²"
        assert amount_en(120.5, 1, words, compact=True) == "1.205 million m²"
        assert amount_en(12.5, 1, words, compact=True) == "125,000 m²"


class TestUnitsAndYearsAgreeAcrossLanguages:
    """A card and the chart of its indicator say the figure in one unit (CNY bn, not a card in
    CNY bn over a chart in CNY 100m), and a chart of periods draws the same years in both
    languages, on a category axis (no empty years between them)."""

    @pytest.mark.parametrize(("card", "spec"), CARD_CHARTS,
                             ids=lambda v: v if isinstance(v, str) else v.chart_id)
    def test_the_english_chart_says_the_cards_unit_and_number(self, store, card, spec):
        rows = chart_rows(store.observations, spec)
        shown = build_card(store.observations, store.tables, card, "en").value_text
        unit = chart_unit(store.indicators, spec.indicators, "en", rows)
        figure = make_chart_figure(rows, spec, store.tables, "en")
        assert figure.layout.title.text.endswith(f"({unit})")
        if not NUMBER.search(shown) or unit == "%":  # a reading in words; a rate says its %
            return
        assert unit_of(shown) in unit.split(" / "), (shown, unit)
        bars = {number_of(str(t)) for trace in figure.data for t in trace.text
                if NUMBER.search(str(t))}
        assert number_of(shown) in bars, (shown, bars)

    def test_the_overview_charts_in_billions_and_millions(self, store):
        titles = {spec.chart_id: make_chart_figure(chart_rows(store.observations, spec), spec,
                                                   store.tables, "en").layout.title.text
                  for spec in PAGES["overview"].charts}
        assert titles["fiscal_revenue_series"] == "District fiscal revenue (CNY bn)"
        assert titles["gdp_series"] == "GDP (current prices) (CNY bn)"
        assert titles["population_series"] == "Resident population (m persons)"
        spec = PAGES["overview"].charts[0]
        figure = make_chart_figure(chart_rows(store.observations, spec), spec, store.tables, "en")
        assert list(figure.data[0].y)[-1] == pytest.approx(25.085)
        assert list(figure.data[0].text)[-1] == "25.085"

    def test_chinese_keeps_the_stated_unit(self, store):
        spec = PAGES["overview"].charts[0]
        rows = chart_rows(store.observations, spec)
        figure = make_chart_figure(rows, spec, store.tables, "zh")
        assert figure.layout.title.text == "区级财政收入（亿元）"
        assert list(figure.data[0].y)[-1] == 250.85

    @pytest.mark.parametrize("spec", [c for c in ALL_CHARTS if c.kind == "series"],
                             ids=lambda s: s.chart_id)
    def test_the_same_years_in_both_languages(self, store, spec):
        rows = chart_rows(store.observations, spec)
        years = {}
        for lang in ("zh", "en"):
            figure = make_chart_figure(rows, spec, store.tables, lang)
            assert figure.layout.xaxis.type == "category"
            page = page_figure(figure)
            axis = page.layout.yaxis if page.data[0].orientation == "h" else page.layout.xaxis
            assert axis.type == "category"
            years[lang] = [re.sub(r"\D", "", str(c)) for c in axis.categoryarray]
            drawn = {re.sub(r"\D", "", str(x)) for trace in figure.data for x in trace.x}
            assert set(years[lang]) == drawn  # no year without a figure
        assert years["zh"] == years["en"]

    def test_gdp_draws_only_the_years_with_figures(self, store):
        spec = PAGES["overview"].charts[1]
        rows = chart_rows(store.observations, spec)
        for lang in ("zh", "en"):
            figure = make_chart_figure(rows, spec, store.tables, lang)
            assert [re.sub(r"\D", "", c) for c in figure.layout.xaxis.categoryarray] == \
                sorted(re.sub(r"\D", "", p) for p in rows["period"])


class TestFrequencyNote:
    def test_two_english_sentences_have_a_space_between(self):
        rows = pd.DataFrame({"period": ["2023"]})
        note = frequency_note(rows, ("year", "quarter"), False, "en")
        assert note.startswith("Frequency: Annual. Also available: Quarterly")
        assert frequency_note(rows, ("year", "quarter"), False, "zh").startswith("频率：年度。另有季度")


class TestSentencesInsteadOfChart:
    """A chart that would draw nothing to compare is said in sentences instead."""

    @staticmethod
    def _rows(store, chart_id: str):
        spec = next(c for c in ALL_CHARTS if c.chart_id == chart_id)
        return chart_rows(store.observations, spec)

    def test_bars_all_read_from_words_are_sentences(self, store):
        rows = self._rows(store, "cluster_growth")  # four 两位数增长, no number drawn
        sentences = sentences_instead_of_chart(rows, store.tables, "zh")
        assert len(sentences) == len(rows) == 4
        assert all("两位数增长" in sentence for sentence in sentences)

    def test_one_bar_is_its_sentence(self, store):
        rows = self._rows(store, "cluster_scale")
        assert sentences_instead_of_chart(rows, store.tables, "zh") == [
            "2023年，文化创意产业规模突破千亿元。"]

    def test_bars_with_numbers_stay_a_chart(self, store):
        spec = next(c for c in ALL_CHARTS if c.chart_id == "tax_projects")
        rows = chart_rows(store.observations, spec)
        assert len(rows) > 1 and sentences_instead_of_chart(rows, store.tables, "zh") == []
