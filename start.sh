#!/usr/bin/env bash
# Install what the station app needs and open it. A new data folder gets the first-run set-up form.
# Arguments go to station-app, e.g.  ./start.sh --data-dir ~/station-data
set -euo pipefail
cd "$(dirname "$0")"
source scripts/bootstrap.sh
ensure_system_packages "${SYSTEM_PACKAGES[@]}"
ensure_venv ""
exec .venv/bin/station-app "$@"
