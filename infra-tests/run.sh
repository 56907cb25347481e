#!/usr/bin/env bash
# Run the infrastructure checks: the nginx configuration in front of the real
# backend, a PostgreSQL backup and restore round trip, and the static checks
# (checkov, HCL, workflows, compose, shellcheck).
#
# Prints one line per check (PASS, FAIL or SKIP), then a last line
# "N passed, M failed" (", K skipped" when some were skipped). Exits 1 when a
# check failed. `make check-infra` installs what it needs first.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=${INFRA_TEST_PYTHON:-$here/.venv/bin/python}
passed=0
failed=0
skipped=0

run_check() {
    local program=$1 line exit_code=""
    while IFS= read -r line; do
        case $line in
            "PASS "*) passed=$((passed + 1)); echo "$line" ;;
            "FAIL "*) failed=$((failed + 1)); echo "$line" ;;
            "SKIP "*) skipped=$((skipped + 1)); echo "$line" ;;
            "exit-code "*) exit_code=${line#exit-code } ;;
            *) echo "    $line" ;;
        esac
    done < <(cd "$here" && { "$python" "$program" 2>&1; echo "exit-code $?"; })
    # A crash before the program printed its own FAIL line still counts.
    if [[ $exit_code != 0 && $failed -eq 0 ]]; then
        failed=$((failed + 1))
        echo "FAIL $program exited with status ${exit_code:-unknown}"
    fi
}

if [[ ! -x $python ]]; then
    echo "FAIL infra-tests: $python not found; run make check-infra to create it"
    echo "0 passed, 1 failed"
    exit 1
fi

for program in check_nginx.py check_backup.py check_static.py; do
    run_check "$program"
done

summary="$passed passed, $failed failed"
if [[ $skipped -gt 0 ]]; then summary+=", $skipped skipped"; fi
echo "$summary"
[[ $failed -eq 0 ]]
