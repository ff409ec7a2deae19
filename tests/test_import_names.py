"""Names are normalised before they are compared or created: NFKC, zero-width characters and
bidi controls removed, whitespace squeezed. Look-alike names therefore match, and a name that is
empty once normalised is an error naming its row and column."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xhdash.data.tables import load_parquet_tables
from xhdash.editors.importer.pipeline import run_import
from xhdash.editors.importer.resolve import ImportOptions, name_key
from xhdash.paths import DATA_DIR

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f", "\u202a",
             "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
NEW = ImportOptions(allow_new=True, domain="economy")


@pytest.fixture(scope="module")
def tables():
    return load_parquet_tables(DATA_DIR)


def long_table(*rows: str) -> bytes:
    return ("指标,期间,区域,数值,单位,来源\n" + "".join(f"{r},统计局\n" for r in rows)).encode()


class TestNameKey:
    @given(st.text(alphabet=st.sampled_from("常住人口徐汇区ABCabc123"), min_size=1),
           st.lists(st.tuples(st.integers(0, 20), st.sampled_from([" ", "\u3000", *INVISIBLE]))))
    def test_spaces_and_invisible_characters_do_not_distinguish_names(self, name, inserts):
        spaced = name
        for position, mark in inserts:
            spaced = spaced[:position] + mark + spaced[position:]
        assert name_key(spaced) == name_key(name)

    def test_full_width_letters_match_ascii(self):
        assert name_key("１２３４５热线 ＡＢＣ") == name_key("12345热线abc")


class TestRunImportNames:
    @pytest.mark.parametrize("name", ["常住人口\u200b", "\u202e常住人口", "常\u2066住人口\u2069",
                                      "\ufeff常住 人口", "常住人口\u200d\u200c"])
    def test_look_alike_names_resolve_to_the_existing_indicator(self, tables, name):
        result = run_import(long_table(f"{name},2030,徐汇区,110,万人"), "p.csv", tables, NEW)
        assert result.ok and result.resolution.new_indicators == {}
        assert result.diff["indicator_id"].tolist() == ["population"]

    def test_look_alike_areas_and_industries_resolve(self, tables):
        data = long_table("区级财政收入,2030,湖南路街道\u200b,1,亿元").decode().replace(
            "来源", "产业,来源").replace(",统计局", ",\u2067数字经济\u2069,统计局").encode()
        result = run_import(data, "a.csv", tables, NEW)
        assert result.ok and not result.resolution.new_areas and not result.resolution.new_industries
        assert result.diff[["area_id", "industry_id"]].values.tolist() == [
            ["street_hunanlu", "digital_economy"]]

    def test_two_spellings_of_one_new_name_create_one_indicator(self, tables):
        result = run_import(long_table("夜间经济消费额,2030,徐汇区,1,亿元",
                                       "夜间经济\u3000消费额\u200b,2031,徐汇区,2,亿元",
                                       "\u202a夜间经济消费额\u202c,2032,徐汇区,3,亿元"),
                            "n.csv", tables, NEW)
        assert result.ok
        assert [i["name_zh"] for i in result.resolution.new_indicators.values()] == ["夜间经济消费额"]
        assert result.diff["indicator_id"].nunique() == 1

    @pytest.mark.parametrize(("row", "column", "shown"), [
        ("\u200b,2030,徐汇区,1,亿元", "指标", "U+200B"),
        ("区级财政收入,2030,\u2066\u2069,1,亿元", "区域", "U+2066 U+2069"),
    ])
    def test_a_name_empty_once_normalised_is_an_error_naming_row_and_column(self, tables, row,
                                                                          column, shown):
        result = run_import(long_table("区级财政收入,2031,徐汇区,1,亿元", row), "e.csv", tables, NEW)
        assert [(i.row, i.column, i.value, i.rule) for i in result.errors] == [
            (3, column, shown, "empty_name")]
        assert result.errors[0].message("zh") == (
            f"e.csv 第3行「{column}」列：“{shown}”名称为空（只含空白或不可见字符）")
        assert not result.resolution.new_indicators and not result.resolution.new_areas
