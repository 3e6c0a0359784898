"""Export cards to Anki: an .apkg file or a push through AnkiConnect, for a clip, a tag or everything.

The work runs on the worker (core/anki*.py, called through `dialogs_export_work`); the dialog stays responsive and
ends with a summary of what was written: notes new, updated and unchanged, media, decks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.export import ExportCounts
from studycompanion.core.anki.notetypes import DEFAULT, NoteTypeChoice, note_types
from studycompanion.core.errors import UserError
from studycompanion.ui.cards.panel import card_store_of
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.dialogs.export_work import (
    ExportOptions,
    ExportSummary,
    Selection,
    count_cards,
    default_file_name,
    export_file,
    push_to_anki,
)

__all__ = ["ExportDialog", "ExportOptions", "ExportSummary", "Selection", "count_cards", "default_file_name",
           "export_file", "push_to_anki"]


class _Progress(QObject):
    changed = Signal(float, str)


class ExportDialog(QDialog):
    exported = Signal(object)  # ExportSummary, after a successful export or push
    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None, video_id: int | None = None,
                 tag: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export cards to Anki"))
        self.setObjectName("exportDialog")
        self.services = services
        self.worker = worker
        self.store = card_store_of(services)
        self.video_id = video_id
        self._title = ""
        self._busy = False
        self._count_token = 0
        self.summary: ExportSummary | None = None
        self._cards_available = -1  # unknown until counted
        self._counts: ExportCounts | None = None
        self._progress = _Progress(self)
        self._progress.changed.connect(self._on_progress)
        self._build(tag)
        self.resize(560, 0)
        self._load()


    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self, tag: str | None) -> None:
        # what
        what = QGroupBox(self.tr("Cards"), self)
        form = QVBoxLayout(what)
        self.clip_radio = QRadioButton(self.tr("This clip"), what)
        self.tag_radio = QRadioButton(self.tr("Clips tagged"), what)
        self.all_radio = QRadioButton(self.tr("Everything in the library"), what)
        self.tag_combo = QComboBox(what)
        self.tag_combo.setEditable(True)
        self.tag_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.tag_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.tag_combo.setMinimumWidth(220)
        if tag:
            self.tag_combo.setEditText(tag)
        self.scope = QButtonGroup(self)
        for i, b in enumerate((self.clip_radio, self.tag_radio, self.all_radio)):
            self.scope.addButton(b, i)
        tag_row = QHBoxLayout()
        tag_row.addWidget(self.tag_radio)
        tag_row.addWidget(self.tag_combo, 1)
        form.addWidget(self.clip_radio)
        form.addLayout(tag_row)
        form.addWidget(self.all_radio)
        self.count_label = QLabel(what)
        self.count_label.setForegroundRole(self.count_label.foregroundRole())
        form.addWidget(self.count_label)
        self.drafts_check = QCheckBox(self.tr("Include drafts"), what)  # its text says how many, once counted
        self.drafts_check.setToolTip(self.tr("Drafts are cards you have not accepted yet; they are left out unless "
                                             "ticked"))
        self.drafts_check.toggled.connect(lambda _on: self._show_count(self._counts) if self._counts else None)
        form.addWidget(self.drafts_check)
        self.clip_radio.setEnabled(self.video_id is not None)
        (self.clip_radio if self.video_id is not None else self.tag_radio if tag else self.all_radio).setChecked(True)
        self.scope.idToggled.connect(lambda _i, on: self._selection_changed() if on else None)
        self.tag_combo.editTextChanged.connect(lambda _t: self._on_tag_edited())

        # where
        where = QGroupBox(self.tr("Send to"), self)
        grid = QFormLayout(where)
        self.file_radio = QRadioButton(self.tr("An .apkg file (double-click it to import into Anki)"), where)
        self.connect_radio = QRadioButton(self.tr("Anki, running on this computer (AnkiConnect add-on)"), where)
        self.file_radio.setChecked(True)
        self.dest = QButtonGroup(self)
        self.dest.addButton(self.file_radio, 0)
        self.dest.addButton(self.connect_radio, 1)
        self.path_edit = QLineEdit(where)
        self.path_edit.setAccessibleName(self.tr("Export file"))
        browse = QPushButton(self.tr("Browse…"), where)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.url_label = QLabel(self.services.settings.ankiconnect_url, where)
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addRow(self.file_radio)
        grid.addRow(self.tr("File"), path_row)
        grid.addRow(self.connect_radio)
        grid.addRow(self.tr("Address"), self.url_label)
        self.deck_edit = QLineEdit(where)
        self.deck_edit.setAccessibleName(self.tr("Deck name"))
        root = self.services.settings.default_deck or anki.TAG_ROOT
        self.per_tag_check = QCheckBox(self.tr("A deck per tag"), where)
        self.per_tag_check.setToolTip(self.tr("Off: every card in {deck}, with hierarchical tags (as Anki advises)")
                                      .format(deck=root))
        self.per_tag_check.setChecked(bool(getattr(self.services.settings, "anki_deck_per_tag", False)))
        self.per_tag_check.toggled.connect(self._update_deck_hint)
        grid.addRow(self.tr("Deck"), self.deck_edit)
        grid.addRow("", self.per_tag_check)
        self.note_type_combo = QComboBox(where)
        self.note_type_combo.setAccessibleName(self.tr("Note type"))
        custom = getattr(self.services.settings, "anki_custom_name", "") or ""
        for label, choice in ((self.tr("StudyCompanion's own (Text, Extra, Source, Frame, Audio)"),
                               NoteTypeChoice.OURS),
                              (self.tr("Anki's built-in Cloze and Basic"), NoteTypeChoice.ANKI),
                              (self.tr("Your own: {name}").format(name=custom) if custom else "",
                               NoteTypeChoice.CUSTOM)):
            if label:
                self.note_type_combo.addItem(label, choice.value)
        current = self.note_type_combo.findData(getattr(self.services.settings, "anki_note_type", "ours"))
        self.note_type_combo.setCurrentIndex(max(0, current))
        grid.addRow(self.tr("Note type"), self.note_type_combo)
        self._update_deck_hint()
        self.dest.idToggled.connect(lambda _i, _on: self._update())

        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.hide()
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button = self.buttons.addButton(self.tr("Show file"), QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button.hide()
        self.show_button.clicked.connect(self._show_file)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(where)
        layout.addWidget(self.bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

    def _load(self) -> None:
        library, vid = self.services.library, self.video_id

        def read() -> tuple[str, list[str]]:
            title = library.get(vid).title if vid is not None else ""
            return title, [name for name, _ in library.tags.tag_counts()]

        self._bg(read, self._loaded, lambda f: self._show_result(f.message, error=True))

    def _loaded(self, result: tuple[str, list[str]]) -> None:
        self._title, tags = result
        text = self.tag_combo.currentText()
        self.tag_combo.blockSignals(True)
        self.tag_combo.addItems(tags)
        self.tag_combo.setEditText(text or (tags[0] if tags and not self.video_id else ""))
        self.tag_combo.blockSignals(False)
        if self._title:
            self.clip_radio.setText(self.tr("This clip: {title}").format(title=self._title))
        self._selection_changed()

    # ---- state ------------------------------------------------------------------------------------

    def selection(self) -> Selection:
        if self.clip_radio.isChecked() and self.video_id is not None:
            return Selection(video_id=self.video_id)
        if self.tag_radio.isChecked():
            return Selection(tag=self.tag_combo.currentText().strip() or None)
        return Selection()

    def deck(self) -> str | None:
        return self.deck_edit.text().strip() or None

    def _on_tag_edited(self) -> None:
        if not self.tag_radio.isChecked():
            self.tag_radio.setChecked(True)  # typing a tag means exporting by tag
        else:
            self._selection_changed()

    def _selection_changed(self) -> None:
        selection = self.selection()
        path = Path(self.path_edit.text()) if self.path_edit.text() else None
        if path is None or path.name.startswith("StudyCompanion-"):
            folder = path.parent if path is not None else self.services.paths.exports
            self.path_edit.setText(str(folder / default_file_name(selection, self._title)))
        self._count_token += 1
        token, store = self._count_token, self.store
        self.count_label.setText(self.tr("Counting cards…"))
        self._bg(lambda: count_cards(store, selection),
                        lambda counts: self._show_count(counts) if token == self._count_token else None,
                        lambda f: self.count_label.setText(f.message))
        self._update()

    def _update_deck_hint(self) -> None:
        root = self.services.settings.default_deck or anki.TAG_ROOT
        self.deck_edit.setPlaceholderText(self.tr("Automatic: {deck}::<tag>").format(deck=root)
                                          if self.per_tag_check.isChecked()
                                          else self.tr("Automatic: {deck} (topics are tags)").format(deck=root))

    def _show_count(self, counts: ExportCounts) -> None:
        self._counts = counts
        drafts = counts.drafts
        self.drafts_check.setText((self.tr("Include {n} draft (not accepted yet)") if drafts == 1 else
                                   self.tr("Include {n} drafts (not accepted yet)")).format(n=drafts))
        self.drafts_check.setEnabled(drafts > 0)
        n = counts.to_send(self.drafts_check.isChecked())
        left = []
        if drafts and not self.drafts_check.isChecked():
            left.append((self.tr("{n} draft not accepted yet") if drafts == 1 else
                         self.tr("{n} drafts not accepted yet")).format(n=drafts))
        if counts.rejected:
            left.append(self.tr("{n} rejected").format(n=counts.rejected))
        if left:
            text = (self.tr("{n} card will be exported ({left} left out).") if n == 1 else
                    self.tr("{n} cards will be exported ({left} left out)."))
            text = text.format(n=n, left=self.tr(" and ").join(left))
        else:
            text = (self.tr("{n} card will be exported.") if n == 1 else
                    self.tr("{n} cards will be exported.")).format(n=n)
        self.count_label.setText(text)
        self._cards_available = n
        self._update()

    def options(self) -> ExportOptions:
        settings = self.services.settings
        choice = self.note_type_combo.currentData() or NoteTypeChoice.OURS
        try:
            types = note_types(choice, settings)
        except UserError:
            types = DEFAULT
        return ExportOptions(self.deck(), settings.default_deck or anki.TAG_ROOT, self.drafts_check.isChecked(),
                             self.per_tag_check.isChecked(), types)

    def _update(self) -> None:
        to_file = self.file_radio.isChecked()
        self.path_edit.setEnabled(to_file and not self._busy)
        self.export_button.setText(self.tr("Export") if to_file else self.tr("Send to Anki"))
        self.export_button.setEnabled(not self._busy and self._cards_available != 0)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export deck"), self.path_edit.text(),
                                              self.tr("Anki deck (*.apkg)"))
        if path:
            self.path_edit.setText(path if path.endswith(".apkg") else path + ".apkg")

    # ---- running ----------------------------------------------------------------------------------

    def start(self) -> None:
        """Export in the background; the dialog shows progress, then the summary."""
        if self._busy:
            return
        selection = self.selection()
        try:
            note_types(self.note_type_combo.currentData() or NoteTypeChoice.OURS, self.services.settings)
        except UserError as exc:
            self._show_result(exc.message, error=True)
            return
        options = self.options()
        store, library, creators = self.store, self.services.library, self.services.creators
        if self.tag_radio.isChecked() and not selection.tag:
            self._show_result(self.tr("Choose a tag to export."), error=True)
            return
        if self.file_radio.isChecked():
            out = Path(self.path_edit.text().strip()).expanduser()
            if not out.name or out.is_dir():
                self._show_result(self.tr("Choose a file name for the deck."), error=True)
                return
            if out.suffix.lower() != ".apkg":
                out = out.with_name(out.name + ".apkg")

            def run() -> ExportSummary:
                return export_file(store, library, creators, selection, out, options)
        else:
            url = self.services.settings.ankiconnect_url
            relay = self._progress

            def progress(fraction: float, message: str) -> None:
                if isValid(relay):
                    relay.changed.emit(fraction, message)

            def run() -> ExportSummary:
                return push_to_anki(store, library, creators, selection, url, options, progress=progress)

        self._busy = True
        self.bar.setRange(0, 0)
        self.bar.show()
        self.result_label.hide()
        self.show_button.hide()
        self._update()
        self._bg(run, self._done, self._failed)

    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setRange(0, 100)
        self.bar.setValue(int(fraction * 100))
        self.bar.setFormat(message or "%p%")

    def _done(self, summary: ExportSummary) -> None:
        self._busy = False
        self.summary = summary
        self.bar.hide()
        where = (self.tr("Wrote {file}.").format(file=Path(summary.target).name) if self.file_radio.isChecked()
                 else self.tr("Sent to Anki."))
        self._show_result(f"{where}\n{summary.text()}")
        self.show_button.setVisible(self.file_radio.isChecked())
        self.close_button.setText(self.tr("Done"))
        self._update()
        self._selection_changed()
        self.exported.emit(summary)
        if self.isHidden():  # closed while it ran: finish quietly
            super().reject()

    def _failed(self, failure: Failure) -> None:
        self._busy = False
        self.bar.hide()
        self._show_result(failure.message, error=True)
        self._update()
        if self.isHidden():  # closed while it ran: show what went wrong
            self.show()

    def _show_result(self, text: str, *, error: bool = False) -> None:
        self.result_label.setText(text)
        self.result_label.setStyleSheet("color: #c62828;" if error else "")
        self.result_label.show()

    def _show_file(self) -> None:
        if self.summary is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.summary.target).parent)))

    def reject(self) -> None:
        if self._busy:
            self.hide()  # the export finishes in the background; closing never leaves half a file
            return
        super().reject()
