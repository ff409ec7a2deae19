"""The one publishing path: preview derives and checks before anything is written; publish is
the same pipeline plus the switch; one rule for a store another editor replaced meanwhile."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

from tests.test_versions import store_fingerprint
from xhdash.data.store import load_store
from xhdash.data.versions import current_version, ensure_initialised, tables_dir
from xhdash.editors import publishing
from xhdash.editors.publishing import ImportOptions, StoreChanged, preview_import, publish_preview
from xhdash.paths import PROJECT_ROOT

POP_ZERO = "指标,期间,数值,单位,来源\r\n常住人口,2023年,0,万人,测试用合成数据\r\n".encode()
REVENUE_2024 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年,260,亿元,测试用合成数据\r\n".encode()
GDP_2024 = "指标,期间,数值,单位,来源\r\n地区生产总值,2024年,2700,亿元,测试用合成数据\r\n".encode()
OPTIONS = ImportOptions(editor="wang")


@pytest.fixture
def store(tmp_path) -> Path:
    folder = tmp_path / "store"
    ensure_initialised(folder)
    return folder


class TestPreviewImport:
    def test_zero_population_previews_the_refusals_and_writes_nothing(self, store):
        before = store_fingerprint(store)
        preview = preview_import(POP_ZERO, "pop0.csv", OPTIONS, store)
        assert preview.ok and preview.publishable
        refused = preview.new_refusals
        assert {"fiscal_revenue_per_capita", "hotline_orders_per_10k"} <= set(
            refused["indicator_id"])
        assert refused["reason_zh"].str.contains("分母为零").all()
        assert store_fingerprint(store) == before

    def test_a_never_published_folder_previews_against_the_shipped_data(self, tmp_path):
        empty = tmp_path / "new"
        empty.mkdir()
        preview = preview_import(POP_ZERO, "pop0.csv", OPTIONS, empty)
        assert preview.ok and preview.result.counts()["new"] == 1
        assert list(empty.iterdir()) == []  # nothing written

    def test_derived_changes_are_listed(self, store):
        preview = preview_import(REVENUE_2024, "rev.csv", OPTIONS, store)
        added = preview.derived_changes[preview.derived_changes["state"].eq("added")]
        assert ("fiscal_revenue_cagr" in set(preview.derived_changes["indicator_id"])
                or not added.empty)

    def test_a_store_broken_by_derivation_is_refused_and_unchanged(self, store, monkeypatch):
        def broken(tables):
            derived, checks, refusals = real(tables)
            duplicate = tables["observations"][tables["observations"]["status"].eq(
                "reported")].head(1).assign(status="derived", source_id="derived")
            return pd.concat([derived, duplicate], ignore_index=True), checks, refusals

        real = publishing.derive_all
        monkeypatch.setattr(publishing, "derive_all", broken)
        before = store_fingerprint(store)
        preview = preview_import(REVENUE_2024, "rev.csv", OPTIONS, store)
        assert not preview.ok and preview.store_issues
        assert publish_preview(preview, REVENUE_2024, OPTIONS, "wang", store).manifest is None
        assert store_fingerprint(store) == before


class TestPublishPreview:
    def test_publishes_what_was_previewed(self, store):
        preview = preview_import(POP_ZERO, "pop0.csv", OPTIONS, store)
        outcome = publish_preview(preview, POP_ZERO, OPTIONS, "wang", store)
        assert outcome.manifest.version_id == current_version(store)
        loaded = load_store(tables_dir(store))  # the published store loads: nothing raises
        assert not loaded.refusals.empty

    def test_another_editors_unrelated_publish_is_merged_not_lost(self, store):
        mine = preview_import(REVENUE_2024, "rev.csv", OPTIONS, store)
        theirs = preview_import(GDP_2024, "gdp.csv", OPTIONS, store)
        publish_preview(theirs, GDP_2024, OPTIONS, "li", store)
        publish_preview(mine, REVENUE_2024, OPTIONS, "wang", store)
        observations = load_store(tables_dir(store)).observations
        in_2024 = observations[observations["period"].eq("2024")
                               & observations["status"].eq("reported")]
        assert {"gdp", "fiscal_revenue"} <= set(in_2024["indicator_id"])

    def test_figures_changed_by_another_editor_ask_for_a_new_preview(self, store):
        mine = preview_import(REVENUE_2024, "rev.csv", OPTIONS, store)
        theirs = REVENUE_2024.replace(b"260", b"270")
        publish_preview(preview_import(theirs, "theirs.csv", OPTIONS, store), theirs, OPTIONS,
                        "li", store)
        before = store_fingerprint(store)
        with pytest.raises(StoreChanged):
            publish_preview(mine, REVENUE_2024, OPTIONS, "wang", store)
        assert store_fingerprint(store) == before


class TestOnePublishingPath:
    @pytest.mark.parametrize("module", ["src/xhdash/serving/ui/admin.py", "pages/data.py",
                                        "src/xhdash/serving/cli.py"])
    def test_ui_and_cli_publish_only_through_the_publishing_module(self, module):
        tree = ast.parse((PROJECT_ROOT / module).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 for alias in node.names}
        assert "xhdash.editors.importer.pipeline" not in imported
        assert not {"publish", "run_import", "rollback"} & names
        if module != "src/xhdash/serving/cli.py":
            assert not {"xhdash.data.versions", "xhdash.data.tables", "xhdash.paths",
                        "xhdash.data.storage"} & imported
