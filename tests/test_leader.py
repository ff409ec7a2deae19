"""The leader's table (主要指标): tiny frames in, the expected table out; its Excel sheet with
merged two-row headers. Figures here are synthetic (测试用合成数据), built at run time."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from xhdash.data.store import load_store
from xhdash.meaning.leader import leader_indicators, leader_table, present_leader, shown_columns
from xhdash.output.leader_excel import leader_xlsx_bytes
from xhdash.paths import DATA_DIR

IDS = ("fiscal_revenue", "gdp_growth", "gdp")


@pytest.fixture(scope="module")
def shipped():
    return load_store(DATA_DIR)


@pytest.fixture(scope="module")
def tables(shipped):
    """The shipped tables with a target indicator and two more districts (synthetic)."""
    tables = dict(shipped.tables)
    indicators = tables["indicators"].astype(object)
    fiscal = indicators[indicators["indicator_id"] == "fiscal_revenue"].iloc[0]
    target = fiscal.copy()
    target["indicator_id"], target["kind"], target["target_of"] = (
        "fiscal_revenue_target", "target", "fiscal_revenue")
    target["name_zh"], target["name_en"] = "区级财政收入年度目标", "District fiscal revenue target"
    tables["indicators"] = pd.concat([indicators, target.to_frame().T], ignore_index=True)
    areas = tables["areas"].astype(object)
    xuhui = areas[areas["area_id"] == "xuhui"].iloc[0]
    extra = []
    for area_id, zh, en in (("huangpu", "黄浦区", "Huangpu District"),
                            ("changning", "长宁区", "Changning District")):
        row = xuhui.copy()
        row["area_id"], row["name_zh"], row["name_en"] = area_id, zh, en
        extra.append(row)
    tables["areas"] = pd.concat([areas, pd.DataFrame(extra)], ignore_index=True)
    return tables


def figure(shipped, indicator_id, period, value, stated, area="xuhui", status="reported",
           qualifier="exact"):
    template = shipped.observations.astype(object)
    row = template[template["indicator_id"] == "fiscal_revenue"].iloc[[0]].copy()
    row = row.assign(indicator_id=indicator_id, period=period, value=float(value),
                     stated_as=stated, area_id=area, status=status, qualifier=qualifier,
                     qualifier_word=None, release_stage=None, period_scope=None)
    return row


def frame_of(*rows):
    return pd.concat(rows, ignore_index=True)


class TestLeaderIndicators:
    def test_a_growth_rate_of_a_listed_level_is_its_yoy_not_a_row(self, tables):
        assert leader_indicators(tables["indicators"], IDS) == ["fiscal_revenue", "gdp"]

    def test_indicators_with_a_target_join_the_list(self, tables):
        assert leader_indicators(tables["indicators"], ("gdp",)) == ["gdp", "fiscal_revenue"]


class TestLeaderTable:
    def test_target_completion_and_time_progress(self, shipped, tables):
        observations = frame_of(
            figure(shipped, "fiscal_revenue", "2024-01/2024-09", 198.60, "198.60亿元"),
            figure(shipped, "fiscal_revenue_target", "2024", 270, "270亿元"))
        table = leader_table(observations, tables, ("fiscal_revenue",), "zh")
        assert table.to_dict("records") == [{
            "indicator": "区级财政收入", "period": "2024年1-9月", "current": "198.60亿元",
            "yoy": "无上年同期数", "target": "270亿元", "completion": "73.6%",
            "time_progress": "75.0%（低1.4个百分点）", "city_rank": ""}]

    def test_in_english_the_target_reads_as_the_figure_beside_it(self, shipped, tables):
        observations = frame_of(
            figure(shipped, "fiscal_revenue", "2024-01/2024-09", 198.60, "198.60亿元"),
            figure(shipped, "fiscal_revenue_target", "2024", 270, "270亿元"))
        row = leader_table(observations, tables, ("fiscal_revenue",), "en").iloc[0]
        assert (row["current"], row["target"]) == ("CNY 19.860bn", "CNY 27.0bn")

    def test_yoy_from_the_same_span_a_year_before(self, shipped, tables):
        observations = frame_of(
            figure(shipped, "fiscal_revenue", "2024-01/2024-06", 135.40, "135.40亿元"),
            figure(shipped, "fiscal_revenue_growth", "2024-01/2024-06", 4.2, "4.2%"),
            figure(shipped, "fiscal_revenue", "2023-01/2023-06", 130.0, "130.0亿元"))
        row = leader_table(observations, tables, ("fiscal_revenue",), "en").iloc[0]
        assert (row["period"], row["yoy"]) == ("Jan–Jun 2024", "4.2%")

    def test_rank_among_districts_is_said_as_computed(self, shipped, tables):
        observations = frame_of(
            figure(shipped, "fiscal_revenue", "2024-01/2024-06", 135.40, "135.40亿元"),
            figure(shipped, "fiscal_revenue", "2024-01/2024-06", 150.0, "150.0亿元",
                   area="huangpu"),
            figure(shipped, "fiscal_revenue", "2024-01/2024-06", 90.0, "90.0亿元",
                   area="changning"))
        row = leader_table(observations, tables, ("fiscal_revenue",), "zh").iloc[0]
        assert row["city_rank"] == "第2位（本看板计算）"

    def test_empty_cells_say_nothing_and_their_columns_are_left_out(self, shipped, tables):
        table = leader_table(shipped.observations, shipped.tables, IDS, "zh")
        shown = present_leader(table, "zh")
        assert list(shown.columns) == ["指标", "期间", "本期", "同比"]
        assert shown.iloc[0].tolist() == ["区级财政收入", "2023年", "250.85亿元", "10.87%"]

    def test_no_figure_no_row(self, shipped, tables):
        observations = figure(shipped, "fiscal_revenue", "2023", 250.85, "250.85亿元")
        table = leader_table(observations, tables, IDS, "zh")
        assert table["indicator"].tolist() == ["区级财政收入"]


class TestLeaderExcel:
    def test_merged_two_row_header(self, shipped, tables):
        observations = frame_of(
            figure(shipped, "fiscal_revenue", "2024-01/2024-09", 198.60, "198.60亿元"),
            figure(shipped, "fiscal_revenue_target", "2024", 270, "270亿元"))
        table = leader_table(observations, tables, ("fiscal_revenue",), "zh")
        assert shown_columns(table) == ["indicator", "period", "current", "yoy", "target",
                                        "completion", "time_progress"]
        book = openpyxl.load_workbook(io.BytesIO(leader_xlsx_bytes(table, "zh")))
        sheet = book["主要指标"]
        merged = {str(r) for r in sheet.merged_cells.ranges}
        assert {"A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2"} <= merged
        assert [sheet.cell(2, c).value for c in (1, 5)] == ["指标", "目标完成情况"]
        assert [sheet.cell(3, c).value for c in (5, 6, 7)] == ["年度目标", "完成度", "序时进度"]
        assert [sheet.cell(4, c).value for c in range(1, 8)] == [
            "区级财政收入", "2024年1-9月", "198.60亿元", "无上年同期数", "270亿元", "73.6%",
            "75.0%（低1.4个百分点）"]

    def test_a_negative_rate_is_a_text_cell_not_a_formula(self, shipped, tables):
        table = leader_table(shipped.observations, shipped.tables, ("population",), "zh")
        book = openpyxl.load_workbook(io.BytesIO(leader_xlsx_bytes(table, "zh")))
        cell = book.active.cell(4, 4)
        assert cell.data_type == "s" and cell.value == "-1.5%"
