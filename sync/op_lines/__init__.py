"""Business lines whose ops are declared in their own module (``sync/op_lines/<line>.py``).

``sync.ops`` imports this package at its end, and this package imports every module in it, so a new line adds a
module here and never an entry in a central list. A module declares its figures and ops with ``ops.figure`` and
``ops.declare`` exactly as ``sync/ops.py`` does; both ends (station core and county server) see them.
"""

from __future__ import annotations

import importlib
import pkgutil

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
