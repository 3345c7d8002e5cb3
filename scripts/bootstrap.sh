# Shared by start.sh and run-tests.sh: the system packages Qt and Chinese text need, and the virtualenv.
# Sourced, not run. Debian/Ubuntu get what is missing through apt-get; elsewhere we only say what is needed.

# Qt's xcb/offscreen platforms need these libraries; the font is what shows Chinese on a bare machine.
SYSTEM_PACKAGES=(fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
                 libxcb-render-util0 libxcb-image0)
# Needed by the tests only (run-tests.sh), not by the station app: Debian's Chromium, which tests/console drive
# headless through Playwright (never `playwright install`: no internet on CI or in the county).
TEST_SYSTEM_PACKAGES=(chromium chromium-driver postgresql)

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Please install as root: apt-get install ${missing[*]}" >&2; return 1
    fi
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 or newer is needed." >&2
  return 1
}

# ensure_venv EXTRAS: a .venv in the project with the project installed (editable) plus EXTRAS, e.g. "[test]".
ensure_venv() {
  local python
  python=$(find_python)
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$1"
}

# A real print queue for the printing tests: CUPS with the cups-pdf back-end, which writes each job as a
# PDF into ~/PDF. Exports STATION_CUPS_QUEUE when the queue is ready. No printer discovery is run.
ensure_cups_queue() {
  local queue=StationPDF sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  ensure_system_packages cups cups-client printer-driver-cups-pdf || return 1
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    $sudo /usr/sbin/cupsd || return 1
    for _ in $(seq 1 20); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.5; done
  fi
  if ! lpstat -p "$queue" >/dev/null 2>&1; then
    $sudo lpadmin -p "$queue" -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null || return 1
  fi
  export STATION_CUPS_QUEUE=$queue
}

# A throwaway PostgreSQL for the county server's tests (run-tests.sh): a fresh cluster in a temporary folder on a
# free port, no fsync (nothing in it outlives the run), stopped and deleted by stop_throwaway_postgres. Leaves the
# machine's own clusters (pg_lsclusters) alone. Exports COUNTY_TEST_DATABASE_URL.
start_throwaway_postgres() {
  local bin port as=()
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
  PG_TMP=$(mktemp -d /tmp/county-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_TMP"; as=(runuser -u postgres --); fi  # initdb refuses root
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${as[@]}" "$bin/initdb" -D "$PG_TMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/log" -w start -o "-p $port -k $PG_TMP \
      -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
      -c max_connections=300 -c shared_buffers=64MB" >/dev/null
  PG_BIN=$bin
  PG_AS=("${as[@]}")
  export COUNTY_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
}

stop_throwaway_postgres() {
  [ -n "${PG_TMP:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
  PG_TMP=""
}
