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
# The county tests also run on PostgreSQL: with no paths among the arguments, tests/sync and tests/console (and the
# options given); with paths naming either, those same arguments; else (other paths only) no second run.
# COUNTY_TEST_POSTGRESQL=no leaves it out. It runs beside the main run (the two together take about as long as
# the main run alone on two cores) and its output follows the main run's.
pg_args=("$@" tests/sync tests/console)
for arg in "$@"; do
  if [ -e "${arg%%::*}" ]; then  # a test path (file, folder or node id), not an option or its value
    case " $* " in *" tests/sync"*|*" tests/console"*) pg_args=("$@") ;; *) pg_args=() ;; esac
    break
  fi
done
[ "${COUNTY_TEST_POSTGRESQL:-yes}" = "no" ] && pg_args=()
pg_pid=""
if [ ${#pg_args[@]} -gt 0 ]; then
  if [ -z "$given_url" ]; then
    start_throwaway_postgres
    trap stop_throwaway_postgres EXIT
    given_url=$COUNTY_TEST_DATABASE_URL
    unset COUNTY_TEST_DATABASE_URL
  fi
  pg_log=$(mktemp)
  COUNTY_TEST_DATABASE_URL=$given_url .venv/bin/python -m pytest "${pg_args[@]}" >"$pg_log" 2>&1 &
  pg_pid=$!
fi
status=0
.venv/bin/python -m pytest "$@" || status=$?
if [ -n "$pg_pid" ]; then
  pg_status=0
  wait "$pg_pid" || pg_status=$?
  echo "The county server's tests again, on PostgreSQL (run beside the above):"
  cat "$pg_log"
  rm -f "$pg_log"
  [ $pg_status -eq 0 ] || status=$pg_status
fi
exit $status
