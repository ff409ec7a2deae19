"""Sources as stated: an imported figure's source is its row's 来源, else the file's 资料来源 note,
else the source the editor gives; never the editor, the file or an invented id. The file's 备注 is
kept as each figure's note, with who imported it and when after it."""

from __future__ import annotations

import pytest

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions, source_id_for
from xhdash.paths import DATA_DIR


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def new_sources(result) -> list[dict]:
    sources = result.tables["sources"]
    return sources[sources["source_id"].str.startswith("imp_")].to_dict("records")


def figures(result):
    """The imported figures as they would be published."""
    return result.diff


class TestRunImportSources:
    def test_each_row_cites_its_own_source_column(self, tables):
        data = ("指标,期间,数值,来源\n区级财政收入,2030,1,徐汇区统计局\n"
                "区级财政收入,2031,2,上海市统计局\n区级财政收入,2032,3,徐汇区 统计局\n").encode()
        result = run_import(data, "s.csv", tables, ImportOptions(editor="root"))
        assert result.ok
        assert [(s["title_zh"], s["publisher_zh"], s["kind"]) for s in new_sources(result)] == [
            ("徐汇区统计局", "徐汇区统计局", "imported"), ("上海市统计局", "上海市统计局", "imported")]
        assert figures(result)["source_id"].tolist() == [
            source_id_for("徐汇区统计局"), source_id_for("上海市统计局"), source_id_for("徐汇区统计局")]

    def test_the_same_source_text_maps_to_one_row_across_imports(self, tables):
        first = run_import("指标,期间,数值,来源\n区级财政收入,2030,1,徐汇区统计局\n".encode(), "a.csv",
                           tables, ImportOptions())
        second = run_import("指标,期间,数值\n区级财政收入,2031,2\n资料来源：徐汇区统计局\n".encode(),
                            "b.csv", first.tables, ImportOptions(editor="other"))
        assert second.ok and len(new_sources(second)) == 1
        assert set(figures(second)["source_id"]) == {source_id_for("徐汇区统计局")}

    def test_the_footnote_then_the_editors_source_fill_blank_cells(self, tables):
        data = "指标,期间,数值,来源\n区级财政收入,2030,1,\n区级财政收入,2031,2,市统计局\n"
        with_note = run_import((data + "资料来源：区统计局年报\n").encode(), "f.csv", tables,
                               ImportOptions(source="编辑填写的来源"))
        assert [s["title_zh"] for s in new_sources(with_note)] == ["区统计局年报", "市统计局"]
        given = run_import(data.encode(), "f.csv", tables, ImportOptions(source=" 编辑填写的来源 "))
        assert [s["title_zh"] for s in new_sources(given)] == ["编辑填写的来源", "市统计局"]

    def test_no_stated_source_is_an_error_not_an_invented_one(self, tables):
        result = run_import("指标,期间,数值\n区级财政收入,2030,1\n区级财政收入,2031,2\n".encode(),
                            "n.csv", tables, ImportOptions(editor="root"))
        assert [(i.row, i.column, i.rule) for i in result.errors] == [(None, None, "no_source")]
        assert result.errors[0].message("en") == (
            "n.csv: no source stated: add a 来源 column, a 资料来源 note, or give the source")
        assert result.tables is None

    def test_a_missing_source_does_not_hide_the_figures_other_problems(self, tables):
        data = ("指标,期间,数值,单位\n区级财政收入,2030,1,亿元\n区级财政收入,2030,2,亿元\n"
                "区级财政收入,2031,10000,万元\n")
        result = run_import(data.encode(), "m.csv", tables, ImportOptions())
        assert [(i.row, i.rule) for i in result.errors] == [
            (None, "no_source"), (3, "duplicate_in_file"), (4, "unit_convertible")]

    def test_a_blank_source_cell_with_nothing_to_fall_back_on_names_the_row(self, tables):
        data = ("指标,期间,数值,来源\n区级财政收入,2030,1,统计局\n区级财政收入,2031,2,—\n"
                "区级财政收入,2032,3,\n")
        result = run_import(data.encode(), "b.csv", tables, ImportOptions())
        assert [(i.row, i.column, i.rule) for i in result.errors] == [
            (3, "来源", "no_source"), (4, "来源", "no_source")]

    def test_the_source_is_never_the_editor_the_file_or_an_import_id(self, tables):
        result = run_import("指标,期间,数值,来源\n区级财政收入,2030,1,区统计局\n".encode(),
                            "root.csv", tables, ImportOptions(editor="root"))
        (source,) = new_sources(result)
        assert "root" not in str(source) and "import_" not in source["source_id"]
        assert source["note_zh"] and source["date"] is None


class TestRunImportNotes:
    def test_the_note_column_is_kept_with_who_imported_it_after_it(self, tables):
        data = ("指标,期间,区域,数值,单位,备注,来源\n"
                "区级财政收入,2030,徐汇区,1,亿元,快报数,统计局\n"
                "区级财政收入,2031,徐汇区,2,亿元,,统计局\n").encode()
        result = run_import(data, "n.csv", tables, ImportOptions(editor="root"))
        assert figures(result)["note"].tolist() == ["快报数", ""]  # who and when: the history's
        assert figures(result)["locator"].tolist() == ["n.csv 第2行「数值」", "n.csv 第3行「数值」"]

    def test_a_wide_table_keeps_notes_and_sources_for_every_period(self, tables):
        data = "指标,2030年,2031年,备注,来源\n区级财政收入,1,2,预计数,区财政局\n".encode()
        result = run_import(data, "w.csv", tables, ImportOptions(editor="root"))
        assert figures(result)["note"].tolist() == ["预计数"] * 2
        assert set(figures(result)["source_id"]) == {source_id_for("区财政局")}

    def test_a_unit_conversion_is_noted_between_them(self, tables):
        data = "指标,期间,数值,单位,备注,来源\n区级财政收入,2030,10000,万元,初步,统计局\n".encode()
        result = run_import(data, "u.csv", tables, ImportOptions(editor="root", convert_units=True))
        assert figures(result)["note"].tolist() == ["初步；由万元换算（×0.0001）"]
