"""The clip view's keys: play / pause, seek, a card from the moment, fix a word, and back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from studycompanion.ui.clip.player import SEEK_STEP, PlayerPanel


def install_shortcuts(view: QWidget, player: PlayerPanel, *, active: Callable[[], bool], make_card: Callable[[], None],
                      fix: Callable[[], None], back: Callable[[], None]) -> None:
    """Window-wide keys on `view`: Space, J / K / L (as in video players), C (a card from the line being said, as
    asbplayer / subs2srs do) and F2 (fix the selected words, or the word last clicked) act while `active()` (the view
    shows a clip); Back / Esc go back while the view is visible."""
    ctx = Qt.ShortcutContext.WindowShortcut
    for key, slot in (
        (Qt.Key.Key_Space, player.toggle_play),
        (Qt.Key.Key_J, lambda: player.seek_relative(-SEEK_STEP)),
        (Qt.Key.Key_K, player.pause),
        (Qt.Key.Key_L, lambda: player.seek_relative(SEEK_STEP)),
        (Qt.Key.Key_C, make_card),
        (Qt.Key.Key_F2, fix),
    ):
        shortcut = QShortcut(QKeySequence(key), view, context=ctx)
        shortcut.activated.connect(lambda slot=slot: slot() if active() else None)
    for seq in (QKeySequence(QKeySequence.StandardKey.Back), QKeySequence(Qt.Key.Key_Escape)):
        shortcut = QShortcut(seq, view, context=ctx)
        shortcut.activated.connect(lambda: back() if view.isVisible() else None)
