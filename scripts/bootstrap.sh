# Shared by start.sh and run-tests.sh: the system packages Qt and Chinese text need, and the virtualenv.
# Sourced, not run. Debian/Ubuntu get what is missing through apt-get; elsewhere we only say what is needed.

# Qt's xcb/offscreen platforms need these libraries; the font is what shows Chinese on a bare machine.
SYSTEM_PACKAGES=(fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
                 libxcb-render-util0 libxcb-image0)
# Needed by the tests only (run-tests.sh), not by the station app: Debian's Chromium, which tests/console drive
# headless through Playwright (never `playwright install`: no internet on CI or in the county).
TEST_SYSTEM_PACKAGES=(chromium chromium-driver)

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
