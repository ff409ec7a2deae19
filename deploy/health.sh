#!/usr/bin/env bash
# Active health check of the replicas: GET /_stcore/health on each 127.0.0.1 port.
#
#   deploy/health.sh PORT [PORT …]              one line per replica; exit 1 if any is unhealthy
#   deploy/health.sh --restart PORT [PORT …]    also `systemctl restart xhdash@PORT` for each
#                                               one still unhealthy after three tries (5 s apart)
#                                               that has been up for more than a minute
# nginx's passive check (max_fails) stops sending requests to a replica that refuses them; this
# script catches one that accepts connections but no longer answers. Plain bash (/dev/tcp): no
# curl needed. xhdash-health.timer runs it with --restart every 30 s.
set -uo pipefail

TIMEOUT_S=3
TRIES=3
GRACE_S=60

restart=0
if [ "${1:-}" = "--restart" ]; then restart=1; shift; fi
if [ $# -eq 0 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi

# 0 when 127.0.0.1:PORT answers GET /_stcore/health with 200 within TIMEOUT_S seconds.
healthy() {
  local port=$1 status=""
  status=$(timeout "$TIMEOUT_S" bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
    printf "GET /_stcore/health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    head -n 1 <&3' "$port" 2>/dev/null)
  [[ "$status" == "HTTP/1."?" 200"* ]]
}

# Seconds since systemd last started xhdash@PORT (large when unknown).
uptime_s() {
  local started now
  started=$(systemctl show --value -p ActiveEnterTimestampMonotonic "xhdash@$1.service" 2>/dev/null)
  now=$(cut -d' ' -f1 /proc/uptime | cut -d. -f1)
  if [ -z "$started" ] || [ "$started" = 0 ]; then echo 999999; else echo $((now - started / 1000000)); fi
}

failed=0
for port in "$@"; do
  ok=0
  for try in $(seq "$TRIES"); do
    if healthy "$port"; then ok=1; break; fi
    [ "$restart" = 1 ] && [ "$try" -lt "$TRIES" ] && sleep 5
    [ "$restart" = 1 ] || break
  done
  if [ "$ok" = 1 ]; then
    echo "replica $port: healthy"
    continue
  fi
  failed=1
  echo "replica $port: UNHEALTHY"
  if [ "$restart" = 1 ] && [ "$(uptime_s "$port")" -gt "$GRACE_S" ]; then
    echo "replica $port: restarting xhdash@$port"
    systemctl restart "xhdash@$port.service"
  fi
done
exit "$failed"
