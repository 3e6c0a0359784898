"""The clip view's left column: the player, the clip's tags, and the student's notes under it.

`ClipSidePanel` only lays the three out; the clip view connects them (playback, tag edits, `NotesSaver`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from studycompanion.ui.clip.playback import make_player
from studycompanion.ui.clip.tag_editor import TagEditor


class ClipSidePanel(QWidget):
    """Player on top (most of the height), the tag chips, then the notes box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = make_player(self)  # the stand-in without playback where Qt Multimedia cannot load
        self.tags = TagEditor(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Your notes on this clip (saved as you type)"))
        self.notes.setAccessibleName(self.tr("Personal notes"))
        self.notes_state = QLabel(self)
        self.notes_state.setForegroundRole(self.notes_state.foregroundRole())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.player, 5)
        tags_row = QHBoxLayout()
        tags_label = QLabel(self.tr("Tags"), self)
        tags_label.setBuddy(self.tags.input)
        tags_label.setFixedHeight(max(self.tags.input.sizeHint().height(), tags_label.sizeHint().height()))
        tags_row.addWidget(tags_label, 0, Qt.AlignmentFlag.AlignTop)
        tags_row.addWidget(self.tags, 1)
        layout.addLayout(tags_row)
        notes_head = QHBoxLayout()
        notes_label = QLabel(self.tr("My notes"), self)
        notes_label.setBuddy(self.notes)
        notes_head.addWidget(notes_label)
        notes_head.addStretch(1)
        notes_head.addWidget(self.notes_state)
        layout.addLayout(notes_head)
        layout.addWidget(self.notes, 2)
