"""The Delta store on S3-compatible object storage: publishing, two publishers at once and a
publisher killed mid-commit, against moto's S3 server (moto[server], from the test extra),
started by the fixture as its own process on a free loopback port.

Why moto_server as a process: it speaks the S3 REST protocol with conditional writes, so delta-rs
commits to it exactly as to a real bucket; moto's in-process threaded server hung on a list
request here. Publishers run as separate `xhdash import` processes, as two replicas would."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from xhdash.data.schema import TABLES
from xhdash.data.store import load_store
from xhdash.data.versions import FAULT_ENV, current_version, ensure_initialised, list_versions, locate_tables

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
SHIPPED_REPORTED = 96  # stored reported rows of the shipped data
START_SECONDS = 30
SYNTHETIC = "测试用合成数据"
PUBLISH_STAGES = [f"table_written:{name}" for name in TABLES] + ["tables_written", "published"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2).close()
        return True
    except urllib.error.HTTPError:
        return True  # an S3 error is an answer
    except OSError:
        return False


@pytest.fixture(scope="module")
def s3_endpoint():
    """host:port of a moto S3 server on loopback, for this module's tests."""
    port = _free_port()
    server = subprocess.Popen([str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(f"http://127.0.0.1:{port}/"):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("moto_server did not start")
            time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def s3_store(s3_endpoint, monkeypatch) -> str:
    """A store URI in a new bucket, initialised with the shipped data (version 0). The
    credentials come from the usual AWS variables (inherited by the import processes)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    bucket = f"xhdash-{uuid.uuid4().hex[:12]}"
    request = urllib.request.Request(f"http://{s3_endpoint}/{bucket}", method="PUT")
    urllib.request.urlopen(request, timeout=10).close()
    uri = (f"s3://{bucket}/store?endpoint_override={s3_endpoint}&scheme=http"
           "&region=us-east-1")
    ensure_initialised(uri)
    return uri


def _csv(tmp_path: Path, name: str, month: int) -> Path:
    path = tmp_path / name
    path.write_text(f"指标,期间,数值\n区级财政收入,2030-{month:02d},{month}\n", encoding="utf-8")
    return path


def _import(path: Path, store: str, editor: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "xhdash.serving.cli", "import", str(path), "--store",
                             store, "--editor", editor, "--source", SYNTHETIC],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def _periods(store: str) -> set[str]:
    observations = load_store(locate_tables(store)).observations
    return set(observations.query("indicator_id == 'fiscal_revenue'")["period"])


def _reported(store: str) -> int:
    return len(load_store(locate_tables(store)).observations.query("status == 'reported'"))


class TestPublishToObjectStorage:
    def test_publish_is_read_back_with_its_history(self, tmp_path, s3_store):
        process = _import(_csv(tmp_path, "one.csv", 1), s3_store, "editor-a")
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
        assert "2030-01" in _periods(s3_store)
        latest = list_versions(s3_store)[-1]
        assert (latest.editor, latest.file_name) == ("editor-a", "one.csv")
        assert latest.version_id == current_version(s3_store)

    def test_two_publishers_at_once_both_land(self, tmp_path, s3_store):
        before = current_version(s3_store)
        processes = [_import(_csv(tmp_path, f"r{n}.csv", n), s3_store, f"replica-{n}")
                     for n in (1, 2)]
        outcomes = [(p.wait(timeout=300), p.communicate()) for p in processes]
        assert [code for code, _ in outcomes] == [0, 0], [err for _, (_, err) in outcomes]
        versions = list_versions(s3_store)
        assert {"r1.csv", "r2.csv"} <= {m.file_name for m in versions}
        assert current_version(s3_store) == versions[-1].version_id
        assert len([m for m in versions if m.version_id != before]) >= 2
        # the second to commit was merged again onto the first: the store holds both figures
        assert {"2030-01", "2030-02"} <= _periods(s3_store)


class TestKilledMidCommit:
    @pytest.mark.parametrize("stage", PUBLISH_STAGES)
    def test_old_or_new_version_never_a_mix(self, tmp_path, s3_store, stage):
        before = current_version(s3_store)
        process = _import(_csv(tmp_path, "k.csv", 3), s3_store, "editor-k", {FAULT_ENV: stage})
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 99, err
        published = stage == "published"
        assert (current_version(s3_store) != before) is published
        assert _reported(s3_store) == SHIPPED_REPORTED + (1 if published else 0)
        assert ("2030-03" in _periods(s3_store)) is published
        again = _import(_csv(tmp_path, "k.csv", 3), s3_store, "editor-k")
        _out, err = again.communicate(timeout=180)
        assert again.returncode == 0, err
        assert "2030-03" in _periods(s3_store)
