"""The deployment: nginx configuration, health check, and deploy/check.sh end to end."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from xhdash.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
NGINX = Path("/usr/sbin/nginx")
CHECK_SECONDS = 360  # ~2.5 min idle; 3.5 min with five agents on two cores


def require_nginx() -> None:
    if not NGINX.exists():
        pytest.fail(f"the deployment tests need nginx at {NGINX}: apt-get install -y nginx "
                    "(.ci/run does this)")


def render(*args: str) -> str:
    return subprocess.run([str(DEPLOY / "nginx-conf.sh"), *args], capture_output=True,
                          text=True, check=True).stdout


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestNginxConf:
    def test_the_shipped_configuration_is_the_script_output(self):
        shipped = (DEPLOY / "nginx" / "xhdash.conf").read_text(encoding="utf-8")
        assert shipped == render("--listen", "80", "--cache", "/var/cache/nginx/xhdash",
                                 "8501", "8502")

    def test_each_replica_has_its_upstream_with_the_others_as_backup(self):
        conf = render("--listen", "8080", "9001", "9002", "9003")
        assert "upstream xhdash_r3 {\n    server 127.0.0.1:9003 max_fails=1" in conf
        assert "    server 127.0.0.1:9001 backup;\n    server 127.0.0.1:9002 backup;" in conf
        assert "ip_hash;" not in conf  # an office behind one NAT address is not one replica
        assert "location = /_stcore/stream" in conf and "proxy_cache xhdash_static" in conf

    def test_nginx_accepts_it(self, tmp_path):
        require_nginx()
        site = tmp_path / "xhdash.conf"
        site.write_text(render("--listen", f"127.0.0.1:{closed_port()}", "--cache",
                               str(tmp_path / "cache"), "9001", "9002"), encoding="utf-8")
        main = tmp_path / "nginx.conf"
        main.write_text(f"events {{}}\nhttp {{\n proxy_temp_path {tmp_path}/proxy;\n"
                        f" include {site};\n}}\n", encoding="utf-8")
        checked = subprocess.run([str(NGINX), "-t", "-p", str(tmp_path), "-e",
                                  str(tmp_path / "error.log"), "-c", str(main)],
                                 capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


class TestProxyRefusesWhatBrowsersDoNotNeed:
    """Issue 21: /_stcore/metrics answered anyone. nginx in front of a stub replica that answers
    every path: the proxy passes what the frontend calls and refuses the rest."""

    PASSED = ["/", "/data", "/_stcore/health", "/_stcore/host-config", "/media/abc.csv",
              "/_stcore/upload_file/s/f", "/auth/login", "/oauth2callback"]
    REFUSED = ["/_stcore/metrics", "/_stcore/script-health-check", "/_stcore/agent/mcp",
               "/_stcore/agent/openapi.json", "/_stcore/anything-new", "/_stcore/healthz",
               "/component/x/index.html", "/app/static/x.txt", "/_stcore/metrics?x=1",
               "/_stcore//metrics", "/_stcore/%6detrics"]

    @pytest.fixture(scope="class")
    def proxy(self, tmp_path_factory):
        import http.server
        import threading

        require_nginx()
        tmp_path = tmp_path_factory.mktemp("proxy")

        class Stub(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 — the stdlib's name
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        stub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
        threading.Thread(target=stub.serve_forever, daemon=True).start()
        listen = closed_port()
        site = tmp_path / "xhdash.conf"
        site.write_text(render("--listen", f"127.0.0.1:{listen}", "--cache",
                               str(tmp_path / "cache"), str(stub.server_address[1]),
                               str(closed_port())), encoding="utf-8")
        main = tmp_path / "nginx.conf"
        main.write_text(f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n"
                        f" access_log off;\n proxy_temp_path {tmp_path}/proxy;\n"
                        f" include {site};\n}}\n", encoding="utf-8")
        nginx = subprocess.Popen([str(NGINX), "-g", "daemon off;", "-p", str(tmp_path), "-e",
                                  str(tmp_path / "error.log"), "-c", str(main)])
        url = f"http://127.0.0.1:{listen}"
        import time
        import urllib.request

        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
        nginx.terminate()
        nginx.wait(10)
        stub.shutdown()

    def status(self, url: str) -> int:
        import http.client
        from urllib.parse import urlsplit

        parts = urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        return connection.getresponse().status

    @pytest.mark.parametrize("path", PASSED)
    def test_what_the_frontend_calls_passes(self, proxy, path):
        assert self.status(proxy + path) == 200

    @pytest.mark.parametrize("path", REFUSED)
    def test_the_rest_is_refused_at_the_proxy(self, proxy, path):
        assert self.status(proxy + path) == 404


class TestHealthScript:
    def test_a_replica_that_does_not_answer_is_unhealthy(self):
        port = closed_port()
        checked = subprocess.run([str(DEPLOY / "health.sh"), str(port)], capture_output=True,
                                 text=True, timeout=30)
        assert checked.returncode == 1
        assert f"replica {port}: UNHEALTHY" in checked.stdout


def test_check_script_passes():
    """Two replicas, nginx and Redis: pages, sticky download, an approval through one replica
    seen on both, failover, one sign-in throttle for both."""
    require_nginx()
    venv_bin = Path(sys.executable).parent
    checked = subprocess.run(["bash", str(DEPLOY / "check.sh")], capture_output=True, text=True,
                             timeout=CHECK_SECONDS,
                             env={**os.environ, "PYTHON": sys.executable,
                                  "XHDASH": str(venv_bin / "xhdash")})
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-2000:]
    assert "all checks passed" in checked.stdout
    assert "FAIL" not in checked.stdout


def run_apart(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright leaves an event loop
    running in the main thread for the rest of the session."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class TestHarnessDrivesTheSignInForm:
    """deploy_check signs in over the WebSocket as the frontend does; these run without servers."""

    def form_page(self):
        from streamlit.proto.Element_pb2 import Element

        elements = {}
        for path, (kind, widget_id, form) in enumerate([
                ("text_input", "$$ID-name-None", "editor_login"),
                ("text_input", "$$ID-pass-None", "editor_login"),
                ("text_input", "$$ID-other-None", "as_of"),
                ("button", "$$ID-submit-None", "editor_login")]):
            element = Element()
            widget = getattr(element, kind)
            widget.id, widget.form_id = widget_id, form
            if kind == "button":
                widget.is_form_submitter = True
            elements[(0, path)] = element
        return elements

    def test_a_submit_sends_the_forms_values_with_its_trigger_once(self):

        from xhdash_tools.loadtest.session import Session

        session = Session("http://127.0.0.1:1")
        session._elements = self.form_page()
        sent = []

        async def fake_rerun(page_hash, page_name):
            sent.append({w.id: w for w in session.widgets.values()})

        session._rerun = fake_rerun
        run_apart(session.submit_form("editor_login", ["wang", "secret-password"]))
        run_apart(session.rerun())
        first, second = sent
        assert first["$$ID-name-None"].string_value == "wang"
        assert first["$$ID-pass-None"].string_value == "secret-password"
        assert first["$$ID-submit-None"].trigger_value is True
        assert "$$ID-other-None" not in first  # another form's input is left alone
        assert "$$ID-submit-None" not in second  # a trigger is sent with one run only

    def test_a_form_without_its_inputs_is_a_lost_step(self):

        from xhdash_tools.loadtest.session import Session, SessionLost

        session = Session("http://127.0.0.1:1")
        session._elements = self.form_page()
        with pytest.raises(SessionLost, match="2 text inputs"):
            run_apart(session.submit_form("editor_login", ["only-a-name"]))

    @pytest.mark.parametrize("lang", ["zh", "en"])
    def test_the_check_reads_the_sign_in_answers_as_the_page_words_them(self, lang):
        from xhdash.i18n import tr
        from xhdash_tools.loadtest.deploy_check import sign_in_outcome
        from xhdash_tools.loadtest.protocol import Problem
        from xhdash_tools.loadtest.session import RunResult

        def answer(*texts: str) -> RunResult:
            shown = [Problem("error_message", tr("data_denied", lang)),
                     Problem("error_message", " ".join(texts))]
            return RunResult(0.0, shown, "", [])

        failed = tr("login_failed", lang)
        assert sign_in_outcome(answer(failed)) == "login_failed"
        assert sign_in_outcome(answer(failed, tr("login_wait", lang, seconds=16))) == \
            "login_failed+login_wait"
        assert sign_in_outcome(answer(failed, tr("login_locked", lang, minutes=15))) == \
            "login_failed+login_locked"
        assert sign_in_outcome(answer(tr("login_locked", lang, minutes=15))) == "login_locked"
        assert sign_in_outcome(RunResult(0.0, [], "", [])) == "nothing"
