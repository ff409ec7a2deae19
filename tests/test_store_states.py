"""Unreadable and damaged table files: found, named, and told to viewers without a server path
or an exception's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from xhdash.schema import OBSERVATIONS, TABLES
from xhdash.tables import check_table_files, read_parquet_tables, reading
from xhdash.validate import StoreError, ValidationIssue


def overwrite_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    start = len(data) // 3
    data[start:start + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))


class TestValidationIssueMessage:
    def test_unreadable_detail_only_when_asked(self):
        issue = ValidationIssue("observations.parquet", None, None, "", "unreadable",
                                (("detail", "[Errno 13] Permission denied: '/srv/x'"),))
        assert issue.message("zh") == ("observations.parquet：无法读取：[Errno 13] Permission "
                                       "denied: '/srv/x'")
        assert issue.message("zh", detail=False) == "observations.parquet：数据文件无法读取"
        assert issue.public_message("en") == "observations.parquet: the data file cannot be read"

    def test_other_rules_read_the_same(self):
        issue = ValidationIssue("areas.parquet", 3, "area_id", "x", "empty")
        expected = "areas.parquet 第3行「area_id」列：“x”不能为空"
        assert issue.public_message("zh") == issue.message("zh") == expected


class TestStoreErrorMessage:
    def test_lists_the_first_issues_and_counts_the_rest(self):
        issues = [ValidationIssue(f"t{n}.parquet", None, None, "", "missing_file")
                  for n in range(5)]
        text = StoreError(issues).message("en", limit=2)
        assert text.splitlines() == ["t0.parquet: file not found", "t1.parquet: file not found",
                                     "… 3 more"]

    def test_public_message_leaves_out_the_detail(self):
        error = StoreError([ValidationIssue("a.parquet", None, None, "", "unreadable",
                                            (("detail", "ArrowInvalid at /srv/a.parquet"),))])
        assert error.public_message("en") == "a.parquet: the data file cannot be read"
        assert "/srv/a.parquet" in error.message("en")


class TestCheckTableFiles:
    def test_sound_tables(self, built_store):
        assert check_table_files(built_store) == []
        assert check_table_files(built_store, read_data=True) == []

    def test_missing_and_truncated_files(self, built_store):
        (built_store / "places.parquet").unlink()
        truncated = built_store / "areas.parquet"
        truncated.write_bytes(truncated.read_bytes()[:50])
        found = {(i.file, i.rule) for i in check_table_files(built_store)}
        assert found == {("places.parquet", "missing_file"), ("areas.parquet", "unreadable")}

    def test_damage_inside_needs_a_full_read(self, built_store):
        overwrite_middle(built_store / "observations.parquet")
        assert check_table_files(built_store) == []  # the footer still reads
        (issue,) = check_table_files(built_store, read_data=True)
        assert (issue.file, issue.rule) == ("observations.parquet", "unreadable")

    def test_an_empty_folder(self, tmp_path):
        issues = check_table_files(tmp_path)
        assert {i.file for i in issues} == {spec.parquet_name for spec in TABLES.values()}


class TestReading:
    def test_read_error_becomes_a_store_error(self):
        with pytest.raises(StoreError) as raised, reading(OBSERVATIONS):
            raise OSError("[Errno 5] Input/output error: '/srv/store/observations.parquet'")
        (issue,) = raised.value.issues
        assert issue.public_message("zh") == "observations.parquet：数据文件无法读取"
        assert "Input/output error" in issue.message("zh")

    def test_other_errors_pass(self):
        with pytest.raises(KeyError), reading(OBSERVATIONS):
            raise KeyError("domains")


class TestReadParquetTables:
    def test_damaged_file_is_a_store_error(self, built_store):
        overwrite_middle(built_store / "observations.parquet")
        with pytest.raises(StoreError, match="observations.parquet"):
            read_parquet_tables(built_store, names=("observations",))
