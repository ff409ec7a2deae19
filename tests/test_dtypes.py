"""The observations' low-cardinality text as sorted categoricals from Arrow dictionaries."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from xhdash.data.dtypes import (
    CATEGORY_COLUMNS,
    as_observations_frame,
    concat_observations,
    fill_text,
    text_equals,
    text_in,
    with_categories,
)
from xhdash.data.store import load_store
from xhdash.output.export import to_csv_bytes
from xhdash.paths import DATA_DIR


class TestAsObservationsFrame:
    def test_dictionaries_become_sorted_categoricals(self):
        table = pa.table({"period": pa.array(["2023", "2021", None, "2023"]).dictionary_encode(),
                          "note": pa.array(["a", "b", "c", "d"]).dictionary_encode()})
        frame = as_observations_frame(table)
        assert list(frame["period"].cat.categories) == ["2021", "2023"]
        assert frame["period"].tolist()[:2] == ["2023", "2021"] and frame["period"].isna()[2]
        assert str(frame["note"].dtype) == "str"

    def test_the_loaded_store(self):
        observations = load_store(DATA_DIR).observations
        for name in CATEGORY_COLUMNS:
            assert isinstance(observations[name].dtype, pd.CategoricalDtype), name
        assert observations["status"].eq("derived").any()


class TestHelpers:
    def test_fill_text_adds_the_category(self):
        values = pd.Series(pd.Categorical(["b", None]))
        assert fill_text(values, "").tolist() == ["b", ""]
        assert fill_text(pd.Series(["x", None], dtype="str"), "").tolist() == ["x", ""]

    def test_with_categories_keeps_them_sorted(self):
        values = with_categories(pd.Series(pd.Categorical(["b"])), ["a", "c"])
        assert list(values.cat.categories) == ["a", "b", "c"]

    def test_concat_keeps_categorical(self):
        first = pd.DataFrame({"period": pd.Categorical(["2021"]), "value": [1.0]})
        second = pd.DataFrame({"period": pd.Categorical(["2023"]), "value": [2.0]})
        both = concat_observations([first, second])
        assert isinstance(both["period"].dtype, pd.CategoricalDtype)
        assert both["period"].tolist() == ["2021", "2023"]


class TestTextComparisons:
    """text_equals / text_in answer as `.astype(str) == x` / `.astype(str).isin(xs)` would,
    on categorical and text columns alike, without decoding the categories."""

    def _columns(self):
        values = ["b", "a", None, "c", "a"]
        return (pd.Series(pd.Categorical(values), index=[5, 6, 7, 8, 9]),
                pd.Series(values, dtype="str", index=[5, 6, 7, 8, 9]),
                pd.Series(pd.Categorical([], categories=["a"])))

    def test_equals(self):
        for column in self._columns():
            for text in ("a", "c", "z", ""):
                got = text_equals(column, text)
                assert got.dtype == bool and list(got.index) == list(column.index)
                assert got.tolist() == (column.astype(str) == text).tolist(), (column, text)

    def test_in(self):
        for column in self._columns():
            for texts in (["a", "c"], ["z"], [], pd.Index(["b"]), {"a"}):
                got = text_in(column, texts)
                assert got.tolist() == column.astype(str).isin(list(texts)).tolist()

    def test_a_categorical_is_not_decoded(self, monkeypatch):
        column = pd.Series(pd.Categorical(["x", "y"] * 3))
        monkeypatch.setattr(pd.Series, "astype", lambda *a, **k: (_ for _ in ()).throw(
            AssertionError("decoded")))
        assert text_equals(column, "y").sum() == 3 and text_in(column, ["x"]).sum() == 3


class TestCsvOfCategoricals:
    def test_formula_like_categories_are_neutralised(self):
        frame = pd.DataFrame({"a": pd.Categorical(["=1+1", "ok", None])})
        assert to_csv_bytes(frame).decode("utf-8-sig").splitlines() == ['"a"', '"\'=1+1"', '"ok"', ""]
