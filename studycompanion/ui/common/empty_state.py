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
    model_requested = Signal(str)  # the better model offered on the welcome page (opens Settings' model picker)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EmptyState")
        self.demo = find_demo()
        self._offered = ""  # the model offered on the welcome page ("" = none)
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
        self.paste_button = self._button(buttons, "paste", self.tr("Paste a link"), self.paste_requested)
        self.files_button = self._button(buttons, "file", self.tr("Add video files…"), self.files_requested)
        self.import_button = self._button(buttons, "import", self.tr("Import TikTok export…"), self.import_requested)
        buttons.addStretch(1)
        outer.addWidget(self.buttons)
        demo_row = QHBoxLayout()
        demo_row.addStretch(1)
        self.demo_button = QPushButton(icon("play"), "  " + self.tr("Try the demo clip"))
        self.demo_button.setToolTip(self.tr("Adds a one-minute medical explanation that ships with the app and runs "
                                            "the whole pipeline (transcript, key points, cards) offline."))
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setDefault(True)
        demo_row.addWidget(self.demo_button)
        demo_row.addStretch(1)
        outer.addLayout(demo_row)
        model_row = QHBoxLayout()
        model_row.addStretch(1)
        self.model_button = QPushButton()
        self.model_button.setFlat(True)
        self.model_button.setObjectName("betterModelOffer")
        self.model_button.setCursor(Qt.CursorShape.PointingHandCursor)
        # reads as a link (it opens Settings; nothing downloads until the student presses Download there)
        self.model_button.setStyleSheet("QPushButton#betterModelOffer { color: palette(link); border: none; "
                                        "padding: 4px 8px; } QPushButton#betterModelOffer:hover "
                                        "{ text-decoration: underline; }")
        self.model_button.clicked.connect(lambda: self.model_requested.emit(self._offered))
        model_row.addWidget(self.model_button)
        model_row.addStretch(1)
        outer.addLayout(model_row)
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
        self.heading.setText(self.tr("Your library is empty"))
        self.body.setText(self.tr(
            "Keep the short videos you learn from and turn them into Anki cards, offline.<br><br>"
            "<b>Paste a link</b> to a TikTok, YouTube Short or Instagram Reel anywhere in the window "
            "(<b>Ctrl+V</b>), <b>drop</b> video files or links here, or <b>import</b> your TikTok "
            "“Download your data” export to bring in all your favourites at once."
        ))
        self.logo.show()
        self.buttons.show()
        self.demo_button.setVisible(self.demo is not None)
        self.model_button.setVisible(bool(self._offered))

    def offer_model(self, name: str, size_mb: int, note: str = "") -> None:
        """Offer a bigger transcription model on the welcome page, with its download size ("" hides the offer)."""
        self._offered = name
        text = self.tr("Better accuracy: download {name} ({size} MB)…").format(name=name, size=size_mb) if name else ""
        self.model_button.setText(text)
        self.model_button.setAccessibleName(text)
        self.model_button.setToolTip(note or self.tr("A bigger model gets more medical terms right; it downloads "
                                                     "once and then runs on this computer like the bundled one."))
        self.model_button.setVisible(bool(name) and self.logo.isVisibleTo(self))

    def show_message(self, heading: str, body: str = "") -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.logo.hide()
        self.buttons.hide()
        self.demo_button.hide()
        self.model_button.hide()
