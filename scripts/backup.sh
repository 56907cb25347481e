#!/usr/bin/env bash
# Back up the PostgreSQL database named by DATABASE_URL.
#
# Writes three files to BACKUP_DIR:
#   hospital-crm-<UTC time>.dump    pg_dump custom format (-Fc)
#   hospital-crm-<UTC time>.counts  rows per table, read in the dump's snapshot
#   hospital-crm-<UTC time>.sha256  SHA-256 of the two files above
# then copies them to s3://$BACKUP_S3_BUCKET/$BACKUP_S3_PREFIX/ when
# BACKUP_S3_BUCKET is set, and deletes local backups older than
# BACKUP_RETENTION_DAYS. restore.sh checks the .sha256 and .counts files.
#
# Environment:
#   DATABASE_URL           postgresql://user:password@host:port/dbname (required)
#   BACKUP_DIR             local directory (default /var/backups/hospital-crm)
#   BACKUP_RETENTION_DAYS  days of local backups to keep (default 7)
#   BACKUP_S3_BUCKET       S3 bucket for the off-site copy (optional)
#   BACKUP_S3_PREFIX       key prefix inside that bucket (default db-backups)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/database-url.sh
source "$script_dir/lib/database-url.sh"

: "${DATABASE_URL:?DATABASE_URL is not set: export the postgresql:// URL of the database to back up}"
backup_dir=${BACKUP_DIR:-/var/backups/hospital-crm}
retention_days=${BACKUP_RETENTION_DAYS:-7}
s3_prefix=${BACKUP_S3_PREFIX:-db-backups}
if ! [[ $retention_days =~ ^[0-9]+$ ]]; then
    echo "backup: BACKUP_RETENTION_DAYS must be a whole number of days, got '$retention_days'" >&2
    exit 2
fi

# Dumps contain patient data: nothing written here may be readable by others.
umask 077
mkdir -p "$backup_dir"
name="hospital-crm-$(date -u +%Y%m%dT%H%M%SZ)"
dump="$backup_dir/$name.dump"
counts="$backup_dir/$name.counts"
checksums="$backup_dir/$name.sha256"
workdir=$(mktemp -d)
snapshot_pid=""
cleanup() {
    if [[ -n $snapshot_pid ]]; then kill "$snapshot_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
    rm -f "$dump.partial" "$counts.partial" "$checksums.partial"
}
trap cleanup EXIT

export_libpq_env DATABASE_URL "$workdir"
export PGAPPNAME=hospital-crm-backup

# A read-only transaction exports its snapshot so pg_dump and the row counts
# see exactly the same data, even while the application keeps writing.
coproc SNAPSHOT { psql "${PSQL_DATA_OPTIONS[@]}"; }
# shellcheck disable=SC2153 # coproc sets SNAPSHOT_PID
snapshot_pid=$SNAPSHOT_PID
printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;" \
    "SELECT pg_export_snapshot();" >&"${SNAPSHOT[1]}"
snapshot=""
read -r -t 60 snapshot <&"${SNAPSHOT[0]}" || true
if ! [[ $snapshot =~ ^[0-9A-F]+-[0-9A-F]+(-[0-9]+)?$ ]]; then
    echo "backup: could not open a snapshot on $PGHOST:$PGPORT/$PGDATABASE" >&2
    exit 1
fi

echo "backup: dumping $PGDATABASE on $PGHOST:$PGPORT to $dump"
pg_dump --format=custom --snapshot="$snapshot" --file="$dump.partial"

printf '%s\n' "$TABLE_ROW_COUNTS_SQL" "SELECT '--end--';" >&"${SNAPSHOT[1]}"
while IFS= read -r -t 600 line <&"${SNAPSHOT[0]}"; do
    if [[ $line == --end-- ]]; then break; fi
    printf '%s\n' "$line"
done >"$counts.partial"
printf '%s\n' "COMMIT;" '\q' >&"${SNAPSHOT[1]}"
wait "$snapshot_pid"
snapshot_pid=""

mv "$dump.partial" "$dump"
mv "$counts.partial" "$counts"
(cd "$backup_dir" && sha256sum "$name.dump" "$name.counts" >"$name.sha256.partial")
mv "$checksums.partial" "$checksums"

table_count=$(wc -l <"$counts")
row_total=$(awk -F '\t' '{ total += $2 } END { print total + 0 }' "$counts")
echo "backup: wrote $dump ($(stat -c %s "$dump") bytes, $table_count tables, $row_total rows)"

if [[ -n ${BACKUP_S3_BUCKET:-} ]]; then
    destination="s3://$BACKUP_S3_BUCKET/$s3_prefix/"
    for file in "$dump" "$counts" "$checksums"; do
        aws s3 cp --only-show-errors "$file" "$destination"
    done
    echo "backup: uploaded $name.{dump,counts,sha256} to $destination"
fi

echo "backup: deleting local backups older than $retention_days days from $backup_dir"
find "$backup_dir" -maxdepth 1 -type f -name 'hospital-crm-*' \
    -mmin "+$((retention_days * 24 * 60))" -print -delete | sed 's/^/backup: deleted /'
