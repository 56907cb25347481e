# shellcheck shell=bash
# Helpers shared by backup.sh and restore.sh. Source this file: it defines a
# function and two constants and runs nothing.

# Export PGHOST, PGPORT, PGUSER, PGDATABASE and PGSSLMODE for the
# postgresql:// URL held in the variable named by $1, and write its password
# to a private PGPASSFILE in the directory $2. The password therefore never
# appears on a command line, in ps output or in the log.
# Accepts the SQLAlchemy spellings postgresql+asyncpg:// and ?ssl=require too.
export_libpq_env() {
    local url_variable=$1 workdir=$2
    local passfile="$workdir/pgpass" fields_file="$workdir/libpq-fields"
    local -a fields

    if ! URL_VARIABLE=$url_variable python3 - "$passfile" >"$fields_file" <<'PY'
import os
import sys
from urllib.parse import parse_qs, unquote, urlsplit

name = os.environ["URL_VARIABLE"]
raw_url = os.environ.get(name, "")
url = urlsplit(raw_url)
if url.scheme.split("+", 1)[0] not in ("postgresql", "postgres"):
    sys.exit(f"{name} must be a postgresql:// URL")
query = parse_qs(url.query)
try:
    port = str(url.port or 5432)
except ValueError:
    sys.exit(f"{name} has an invalid port")
host = query.get("host", [url.hostname or ""])[-1]
sslmode = query.get("sslmode", query.get("ssl", [""]))[-1]
values = [host, port, unquote(url.username or ""), unquote(url.path.lstrip("/")), sslmode]
if not values[3]:
    sys.exit(f"{name} has no database name")
password = unquote(url.password or "")
if password:
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    descriptor = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as passfile:
        passfile.write(f"*:*:*:*:{escaped}\n")
sys.stdout.write("".join(value + "\0" for value in values))
PY
    then
        return 1
    fi
    mapfile -d '' -t fields <"$fields_file"

    export PGHOST=${fields[0]} PGPORT=${fields[1]} PGDATABASE=${fields[3]}
    if [[ -n ${fields[2]} ]]; then export PGUSER=${fields[2]}; fi
    if [[ -n ${fields[4]} ]]; then export PGSSLMODE=${fields[4]}; fi
    if [[ -f $passfile ]]; then export PGPASSFILE=$passfile; fi
}

# SQL that lists every ordinary table outside the system schemas with its
# row count, one "schema.table<TAB>count" line each, sorted by name.
# query_to_xml runs the count for each table inside this single statement.
# shellcheck disable=SC2034 # used by the scripts that source this file
readonly TABLE_ROW_COUNTS_SQL="
SELECT format('%I.%I', n.nspname, c.relname) AS table_name,
       (xpath('/row/c/text()',
              query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname),
                           false, true, '')))[1]::text AS row_count
FROM pg_class AS c
JOIN pg_namespace AS n ON n.oid = c.relnamespace
WHERE c.relkind = 'r'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1;"

# Options for psql runs whose output is parsed.
# shellcheck disable=SC2034
readonly PSQL_DATA_OPTIONS=(--no-psqlrc --quiet --tuples-only --no-align
                            --field-separator=$'\t' --set=ON_ERROR_STOP=1)
