#!/usr/bin/env bash
# Install what the tests need and run the whole suite (lint, then pytest). Arguments go to pytest.
# The county server's tests (tests/sync, tests/console) run twice: on SQLite with everything else, then on a
# throwaway PostgreSQL this script starts and removes (COUNTY_TEST_DATABASE_URL=postgresql://… set beforehand
# points that second run at another server instead; COUNTY_TEST_POSTGRESQL=no leaves it out).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
ensure_system_packages "${SYSTEM_PACKAGES[@]}" "${TEST_SYSTEM_PACKAGES[@]}"
ensure_venv "[test]"
if ! ensure_cups_queue; then
  # CI must print through the real queue; a developer without root still gets every other test
  [ "${CI:-}" = "true" ] && { echo "Could not set up the CUPS test queue" >&2; exit 1; }
  echo "No CUPS test queue: the CUPS printing test will be skipped." >&2
fi
.venv/bin/ruff check .
.venv/bin/mypy station_app sync  # every package, ui included
export QT_QPA_PLATFORM=offscreen
given_url=${COUNTY_TEST_DATABASE_URL:-}
unset COUNTY_TEST_DATABASE_URL
status=0
.venv/bin/python -m pytest "$@" || status=$?
[ "${COUNTY_TEST_POSTGRESQL:-yes}" = "no" ] && exit $status
# The same county tests on PostgreSQL: with no paths among the arguments, both folders (and the options given);
# with paths naming tests/sync or tests/console, those same arguments again; else (other paths only) nothing more.
pg_args=("$@" tests/sync tests/console)
for arg in "$@"; do
  if [ -e "${arg%%::*}" ]; then  # a test path (file, folder or node id), not an option or its value
    case " $* " in *" tests/sync"*|*" tests/console"*) pg_args=("$@") ;; *) exit $status ;; esac
    break
  fi
done
if [ -n "$given_url" ]; then
  export COUNTY_TEST_DATABASE_URL=$given_url
else
  start_throwaway_postgres
  trap stop_throwaway_postgres EXIT
fi
echo "The county server's tests again, on PostgreSQL:"
.venv/bin/python -m pytest "${pg_args[@]}" || status=$?
exit $status
