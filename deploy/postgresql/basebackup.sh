#!/usr/bin/env bash
# Base backup of the PostgreSQL cluster for point-in-time recovery, with the WAL archive (archive-wal.sh) behind it.
# Keeps the newest BASEBACKUP_KEEP (default 2) base backups and removes the archived WAL older than the oldest one.
# Runs as the postgres user (deploy/cron/smart-union-postgresql: weekly). Layout under PG_BACKUP_ROOT
# (default /var/backups/postgresql):
#   base/<UTC time>/base.tar.gz, pg_wal.tar.gz, backup_manifest, start-wal (first WAL segment it needs)
#   wal/<segments>     (written by archive-wal.sh)
set -euo pipefail
umask 077
root="${PG_BACKUP_ROOT:-/var/backups/postgresql}"
keep="${BASEBACKUP_KEEP:-2}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$root/base"
rm -rf "$root"/base/*.partial

target="$root/base/$stamp"
pg_basebackup --pgdata="$target.partial" --format=tar --gzip --wal-method=stream --checkpoint=fast ${PGPORT:+--port="$PGPORT"}

# The first WAL segment this backup needs, from its manifest ("Start-LSN": "X/Y", 16 MB segments).
timeline="$(grep -o '"Timeline": [0-9]*' "$target.partial/backup_manifest" | head -n 1 | grep -o '[0-9]*$')"
lsn="$(grep -o '"Start-LSN": "[0-9A-F]*/[0-9A-F]*"' "$target.partial/backup_manifest" | head -n 1 | grep -o '[0-9A-F]*/[0-9A-F]*')"
high=$((16#${lsn%/*}))
low=$((16#${lsn#*/}))
printf '%08X%08X%08X\n' "$timeline" "$high" $((low >> 24)) > "$target.partial/start-wal"
mv "$target.partial" "$target"
echo "base backup: $target ($(du -sh "$target" | cut -f1)), needs WAL from $(cat "$target/start-wal")"

# Keep the newest $keep; the WAL archive keeps what the oldest kept backup needs.
mapfile -t backups < <(find "$root/base" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z' | sort)
if [ "${#backups[@]}" -gt "$keep" ]; then
  for old in "${backups[@]:0:${#backups[@]}-keep}"; do rm -rf "$old"; done
fi
oldest="$(find "$root/base" -mindepth 1 -maxdepth 1 -type d -name '[0-9]*T*Z' | sort | head -n 1)"
if [ -d "$root/wal" ] && [ -f "$oldest/start-wal" ]; then
  pg_archivecleanup "$root/wal" "$(cat "$oldest/start-wal")"
fi
