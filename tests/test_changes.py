"""What a publish changed: figures revised (old → new), added and removed, said as every output
says them, from the stored figures before and after; and the store's two versions read back.
Tiny synthetic frames (测试用合成数据) on the shipped tables."""

import pandas as pd
import pytest

from tests.fixtures.office import publish_office_fixture
from tests.test_progress import observation
from xhdash.data.history import figures_before_and_after, publish_pair
from xhdash.data.tables import load_parquet_tables
from xhdash.data.versions import Manifest, ensure_initialised
from xhdash.meaning.changes import (
    change_counts,
    figure_changes,
    latest_publish_lines,
    recorded_publish_lines,
)
from xhdash.paths import DATA_DIR

TABLES = load_parquet_tables(DATA_DIR)
BEFORE = pd.DataFrame([
    observation("fiscal_revenue", "2024-01/2024-11", 240.46, "240.46亿元"),
    observation("fiscal_revenue", "2024-11", 18.98, "18.98亿元"),
    observation("population", "2024", 30.1, "30.1万人", area="street_tianlin"),
    observation("gdp", "2023", 2690.4, "2690.4亿元")])
AFTER = pd.DataFrame([
    observation("fiscal_revenue", "2024-01/2024-11", 240.76, "240.76亿元"),
    observation("fiscal_revenue", "2024-11", 18.98, "18.98亿元"),
    observation("population", "2024", 30.1, "30.1万人", area="street_tianlin"),
    observation("fiscal_revenue", "2024", 263.9, "263.9亿元")])


def manifest(**values) -> Manifest:
    return Manifest(version_id=3, created_at="2026-12-07T02:30:00+00:00", editor="someone",
                    file_name="08_月报（修订）.csv", file_sha256="", rows={}, **values)


class TestFigureChanges:
    def test_revised_added_and_removed(self):
        changes = figure_changes(BEFORE, AFTER)
        assert [(state, (now or was)["indicator_id"], (now or was)["period"])
                for state, was, now in changes] == [
            ("revised", "fiscal_revenue", "2024-01/2024-11"), ("added", "fiscal_revenue", "2024"),
            ("removed", "gdp", "2023")]
        assert change_counts(changes) == {"revised": 1, "added": 1, "removed": 1}

    def test_the_same_figures_change_nothing(self):
        assert figure_changes(BEFORE, BEFORE.iloc[::-1]) == []

    def test_a_new_source_for_the_same_value_is_a_revision(self):
        after = BEFORE.assign(source_id=["S9", "S9", "S9", "S8"])
        [(state, _, now)] = figure_changes(BEFORE, after)
        assert state == "revised" and now["indicator_id"] == "gdp"


class TestLatestPublishLines:
    def test_when_which_file_and_old_to_new(self):
        summary, lines = latest_publish_lines(manifest(), figure_changes(BEFORE, AFTER), TABLES,
                                              "zh")
        assert summary == ("2026-12-07 10:30发布（文件《08_月报（修订）.csv》）："
                           "修订1个数字，新增1个，删除1个。")
        assert lines == ["2024年1-11月，区级财政收入：240.46亿元 → 240.76亿元（修订）",
                         "2024年，区级财政收入：263.9亿元（新增）",
                         "2023年，地区生产总值：2690.4亿元（删除）"]

    def test_in_english(self):
        summary, lines = latest_publish_lines(manifest(), figure_changes(BEFORE, AFTER), TABLES,
                                              "en")
        assert summary == ("Published 2026-12-07 10:30 (file “08_月报（修订）.csv”). Figures revised: "
                           "1; added: 1; removed: 1.")
        assert lines[0] == ("District fiscal revenue, Jan–Nov 2024: CNY 24.046bn → CNY 24.076bn "
                            "(revised)")

    def test_a_streets_figure_names_the_street(self):
        after = BEFORE.assign(value=[240.46, 18.98, 30.4, 2690.4], stated_as=[
            "240.46亿元", "18.98亿元", "30.4万人", "2690.4亿元"])
        _, [line] = latest_publish_lines(manifest(), figure_changes(BEFORE, after), TABLES, "zh")
        assert line == "2024年，田林街道常住人口：30.1万人 → 30.4万人（修订）"

    def test_a_long_list_says_how_many_more(self):
        many = pd.DataFrame([observation("gdp", str(year), 1000.0 + year, f"{1000 + year}亿元")
                             for year in range(2000, 2012)])
        _, lines = latest_publish_lines(manifest(), figure_changes(many.iloc[:0], many), TABLES,
                                        "zh", limit=8)
        assert len(lines) == 9 and lines[-1] == "另有4项，见数据页的版本历史。"

    def test_nothing_changed(self):
        summary, lines = latest_publish_lines(manifest(), [], TABLES, "zh")
        assert summary == "2026-12-07 10:30发布（文件《08_月报（修订）.csv》）：没有数字变化。"
        assert lines == []


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes") / "store"
    ensure_initialised(root)
    publish_office_fixture(root, only=("08", "18"))  # the monthly bulletin, then its revision
    return root


class TestTheStoresTwoVersions:
    def test_the_revision_is_read_from_the_two_versions(self, store):
        pair = publish_pair(str(store), 2)
        assert pair.current.file_name.startswith("18_") and pair.previous.file_name.startswith("08_")
        changes = figure_changes(*figures_before_and_after(str(store), pair))
        assert change_counts(changes) == {"revised": 2, "added": 0, "removed": 0}

    def test_the_first_version_has_nothing_before_it(self, store):
        assert figures_before_and_after(str(store), publish_pair(str(store), 0)) is None


class TestALargeStore:
    def test_the_counts_the_publish_recorded(self):
        recorded = manifest(summary="新增 3，修改 2，不变 0，冲突 0 / new 3, changed 2, unchanged 0, "
                                    "conflicting 0")
        assert recorded_publish_lines(recorded, "zh") == (
            "2026-12-07 10:30发布（文件《08_月报（修订）.csv》）：新增 3，修改 2，不变 0，冲突 0。"
            "逐条变化见数据页的版本历史。")
        assert recorded_publish_lines(recorded, "en").startswith(
            "Published 2026-12-07 10:30 (file “08_月报（修订）.csv”): new 3, changed 2")
