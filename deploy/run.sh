#!/usr/bin/env bash
# The deployment on one machine without systemd (what deploy/check.sh uses): N replicas of the
# dashboard and nginx in front, on loopback ports. A replica that dies is started again; one
# that stops answering its health check is killed, and so started again. Ctrl-C or SIGTERM
# stops everything it started.
#
#   deploy/run.sh [--replicas N] [--listen PORT] [--ports P1,P2,…] [--store DIR] [--run-dir DIR]
#
# Defaults: 2 replicas on 8501, 8502; nginx on 127.0.0.1:8080; the store of $XHDASH_STORE (else
# the project's store/): the replicas share it, so a publish is seen by all of them. The run
# folder holds nginx.conf, xhdash.conf, the logs, and replica-PORT.pid (the replica's process).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
XHDASH=${XHDASH:-$ROOT/.venv/bin/xhdash}
NGINX=${NGINX:-/usr/sbin/nginx}
CHECK_EVERY_S=5
UNHEALTHY_CHECKS=3   # in a row, after the replica's first minute: killed and started again
STARTUP_GRACE_S=60

replicas=2
listen=8080
ports=""
run=""
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --ports) ports=$2; shift 2 ;;
    --store) export XHDASH_STORE=$2; shift 2 ;;
    --run-dir) run=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$ports" ]; then
  ports=$(seq -s, 8501 $((8500 + replicas)))
fi
IFS=, read -r -a port_list <<<"$ports"
run=${run:-$(mktemp -d /tmp/xhdash-deploy.XXXXXX)}
mkdir -p "$run/nginx/cache" "$run/nginx/temp"
rm -f "$run/stopping"

log() { echo "$(date +%T) run.sh: $*" >&2; }

# nginx: a main configuration for this folder around the site configuration.
user_line=""
if [ "$(id -u)" = 0 ]; then   # workers must not run as root; they write the cache
  user_line="user nobody $(id -gn nobody);"
  chown -R nobody "$run/nginx"
  chmod 755 "$run"             # (mktemp makes it 0700): the workers open files below it
fi
"$ROOT/deploy/nginx-conf.sh" --listen "127.0.0.1:$listen" --cache "$run/nginx/cache" \
  "${port_list[@]}" >"$run/xhdash.conf"
cat >"$run/nginx.conf" <<EOF
$user_line
worker_processes 1;
daemon off;
pid $run/nginx.pid;
error_log $run/nginx-error.log warn;
events { worker_connections 1024; }
http {
    default_type application/octet-stream;
    access_log $run/nginx-access.log;
    client_body_temp_path $run/nginx/temp/body;
    proxy_temp_path $run/nginx/temp/proxy;
    fastcgi_temp_path $run/nginx/temp/fastcgi;
    uwsgi_temp_path $run/nginx/temp/uwsgi;
    scgi_temp_path $run/nginx/temp/scgi;
    include $run/xhdash.conf;
}
EOF
"$NGINX" -t -q -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf"

# One supervisor per replica: start it, wait for it, start it again unless stopping.
supervise() {
  local port=$1
  while [ ! -e "$run/stopping" ]; do
    "$XHDASH" serve --address 127.0.0.1 --port "$port" >>"$run/replica-$port.log" 2>&1 &
    echo $! >"$run/replica-$port.pid"
    date +%s >"$run/replica-$port.started"
    local status=0
    wait $! || status=$?
    [ -e "$run/stopping" ] && break
    log "replica $port exited ($status); starting it again"
    sleep 1
  done
}

supervisors=()
nginx_pid=""
stop() {
  trap - EXIT TERM INT
  set +e   # a process already gone is no reason to stop stopping
  touch "$run/stopping"
  [ -n "$nginx_pid" ] && kill -TERM "$nginx_pid" 2>/dev/null
  for port in "${port_list[@]}"; do
    [ -f "$run/replica-$port.pid" ] && kill -TERM "$(cat "$run/replica-$port.pid")" 2>/dev/null
  done
  local deadline=$((SECONDS + 15))
  for pid in "${supervisors[@]}" $nginx_pid; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  done
  for port in "${port_list[@]}"; do   # a replica that ignored TERM
    [ -f "$run/replica-$port.pid" ] && kill -KILL "$(cat "$run/replica-$port.pid")" 2>/dev/null
  done
  [ -n "$nginx_pid" ] && kill -KILL "$nginx_pid" 2>/dev/null
  wait 2>/dev/null
  log "stopped"
}
trap stop EXIT
trap 'exit 0' TERM INT

for port in "${port_list[@]}"; do
  supervise "$port" &
  supervisors+=($!)
done
"$NGINX" -p "$run" -e "$run/nginx-error.log" -c "$run/nginx.conf" &
nginx_pid=$!
echo "$nginx_pid" >"$run/nginx.pid.supervised"
log "replicas on 127.0.0.1:${ports//,/, :}; nginx on http://127.0.0.1:$listen; run folder $run"

declare -A failures
while true; do
  sleep "$CHECK_EVERY_S" & wait $!
  if ! kill -0 "$nginx_pid" 2>/dev/null; then
    log "nginx exited; stopping"
    exit 1
  fi
  for port in "${port_list[@]}"; do
    started=$(cat "$run/replica-$port.started" 2>/dev/null || echo 0)
    if [ $(($(date +%s) - started)) -lt "$STARTUP_GRACE_S" ] || \
       "$ROOT/deploy/health.sh" "$port" >/dev/null; then
      failures[$port]=0
      continue
    fi
    failures[$port]=$((${failures[$port]:-0} + 1))
    if [ "${failures[$port]}" -ge "$UNHEALTHY_CHECKS" ]; then
      log "replica $port failed $UNHEALTHY_CHECKS health checks; killing it"
      kill -KILL "$(cat "$run/replica-$port.pid")" 2>/dev/null || true
      failures[$port]=0
    fi
  done
done
