#!/usr/bin/env bash
# Check the deployment on this machine: two replicas and nginx on free loopback ports (through
# deploy/run.sh, on a fresh shared store), then, through the proxy, with the load harness's
# WebSocket client (xhdash_tools.loadtest.deploy_check):
#   - every page renders (a title, no error) with a domain filter kept, and the explorer's CSV
#     downloads in the same session (sticky: the cookie names the replica that served it all);
#   - the frontend's JavaScript comes gzipped, and the second time from the proxy's cache;
#   - a figure published into the shared store (xhdash import --store … --source …) is seen on
#     both replicas at their next rerun;
#   - the session's replica is killed: the session reconnects to the other replica (its cookie
#     follows), keeps its page and filter and downloads there; run.sh starts the killed replica
#     again, and the session stays where it is.
# Then it stops everything it started. Exit 0 only if every check passed.
#
#   deploy/check.sh            (PYTHON=… to use another interpreter than .venv/bin/python)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
XHDASH=${XHDASH:-$(dirname "$PYTHON")/xhdash}
export XHDASH
STARTUP_S=120

work=$(mktemp -d /tmp/xhdash-check.XXXXXX)
chmod 755 "$work"   # nginx's workers (not root) read and write its cache below it
store=$work/store
run=$work/run
read -r listen port1 port2 < <("$PYTHON" -c '
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()')

runner=""
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM "$runner"
    wait "$runner" 2>/dev/null
  fi
}
trap cleanup EXIT

echo "== shared store $store; replicas on $port1, $port2; proxy on $listen"
"$XHDASH" versions --store "$store" >/dev/null || { echo "FAIL cannot create the store"; exit 1; }
"$ROOT/deploy/run.sh" --listen "$listen" --ports "$port1,$port2" --store "$store" \
  --run-dir "$run" >"$work/run.log" 2>&1 &
runner=$!

url=http://127.0.0.1:$listen
if ! "$PYTHON" -c '
import sys
from xhdash_tools.loadtest.server import wait_healthy
for url in sys.argv[1:]:
    wait_healthy(url, seconds=float('"$STARTUP_S"'))
' "http://127.0.0.1:$port1" "http://127.0.0.1:$port2" "$url"; then
  echo "FAIL the replicas and the proxy did not become healthy"
  cat "$work/run.log" "$run"/*.log 2>/dev/null | tail -40
  exit 1
fi
echo "ok   replicas and proxy healthy"

status=0
"$PYTHON" -m xhdash_tools.loadtest.deploy_check --url "$url" --run-dir "$run" --store "$store" \
  --ports "$port1,$port2" || status=1

echo "== stopping"
cleanup
runner=""
for port in "$listen" "$port1" "$port2"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "FAIL something still listens on $port after stopping"
    status=1
  fi
done
[ "$status" = 0 ] && echo "ok   everything stopped" && rm -rf "$work"
[ "$status" = 0 ] || echo "logs kept in $work"
exit "$status"
