#!/usr/bin/env bash
# Install what the tests need and run the whole suite (lint, then pytest). Arguments go to pytest.
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
exec .venv/bin/python -m pytest "$@"
