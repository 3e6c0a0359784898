"""An inline bar at the top of the window for readable errors (with "Copy details") and short notices."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.worker import Failure


class MessageBar(QFrame):
    """Never modal: the message stays until closed (errors) or fades after a few seconds (notices)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.icon_label = QLabel()
        layout.addWidget(self.icon_label)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text, 1)
        self.copy_button = QPushButton(icon("copy"), self.tr("Copy details"))
        self.copy_button.setAccessibleName(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        layout.addWidget(self.copy_button)
        close = QToolButton()
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close"))
        close.setAccessibleName(self.tr("Close the message"))
        close.clicked.connect(self.hide)
        layout.addWidget(close)
        self.details = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def _tint(self, color: str) -> None:
        palette = self.palette()
        base = QColor(color)
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        mixed = QColor(
            round(window.red() * 0.82 + base.red() * 0.18),
            round(window.green() * 0.82 + base.green() * 0.18),
            round(window.blue() * 0.82 + base.blue() * 0.18),
        )
        palette.setColor(QPalette.ColorRole.Window, mixed)
        self.setPalette(palette)

    def show_failure(self, failure: Failure) -> None:
        self._timer.stop()
        self.details = f"{failure.message}\n\n{failure.detail}".strip()
        self.text.setText(failure.message)
        self.icon_label.setPixmap(icon("error", "#c8372d").pixmap(QSize(20, 20)))
        self.copy_button.setVisible(bool(failure.detail))
        self._tint("#c8372d")
        self.show()

    def show_error(self, message: str, detail: str = "") -> None:
        self.show_failure(Failure(message, detail))

    def show_info(self, message: str, seconds: float = 6.0) -> None:
        self.details = ""
        self.text.setText(message)
        self.icon_label.setPixmap(icon("info", "#2f6fdf").pixmap(QSize(20, 20)))
        self.copy_button.hide()
        self._tint("#2f6fdf")
        self.show()
        self._timer.start(int(seconds * 1000))

    def copy_details(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)
