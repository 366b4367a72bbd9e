#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL (Debian's postgresql package) on a
# free loopback port for the tests, with trust auth, data in a temp folder.
#   scripts/postgres.sh start <state-dir>   prints the connection string
#   scripts/postgres.sh stop <state-dir>
set -euo pipefail
action="${1:?usage: postgres.sh start|stop <state-dir>}"
state="${2:?usage: postgres.sh start|stop <state-dir>}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$bin" ]; then
  echo "postgres.sh: Debian's postgresql is not installed (scripts/bootstrap.sh --test-tools installs it)" >&2
  exit 1
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$action" in
  start)
    data="$(mktemp -d /tmp/kaito-pg-XXXXXX)"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$data"
    port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    as_postgres "$bin/initdb" -D "$data" --auth=trust --username=postgres -E UTF8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    mkdir -p "$state"
    echo "$data" > "$state/pg-data"
    echo "postgresql://postgres@127.0.0.1:$port"
    ;;
  stop)
    if [ -f "$state/pg-data" ]; then
      data="$(cat "$state/pg-data")"
      as_postgres "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
      rm -rf "$data" "$state/pg-data"
    fi
    ;;
  *) echo "postgres.sh: unknown action '$action'" >&2; exit 2 ;;
esac
