"""The status interpreted: declared once with its labels, and kept wherever the store goes."""

from __future__ import annotations

from xhdash.data import schema
from xhdash.data.store import load_store
from xhdash.data.versions import ensure_initialised, tables_dir
from xhdash.editors.publishing import ImportOptions, preview_import, publish_preview
from xhdash.i18n import LABELS
from xhdash.meaning import dimensions

REVENUE_2024 = "指标,期间,数值,单位,来源\r\n区级财政收入,2024年,260,亿元,测试用合成数据\r\n".encode()


class TestDeclaredOnce:
    def test_filters_offer_every_status_with_its_names(self):
        assert dimensions.STATUSES == schema.STATUSES == ("reported", "derived", "interpreted")
        assert LABELS["status"]["interpreted"] == ("看板解读", "Dashboard's reading")
        assert set(schema.STORED_STATUSES) < set(schema.STATUSES)

    def test_observations_declare_the_stated_as_columns(self):
        columns = {c.name: c for c in schema.OBSERVATIONS.columns}
        assert columns["release_stage"].allowed == tuple(schema.RELEASE_STAGES)
        assert columns["period_scope"].allowed == tuple(schema.PERIOD_SCOPES)
        assert columns["status"].allowed == schema.STATUSES
        for kind, codes in (("stage", schema.RELEASE_STAGES), ("scope", schema.PERIOD_SCOPES),
                            ("status", schema.STATUSES)):
            assert set(LABELS[kind]) == set(codes)  # every code has its words, in i18n
            assert all(zh and en for zh, en in LABELS[kind].values())


class TestPublishing:
    def test_a_publish_keeps_the_interpreted_rows(self, tmp_path):
        store = tmp_path / "store"
        ensure_initialised(store)
        before = load_store(tables_dir(store)).observations.query("status == 'interpreted'")
        assert len(before) > 0
        options = ImportOptions(editor="wang")
        preview = preview_import(REVENUE_2024, "rev.csv", options, store)
        publish_preview(preview, REVENUE_2024, options, "wang", store)
        after = load_store(tables_dir(store)).observations.query("status == 'interpreted'")
        assert len(after) == len(before)

    def test_a_publish_keeps_stages_and_spans(self, tmp_path):
        store = tmp_path / "store"
        ensure_initialised(store)
        options = ImportOptions(editor="wang")
        preview = preview_import(REVENUE_2024, "rev.csv", options, store)
        publish_preview(preview, REVENUE_2024, options, "wang", store)
        observations = load_store(tables_dir(store)).observations.query("status == 'reported'")
        staged = observations.dropna(subset=["release_stage"])
        assert list(zip(staged.indicator_id, staged.release_stage, strict=True)) == [
            ("gdp_growth", "expected")]
        assert observations["period_scope"].eq("campaign").sum() == 9
        imported = observations.query("period == '2024'")
        assert imported["release_stage"].isna().all() and imported["period_scope"].isna().all()
