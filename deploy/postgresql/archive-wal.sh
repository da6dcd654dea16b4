#!/bin/sh
# PostgreSQL archive_command for Smart Union: copies one WAL segment into the WAL archive, durably.
#   archive_command = '/usr/local/lib/smart-union/archive-wal.sh %p %f'
# Runs as the postgres user. Exit 0 only when the segment is safely archived; PostgreSQL retries otherwise.
# A segment already archived with the same content (a retry after a crash) counts as archived; with other
# content it is an error (two clusters writing to one archive), never overwritten.
set -eu
archive="${WAL_ARCHIVE:-/var/backups/postgresql/wal}"
src="$1"
name="$2"
dest="$archive/$name"
if [ -f "$dest" ]; then
  exec cmp -s "$src" "$dest"
fi
cp "$src" "$dest.part"
sync "$dest.part"
mv "$dest.part" "$dest"
sync "$archive"
