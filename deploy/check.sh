#!/usr/bin/env bash
# Check the deployment on this machine: two replicas and nginx on free loopback ports (through
# deploy/run.sh, on a fresh shared store), sharing a redis-server of the check's own for the
# sign-in throttle and an editors' file with the check's editors (xhdash add-editor), then,
# through the proxy, with the load harness's WebSocket client (xhdash_tools.loadtest.deploy_check):
#   - one sign-in throttle for all replicas (on each replica's own port, beside the checks
#     below; its delays take a minute and a half): ten wrong passwords for one editor's name,
#     five through the data page's sign-in form on each replica (neither alone would lock it),
#     lock the name: the right password is then refused with the lockout message on both;
#   - every page renders (a title, no error) with a domain filter kept, and the explorer's CSV
#     downloads in the same session (sticky: the cookie names the replica that served it all);
#   - the frontend's JavaScript comes gzipped, and the second time from the proxy's cache;
#   - four eyes (XHDASH_FOUR_EYES=on): a figure the check's editor publishes into the shared
#     store (xhdash import --store … --source … --editor …) waits for approval and neither
#     replica shows it; the check's approver signs in on one replica and approves it on the data
#     page (driven over the WebSocket); the other replica shows it at its next rerun, and so
#     does the first;
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
REDIS_SERVER=${REDIS_SERVER:-redis-server}
STARTUP_S=120

work=$(mktemp -d /tmp/xhdash-check.XXXXXX)
chmod 755 "$work"   # nginx's workers (not root) read and write its cache below it
store=$work/store
run=$work/run
read -r listen port1 port2 redis_port < <("$PYTHON" -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks))
for s in socks:
    s.close()')

runner=""
redis=""
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM "$runner"
    wait "$runner" 2>/dev/null
  fi
  if [ -n "$redis" ] && kill -0 "$redis" 2>/dev/null; then
    kill -TERM "$redis"
    wait "$redis" 2>/dev/null
  fi
}
trap cleanup EXIT

# The sign-in throttle the replicas share: a Redis of this check's own, on loopback, kept in
# memory only. The replicas get its address (and the editors' file) from the environment, as
# deploy/run.sh passes its whole environment to them.
"$REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
  --daemonize no --dir "$work" >"$work/redis.log" 2>&1 &
redis=$!
export XHDASH_THROTTLE_REDIS=redis://127.0.0.1:$redis_port/0
if ! "$PYTHON" -c '
import sys, time, redis
deadline = time.monotonic() + 10
while True:
    try:
        sys.exit(0 if redis.Redis.from_url(sys.argv[1]).ping() else 1)
    except redis.ConnectionError:
        if time.monotonic() > deadline:
            sys.exit(1)
        time.sleep(0.1)
' "$XHDASH_THROTTLE_REDIS"; then
  echo "FAIL redis-server did not start on $redis_port"
  cat "$work/redis.log"
  exit 1
fi
echo "ok   redis-server for the sign-in throttle on $redis_port"

# The editors the checks sign in as, with one random password (kept in a private file).
export XHDASH_EDITORS_FILE=$work/editors.toml
password_file=$work/check-password
(umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(18))' >"$password_file")
for name in deploy-check-locked deploy-check-editor deploy-check-approver; do
  if ! "$XHDASH" add-editor "$name" --password-stdin <"$password_file" >/dev/null; then
    echo "FAIL xhdash add-editor $name"
    exit 1
  fi
done
printf '\n[approvers]\ndeploy-check-approver = true\n' >>"$XHDASH_EDITORS_FILE"
export XHDASH_FOUR_EYES=on   # a publish waits for a second person's approval

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
echo "ok   replicas and proxy healthy [$SECONDS s since the check began]"

status=0
"$PYTHON" -m xhdash_tools.loadtest.deploy_check --url "$url" --run-dir "$run" --store "$store" \
  --ports "$port1,$port2" --password-file "$password_file" || status=1

echo "== stopping"
cleanup
runner=""
redis=""
for port in "$listen" "$port1" "$port2" "$redis_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "FAIL something still listens on $port after stopping"
    status=1
  fi
done
[ "$status" = 0 ] && echo "ok   everything stopped [$SECONDS s since the check began]" && rm -rf "$work"
[ "$status" = 0 ] || echo "logs kept in $work"
exit "$status"
