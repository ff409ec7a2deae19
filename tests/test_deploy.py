"""The deployment: nginx configuration, health check, and deploy/check.sh end to end."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from xhdash.paths import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "deploy"
NGINX = Path("/usr/sbin/nginx")
CHECK_SECONDS = 240


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
    """Two replicas and nginx: pages, sticky download, publish seen on both, failover."""
    require_nginx()
    venv_bin = Path(sys.executable).parent
    checked = subprocess.run(["bash", str(DEPLOY / "check.sh")], capture_output=True, text=True,
                             timeout=CHECK_SECONDS,
                             env={**os.environ, "PYTHON": sys.executable,
                                  "XHDASH": str(venv_bin / "xhdash")})
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-2000:]
    assert "all checks passed" in checked.stdout
    assert "FAIL" not in checked.stdout
