"""The import-choice dialog: a TikTok export's favourites, likes or both, with their counts, before importing.

Shown by the adding flow when `inspect_export(path).has_choice` (an export with both lists); it only asks.
Hook (ui/adding/adding.py, import_file): read the counts on the worker (`inspect_export`), then on the UI
thread `choice = ImportChoiceDialog.ask(parent, counts)`; None means cancelled; else queue
`read_import(path, choice=choice)` with `queue_batch(..., progress=...)` feeding a QProgressBar through the
worker's progress signal (done, total).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.capture.import_model import ExportCounts, ImportChoice


class ImportChoiceDialog(QDialog):
    def __init__(self, counts: ExportCounts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts = counts
        self.setWindowTitle(self.tr("Import from TikTok"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("This export has favourites and liked videos. Which do you want to import?")
                       if counts.has_choice else self.tr("This is what the export holds. Import it?"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.buttons: dict[ImportChoice, QRadioButton] = {}
        labels = {
            ImportChoice.FAVOURITES: self.tr("Favourites (%n)", "", counts.total(ImportChoice.FAVOURITES)),
            ImportChoice.LIKES: self.tr("Liked videos (%n)", "", counts.total(ImportChoice.LIKES)),
            ImportChoice.BOTH: self.tr("Both (%n)", "", counts.total(ImportChoice.BOTH)),
        }
        for choice, text in labels.items():
            button = QRadioButton(text, self)
            button.setAccessibleName(text)
            button.setEnabled(counts.total(choice) > 0)  # an empty list is shown, not offered
            self.group.addButton(button)
            self.buttons[choice] = button
            layout.addWidget(button)
        first = next((c for c in (ImportChoice.FAVOURITES, ImportChoice.LIKES) if counts.total(c)), None)
        self.buttons[first or ImportChoice.FAVOURITES].setChecked(True)
        notes = []
        if counts.in_both:
            notes.append(self.tr("In both lists: %n (imported once).", "", counts.in_both))
        if counts.posts:
            notes.append(self.tr("Your own posts, never imported: %n.", "", counts.posts))
        self.note = QLabel(" ".join(notes), self)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(notes))
        layout.addWidget(self.note)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = box.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Import"))
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)

    def choice(self) -> ImportChoice:
        for choice, button in self.buttons.items():
            if button.isChecked():
                return choice
        return ImportChoice.FAVOURITES

    @classmethod
    def ask(cls, parent: QWidget | None, counts: ExportCounts) -> ImportChoice | None:
        dialog = cls(counts, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
