"""A store named by a pyarrow filesystem URI reads like a folder; scans push filters down."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from xhdash.data.storage import (
    LOCATION_REASONS,
    BrokenStore,
    Location,
    StoreLocationError,
    as_location,
    resolve_store_dir,
    shown_location,
)
from xhdash.data.store import load_store
from xhdash.data.tables import ROW_GROUP_ROWS, Snapshot
from xhdash.data.versions import ensure_initialised, locate_tables
from xhdash.meaning.filters import Filters, apply_filters, build_filter_options
from xhdash.output.scan import filter_expression, scan_observations
from xhdash.paths import DATA_DIR, STORE_ENV
from xhdash.serving.cli import main


def uri(path) -> str:
    return f"file://{path}"


class TestAsLocation:
    def test_plain_path_is_local(self, tmp_path):
        location = as_location(tmp_path)
        assert location.is_local and not location.is_uri and location.local_path() == tmp_path

    def test_file_uri(self, tmp_path):
        location = as_location(uri(tmp_path))
        assert location.is_uri and location.is_local and location.path == str(tmp_path)
        assert str(location / "areas.parquet") == f"file://{tmp_path}/areas.parquet"

    def test_unknown_scheme_is_named(self):
        with pytest.raises(StoreLocationError, match="nosuch://bucket/store"):
            as_location("nosuch://bucket/store")

    def test_other_filesystems_are_read_only(self, tmp_path):
        remote = Location(pafs.SubTreeFileSystem(str(tmp_path), pafs.LocalFileSystem()), "store",
                          "s3://bucket/store")
        with pytest.raises(StoreLocationError, match="s3://bucket/store"):
            remote.local_path()


class TestLocationAccess:
    def test_unreachable_file_is_named(self, tmp_path):
        def refuse(*_args):
            raise OSError("access denied")

        methods = {name: refuse for name in pafs.FileSystemHandler.__abstractmethods__}
        refusing = type("Refusing", (pafs.FileSystemHandler,), methods)()  # answers with errors
        location = Location(pafs.PyFileSystem(refusing), "store", "s3://bucket/store")
        with pytest.raises(StoreLocationError, match="s3://bucket/store/CURRENT.*access denied"):
            (location / "CURRENT").read_text()
        with pytest.raises(StoreLocationError, match="access denied"):
            (location / "areas.parquet").file_stamp()


class TestLocationListing:
    def test_a_folder_reads_like_a_path(self, built_store):
        location = as_location(uri(built_store))
        assert location.is_dir() and not (location / "areas.parquet").is_dir()
        assert (location / "areas.parquet").name == "areas.parquet"
        names = sorted(entry.name for entry in location.iterdir())
        assert names == sorted(path.name for path in built_store.iterdir())
        assert str(location.iterdir()[0]).startswith(f"file://{built_store}/")

    def test_a_file_cannot_be_listed(self, built_store):
        with pytest.raises(StoreLocationError, match="areas.parquet"):
            as_location(uri(built_store / "areas.parquet")).iterdir()


class TestShownLocation:
    def test_credentials_are_masked(self):
        shown = shown_location("s3://AKID:SECRET@bucket/store?region=cn&secret_key=S2&token=T")
        assert shown == "s3://***@bucket/store?region=cn&secret_key=***&token=***"

    def test_paths_are_shown_as_written(self):
        assert shown_location("/srv/xhdash/store") == "/srv/xhdash/store"


class TestStoreLocationError:
    @pytest.mark.parametrize("reason", LOCATION_REASONS)
    def test_viewers_get_no_location_or_error_text(self, reason):
        error = BrokenStore(reason, "s3://AKID:SECRET@bucket/srv/store", "[Errno 13] Permission "
                            "denied: '/srv/store/CURRENT'", "v0002")
        for lang in ("zh", "en"):
            viewer = error.public_message(lang)
            assert viewer == error.message(lang, detail=False) and viewer.strip()
            assert not any(word in viewer for word in ("/", "srv", "Errno", "SECRET", "s3"))
            assert "SECRET" not in error.message(lang)

    def test_detailed_message_names_where_and_why(self):
        error = StoreLocationError("unreachable", "/srv/store", "access denied")
        assert error.message("zh") == "/srv/store：无法访问：access denied"
        assert error.message("en") == "/srv/store: cannot be reached: access denied"
        assert str(error) == f"{error.message('zh')} / {error.message('en')}"
        assert error.public_message("zh") == "数据存储无法访问。"

    def test_a_broken_store_is_a_location_error(self):
        assert isinstance(BrokenStore("not_a_folder", "/srv/store"), StoreLocationError)


class TestResolveStoreDir:
    def test_file_uri_writes_to_its_folder(self, tmp_path):
        assert resolve_store_dir(uri(tmp_path / "store")) == tmp_path / "store"

    def test_other_filesystem_is_refused_for_writing(self):
        with pytest.raises(StoreLocationError, match="mock:///store.*need a local path"):
            resolve_store_dir("mock:///store")


class TestLoadStoreFromUri:
    def test_same_store_as_the_folder(self, built_store):
        by_path, by_uri = load_store(built_store), load_store(as_location(uri(built_store)))
        assert by_uri.data_dir == uri(built_store) and by_uri.version == by_path.version
        for name in by_path.tables:
            pd.testing.assert_frame_equal(by_uri.tables[name], by_path.tables[name])

    def test_version_follows_the_files(self, built_store):
        before = Snapshot(as_location(uri(built_store))).version_key
        table = pq.read_table(built_store / "places.parquet")
        pq.write_table(table.slice(0, 3), built_store / "places.parquet")
        assert Snapshot(as_location(uri(built_store))).version_key != before


class TestLocateTables:
    def test_versioned_store_by_uri(self, tmp_path, monkeypatch):
        ensure_initialised(tmp_path / "store")
        monkeypatch.setenv(STORE_ENV, uri(tmp_path / "store"))
        located = locate_tables()
        assert str(located) == f"file://{tmp_path}/store@v0" and located.version == 0
        assert len(load_store(located).observations) > 100

    def test_plain_folder_by_uri(self, built_store):
        assert str(locate_tables(uri(built_store))) == uri(built_store)

    @pytest.mark.parametrize("current", ["../../other/versions/v0001", "v0009", ""])
    def test_an_old_layout_store_by_uri_is_refused(self, tmp_path, current):
        (tmp_path / "store" / "versions").mkdir(parents=True)
        (tmp_path / "store" / "CURRENT").write_text(current, encoding="utf-8")
        with pytest.raises(BrokenStore, match="migrate-store") as raised:
            locate_tables(uri(tmp_path / "store"))
        assert raised.value.reason == "old_layout"

    def test_a_store_that_is_a_file(self, tmp_path):
        (tmp_path / "store").write_text("x", encoding="utf-8")
        for where in (tmp_path / "store", uri(tmp_path / "store")):
            with pytest.raises(BrokenStore, match="is not a folder"):
                locate_tables(where)


class TestFilterExpression:
    @pytest.mark.parametrize("filters", [
        Filters(domains=("economy",)), Filters(areas=("zone_westbund",)),
        Filters(period_from="2022", period_to="2023"), Filters(industries=("cultural_creative",)),
        Filters(domains=("livelihood",), statuses=("reported",), sources=("S1",)),
    ])
    def test_same_rows_as_the_dashboard_filter(self, filters):
        store = load_store(DATA_DIR)
        stored = store.observations[store.observations["status"].ne("derived")]  # the Parquet's
        options = build_filter_options(store.tables)
        expected = apply_filters(stored, store.indicators, filters, options)
        table = ds.dataset(DATA_DIR / "observations.parquet").to_table(filter=filter_expression(
            filters, store.indicators, options.area_children, list(stored["period"].unique())))
        assert len(expected) > 0
        assert sorted(table["value"].to_pylist()) == sorted(expected["value"])

    def test_nothing_filtered(self):
        assert filter_expression(Filters(), pd.DataFrame(), {}, []) is None


class TestScanObservations:
    def test_period_filter_skips_row_groups(self, tmp_path):
        from xhdash_tools.bench.synthetic import write_synthetic_store

        store = write_synthetic_store(tmp_path / "s", 3 * ROW_GROUP_ROWS)
        file = pq.ParquetFile(store / "observations.parquet")
        assert file.num_row_groups >= 3
        dims = load_store(store)
        filters = Filters(period_from="2000-01", period_to="2000-01")
        expression = filter_expression(filters, dims.indicators, {}, ["2000-01", "2000-02"])
        fragment = next(iter(ds.dataset(store / "observations.parquet").get_fragments()))
        kept = fragment.split_by_row_group(expression)
        assert 0 < len(kept) < file.num_row_groups  # whole row groups never read
        rows = scan_observations(as_location(uri(store)), filters, dims.indicators, {})
        assert rows.num_rows > 0 and set(rows["period"].to_pylist()) == {"2000-01"}


class TestExportCommand:
    def test_slice_to_csv_through_a_uri(self, built_store, tmp_path, capsys):
        out = tmp_path / "slice.csv"
        assert main(["export", "--store", uri(built_store), "--domain", "economy",
                     "--from", "2023", "--to", "2023", "--out", str(out)]) == 0
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert rows and {r["period"] for r in rows} == {"2023"}
        assert "fiscal_revenue" in {r["indicator_id"] for r in rows}
        assert f"{len(rows)} 行" in capsys.readouterr().out

    def test_unknown_values_are_named(self, built_store, tmp_path, capsys):
        code = main(["export", "--store", str(built_store), "--domain", "nowhere",
                     "--from", "2023年", "--out", str(tmp_path / "x.csv")])
        assert code == 2
        assert "--domain nowhere" in capsys.readouterr().err
        assert not (tmp_path / "x.csv").exists()

    def test_unopenable_store_is_named(self, tmp_path, capsys):
        assert main(["check", "--store", "nosuch://bucket/store"]) == 2
        assert "nosuch://bucket/store" in capsys.readouterr().err


class TestPagesOnAUriStore:
    def test_overview_renders(self, app_test, built_store, monkeypatch):
        monkeypatch.setenv(STORE_ENV, uri(built_store))
        at = app_test()
        at.run()
        assert not at.exception
        assert {m.label: m.value for m in at.metric}["区级财政收入"] == "250.85亿元"

    def test_unopenable_store_says_so(self, app_test, monkeypatch):
        monkeypatch.setenv(STORE_ENV, "nosuch://bucket/store")
        at = app_test()
        at.run()
        assert not at.exception
        assert "数据暂时无法显示" in at.error[0].value
        assert "nosuch" not in "\n".join(e.value for e in at.error)  # no location to viewers
