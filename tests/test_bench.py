"""The benchmark's synthetic stores: the right size, deterministic, labelled, never in data/."""

import pyarrow.parquet as pq

from xhdash.data.store import load_store
from xhdash.paths import DATA_DIR
from xhdash_tools.bench.runner import markdown_table
from xhdash_tools.bench.synthetic import write_synthetic_store

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
             "browser_plotly_floor_ratio": 1.9, "brief_seconds": 4.2, "brief_mb_above_app": 120},
            {"scale": "synthetic", "rows": 5_000_000, "error": "over the 300 s budget"}]}
        table = markdown_table(report)
        assert ("| 102 (shipped) | 18.6 | 76 (zones 94) | 66 | 20.4 | 2.3 | 1,224 (2,048) | "
                "4.0 (1.9) | 2.11 | 4.2 (120) |") in table
        assert "| 5,000,000 (synthetic) | over the 300 s budget |" in table
        assert "Targets:" in table

    def test_delta_store_table(self):
        report = {"machine": "x86_64, 2 cores", "scales": [], "delta_store": [
            {"rows": 1_000_000, "publish_first_seconds": 3.1, "publish_seconds": 2.9,
             "delta_load_seconds": 1.2, "delta_raw_read_seconds": 0.9, "delta_load_ratio": 1.33},
            {"rows": 5_000_000, "error": "over the 600 s budget"}]}
        table = markdown_table(report)
        assert "| 1,000,000 | 3.1 | 2.9 | 1.2 | 0.9 | 1.33 |" in table
        assert "| 5,000,000 | over the 600 s budget |" in table
        assert "delta_load_ratio ≤1.5× at 1M" in table


class TestMeasureDeltaStore:
    def test_publish_and_load_measured_at_a_small_scale(self):
        from xhdash_tools.bench.delta_store import measure_delta_store

        result = measure_delta_store(2_000, repeats=1)
        assert result["rows"] == 2_000
        assert result["publish_seconds"] >= 0 and result["delta_load_ratio"] > 0

    def test_first_start_measured_on_a_fresh_store(self):
        from xhdash_tools.bench.delta_store import measure_first_start
        from xhdash_tools.bench.runner import first_start_lines

        result = measure_first_start(repeats=1)
        assert result["first_start_seconds"] > 0 and result["later_start_seconds"] > 0
        lines = "\n".join(first_start_lines(result))
        assert "version 0 made from data/" in lines and str(result["first_start_seconds"]) in lines


class TestToolsOutsideTheApp:
    def test_app_does_not_import_the_tools(self):
        import subprocess
        import sys

        code = ("import sys, xhdash.serving.cli, xhdash.data.store, xhdash.serving.ui.sections; "
                "print(any(m.startswith(('xhdash_tools', 'websockets', 'playwright')) "
                "for m in sys.modules))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "False"

    def test_bench_without_the_extra_says_how_to_install_it(self, monkeypatch, capsys):
        import importlib.util

        from xhdash.serving import cli

        real = importlib.util.find_spec
        monkeypatch.setattr(importlib.util, "find_spec",
                            lambda name, *a: None if name == "playwright" else real(name, *a))
        assert cli.main(["bench", "--max-rows", "10000"]) == cli.EXIT_INVALID
        assert cli.main(["loadtest", "--sessions", "1", "--json", "x.json"]) == cli.EXIT_INVALID
        err = capsys.readouterr().err
        assert "[tools]" in err and "playwright" in err and "xhdash loadtest" in err
