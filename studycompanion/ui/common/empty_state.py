"""What an empty list says: the first-run welcome (how to add clips, the demo clip) or 'nothing matches'."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studycompanion.core.library.demo import DemoClip, find_demo  # noqa: F401 - DemoClip re-exported for the UI
from studycompanion.ui.common.icons import app_icon, icon

log = logging.getLogger(__name__)


class EmptyState(QWidget):
    """The welcome page of an empty library, or a one-line message for an empty filter."""

    paste_requested = Signal()
    files_requested = Signal()
    import_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.demo = find_demo()
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        self.logo = QLabel()
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setPixmap(app_icon().pixmap(QSize(72, 72)))
        outer.addWidget(self.logo)
        self.heading = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.heading)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setFixedWidth(540)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.body)
        row.addStretch(1)
        outer.addLayout(row)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.addStretch(1)
        self.paste_button = self._button(buttons, "paste", "Paste a link", self.paste_requested)
        self.files_button = self._button(buttons, "file", "Add video files…", self.files_requested)
        self.import_button = self._button(buttons, "import", "Import TikTok export…", self.import_requested)
        buttons.addStretch(1)
        outer.addWidget(self.buttons)
        demo_row = QHBoxLayout()
        demo_row.addStretch(1)
        self.demo_button = QPushButton(icon("play"), "  Try the demo clip")
        self.demo_button.setToolTip("Adds a one-minute medical explanation that ships with the app and runs the "
                                    "whole pipeline (transcript, key points, cards) offline.")
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setDefault(True)
        demo_row.addWidget(self.demo_button)
        demo_row.addStretch(1)
        outer.addLayout(demo_row)
        outer.addStretch(3)
        self.show_welcome()

    def _button(self, layout: QHBoxLayout, icon_name: str, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(icon(icon_name), "  " + text)
        button.setIconSize(QSize(18, 18))
        button.setMinimumHeight(34)
        button.clicked.connect(signal)
        layout.addWidget(button)
        return button

    def show_welcome(self) -> None:
        self.heading.setText("Your library is empty")
        self.body.setText(
            "Keep the short videos you learn from and turn them into Anki cards, offline.<br><br>"
            "<b>Paste a link</b> to a TikTok, YouTube Short or Instagram Reel anywhere in the window "
            "(<b>Ctrl+V</b>), <b>drop</b> video files or links here, or <b>import</b> your TikTok "
            "“Download your data” export to bring in all your favourites at once."
        )
        self.logo.show()
        self.buttons.show()
        self.demo_button.setVisible(self.demo is not None)

    def show_message(self, heading: str, body: str = "") -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.logo.hide()
        self.buttons.hide()
        self.demo_button.hide()
