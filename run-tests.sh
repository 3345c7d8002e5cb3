#!/usr/bin/env bash
# Install what the tests need and run the whole suite (lint, then pytest). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
ensure_system_packages "${SYSTEM_PACKAGES[@]}"
ensure_venv "[test]"
.venv/bin/ruff check .
.venv/bin/mypy station_app/core station_app/labels
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
