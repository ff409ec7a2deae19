"""Two editors publishing at the same moment on a local store, as two replicas would: two
processes started with spawn (not fork: no state shared with the test), each previewing on the
same version and publishing once both have previewed. Both land: the second to commit finds the
store moved on, merges its file again onto the newer version and, as its figures are the ones
previewed, publishes without asking for a new preview."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from xhdash.data.store import load_store
from xhdash.data.versions import current_version, ensure_initialised, list_versions, tables_dir

SYNTHETIC = "测试用合成数据"
WAIT_S = 120


def _publisher(store: str, name: str, month: int, previewed, go, results) -> None:
    from xhdash.editors.importer.resolve import ImportOptions
    from xhdash.editors.publishing import preview_import, publish_preview

    data = f"指标,期间,数值\n区级财政收入,2030-{month:02d},{month}\n".encode()
    options = ImportOptions(source=SYNTHETIC, editor=name)
    preview = preview_import(data, f"{name}.csv", options, store)
    previewed.wait(WAIT_S)  # both previewed on the same version
    go.wait(WAIT_S)
    try:
        outcome = publish_preview(preview, data, options, name, store)
        results.put((name, preview.based_on, outcome.manifest.version_id))
    except Exception as error:  # noqa: BLE001 — reported to the test
        results.put((name, preview.based_on, repr(error)))


class TestTwoPublishersAtOnce:
    def test_both_land_on_a_local_store(self, tmp_path: Path):
        store = tmp_path / "store"
        ensure_initialised(store)
        base = current_version(store)
        spawn = multiprocessing.get_context("spawn")
        previewed, go, results = spawn.Barrier(2), spawn.Barrier(2), spawn.Queue()
        processes = [spawn.Process(target=_publisher,
                                   args=(str(store), f"replica{n}", n, previewed, go, results))
                     for n in (1, 2)]
        for process in processes:
            process.start()
        outcomes = sorted(results.get(timeout=WAIT_S * 2) for _ in processes)
        for process in processes:
            process.join(WAIT_S)
            assert process.exitcode == 0
        assert [based for _, based, _ in outcomes] == [base, base]  # both previewed on one base
        landed = sorted(version for _, _, version in outcomes)
        assert all(isinstance(v, int) for v in landed), outcomes
        assert landed == [base + 1, base + 2]  # one after the other, neither lost
        history = list_versions(store)
        assert {"replica1.csv", "replica2.csv"} <= {m.file_name for m in history}
        periods = set(load_store(tables_dir(store)).observations.query(
            "indicator_id == 'fiscal_revenue'")["period"])
        assert {"2030-01", "2030-02"} <= periods  # the second merged onto the first
