"""Entry point of the frozen app (PyInstaller needs a script, not a console_scripts entry)."""

import sys

from station_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
