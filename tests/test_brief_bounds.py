"""A brief of a size a reader can use, whatever the store: the figures table lists the first
FIGURES_LIMIT rows and says how many more there are and that the full table is in the Excel;
the order is the figures table's own; one brief at a time per process."""

from __future__ import annotations

import io
import threading
import time

import openpyxl
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.filters import Filters
from xhdash.meaning.page_specs import PAGES
from xhdash.output.brief import to_markdown
from xhdash.output.brief.build import (
    FIGURES_LIMIT,
    brief_slot,
    build_brief,
    figure_positions,
    figures_workbook,
)
from xhdash.output.brief.tables import order_figures
from xhdash.paths import DATA_DIR
from xhdash_tools.bench.synthetic import write_synthetic_store


@pytest.fixture(scope="module")
def big_path(tmp_path_factory):
    return write_synthetic_store(tmp_path_factory.mktemp("big"), 3_000)


@pytest.fixture(scope="module")
def big_store(big_path):
    return load_store(big_path)


class TestFigurePositions:
    @pytest.mark.parametrize("page_id", sorted(PAGES))
    def test_the_order_of_the_figures_table(self, page_id):
        store = load_store(DATA_DIR)
        rows = store.observations
        domains = tuple(PAGES[page_id].domains)
        expected = order_figures(rows[rows["indicator_id"].isin(
            store.indicators.loc[store.indicators["domain_id"].isin(domains), "indicator_id"])],
            store.tables)
        got = rows.iloc[figure_positions(rows, store.tables, domains)]
        assert list(got.index) == list(expected.index)

    def test_a_large_store_in_the_same_order(self, big_store):
        rows = big_store.observations
        domains = tuple(PAGES["overview"].domains)
        positions = figure_positions(rows, big_store.tables, domains)
        expected = order_figures(rows.iloc[sorted(positions)], big_store.tables)
        assert list(rows.index[positions]) == list(expected.index)


class TestBoundedBrief:
    def test_lists_the_first_rows_and_says_how_many_more(self, big_store):
        brief = build_brief(big_store, "overview", Filters(), "zh", images=False)
        assert len(brief.figures.rows) == FIGURES_LIMIT
        assert brief.figures_total > FIGURES_LIMIT + 500
        more = f"{brief.figures_total - FIGURES_LIMIT:,}"
        caption = brief.figures_caption()
        assert f"共 {brief.figures_total} 条" in caption
        assert f"前 {FIGURES_LIMIT} 条" in caption and more in caption and "Excel" in caption
        text = to_markdown(brief)
        assert caption in text
        leader = len(brief.leader.rows) + 1 if brief.leader.rows else 0  # 主要指标, one a row
        assert text.count("\n| ") == FIGURES_LIMIT + 1 + len(brief.sources.rows) + len(
            brief.units.rows) + 2 + leader  # header lines of the figures, sources and units

    def test_english_says_it_too(self, big_store):
        caption = build_brief(big_store, "overview", Filters(), "en", images=False).figures_caption()
        assert f"The first {FIGURES_LIMIT} are listed here" in caption and "attached Excel" in caption

    def test_a_small_brief_is_not_cut(self):
        brief = build_brief(load_store(DATA_DIR), "livelihood", Filters(), "zh", images=False)
        assert brief.figures_total == len(brief.figures.rows) <= FIGURES_LIMIT
        assert "Excel" not in brief.figures_caption()

    def test_the_excel_holds_every_figure(self, big_store):
        brief = build_brief(big_store, "overview", Filters(), "zh", images=False)
        book = openpyxl.load_workbook(io.BytesIO(figures_workbook(big_store, "overview",
                                                                  Filters(), "zh")))
        data = book.worksheets[0]
        assert data.max_row - 1 == brief.figures_total
        first = [c.value for c in next(data.iter_rows(min_row=2, max_row=2))]
        assert first[0] == brief.figures.rows[0][0]  # the same first figure, the same order


class TestBriefCommand:
    def test_a_cut_brief_writes_the_full_table_beside_it(self, big_path, tmp_path, capsys):
        from xhdash.serving.cli import main

        out = tmp_path / "big.md"
        assert main(["brief", "--page", "overview", "--store", str(big_path), "--out", str(out)]) == 0
        table = tmp_path / "big-figures.xlsx"
        assert "big-figures.xlsx" in capsys.readouterr().out
        rows = openpyxl.load_workbook(table).worksheets[0].max_row - 1
        assert f"另有 {rows - FIGURES_LIMIT:,} 条未列出" in out.read_text(encoding="utf-8")

    def test_a_small_brief_writes_no_table(self, tmp_path):
        from xhdash.serving.cli import main

        assert main(["brief", "--page", "livelihood", "--out", str(tmp_path / "b.md")]) == 0
        assert [p.name for p in tmp_path.iterdir()] == ["b.md"]


class TestBriefSlot:
    def test_a_second_brief_waits_for_the_first(self):
        events: list[str] = []
        inside = threading.Event()

        def first() -> None:
            with brief_slot():
                inside.set()
                time.sleep(0.3)
                events.append("first done")

        thread = threading.Thread(target=first)
        thread.start()
        inside.wait(5)
        with brief_slot(lambda: events.append("waiting")):
            events.append("second in")
        thread.join()
        assert events == ["waiting", "first done", "second in"]

    def test_free_slot_does_not_wait(self):
        events: list[str] = []
        with brief_slot(lambda: events.append("waiting")):
            pass
        assert events == []
