"""Fix once, and it flows everywhere (issue 12): the small dialog that takes the right words, and the flow that
applies the fix on the worker (services.fixes), says what it changed and can undo it.

`FixFlow.ask(video_id, wrong)` opens the dialog (not modal for the rest of the app: it counts, in the background,
the other clips that have the same words for its "everywhere" box); on OK it applies the fix and emits `fixed`;
`undo()` puts the last fix back and emits `undone`. The clip view reloads what the fix changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from studycompanion.core.cards.fixes import FixResult
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

if TYPE_CHECKING:
    from studycompanion.services import Services


class FixDialog(QDialog):
    """"The transcript says “wrong”. What was said?" with the right words and an "everywhere" box."""

    def __init__(self, wrong: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fixDialog")
        self.setWindowTitle(self.tr("Fix the transcript"))
        self.wrong = wrong
        self.question = QLabel(self.tr("The transcript says <b>“{words}”</b>. What was said?").format(
            words=_esc(wrong)), self)
        self.question.setTextFormat(Qt.TextFormat.RichText)
        self.right_edit = QLineEdit(wrong, self)
        self.right_edit.setAccessibleName(self.tr("The right words"))
        self.right_edit.selectAll()
        self.everywhere = QCheckBox(self.tr("Counting the other clips that have it…"), self)
        self.everywhere.setEnabled(False)
        self.note = QLabel(self.tr("It also changes this clip's key points and the drafts you have not edited, joins "
                                   "your dictionary for later transcripts, and can be undone."), self)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(self.note.foregroundRole())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Fix"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.right_edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.right_edit)
        layout.addWidget(self.everywhere)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._check()

    def set_other_clips(self, n: int) -> None:
        """How many other clips have the same words: the "everywhere" box says so (and is off when none does)."""
        if n:
            text = (self.tr("Also fix it in the {n} other clip that has “{words}”") if n == 1 else
                    self.tr("Also fix it in the {n} other clips that have “{words}”"))
            self.everywhere.setText(text.format(n=n, words=self.wrong))
            self.everywhere.setEnabled(True)
        else:
            self.everywhere.setText(self.tr("No other clip has “{words}”").format(words=self.wrong))
            self.everywhere.setChecked(False)
            self.everywhere.setEnabled(False)

    def right(self) -> str:
        return " ".join(self.right_edit.text().split())

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.right()) and self.right() != self.wrong)

    def _accept(self) -> None:
        if self.right() and self.right() != self.wrong:
            self.accept()


class FixFlow(QObject):
    """Asks, applies on the worker, remembers the last fix so it can be undone."""

    fixed = Signal(object)  # FixResult
    undone = Signal(object)  # FixResult
    failed = Signal(str)  # a readable message

    def __init__(self, services: Services, worker: Worker, parent: QWidget) -> None:
        super().__init__(parent)
        self.services = services
        self.worker = worker
        self._parent = parent
        self.dialog: FixDialog | None = None
        self.last: FixResult | None = None

    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any]) -> None:
        self.worker.run(fn, owned(self, done), owned(self, self._failed))

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure.message)

    def ask(self, video_id: int, wrong: str) -> FixDialog:
        if self.dialog is not None:
            self.dialog.close()
        dialog = self.dialog = FixDialog(wrong, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        fixes = self.services.fixes

        def others() -> int:
            return sum(1 for vid in fixes.clips_with(wrong) if vid != video_id)

        def counted(n: int) -> None:
            if self.dialog is dialog:
                dialog.set_other_clips(n)

        self._bg(others, counted)
        dialog.accepted.connect(lambda: self.apply(video_id, wrong, dialog.right(), dialog.everywhere.isChecked()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        dialog.open()
        dialog.right_edit.setFocus()
        return dialog

    def apply(self, video_id: int, wrong: str, right: str, everywhere: bool) -> None:
        fixes = self.services.fixes

        def done(result: FixResult) -> None:
            self.last = result
            self.fixed.emit(result)

        self._bg(lambda: fixes.apply(video_id, wrong, right, everywhere=everywhere), done)

    def undo(self) -> None:
        last = self.last
        if last is None:
            return
        self.last = None
        fixes = self.services.fixes
        self._bg(lambda: fixes.undo(last.fix_id), self.undone.emit)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
