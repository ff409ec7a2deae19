"""Chart images for slides (xhdash.output.export_images): a copy of the chart with title, unit and a
footer of sources, periods, frequency, notes, date and the dashboard, rendered by one Chromium."""

from __future__ import annotations

import io
import re
import struct
from datetime import date

import pytest
from PIL import Image

from xhdash.data.store import load_store
from xhdash.meaning.page_specs import PAGES
from xhdash.output.charts import chart_rows, make_chart_figure
from xhdash.output.export_images import render_chart_image, slide_figure
from xhdash.output.export_images.footer import chart_footer_lines, one_frequency, periods_text
from xhdash.output.export_images.layout import text_em, wrap_text
from xhdash.output.export_images.server import browser_starts
from xhdash.paths import DATA_DIR

DAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


def chart(store, page: str, chart_id: str, lang: str = "zh", frequency: str | None = None):
    spec = next(c for c in PAGES[page].charts if c.chart_id == chart_id)
    rows = chart_rows(store.observations, spec, frequency)
    return make_chart_figure(rows, spec, store.tables, lang), rows, spec


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


class TestWrapText:
    def test_chinese_breaks_between_characters_within_the_width(self):
        lines = wrap_text("来源：S1 解放日报；S2 徐汇区投资促进网；S3 cnzsr.com；派生值", 12)
        assert "".join(lines).replace(" ", "") == "来源：S1解放日报；S2徐汇区投资促进网；S3cnzsr.com；派生值"
        assert all(text_em(line) <= 12 for line in lines)
        assert len(lines) > 1

    def test_english_words_are_kept_whole(self):
        lines = wrap_text("Hatched bars are derived figures computed from reported ones", 14)
        assert all(text_em(line) <= 14 for line in lines)
        assert " ".join(lines).split() == "Hatched bars are derived figures computed from " \
            "reported ones".split()

    def test_a_short_text_is_one_line(self):
        assert wrap_text("2023年", 10) == ["2023年"]


class TestPeriodsText:
    def test_a_few_periods_are_listed_in_time_order(self):
        assert periods_text(["2024", "2023"], "zh") == "2023年、2024年"

    def test_many_periods_are_first_to_last(self):
        assert periods_text(["2019", "2020", "2021", "2022", "2023"], "zh") == "2019年—2023年"

    def test_cumulative_periods_keep_their_months(self):
        codes = ["2023-01/2023-09", "2024-01/2024-09"]
        assert periods_text(codes, "zh") == "2023年1-9月、2024年1-9月"
        assert periods_text(codes, "en") == "Jan–Sep 2023, Jan–Sep 2024"


class TestOneFrequency:
    def test_mixed_frequencies_are_refused(self, store):
        _, rows, _ = chart(store, "overview", "fiscal_revenue_series")
        mixed = rows.assign(period=["2023-01/2023-09", *rows["period"].iloc[1:]])
        with pytest.raises(ValueError, match="one frequency"):
            one_frequency(mixed)


class TestChartFooterLines:
    def test_sources_periods_frequency_derived_note_date_and_dashboard(self, store):
        _, rows, _ = chart(store, "overview", "fiscal_revenue_series")
        lines = chart_footer_lines(rows, store.tables, "zh", DAY)
        assert lines[0].startswith("来源：") and "S1 解放日报" in lines[0] and "派生值" in lines[0]
        assert "期间：2019年—2023年。" in lines[1] and "频率：年度。" in lines[1]
        assert "斜线条纹为派生值" in " ".join(lines)
        assert lines[-1] == "导出日期：2026年11月28日 · 徐汇区统计数据看板"

    def test_no_internal_source_id(self, store):
        _, rows, _ = chart(store, "overview", "fiscal_revenue_series")
        text = " ".join(chart_footer_lines(rows, store.tables, "zh", DAY))
        assert "derived" not in text and not re.search(r"imp_[0-9a-f]+", text)

    def test_no_derived_note_without_derived_bars(self, store):
        _, rows, _ = chart(store, "livelihood", "practical_matters")
        assert not any("派生" in line for line in chart_footer_lines(rows, store.tables, "zh", DAY))

    def test_english(self, store):
        _, rows, _ = chart(store, "overview", "growth_rates", "en")
        lines = chart_footer_lines(rows, store.tables, "en", DAY)
        assert lines[0].startswith("Source: S1 Jiefang Daily")
        assert lines[-1] == "Exported 28 November 2026 · Xuhui District Statistics Dashboard"


class TestSlideFigure:
    def test_the_figure_passed_in_is_not_changed(self, store):
        figure, rows, spec = chart(store, "overview", "fiscal_revenue_series")
        before = figure.to_json()
        slide_figure(figure, rows, spec, store.tables, "zh", "16:9", DAY)
        assert figure.to_json() == before

    @pytest.mark.parametrize("size, expected", [("16:9", (1600, 900)), ("4:3", (1200, 900))])
    def test_size(self, store, size, expected):
        figure, rows, spec = chart(store, "overview", "gdp_series")
        slide = slide_figure(figure, rows, spec, store.tables, "zh", size, DAY)
        assert (slide.layout.width, slide.layout.height) == expected

    def test_title_with_unit_and_footer(self, store):
        figure, rows, spec = chart(store, "overview", "gdp_series")
        slide = slide_figure(figure, rows, spec, store.tables, "zh", "16:9", DAY)
        assert slide.layout.title.text == "地区生产总值（现价）（亿元）"
        footer = slide.layout.annotations[0].text
        assert "来源：" in footer and "徐汇区统计数据看板" in footer and "2026年11月28日" in footer
        assert "Noto Sans CJK SC" in slide.layout.font.family

    def test_text_from_the_data_stays_text(self, store):
        figure, rows, spec = chart(store, "overview", "gdp_series")
        sources = store.tables["sources"].copy()
        sources.loc[sources["source_id"] == "S2", "publisher_zh"] = "<b>粗体</b>"
        slide = slide_figure(figure, rows, spec, {**store.tables, "sources": sources}, "zh",
                             "16:9", DAY)
        assert "&lt;b&gt;粗体&lt;/b&gt;" in slide.layout.annotations[0].text

    def test_an_unknown_size_is_refused(self, store):
        figure, rows, spec = chart(store, "overview", "gdp_series")
        with pytest.raises(ValueError, match="size"):
            slide_figure(figure, rows, spec, store.tables, "zh", "1:1", DAY)


class TestRenderChartImage:
    @pytest.mark.parametrize("size, pixels", [("16:9", (3200, 1800)), ("4:3", (2400, 1800))])
    def test_png_at_scale_two(self, store, size, pixels):
        figure, rows, spec = chart(store, "overview", "fiscal_revenue_series")
        png = render_chart_image(figure, rows, spec, store.tables, "zh", "png", size,
                                 exported=DAY)
        assert png_size(png) == pixels

    def test_footer_is_drawn_under_the_chart(self, store):
        figure, rows, spec = chart(store, "overview", "fiscal_revenue_series")
        png = render_chart_image(figure, rows, spec, store.tables, "zh", "png", exported=DAY)
        image = Image.open(io.BytesIO(png)).convert("L")
        footer_band = image.crop((0, 1800 - 300, 1600, 1800 - 64))  # the footer's left half
        assert footer_band.getextrema()[0] < 128  # dark glyphs, not an empty band

    def test_svg_holds_the_footer_in_chinese_in_noto_cjk(self, store):
        figure, rows, spec = chart(store, "overview", "fiscal_revenue_series")
        svg = render_chart_image(figure, rows, spec, store.tables, "zh", "svg",
                                 exported=DAY).decode("utf-8")
        assert svg.startswith("<svg")
        for line in chart_footer_lines(rows, store.tables, "zh", DAY):
            assert line in svg
        assert "区级财政收入（亿元）" in svg
        assert "Noto Sans CJK SC" in svg

    def test_one_browser_serves_every_image(self, store):
        figure, rows, spec = chart(store, "overview", "growth_rates", "en")
        render_chart_image(figure, rows, spec, store.tables, "en", "png")
        started = browser_starts()
        for fmt in ("png", "svg", "png"):
            render_chart_image(figure, rows, spec, store.tables, "en", fmt)
        assert browser_starts() == started

    def test_the_figure_passed_in_is_not_changed(self, store):
        figure, rows, spec = chart(store, "governance", "rectification")
        before = figure.to_json()
        render_chart_image(figure, rows, spec, store.tables, "zh", "png")
        assert figure.to_json() == before

    def test_an_unknown_format_is_refused(self, store):
        figure, rows, spec = chart(store, "governance", "rectification")
        with pytest.raises(ValueError, match="fmt"):
            render_chart_image(figure, rows, spec, store.tables, "zh", "jpeg")


class TestMeasureImageTimes:
    def test_a_cold_image_then_warm_ones_on_one_new_browser(self, store):
        from xhdash.output.export_images.bench import measure_image_times

        started = browser_starts()
        times = measure_image_times(store, repeats=2)
        assert browser_starts() == started + 1  # closed, then started once for all three
        assert len(times.warm) == 2 and times.cold > 0
        assert times.lines("zh")[0].startswith("首张图（含启动 Chromium）")
