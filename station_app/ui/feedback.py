"""Sound for success and error, without QtMultimedia (not in PySide6-Essentials).

Windows plays the WAV through the standard library's winsound; elsewhere an available command-line
player is started detached; failing that, the system beep. Tests read ``last`` to see what was played.
"""

from __future__ import annotations

import shutil
import sys

from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication

from .. import paths

_PLAYERS = ("paplay", "aplay")
last: list[str] = []  # the kinds played, newest last (bounded)
enabled = True


def play(kind: str) -> None:
    """kind: 'ok', 'warn' or 'error'. Never blocks the counter."""
    last.append(kind)
    del last[:-50]
    if not enabled:
        return
    wav = paths.resource("sounds", f"{kind}.wav")
    if sys.platform == "win32":
        import winsound

        winsound.PlaySound(str(wav), winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT)
        return
    player = next((p for p in _PLAYERS if shutil.which(p)), None)
    if player and wav.is_file():
        QProcess.startDetached(player, [str(wav)])
    elif kind != "ok":
        QApplication.beep()
