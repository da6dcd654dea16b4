#!/usr/bin/env bash
# Nightly backup of Smart Union into BACKUP_DIR (default /var/backups/smart-union), keeping BACKUP_KEEP_DAYS (14):
#   PostgreSQL (DATABASE_URL set): pg_dump in custom format, db-<UTC time>.dump, checked readable;
#     then the uploads directory (UPLOADS_DIR, default DATA_DIR/uploads) as uploads-<UTC time>/ (rsync; unchanged
#     files are hard links to the previous copy) — after the dump, so every file the dump names is in the copy —
#     unless uploads are in S3 (S3_ENDPOINT set: the bucket's versioning is their backup).
#   Embedded database (no DATABASE_URL): npm run backup (database and uploads, consistent while running).
# Run by smart-union-backup.service (as the smart-union user, with /etc/smart-union/env), or by hand the same way:
#   systemctl start smart-union-backup
# Point-in-time recovery of PostgreSQL (base backups and WAL archiving) is separate: deploy/postgresql/.
set -euo pipefail
umask 077

backup_dir="${BACKUP_DIR:-/var/backups/smart-union}"
keep_days="${BACKUP_KEEP_DAYS:-14}"
uploads_dir="${UPLOADS_DIR:-${DATA_DIR:-./data}/uploads}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$backup_dir"
# Leftovers of an interrupted run (runs never overlap: the service is a oneshot).
rm -rf "$backup_dir"/*.partial

if [ -n "${DATABASE_URL:-}" ]; then
  dump="$backup_dir/db-$stamp.dump"
  pg_dump --format=custom --compress=6 --file="$dump.partial" "$DATABASE_URL"
  pg_restore --list "$dump.partial" >/dev/null
  mv "$dump.partial" "$dump"
  echo "database: $dump ($(du -h "$dump" | cut -f1))"

  if [ -z "${S3_ENDPOINT:-}" ] && [ -d "$uploads_dir" ]; then
    previous="$(find "$backup_dir" -maxdepth 1 -type d -name 'uploads-*' | sort | tail -n 1)"
    rsync -a --delete ${previous:+--link-dest="$previous"} "$uploads_dir/" "$backup_dir/uploads-$stamp.partial/"
    mv "$backup_dir/uploads-$stamp.partial" "$backup_dir/uploads-$stamp"
    echo "uploads: $backup_dir/uploads-$stamp"
  fi
else
  out="$backup_dir/embedded-$stamp.backup"
  npm run --silent backup -- --out "$out"
  echo "embedded database and uploads: $out"
fi

# Older than BACKUP_KEEP_DAYS, by the time in the name (rsync keeps the source's times): removed. Copy the
# directory to another machine well before that (DEPLOY.md "Backups").
cutoff="$(date -u -d "-${keep_days} days" +%Y%m%dT%H%M%SZ)"
for old in "$backup_dir"/db-*.dump "$backup_dir"/uploads-* "$backup_dir"/embedded-*; do
  [ -e "$old" ] || continue
  name="$(basename "$old")"
  taken="${name#*-}"
  taken="${taken%%.*}"
  if [[ "$taken" < "$cutoff" ]]; then rm -rf "$old"; fi
done
