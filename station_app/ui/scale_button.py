"""读取电子秤: weighs on the bench scale in a worker, shows the live weight, and fills the field when stable."""

from __future__ import annotations

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from ..core import device_settings, money
from .messages import weight_text
from .session import Session
from .widgets import Banner

WEIGH_SECONDS = 8.0


class _Weighing(QThread):
    """The serial read in a worker: devices.scale decides when the weight is stable."""

    live = Signal(int)  # each weight as it comes, for the clerk to watch
    done = Signal(int, str)  # stable grams (or -1) and a problem code

    def __init__(self, port: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.port = port

    def run(self) -> None:
        from ..devices.scale import Scale, ScaleError

        try:
            scale = Scale(self.port)
        except ScaleError as err:
            self.done.emit(-1, err.code)
            return
        try:
            self.done.emit(scale.take_stable(WEIGH_SECONDS, on_reading=self.live.emit), "")
        except ScaleError as err:
            self.done.emit(-1, err.code)
        finally:
            scale.close()


class ScaleButton(QPushButton):
    def __init__(self, session: Session, target: QLineEdit, banner: Banner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Read scale"), parent)
        self.setObjectName("readScaleButton")
        self.session, self.target, self.banner = session, target, banner
        self.weighing: _Weighing | None = None
        self.clicked.connect(self.read)

    def read(self) -> None:
        port = device_settings.load(self.session.data_dir).get("scale_port", "")
        if not port:
            self.banner.show_message("warn", self.tr("No scale is set up (scale_port in station.ini). Type the "
                                                     "weight instead."))
            return
        self.setEnabled(False)
        self.setText(self.tr("Weighing…"))
        self.weighing = _Weighing(port, self)
        self.weighing.live.connect(lambda grams: self.setText(money.kg(grams)))
        self.weighing.done.connect(self._done)
        self.weighing.start()

    def _done(self, grams: int, problem: str) -> None:
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
