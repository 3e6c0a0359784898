"""Saving a clip's notes as the student types: after a pause in typing, or at once when the clip is left.

`NotesSaver` watches the notes box, says "Editing…", "Saving…", "Saved" or why not in its state label, and writes
through `library.set_notes` on the worker; `saved` carries the Video back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit

from studycompanion.core.db.tables import Video
from studycompanion.ui.common.worker import Background, Failure

if TYPE_CHECKING:
    from studycompanion.services import Services

NOTES_DELAY_MS = 800



class NotesSaver(QObject):
    saved = Signal(object)  # the Video with the notes written

    def __init__(self, edit: QPlainTextEdit, state: QLabel, services: Services, current_id: Callable[[], int | None],
                 run: Background, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.state = state
        self.services = services
        self._current_id = current_id
        self._run = run
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(NOTES_DELAY_MS)
        self._timer.timeout.connect(self.save)
        edit.textChanged.connect(self._on_changed)

    def load(self, notes: str) -> None:
        """Put a clip's saved notes in the box (not an edit) and switch the box on."""
        self.edit.blockSignals(True)
        self.edit.setPlainText(notes)
        self.edit.blockSignals(False)
        self._saved_text = notes
        self.state.setText("")
        self.edit.setEnabled(True)

    def _on_changed(self) -> None:
        self.state.setText(self.tr("Editing…"))
        self._timer.start()

    def save(self) -> None:
        """Write the notes now if they changed (also called when the clip changes or the view hides)."""
        self._timer.stop()
        vid = self._current_id()
        text = self.edit.toPlainText()
        if vid is None or text == self._saved_text:
            return
        self._saved_text = text
        self.state.setText(self.tr("Saving…"))
        library = self.services.library

        def done(video: Video) -> None:
            if self._current_id() == vid and self.edit.toPlainText() == text:
                self.state.setText(self.tr("Saved"))
            self.saved.emit(video)

        def failed(failure: Failure) -> None:
            self._saved_text = ""
            self.state.setText(self.tr("Not saved: {error}").format(error=failure.message))

        self._run(lambda: library.set_notes(vid, text), done, failed)
