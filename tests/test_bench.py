"""The benchmark's synthetic stores: the right size, deterministic, labelled, never in data/."""

import pyarrow.parquet as pq

from xhdash.bench.runner import markdown_table
from xhdash.bench.synthetic import write_synthetic_store
from xhdash.paths import DATA_DIR
from xhdash.store import load_store

SHIPPED_ROWS = 102


class TestWriteSyntheticStore:
    def test_size_labels_and_validity(self, tmp_path):
        store = load_store(write_synthetic_store(tmp_path / "s", 5_000))
        synthetic = store.observations.query("source_id == 'synthetic'")
        assert len(synthetic) == 5_000
        assert len(store.observations.query("status != 'derived'")) == 5_000 + SHIPPED_ROWS
        assert store.tables["sources"].set_index("source_id").loc["synthetic", "title_zh"] == \
            "基准测试合成数据（非真实统计）"
        names = store.indicators.set_index("indicator_id").loc[synthetic["indicator_id"].unique(),
                                                              "name_zh"]
        assert names.str.startswith("【合成】").all()
        assert synthetic["period"].str.match(r"^\d{4}-\d{2}$").all()

    def test_deterministic(self, tmp_path):
        first = pq.read_table(write_synthetic_store(tmp_path / "a", 3_000) / "observations.parquet")
        second = pq.read_table(write_synthetic_store(tmp_path / "b", 3_000) / "observations.parquet")
        assert first.equals(second)

    def test_written_only_where_asked(self, tmp_path):
        before = sorted(p.name for p in DATA_DIR.rglob("*"))
        write_synthetic_store(tmp_path / "s", 1_000)
        assert sorted(p.name for p in DATA_DIR.rglob("*")) == before


class TestMarkdownTable:
    def test_rows_and_targets(self):
        report = {"machine": "x86_64, 2 cores", "scales": [
            {"scale": "shipped", "rows": 102, "load_ratio": 18.6,
             "page_rerun_ms": {"overview": 58.5, "zones": 94.1},
             "filter_rerun_ms": {"explorer": 66.4}, "csv_export_ratio": 20.4,
             "xlsx_export_ratio": 2.3, "peak_rss_mb": 1224, "peak_rss_with_exports_mb": 2048,
             "browser_first_chart_ratio": 4.0,
             "browser_plotly_floor_ratio": 1.9},
            {"scale": "synthetic", "rows": 5_000_000, "error": "over the 300 s budget"}]}
        table = markdown_table(report)
        assert ("| 102 (shipped) | 18.6 | 76 (zones 94) | 66 | 20.4 | 2.3 | 1,224 (2,048) | "
                "4.0 (1.9) | 2.11 |") in table
        assert "| 5,000,000 (synthetic) | over the 300 s budget |" in table
        assert "Targets:" in table
