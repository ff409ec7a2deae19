"""Property-based imports: hostile tables go through preview and publish into a temporary
store; whatever is published, the store loads, every page's content is built, every page
renders in AppTest without an exception, and `xhdash check` answers with a message."""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xhdash.data.store import Store, load_store
from xhdash.data.tables import read_parquet_tables
from xhdash.data.versions import ensure_initialised, tables_dir
from xhdash.editors.publishing import ImportOptions, preview_import, publish_preview
from xhdash.meaning.cards import build_card, latest_sentences, profile_lines
from xhdash.meaning.filters import build_filter_options
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.saying import rows_sentences
from xhdash.meaning.views import present_observations
from xhdash.output.charts import chart_rows, make_chart_figure
from xhdash.paths import DATA_DIR
from xhdash.serving.cli import main

SYNTHETIC_SOURCE = "测试用合成数据（性质测试）"
OPTIONS = ImportOptions(allow_new=True, domain="economy", editor="hypothesis",
                        source=SYNTHETIC_SOURCE, replace_conflicts=True)
UNITS = read_parquet_tables(DATA_DIR, ("indicators",))["indicators"].set_index("name_zh")[
    "unit_zh"].to_dict()
KNOWN = ["常住人口", "区级财政收入", "区级财政收入增长率", "行政区域面积", "地区生产总值",
         "地区生产总值增长率", "区级检视问题", "12345热线工单量"]
KNOWN = [name for name in KNOWN if name in UNITS]
ODD_NAMES = ["常住人口\u200b", "常住人口\u202e", "　常住人口 ", "ＧＤＰ增长", "人口😀", "مؤشر جديد",
             "新指标" * 40, "常 住 人 口", "[链接](https://evil.example)", "<b>粗体</b>", "=1+1"]
ODD_VALUES = ["0", "-1", "-100", "-100.0001", "1e308", "-1e308", "1e309", "NaN", "inf",
              "-inf", "Infinity", "1,234.5", "abc", "", "—", "５０", "12%", "1e-320"]
PERIODS = ["1900", "1899", "2999", "2024", "2023", "0001", "2024年", "2024年1-9月", "2024Q3",
           "2024-13", "2100", "2101", "9999"]
# Bounded and repeatable in CI; XHDASH_PROPERTY_EXAMPLES=N explores N random examples instead.
EXPLORE = int(os.environ.get("XHDASH_PROPERTY_EXAMPLES", "0"))
EXAMPLES = EXPLORE or 25
PAGE_EXAMPLES = max(EXPLORE // 10, 4)


@st.composite
def hostile_rows(draw) -> list[tuple[str, str, str, str]]:
    count = draw(st.integers(1, 5))
    rows = []
    for _ in range(count):
        name = draw(st.one_of(st.sampled_from(KNOWN), st.sampled_from(ODD_NAMES),
                              st.text(min_size=1, max_size=12)))
        period = draw(st.one_of(st.sampled_from(PERIODS),
                                st.integers(1800, 3100).map(str)))
        value = draw(st.one_of(st.sampled_from(ODD_VALUES),
                               st.floats(allow_nan=True, allow_infinity=True).map(repr),
                               st.integers(-10**16, 10**16).map(str)))
        unit = UNITS.get(name) or draw(st.sampled_from(["亿元", "万人", "%", "个", "平方公里", ""]))
        rows.append((name, period, value, unit))
    if draw(st.booleans()):  # a conflicting duplicate of the first row
        name, period, _value, unit = rows[0]
        rows.append((name, period, draw(st.sampled_from(["1", "2", "-3"])), unit))
    return rows


def csv_bytes(rows: list[tuple[str, str, str, str]]) -> bytes:
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    lines = ["指标,期间,数值,单位,来源"] + [",".join(cell(c) for c in (*row, SYNTHETIC_SOURCE))
                                      for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def publish_into(store: Path, rows) -> bool:
    """Preview and publish the table; True when a new version was written."""
    data = csv_bytes(rows)
    preview = preview_import(data, "性质测试.csv", OPTIONS, store)
    assert preview.refused is not None or preview.result is not None
    if not preview.publishable:
        assert preview.refused is not None or preview.errors or not (
            preview.result.changes_anything)
        return False
    return publish_preview(preview, data, OPTIONS, "hypothesis", store).manifest is not None


def build_every_page(store: Store) -> None:
    """What the pages compute, for every page spec and both languages."""
    options = build_filter_options(store.tables)
    assert all(options.periods(f) for f in options.allowed("frequencies"))
    observations = store.observations
    assert observations["value"].map(math.isfinite).all()
    for lang in ("zh", "en"):
        for spec in PAGES.values():
            for indicator_id in spec.cards:
                card = build_card(observations, store.tables, indicator_id, lang)
                assert "inf" not in card.value_text.lower() and "nan" not in card.value_text
            for chart in spec.charts:
                rows = chart_rows(observations, chart)
                if not rows.empty:
                    make_chart_figure(rows, chart, store.tables, lang)
            for sentence in latest_sentences(observations, store.tables, spec.cards, lang):
                assert not re.search(r"\b(nan|inf)\b", sentence, re.IGNORECASE)
            profile_lines(observations, store.tables, spec.cards, lang)
        present_observations(observations, store.tables, lang)
        rows_sentences(observations.head(300), store.tables, lang)


def check_answers(store: Path) -> int:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--store", str(store)])
    assert code in (0, 1, 2)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    assert (out.getvalue() + err.getvalue()).strip()
    return code


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rows=hostile_rows())
def test_whatever_is_published_loads_and_every_page_is_built(rows):
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store"
        ensure_initialised(store)
        publish_into(store, rows)
        build_every_page(load_store(tables_dir(store)))
        assert check_answers(store) in (0, 1)


@pytest.fixture
def page_store(monkeypatch):
    folder = tempfile.TemporaryDirectory()
    store = Path(folder.name) / "store"
    monkeypatch.setenv("XHDASH_STORE", str(store))
    yield store
    folder.cleanup()


@settings(max_examples=PAGE_EXAMPLES, deadline=None, derandomize=not EXPLORE, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=hostile_rows())
def test_every_page_renders_after_a_hostile_publish(app_test, page_store, rows):
    if not page_store.exists():
        ensure_initialised(page_store)
    publish_into(page_store, rows)
    at = app_test()
    at.run()
    for page in ("overview", "zones", "industry", "livelihood", "governance", "explorer",
                 "about"):
        at.switch_page(f"pages/{page}.py")
        at.run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not [e for e in at.error if "本页暂时无法显示" in e.value], page


class TestHostileExamples:
    """Named examples the strategies draw from, each run once for a readable failure."""

    @pytest.mark.parametrize("rows", [
        [("常住人口", "2024", "0", "万人")],
        [("行政区域面积", "2024", "0", "平方公里")],
        [("区级财政收入", "2019", "-1", "亿元")],
        [("区级财政收入增长率", "2024", "-100", "%"), ("区级财政收入", "2024", "10", "亿元")],
        [("区级财政收入", "1900", "1e308", "亿元")],
        [("区级财政收入", "2999", "1", "亿元")],
        [("常住人口\u200b", "2024", "100", "万人")],
        [("人口😀", "2024", "1", "人"), ("مؤشر جديد", "2024", "2", "个")],
        [("区级财政收入", "2024", "1", "亿元"), ("区级财政收入", "2024", "2", "亿元")],
    ])
    def test_example(self, tmp_path, rows):
        store = tmp_path / "store"
        ensure_initialised(store)
        publish_into(store, rows)
        loaded = load_store(tables_dir(store))
        build_every_page(loaded)
        assert isinstance(loaded.refusals, pd.DataFrame)
        assert check_answers(store) in (0, 1)
