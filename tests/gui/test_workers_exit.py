"""A process that ends while a background job is still running ends cleanly (it waits for the job), rather
than aborting in Qt's "QThread: Destroyed while thread is still running" — which failed a test process under load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys, threading
from PySide6.QtCore import QCoreApplication, QObject
from station_app.ui.workers import Lane
app = QCoreApplication([])
owner = QObject()
started, finished = threading.Event(), []
lane = Lane(owner)
lane.submit(lambda: (started.set(), threading.Event().wait(0.5), finished.append(True)))
assert started.wait(30)
sys.exit(0)  # the job is still in its half-second wait
"""


def test_exit_waits_for_a_running_background_job():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Destroyed while thread" not in run.stderr
