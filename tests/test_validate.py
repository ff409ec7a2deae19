"""Each schema rule rejects a bad table with a message naming file, row, column and rule."""

import pandas as pd
import pytest

from xhdash.data.schema import TABLES
from xhdash.data.tables import CSV_ROW_OFFSET, load_source_tables
from xhdash.data.validate import StoreError, validate_tables

CSV_NAMES = {name: spec.csv_name for name, spec in TABLES.items()}


def validate(frames):
    return validate_tables(frames, CSV_NAMES, CSV_ROW_OFFSET)


def messages(frames) -> list[str]:
    with pytest.raises(StoreError) as caught:
        validate(frames)
    return [issue.message("zh") for issue in caught.value.issues] + [
        issue.message("en") for issue in caught.value.issues
    ]


class TestValidateTables:
    def test_authored_tables_pass(self, source_frames):
        valid = validate(source_frames)
        assert valid["observations"]["value"].dtype == "float64"
        assert valid["indicators"]["higher_is_better"].dtype == "boolean"

    def test_wrong_type_names_file_row_column(self, source_frames):
        source_frames["observations"].loc[10, "value"] = "12,3a"
        found = messages(source_frames)
        assert "observations.csv 第12行「value」列：“12,3a”不是数字" in found
        assert "observations.csv, row 12, column 'value': '12,3a' is not a number" in found

    def test_unknown_indicator(self, source_frames):
        source_frames["observations"].loc[0, "indicator_id"] = "no_such_thing"
        assert "observations.csv 第2行「indicator_id」列：“no_such_thing”在 indicators 表中不存在" \
            in messages(source_frames)

    def test_unknown_area_reference_in_areas_parent(self, source_frames):
        source_frames["areas"].loc[3, "parent_id"] = "atlantis"
        assert "areas.csv 第5行「parent_id」列：“atlantis”在 areas 表中不存在" in messages(source_frames)

    def test_duplicate_key(self, source_frames):
        frame = source_frames["observations"]
        source_frames["observations"] = pd.concat([frame, frame.iloc[[4]]], ignore_index=True)
        found = messages(source_frames)
        last_line = len(frame) + CSV_ROW_OFFSET
        assert any(m.startswith(f"observations.csv 第{last_line}行") and "与第6行的键" in m
                   for m in found)

    def test_bad_qualifier(self, source_frames):
        source_frames["observations"].loc[2, "qualifier"] = "roughly"
        assert ("observations.csv, row 4, column 'qualifier': 'roughly' is not one of: "
                "exact, ge, approx, le") in messages(source_frames)

    def test_bad_period(self, source_frames):
        source_frames["observations"].loc[0, "period"] = "2023年"
        assert any("「period」列：“2023年”不是可识别的期间" in m for m in messages(source_frames))

    def test_empty_required_cell(self, source_frames):
        source_frames["observations"].loc[0, "source_id"] = pd.NA
        assert "observations.csv 第2行「source_id」列：不能为空" in messages(source_frames)

    def test_bad_boolean(self, source_frames):
        source_frames["indicators"].loc[0, "higher_is_better"] = "yes"
        assert "indicators.csv 第2行「higher_is_better」列：“yes”应为 true 或 false" \
            in messages(source_frames)

    def test_missing_column(self, source_frames):
        source_frames["sources"] = source_frames["sources"].drop(columns=["kind"])
        assert "sources.csv「kind」列：缺少此列" in messages(source_frames)

    def test_missing_table(self, source_frames):
        del source_frames["places"]
        assert "places.csv：文件不存在" in messages(source_frames)

    def test_every_problem_is_listed_not_just_the_first(self, source_frames):
        for row in range(5):
            source_frames["observations"].loc[row, "value"] = "x"
        assert sum("不是数字" in m for m in messages(source_frames)) == 5


class TestStatedAsColumns:
    """release_stage, period_scope and status take only their declared values; the two new
    columns may be left out of an authored table."""

    def test_bad_release_stage_names_file_row_column(self, source_frames):
        source_frames["observations"].loc[3, "release_stage"] = "estimate"
        found = messages(source_frames)
        assert ("observations.csv 第5行「release_stage」列：“estimate”不在允许值（expected, "
                "preliminary, verified, final）之中") in found
        assert ("observations.csv, row 5, column 'release_stage': 'estimate' is not one of: "
                "expected, preliminary, verified, final") in found

    def test_bad_period_scope_names_file_row_column(self, source_frames):
        source_frames["observations"].loc[0, "period_scope"] = "主题教育期间"  # the label
        assert ("observations.csv, row 2, column 'period_scope': '主题教育期间' is not one of: "
                "campaign, since_campaign, since_research_drive, to_year_end") in messages(
                    source_frames)

    def test_status_interpreted_is_allowed_a_guess_is_not(self, source_frames):
        source_frames["observations"].loc[0, "status"] = "interpreted"
        assert validate(source_frames)["observations"].loc[0, "status"] == "interpreted"
        source_frames["observations"].loc[0, "status"] = "estimated"
        assert ("observations.csv 第2行「status」列：“estimated”不在允许值（reported, derived, "
                "interpreted）之中") in messages(source_frames)

    def test_new_columns_may_be_left_out(self, source_frames):
        observations = source_frames["observations"].drop(columns=["release_stage",
                                                                   "period_scope"])
        valid = validate({**source_frames, "observations": observations})["observations"]
        assert valid["release_stage"].isna().all() and valid["period_scope"].isna().all()
        assert list(valid.columns) == TABLES["observations"].column_names

    def test_a_required_column_may_not(self, source_frames):
        source_frames["observations"] = source_frames["observations"].drop(columns=["locator"])
        assert "observations.csv「locator」列：缺少此列" in messages(source_frames)


class TestAuthoredStatus:
    def test_authored_rows_state_reported_or_interpreted(self, source_frames):
        assert set(source_frames["observations"]["status"]) == {"reported", "interpreted"}

    def test_without_a_status_column_every_row_is_reported(self, source_copy):
        path = source_copy / "observations.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame.drop(columns=["status"]).to_csv(path, index=False)
        observations = load_source_tables(source_copy)["observations"]
        assert set(observations["status"]) == {"reported"}
