"""The app's look: the system's light or dark palette (followed live), and the few colours the views draw with."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from studycompanion.core.types import JobState, VideoStatus
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP

ACCENT = QColor("#2f6fdf")


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8eaed")
    for role, color in (
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Base, base), (QPalette.ColorRole.AlternateBase, QColor("#26272b")),
        (QPalette.ColorRole.ToolTipBase, QColor("#303134")), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, QColor("#8a8d93")), (QPalette.ColorRole.Text, text),
        (QPalette.ColorRole.Button, QColor("#2b2c30")), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.BrightText, QColor("#ff6b6b")), (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, QColor("#ffffff")), (QPalette.ColorRole.Link, QColor("#8ab4f8")),
        (QPalette.ColorRole.Mid, QColor("#3c4043")), (QPalette.ColorRole.Dark, QColor("#111214")),
        (QPalette.ColorRole.Light, QColor("#3c3d41")), (QPalette.ColorRole.Midlight, QColor("#333438")),
        (QPalette.ColorRole.Shadow, QColor("#000000")),
    ):
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7277"))
    return p


class ThemeWatcher(QObject):
    """Applies the palette once and again whenever the system switches between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self._light = QPalette(app.palette())
        self.appearance = "system"  # the student's choice in Settings: system / light / dark
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self.apply)
        self.apply(hints.colorScheme())

    def set_appearance(self, appearance: str) -> None:
        """Follow the desktop ("system"), or stay light or dark whatever it does."""
        self.appearance = appearance if appearance in APPEARANCES else "system"
        self.apply(QGuiApplication.styleHints().colorScheme())

    def apply(self, scheme: Qt.ColorScheme) -> None:
        """Use the platform's palette, or a dark one when the system is dark but the style's palette is not."""
        if self.appearance == "dark":
            scheme = Qt.ColorScheme.Dark
        elif self.appearance == "light":
            self.app.setPalette(self._light if not is_dark(self._light) else self.app.style().standardPalette())
            return
        if scheme == Qt.ColorScheme.Dark and not is_dark(self._light):
            # the platform asks for dark but its style draws a light palette (Fusion on some desktops)
            self.app.setPalette(_dark_palette())
        else:
            self.app.setPalette(self._light)


APPEARANCES = ("system", "light", "dark")


def set_appearance(app: QApplication, appearance: str) -> None:
    """Apply the Settings choice through the app's theme watcher (the one apply_theme made), if there is one."""
    watcher = app.findChild(ThemeWatcher)
    if watcher is not None:
        watcher.set_appearance(appearance)


def apply_theme(app: QApplication) -> ThemeWatcher:
    """Native style on Windows and macOS (they follow the system scheme themselves); Fusion elsewhere."""
    if sys.platform not in ("win32", "darwin"):
        app.setStyle("Fusion")
    return ThemeWatcher(app)


# ---- colours for badges ------------------------------------------------------------------------------------

STATUS_LABELS = {  # English source texts: show them through status_label()
    VideoStatus.QUEUED: QT_TRANSLATE_NOOP("Theme", "Queued"),
    VideoStatus.DOWNLOADING: QT_TRANSLATE_NOOP("Theme", "Downloading"),
    VideoStatus.READY: QT_TRANSLATE_NOOP("Theme", "Downloaded"),
    VideoStatus.TRANSCRIBED: QT_TRANSLATE_NOOP("Theme", "Transcribed"),
    VideoStatus.CARDS: QT_TRANSLATE_NOOP("Theme", "Cards ready"),
    VideoStatus.FAILED: QT_TRANSLATE_NOOP("Theme", "Failed"),
}


def status_label(status: VideoStatus) -> str:
    return QCoreApplication.translate("Theme", STATUS_LABELS[status])

STATUS_COLORS = {
    VideoStatus.QUEUED: QColor("#7a7f87"),
    VideoStatus.DOWNLOADING: QColor("#2f6fdf"),
    VideoStatus.READY: QColor("#6b5bd6"),
    VideoStatus.TRANSCRIBED: QColor("#0f8a7e"),
    VideoStatus.CARDS: QColor("#2e8b3e"),
    VideoStatus.FAILED: QColor("#c8372d"),
}

JOB_STATE_COLORS = {
    JobState.QUEUED: QColor("#7a7f87"),
    JobState.RUNNING: QColor("#2f6fdf"),
    JobState.DONE: QColor("#2e8b3e"),
    JobState.FAILED: QColor("#c8372d"),
    JobState.CANCELLED: QColor("#9a6a00"),
}


def fmt_duration(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    total = round(seconds)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fmt_eta(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    translate = QCoreApplication.translate
    total = round(seconds)
    if total < 60:
        return translate("Theme", "{s} s left").format(s=total)
    m, s = divmod(total, 60)
    if m < 60:
        return translate("Theme", "{m} min {s} s left").format(m=m, s=f"{s:02d}")
    h, m = divmod(m, 60)
    return translate("Theme", "{h} h {m} min left").format(h=h, m=f"{m:02d}")
