"""Time travel in the browser: ?as_of= (a version or a date) pins every page to the store as
published then, with a banner; the about page's control picks one; exports say the version."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xhdash.data.versions import LOCAL_TZ, current_version, ensure_initialised, publish, tables_dir

SHIPPED = "250.85亿元"  # 区级财政收入 as the shipped data (version 0) states it
PUBLISHED = "263.90亿元"  # as the bulletin published as version 1 states it


@pytest.fixture
def two_versions(tmp_path, monkeypatch):
    """A store with the shipped data (0) and a bulletin published over it (1)."""
    from tests.fixtures import import_corpus as corpus
    from xhdash.data.tables import load_parquet_tables
    from xhdash.editors.importer.pipeline import run_import
    from xhdash.editors.importer.resolve import ImportOptions

    store = tmp_path / "store"
    ensure_initialised(store)
    result = run_import(corpus.bulletin_gbk(), "公报.csv", load_parquet_tables(tables_dir(store)),
                        ImportOptions())
    publish(store, result.tables, {"editor": "wang", "file_name": "公报.csv",
                                   "file_sha256": result.file_sha256},
            based_on=current_version(store))
    monkeypatch.setenv("XHDASH_STORE", str(store))
    return store


def _open(app_test, **params):
    at = app_test()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _param(at, key: str) -> str | None:
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def _card(at) -> str:
    return {m.label: m.value for m in at.metric}["区级财政收入"]


class TestAsOfInTheAddress:
    def test_latest_without_as_of_and_no_banner(self, app_test, two_versions):
        at = _open(app_test)
        assert _card(at) == PUBLISHED
        assert not [i for i in at.info if "版本" in i.value]

    def test_a_version_shows_that_version_with_a_banner(self, app_test, two_versions):
        at = _open(app_test, as_of="0")
        assert _card(at) == SHIPPED
        banner = [i.value for i in at.info if "您正在查看版本 0" in i.value]
        assert banner and "不是最新数据" in banner[0]
        assert _param(at, "as_of") == "0"  # kept in the address, so the link survives

    def test_the_pin_holds_across_pages_and_reruns(self, app_test, two_versions):
        at = _open(app_test, as_of="v0")
        at.switch_page("pages/zones.py")
        at.run()
        assert not at.exception
        assert any("您正在查看版本 0" in i.value for i in at.info)
        assert _param(at, "as_of") == "0"

    def test_a_date_shows_the_version_in_force_at_the_end_of_that_day(self, app_test,
                                                                       two_versions):
        today = datetime.now(UTC).astimezone(LOCAL_TZ).date().isoformat()
        at = _open(app_test, as_of=today)
        assert _card(at) == PUBLISHED
        assert any("您正在查看版本 1" in i.value and "最新的版本" in i.value for i in at.info)

    @pytest.mark.parametrize("value", ["99", "2001-01-01", "最新", "<b>x</b>"])
    def test_a_value_naming_no_version_is_dropped_with_a_notice(self, app_test, two_versions,
                                                                 value):
        at = _open(app_test, as_of=value)
        assert _card(at) == PUBLISHED
        notices = [w.value for w in at.warning if "as_of" in w.value]
        assert notices and "显示的是最新数据" in notices[0]
        assert "<b>" not in notices[0]
        assert "as_of" not in at.query_params

    def test_english_banner(self, app_test, two_versions):
        at = _open(app_test, as_of="0", lang="en")
        assert any("You are viewing version 0" in i.value and "not the latest" in i.value
                   for i in at.info)

    def test_back_to_the_latest(self, app_test, two_versions):
        at = _open(app_test, as_of="0")
        next(b for b in at.button if b.label == "回到最新数据").click().run()
        assert _card(at) == PUBLISHED
        assert "as_of" not in at.query_params
        assert not [i for i in at.info if "您正在查看版本" in i.value]

    def test_a_plain_folder_store_drops_as_of(self, app_test, tmp_path, monkeypatch, built_store):
        monkeypatch.setenv("XHDASH_STORE", str(built_store))
        at = _open(app_test, as_of="0")
        assert any("as_of" in w.value for w in at.warning)


class TestAboutPageControl:
    def _about(self, app_test, **params):
        at = _open(app_test, **params)
        at.switch_page("pages/about.py")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    def test_picking_a_version_pins_the_pages_and_gives_the_link(self, app_test, two_versions):
        at = self._about(app_test)
        field = next(t for t in at.text_input if t.label == "版本或日期")
        field.input("0")
        next(b for b in at.button if b.label == "按此版本查看").click().run()
        assert not at.exception
        assert any("您正在查看版本 0" in i.value for i in at.info)
        assert any("as_of=0" in c.value for c in at.code)
        at.switch_page("pages/overview.py")
        at.run()
        assert _card(at) == SHIPPED

    def test_a_bad_entry_says_so_and_changes_nothing(self, app_test, two_versions):
        at = self._about(app_test)
        next(t for t in at.text_input if t.label == "版本或日期").input("1999-01-01")
        next(b for b in at.button if b.label == "按此版本查看").click().run()
        assert any("不是本看板的版本或日期" in e.value for e in at.error)
        assert not [i for i in at.info if "您正在查看版本" in i.value]


class TestOutputsSayTheVersion:
    """What the pages pass when pinned (`pinned_note`): file names, the workbook's notes, the
    chart image's footer and the brief's date line say the version."""

    NOTE = "数据版本 3（2026-11-10 15:04 发布）"

    def test_file_name(self):
        from xhdash.output.export import export_file_name

        when = datetime(2026, 11, 28)
        assert export_file_name("民生成效", "Livelihood", "zh", "csv", when, 3) == \
            "徐汇_民生成效_20261128_v3.csv"
        assert export_file_name("民生成效", "Livelihood", "zh", "csv", when) == \
            "徐汇_民生成效_20261128.csv"

    def test_chart_image_footer(self):
        from xhdash.data.store import load_store
        from xhdash.meaning.page_specs import PAGES
        from xhdash.output.charts import chart_rows, make_chart_figure
        from xhdash.output.export_images import slide_figure
        from xhdash.paths import DATA_DIR

        store = load_store(DATA_DIR)
        spec = next(c for c in PAGES["overview"].charts if c.chart_id == "fiscal_revenue_series")
        rows = chart_rows(store.observations, spec, None)
        figure = make_chart_figure(rows, spec, store.tables, "zh")
        texts = lambda slide: " ".join(a.text for a in slide.layout.annotations)  # noqa: E731
        pinned = slide_figure(figure, rows, spec, store.tables, "zh", version_note=self.NOTE)
        assert "数据版本 3" in texts(pinned)
        assert "数据版本" not in texts(slide_figure(figure, rows, spec, store.tables, "zh"))

    def test_brief_date_line(self):
        from datetime import date

        from xhdash.data.store import load_store
        from xhdash.meaning.filters import Filters
        from xhdash.output.brief import build_brief, to_markdown
        from xhdash.paths import DATA_DIR

        store = load_store(DATA_DIR)
        brief = build_brief(store, "governance", Filters(), "zh", exported=date(2026, 11, 28),
                            images=False, version_note=self.NOTE)
        assert brief.date == "2026年11月28日（数据版本 3（2026-11-10 15:04 发布））"
        assert "数据版本 3" in to_markdown(brief)
        plain = build_brief(store, "governance", Filters(), "zh", exported=date(2026, 11, 28),
                            images=False)
        assert "数据版本" not in to_markdown(plain)

    def test_pinned_note_in_a_session(self, app_test, two_versions):
        from xhdash.serving.ui.time_travel import version_label

        at = _open(app_test, as_of="0")
        assert _card(at) == SHIPPED
        from xhdash.data.store import load_store
        from xhdash.data.versions import snapshot_at

        label = version_label(load_store(snapshot_at(two_versions, 0)), "en")
        assert label.startswith("0 (published 20")


class TestTheWall:
    """A wall opened with ?as_of= shows that version, says so, and does not move on when a
    newer version is published."""

    def _wall_line(self, at) -> str:
        heads = [h.value for h in at.get("html") if "xh-wall-asof" in h.value]
        assert heads
        return heads[0]

    def test_a_pinned_wall_shows_and_names_its_version(self, app_test, two_versions):
        at = _open(app_test, view="screen", as_of="0")
        assert _card(at) == SHIPPED
        assert "数据版本 0" in self._wall_line(at)
        assert _param(at, "as_of") == "0"
        assert not [i for i in at.info if "您正在查看版本 0" in i.value]  # no room on the wall

    def test_an_unpinned_wall_shows_the_latest_without_a_version_note(self, app_test,
                                                                       two_versions):
        at = _open(app_test, view="screen")
        assert _card(at) == PUBLISHED
        assert "数据版本" not in self._wall_line(at)

    def test_in_english(self, app_test, two_versions):
        at = _open(app_test, view="screen", as_of="0", lang="en")
        assert "Data version 0" in self._wall_line(at)
