#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (port $PGPORT, or a free one) and prints its DATABASE_URL.
# initdb refuses root, so the cluster belongs to the postgres user.
# Tests run with fsync off (speed, nothing to keep); PG_DURABLE=1 keeps PostgreSQL's production defaults (benchmarks).
set -euo pipefail
port="${PGPORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
durability="-c fsync=off"
if [ "${PG_DURABLE:-0}" = 1 ]; then durability=""; fi
dir="$(mktemp -d /tmp/su-pg-XXXXXX)"
chown postgres "$dir"
run_as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
run_as_postgres "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
run_as_postgres "'$bin/pg_ctl' -D '$dir/data' -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c max_connections=200 $durability\" -l '$dir/log' -w start >/dev/null"
run_as_postgres "'$bin/psql' -h 127.0.0.1 -p $port -U postgres -qc 'create database smart_union_test'"
echo "postgres://postgres@127.0.0.1:$port/smart_union_test"
