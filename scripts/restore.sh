#!/usr/bin/env bash
# Restore a backup written by backup.sh into the database named by DATABASE_URL.
#
# Usage: restore.sh [--force] BACKUP
#   BACKUP   path of a hospital-crm-<UTC time>.dump file, or its s3:// URL.
#            The .sha256 and .counts files must sit beside it.
#   --force  restore into a database that already has tables. Objects that
#            are in the dump are dropped and recreated; other tables stay.
#
# Steps: verify the SHA-256 checksums, refuse a non-empty target unless
# --force, run pg_restore in one transaction, compare every table's row count
# with the .counts manifest, then run `hospital-crm audit verify` against the
# restored database when the hospital-crm command is available
# (HOSPITAL_CRM_BIN, or hospital-crm on PATH).
#
# Environment:
#   DATABASE_URL      postgresql:// URL of the target database (required)
#   HOSPITAL_CRM_BIN  hospital-crm command used for the audit check (optional)
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib/database-url.sh
source "$script_dir/lib/database-url.sh"

usage() {
    echo "usage: $0 [--force] BACKUP (a .dump file from backup.sh or its s3:// URL)" >&2
    exit 2
}

force=false
backup=""
for argument in "$@"; do
    case $argument in
        --force) force=true ;;
        -h | --help) usage ;;
        -*) echo "restore: unknown option $argument" >&2; usage ;;
        *)
            if [[ -n $backup ]]; then usage; fi
            backup=$argument
            ;;
    esac
done
if [[ -z $backup || $backup != *.dump ]]; then usage; fi
: "${DATABASE_URL:?DATABASE_URL is not set: export the postgresql:// URL of the target database}"

umask 077
workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

name=$(basename "$backup" .dump)
if [[ $backup == s3://* ]]; then
    prefix=${backup%.dump}
    for suffix in dump counts sha256; do
        aws s3 cp --only-show-errors "$prefix.$suffix" "$workdir/"
    done
    backup_dir=$workdir
else
    backup_dir=$(cd "$(dirname "$backup")" && pwd)
fi
dump="$backup_dir/$name.dump"
counts="$backup_dir/$name.counts"
checksums="$backup_dir/$name.sha256"

for file in "$dump" "$counts" "$checksums"; do
    if [[ ! -f $file ]]; then
        echo "restore: $file is missing; backup.sh writes it beside the dump" >&2
        exit 1
    fi
done
for file in "$name.dump" "$name.counts"; do
    if ! grep -Eq "^[0-9a-f]{64} [ *]$file\$" "$checksums"; then
        echo "restore: $checksums has no checksum for $file" >&2
        exit 1
    fi
done
if ! (cd "$backup_dir" && sha256sum --check --strict --quiet "$name.sha256"); then
    echo "restore: checksum mismatch for $name; the backup is corrupted or was modified" >&2
    exit 1
fi
echo "restore: checksums of $name.dump and $name.counts verified"

export_libpq_env DATABASE_URL "$workdir"
export PGAPPNAME=hospital-crm-restore
target="$PGDATABASE on $PGHOST:$PGPORT"

psql "${PSQL_DATA_OPTIONS[@]}" --command="$TABLE_ROW_COUNTS_SQL" >"$workdir/existing"
if [[ -s $workdir/existing ]]; then
    if [[ $force != true ]]; then
        echo "restore: $target already has $(wc -l <"$workdir/existing") tables;" \
            "pass --force to drop and recreate the objects in the dump" >&2
        exit 1
    fi
    echo "restore: --force given, replacing the objects of the dump in $target"
fi

# --no-owner and --no-acl make the restoring user own everything, so a dump
# taken from one RDS instance restores into another with a different master
# user. --single-transaction leaves the target untouched when anything fails.
restore_options=(--no-owner --no-acl --exit-on-error --single-transaction)
if [[ $force == true ]]; then restore_options+=(--clean --if-exists); fi
echo "restore: restoring $dump into $target"
pg_restore "${restore_options[@]}" --dbname="$PGDATABASE" "$dump"

# join needs both inputs sorted the same way, which the database collation
# does not guarantee.
psql "${PSQL_DATA_OPTIONS[@]}" --command="$TABLE_ROW_COUNTS_SQL" | LC_ALL=C sort >"$workdir/restored"
LC_ALL=C sort "$counts" >"$workdir/expected"
mismatches=$(LC_ALL=C join -t $'\t' -a 1 -e MISSING -o 0,1.2,2.2 "$workdir/expected" "$workdir/restored" |
    awk -F '\t' '$2 != $3 { print "restore:   " $1 ": expected " $2 " rows, found " $3 }')
if [[ -n $mismatches ]]; then
    echo "restore: row counts differ from the backup manifest:" >&2
    echo "$mismatches" >&2
    exit 1
fi
echo "restore: row counts of $(wc -l <"$counts") tables match the backup manifest"

hospital_crm=${HOSPITAL_CRM_BIN:-$(command -v hospital-crm || true)}
if [[ -n $hospital_crm ]]; then
    echo "restore: running hospital-crm audit verify on the restored database"
    "$hospital_crm" audit verify
else
    echo "restore: hospital-crm not found, audit log chain not verified"
fi
echo "restore: done"
