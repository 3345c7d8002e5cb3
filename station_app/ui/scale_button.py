"""读取电子秤: a button that takes a stable weight from the bench scale in a worker and fills a kg field."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from ..core import device_settings, money
from .session import Session
from .widgets import Banner
from .workers import run_in_thread


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

        def weigh() -> tuple[int | None, str]:
            from ..devices.scale import Scale, ScaleError

            try:
                scale = Scale(port)
                try:
                    return scale.take_stable(timeout=5), ""
                finally:
                    scale.close()
            except ScaleError as err:
                return None, err.code

        run_in_thread(self, weigh, self._done)

    def _done(self, result: tuple[int | None, str]) -> None:
        grams, problem = result
        self.setEnabled(True)
        self.setText(self.tr("Read scale"))
        if grams is None or grams <= 0:
            words = {"port": self.tr("The scale's port cannot be opened; check the cable."),
                     "overload": self.tr("The scale is overloaded; take something off."),
                     "not_stable": self.tr("The weight did not settle; keep the parcel still and try again.")}
            self.banner.show_message("error", words.get(problem, self.tr("The scale sent nothing; is it on?")))
            return
        self.target.setText(money.kg(grams).removesuffix(" kg"))
