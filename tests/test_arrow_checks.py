"""The Arrow fast path accepts exactly what pandera accepts, and hands the rest to pandera."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from xhdash.data.arrow_checks import column_passes, key_is_unique, known_keys, table_passes
from xhdash.data.schema import OBSERVATIONS, TABLES, ColumnSpec
from xhdash.data.store import load_store
from xhdash.data.tables import (
    PARQUET_ROW_OFFSET,
    load_arrow_tables,
    load_parquet_tables,
    read_arrow_tables,
    read_parquet_tables,
)
from xhdash.data.validate import StoreError, validate_tables
from xhdash.paths import DATA_DIR

KNOWN = {"areas.area_id": {"xuhui", "caohejing"}}
AREA = ColumnSpec("area_id", references="areas.area_id")
PERIOD = ColumnSpec("period", is_period=True)
QUALIFIER = ColumnSpec("qualifier", allowed=("exact", "ge"))


def chunked(values, type_=None, dictionary=False) -> pa.ChunkedArray:
    array = pa.array(values, type=type_ or pa.string())
    return pa.chunked_array([array.dictionary_encode() if dictionary else array])


def null_in_dictionary(values) -> pa.ChunkedArray:
    """A dictionary column whose missing values are a null entry of the dictionary (no null
    index), as deltalake reads a column with missing values."""
    dictionary = pa.array(sorted({v for v in values if v is not None}) + [None], pa.string())
    position = {v: i for i, v in enumerate(dictionary.to_pylist())}
    indices = pa.array([position[v] for v in values], pa.int32())
    return pa.chunked_array([pa.DictionaryArray.from_arrays(indices, dictionary)])


class TestNullEntryOfADictionary:
    def test_a_nullable_reference_with_missing_values_passes(self):
        column = null_in_dictionary(["xuhui", None, "caohejing"])
        assert column.null_count == 0  # what Arrow counts: the nulls are in the dictionary
        assert column_passes(column, ColumnSpec("area_id", nullable=True,
                                                references="areas.area_id"), KNOWN)

    def test_missing_values_in_a_required_column_fail(self):
        assert not column_passes(null_in_dictionary(["xuhui", None]), AREA, KNOWN)
        assert column_passes(null_in_dictionary(["xuhui", "xuhui"]), AREA, KNOWN)


class TestColumnPasses:
    @pytest.mark.parametrize("dictionary", [False, True])
    def test_known_references_pass_unknown_fail(self, dictionary):
        assert column_passes(chunked(["xuhui", "caohejing"], dictionary=dictionary), AREA, KNOWN)
        assert not column_passes(chunked(["xuhui", "pudong"], dictionary=dictionary), AREA, KNOWN)

    def test_allowed_values(self):
        assert column_passes(chunked(["exact", "ge", "exact"]), QUALIFIER, {})
        assert not column_passes(chunked(["exact", "about"]), QUALIFIER, {})

    def test_period_codes(self):
        assert column_passes(chunked(["2023", "2023Q2", "2023-06", "2023-01/2023-06"]), PERIOD, {})
        assert not column_passes(chunked(["2023", "2023年"]), PERIOD, {})

    def test_missing_values_only_where_nullable(self):
        assert not column_passes(chunked(["xuhui", None]), AREA, KNOWN)
        nullable = ColumnSpec("area_id", nullable=True, references="areas.area_id")
        assert column_passes(chunked(["xuhui", None]), nullable, KNOWN)

    def test_nan_is_a_missing_number(self):
        value = ColumnSpec("value", "float")
        assert column_passes(chunked([1.5, 2.0], pa.float64()), value, {})
        assert not column_passes(chunked([1.5, float("nan")], pa.float64()), value, {})

    def test_other_stored_type_is_left_to_pandera(self):
        assert not column_passes(chunked(["1.5"]), ColumnSpec("value", "float"), {})
        assert not column_passes(chunked([2023], pa.int64()), PERIOD, {})


class TestKeyIsUnique:
    def test_distinct_keys(self):
        table = pa.table({"a": ["x", "x", "y"], "b": ["1", "2", "1"]})
        assert key_is_unique(table, ("a", "b"))

    @pytest.mark.parametrize("dictionary", [False, True])
    def test_repeated_key(self, dictionary):
        table = pa.table({"a": chunked(["x", "y", "x"], dictionary=dictionary),
                          "b": chunked(["1", "1", "1"], dictionary=dictionary)})
        assert not key_is_unique(table, ("a", "b"))

    def test_missing_and_blank_are_the_same_key(self):
        # as in pandera's path, where the key is compared as text with blanks for missing
        table = pa.table({"a": ["x", "x"], "b": pa.array([None, ""], pa.string())})
        assert not key_is_unique(table, ("a", "b"))

    def test_keys_across_chunks(self):
        column = pa.chunked_array([pa.array(["x"]).dictionary_encode(),
                                   pa.array(["y", "x"]).dictionary_encode()])
        assert not key_is_unique(pa.table({"a": column}), ("a",))


class TestKnownKeys:
    def test_only_referenced_columns(self):
        tables = {"areas": pa.table({"area_id": ["xuhui", None]}),
                  "observations": pa.table({"indicator_id": ["gdp"]})}
        assert known_keys(tables) == {"areas.area_id": {"xuhui"}}


class TestTablePasses:
    @pytest.fixture
    def shipped(self) -> dict[str, pa.Table]:
        return read_arrow_tables(DATA_DIR)

    def test_shipped_tables_pass(self, shipped):
        known = known_keys(shipped)
        assert all(table_passes(shipped[name], spec, known) for name, spec in TABLES.items())

    def test_extra_or_missing_column_fails(self, shipped):
        observations = shipped["observations"]
        known = known_keys(shipped)
        assert not table_passes(observations.append_column("extra", pa.nulls(
            observations.num_rows, pa.string())), OBSERVATIONS, known)
        assert not table_passes(observations.drop_columns(["note"]), OBSERVATIONS, known)

    def test_repeated_figure_fails(self, shipped):
        observations = shipped["observations"]
        twice = pa.concat_tables([observations, observations.slice(0, 1)])
        assert not table_passes(twice, OBSERVATIONS, known_keys(shipped))


def write_store(tables: dict[str, pd.DataFrame], folder) -> None:
    folder.mkdir()
    for name, frame in tables.items():
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False),
                       folder / TABLES[name].parquet_name)


class TestLoadArrowTables:
    def test_declared_column_order(self, tmp_path):
        tables = read_parquet_tables(DATA_DIR)
        tables["observations"] = tables["observations"][OBSERVATIONS.column_names[::-1]]
        write_store(tables, tmp_path / "store")
        loaded = load_arrow_tables(tmp_path / "store")
        assert loaded["observations"].column_names == OBSERVATIONS.column_names


class TestLoadParquetTables:
    def test_fast_path_equals_pandera(self):
        names = {name: spec.parquet_name for name, spec in TABLES.items()}
        by_pandera = validate_tables(read_parquet_tables(DATA_DIR), names, PARQUET_ROW_OFFSET)
        fast = load_parquet_tables(DATA_DIR)
        for name in TABLES:
            pd.testing.assert_frame_equal(fast[name], by_pandera[name])

    def test_invalid_store_names_row_and_column(self, tmp_path):
        tables = read_parquet_tables(DATA_DIR)
        tables["observations"].loc[4, "area_id"] = "nowhere"
        write_store(tables, tmp_path / "store")
        with pytest.raises(StoreError) as caught:
            load_parquet_tables(tmp_path / "store")
        assert [i.message("zh") for i in caught.value.issues] == [
            "observations.parquet 第5行「area_id」列：“nowhere”在 areas 表中不存在"]

    def test_a_store_written_before_the_stated_as_columns_loads(self, tmp_path):
        """A version published before release_stage and period_scope existed reads them blank
        (through pandera, which adds them); it is not a broken store."""
        tables = read_parquet_tables(DATA_DIR)
        tables["observations"] = tables["observations"].drop(columns=["release_stage",
                                                                      "period_scope"])
        write_store(tables, tmp_path / "store")
        assert not table_passes(read_arrow_tables(tmp_path / "store")["observations"],
                                OBSERVATIONS, {})
        loaded = load_parquet_tables(tmp_path / "store")["observations"]
        assert list(loaded.columns) == OBSERVATIONS.column_names
        assert loaded["release_stage"].isna().all() and loaded["period_scope"].isna().all()
        assert len(load_store(tmp_path / "store").derived) > 0

    def test_a_bad_stated_as_value_in_a_store_is_named(self, tmp_path):
        tables = read_parquet_tables(DATA_DIR)
        tables["observations"].loc[2, "period_scope"] = "all_year"
        write_store(tables, tmp_path / "store")
        with pytest.raises(StoreError) as caught:
            load_parquet_tables(tmp_path / "store")
        assert [i.message("en") for i in caught.value.issues] == [
            "observations.parquet, row 3, column 'period_scope': 'all_year' is not one of: "
            "campaign, since_campaign, since_research_drive, to_year_end"]

    def test_coercible_types_still_load(self, tmp_path):
        tables = read_parquet_tables(DATA_DIR)
        tables["domains"]["sort_order"] = tables["domains"]["sort_order"].astype("float64")
        write_store(tables, tmp_path / "store")
        loaded = load_parquet_tables(tmp_path / "store")
        assert loaded["domains"]["sort_order"].dtype == "int64"
