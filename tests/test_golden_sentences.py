"""The sentence of every indicator of the shipped data, in Chinese and English, as read and
signed off line by line: a change in wording shows up here. Regenerate with
`xhdash sentences --store data --lang zh --out tests/golden/sentences_zh.txt` (and en)."""

from __future__ import annotations

from pathlib import Path

import pytest

from xhdash.data.store import load_store
from xhdash.meaning.cards import sentence_lines
from xhdash.paths import DATA_DIR

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def store():
    return load_store(DATA_DIR)


class TestSentenceLines:
    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_every_indicator_reads_as_signed_off(self, store, lang):
        expected = (GOLDEN / f"sentences_{lang}.txt").read_text(encoding="utf-8").splitlines()
        assert sentence_lines(store.observations, store.tables, lang) == expected

    def test_every_indicator_with_a_figure_has_a_line(self, store):
        ids = {line.split("\t")[0] for line in sentence_lines(store.observations, store.tables,
                                                              "zh")}
        with_figures = set(store.observations.loc[store.observations["industry_id"].isna(),
                                                  "indicator_id"])
        assert with_figures <= ids
