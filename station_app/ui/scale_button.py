"""读取电子秤: weighs on the bench scale in a worker, shows the live weight, and fills the field when stable."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from ..core import device_settings, money
from ..core.errors import StationError
from .messages import weight_text
from .session import Session
from .widgets import Banner
from .workers import run_with_progress

WEIGH_SECONDS = 8.0


def _weigh(port: str, live: Callable[[Any], None]) -> int:
    """The serial read, on a worker: devices.scale decides when the weight is stable. A problem arrives as a
    StationError whose code is the scale's (port, overload, not_stable, silent)."""
    from ..devices.scale import Scale, ScaleError

    try:
        scale = Scale(port)
    except ScaleError as err:
        raise StationError(err.code) from err
    try:
        return scale.take_stable(WEIGH_SECONDS, on_reading=live)
    except ScaleError as err:
        raise StationError(err.code) from err
    finally:
        scale.close()


class ScaleButton(QPushButton):
    def __init__(self, session: Session, target: QLineEdit, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Read scale"), parent)
        self.setObjectName("readScaleButton")
        self.session, self.target, self.banner = session, target, banner
        self.clicked.connect(self.read)

    def read(self) -> None:
        port = device_settings.load(self.session.data_dir).get("scale_port", "")
        if not port:
            self.banner.show_message("warn", self.tr("No scale is set up (scale_port in station.ini). Type the "
                                                     "weight instead."))
            return
        self.setEnabled(False)
        self.setText(self.tr("Weighing…"))
        run_with_progress(self, partial(_weigh, port), lambda grams: self.setText(money.kg(grams)),
                          self._weighed, self._failed)

    def _failed(self, err: StationError) -> None:
        self._weighed(-1, err.code)

    def _weighed(self, grams: int, problem: str = "") -> None:
        self.setEnabled(True)
        self.setText(self.tr("Read scale"))
        if grams <= 0:
            words = {"port": self.tr("The scale's port cannot be opened; check the cable."),
                     "overload": self.tr("The scale is overloaded; take something off."),
                     "not_stable": self.tr("The weight did not settle; keep the parcel still and try again.")}
            self.banner.show_message("error", words.get(problem, self.tr("The scale sent nothing; is it on?")))
            return
        self.target.setText(money.kg(grams).removesuffix(" kg"))
        self.banner.show_message("ok", self.tr("Weighed {kg}.").format(kg=weight_text(grams)))
