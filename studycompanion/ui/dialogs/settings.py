"""Settings: transcription model (with downloads), language, device, library folder, cards, LLM, cookies.

Edits stay in the dialog until Save; Save copies them into the shared `services.settings` and writes the file on
the worker. The library folder is remembered outside the library and takes effect at the next start.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studycompanion import paths as app_paths
from studycompanion.core.errors import BadInput
from studycompanion.core.library.demo import find_demo
from studycompanion.core.settings import Settings
from studycompanion.core.transcribe.figures import Speed, measure_speed
from studycompanion.core.transcribe.models import MODELS
from studycompanion.ui.common.accessible import name_from_labels
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.theme import set_appearance
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.dialogs.model_picker import ModelPicker
from studycompanion.ui.dialogs.settings_choices import (
    APPEARANCE_CHOICES,
    BROWSERS,
    COMPUTE_TYPES,
    DEVICES,
    LANGUAGES,
    NOTE_TYPES,
)


def _combo(items: tuple[tuple[str, str], ...], current: str, parent: QWidget) -> QComboBox:
    combo = QComboBox(parent)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)  # the dialog's width, not the longest (Spanish) entry's, decides
    for value, label in items:
        combo.addItem(QCoreApplication.translate("SettingsDialog", label), value)
    index = combo.findData(current)
    if index < 0:
        combo.addItem(current, current)
        index = combo.count() - 1
    combo.setCurrentIndex(index)
    return combo


class SettingsDialog(QDialog):
    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        self.services = services
        self.worker = worker
        self.settings: Settings = services.settings
        self._library_choice: Path | None = None
        self._build()
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(680, min(720, screen.height() - 40) if screen is not None else 720)  # fits a 640-high screen


    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any] | None = None,
            failed: Callable[[Failure], Any] | None = None) -> None:
        """Run `fn` on the worker; its callbacks are dropped if this widget is gone by then."""
        self.worker.run(fn, owned(self, done) if done else None, owned(self, failed) if failed else None)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        s = self.settings
        body = QWidget(self)
        column = QVBoxLayout(body)

        # transcription
        group = QGroupBox(self.tr("Transcription (runs on this computer)"), body)
        form = QFormLayout(group)
        self.model = ModelPicker(self.services.paths.models, self.worker, s.model, group, measure=self._time_model)
        self.model.combo.currentIndexChanged.connect(self._update_language)
        self.language = _combo(LANGUAGES, s.language or "auto", group)
        self.language_note = QLabel(group)
        self.language_note.setWordWrap(True)
        self.language_note.setForegroundRole(self.language_note.foregroundRole())
        self.device = _combo(DEVICES, s.device or "auto", group)
        self.compute_type = _combo(COMPUTE_TYPES, s.compute_type or "int8", group)
        form.addRow(self.tr("Model"), self.model)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.tr("Compute device"), self.device)
        form.addRow(self.tr("Precision"), self.compute_type)
        self.screen_text = QCheckBox(self.tr("Read the text shown on screen (local OCR) and use it in the transcript's "
                                             "prompt and the cards"), group)
        self.screen_text.setChecked(s.screen_text)
        form.addRow(self.screen_text)
        column.addWidget(group)

        # library
        group = QGroupBox(self.tr("Library"), body)
        form = QFormLayout(group)
        self.library_path = QLineEdit(str(self.services.paths.root), group)
        self.library_path.setReadOnly(True)
        self.library_path.setAccessibleName(self.tr("Library folder"))
        change = QPushButton(self.tr("Change…"), group)
        change.clicked.connect(self._choose_library)
        self.reset_library = QPushButton(self.tr("Use default"), group)
        self.reset_library.clicked.connect(self._reset_library)
        row = QHBoxLayout()
        row.addWidget(self.library_path, 1)
        row.addWidget(change)
        row.addWidget(self.reset_library)
        self.library_note = QLabel(group)
        self.library_note.setWordWrap(True)
        form.addRow(self.tr("Folder"), row)
        form.addRow("", self.library_note)
        self.appearance = _combo(APPEARANCE_CHOICES, s.appearance or "system", group)
        self.appearance.setAccessibleName(self.tr("Appearance"))
        form.addRow(self.tr("Appearance"), self.appearance)
        column.addWidget(group)
        self._update_library_note()

        # cards
        group = QGroupBox(self.tr("Cards"), body)
        form = QFormLayout(group)
        self.card_cloze = QCheckBox(self.tr("Cloze cards (the key term hidden)"), group)
        self.card_cloze.setChecked(s.card_cloze)
        self.card_basic = QCheckBox(self.tr("Basic cards (question → answer) for definitions"), group)
        self.card_basic.setChecked(s.card_basic)
        self.card_media = QCheckBox(self.tr("Add a frame and the spoken audio to each card"), group)
        self.card_media.setChecked(s.card_media)
        self.default_deck = QLineEdit(s.default_deck, group)
        self.default_deck.setPlaceholderText("StudyCompanion")  # the default deck's name, not translated
        self.default_deck.setToolTip(self.tr("Cards go into DECK::<tag> unless an export names a deck"))
        form.addRow(self.card_cloze)
        form.addRow(self.card_basic)
        form.addRow(self.card_media)
        form.addRow(self.tr("Deck"), self.default_deck)
        self.deck_per_tag = QCheckBox(self.tr("A deck per tag (DECK::tag) instead of one deck with "
                                              "hierarchical tags"), group)
        self.deck_per_tag.setChecked(s.anki_deck_per_tag)
        form.addRow(self.deck_per_tag)
        note_types = NOTE_TYPES if s.anki_custom_name else NOTE_TYPES[:2]
        self.note_type = _combo(note_types, s.anki_note_type or "ours", group)
        if s.anki_custom_name:
            self.note_type.setItemText(self.note_type.findData("custom"),
                                       self.tr("My own: {name}").format(name=s.anki_custom_name))
        form.addRow(self.tr("Note type"), self.note_type)
        self.ankiconnect_url = QLineEdit(s.ankiconnect_url, group)
        form.addRow(self.tr("AnkiConnect"), self.ankiconnect_url)
        column.addWidget(group)

        # review
        group = QGroupBox(self.tr("Review sessions"), body)
        form = QFormLayout(group)
        self.new_per_day = QSpinBox(group)
        self.new_per_day.setRange(0, 9999)
        self.new_per_day.setValue(s.review_new_per_day)
        self.reviews_per_day = QSpinBox(group)
        self.reviews_per_day.setRange(0, 99999)
        self.reviews_per_day.setValue(s.review_reviews_per_day)
        form.addRow(self.tr("New cards per day"), self.new_per_day)
        form.addRow(self.tr("Reviews per day"), self.reviews_per_day)
        column.addWidget(group)

        # LLM
        group = QGroupBox(self.tr("Language model for card wording (optional)"), body)
        form = QFormLayout(group)
        self.llm_enabled = QCheckBox(self.tr("Use a language model (off: nothing leaves this computer)"), group)
        self.llm_enabled.setChecked(s.llm_enabled)
        self.llm_enabled.toggled.connect(self._update_llm)
        self.llm_url = QLineEdit(s.llm_url, group)
        self.llm_url.setPlaceholderText(self.tr("http://127.0.0.1:11434/v1 (Ollama) or an OpenAI-compatible endpoint"))
        self.llm_model = QLineEdit(s.llm_model, group)
        self.llm_model.setPlaceholderText(self.tr("e.g. llama3.1:8b"))
        self.llm_key = QLineEdit(s.llm_key, group)
        self.llm_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.llm_key.setPlaceholderText(self.tr("only for hosted services"))
        self.llm_note = QLabel(group)
        self.llm_note.setWordWrap(True)
        form.addRow(self.llm_enabled)
        form.addRow(self.tr("Endpoint"), self.llm_url)
        form.addRow(self.tr("Model"), self.llm_model)
        form.addRow(self.tr("API key"), self.llm_key)
        form.addRow("", self.llm_note)
        column.addWidget(group)
        self._update_llm()

        # downloads
        group = QGroupBox(self.tr("Downloading clips"), body)
        form = QFormLayout(group)
        self.cookies_browser = QComboBox(group)
        for name in BROWSERS:
            self.cookies_browser.addItem(name.capitalize() if name else self.tr("None"), name)
        index = self.cookies_browser.findData(s.cookies_browser)
        if index < 0:
            self.cookies_browser.addItem(s.cookies_browser, s.cookies_browser)
            index = self.cookies_browser.count() - 1
        self.cookies_browser.setCurrentIndex(index)
        self.cookies_browser.setToolTip(self.tr("Some sites show a clip only to a signed-in browser; its cookies are "
                                                "read when a download needs them and never stored by StudyCompanion"))
        self.cookies_file = QLineEdit(s.cookies_file, group)
        self.cookies_file.setPlaceholderText(self.tr("or a cookies.txt file"))
        browse = QPushButton(self.tr("Browse…"), group)
        browse.clicked.connect(self._choose_cookies)
        row = QHBoxLayout()
        row.addWidget(self.cookies_file, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Browser cookies"), self.cookies_browser)
        form.addRow(self.tr("cookies.txt"), row)
        self.watch_folder = QLineEdit(s.watch_folder, group)
        self.watch_folder.setPlaceholderText(self.tr("off: choose a folder a phone sync or browser saves clips into"))
        self.watch_folder.setToolTip(self.tr("Video files saved into this folder are added on their own, once each"))
        watch_browse = QPushButton(self.tr("Choose…"), group)
        watch_browse.clicked.connect(self._choose_watch_folder)
        watch_clear = QPushButton(self.tr("Off"), group)
        watch_clear.setAccessibleName(self.tr("Stop watching a folder"))
        watch_clear.clicked.connect(self.watch_folder.clear)
        row = QHBoxLayout()
        row.addWidget(self.watch_folder, 1)
        row.addWidget(watch_browse)
        row.addWidget(watch_clear)
        form.addRow(self.tr("Watch folder"), row)
        column.addWidget(group)
        column.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # the body wraps to the dialog's width (long model descriptions and Spanish labels ran off its right edge
        # behind a horizontal scrollbar); it scrolls only up and down
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._update_language()
        name_from_labels(self)  # each field is read out with the label in front of it

    # ---- reactions --------------------------------------------------------------------------------

    def _update_language(self) -> None:
        spec = MODELS.get(self.model.selected())
        english_only = spec is not None and not spec.multilingual
        self.language.setEnabled(not english_only)
        self.language_note.setText(self.tr("This model understands English only; pick base or small for other "
                                           "languages.")
                                   if english_only else "")
        self.language_note.setVisible(english_only)

    def _update_llm(self) -> None:
        on = self.llm_enabled.isChecked()
        for w in (self.llm_url, self.llm_model, self.llm_key):
            w.setEnabled(on)
        self.llm_note.setText(self.tr("Transcript text of each clip is sent to this endpoint when cards are made.")
                              if on else self.tr("Off: key points and cards are made on this computer."))

    def _update_library_note(self) -> None:
        current = self.services.paths.root
        choice = self._library_choice
        env = os.environ.get(app_paths.HOME_ENV)
        if env:
            note = self.tr("{variable} is set, so this folder is used whatever is chosen here.").format(
                variable=app_paths.HOME_ENV)
        elif choice is not None and choice != current:
            note = self.tr("From the next start StudyCompanion opens the library in {folder}. An empty folder starts a "
                           "new library; copy this folder's contents there first to take your clips along.").format(
                folder=choice)
        else:
            note = self.tr("Clips, transcripts, cards and settings live here. Back it up by copying the folder.")
        self.library_note.setText(note)
        self.library_path.setText(str(choice or current))

    def _choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Library folder"), str(self.services.paths.root))
        if folder:
            self._library_choice = Path(folder)
            self._update_library_note()

    def _reset_library(self) -> None:
        self._library_choice = app_paths.default_library_location()
        self._update_library_note()

    def _choose_watch_folder(self) -> None:
        start = self.watch_folder.text().strip() or str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, self.tr("Watch folder"), start)
        if folder:
            self.watch_folder.setText(folder)

    def show_model(self, name: str) -> None:
        """Open at the model picker with `name` chosen (its size, accuracy and Download button show)."""
        index = self.model.combo.findData(name)
        if index >= 0:
            self.model.combo.setCurrentIndex(index)
        self.model.combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose_cookies(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("cookies.txt"), str(Path.home()),
                                              self.tr("Cookies (*.txt);;All files (*)"))
        if path:
            self.cookies_file.setText(path)

    # ---- saving -----------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The settings as edited in the dialog (not saved yet)."""
        return {
            "model": self.model.selected(),
            "language": str(self.language.currentData()),
            "device": str(self.device.currentData()),
            "compute_type": str(self.compute_type.currentData()),
            "screen_text": self.screen_text.isChecked(),
            "appearance": str(self.appearance.currentData()),
            "card_cloze": self.card_cloze.isChecked(),
            "card_basic": self.card_basic.isChecked(),
            "card_media": self.card_media.isChecked(),
            "default_deck": self.default_deck.text().strip() or "StudyCompanion",
            "anki_deck_per_tag": self.deck_per_tag.isChecked(),
            "anki_note_type": str(self.note_type.currentData()),
            "review_new_per_day": self.new_per_day.value(),
            "review_reviews_per_day": self.reviews_per_day.value(),
            "ankiconnect_url": self.ankiconnect_url.text().strip() or Settings().ankiconnect_url,
            "llm_enabled": self.llm_enabled.isChecked(),
            "llm_url": self.llm_url.text().strip(),
            "llm_model": self.llm_model.text().strip(),
            "llm_key": self.llm_key.text(),
            "cookies_browser": str(self.cookies_browser.currentData() or ""),
            "cookies_file": self.cookies_file.text().strip(),
            "watch_folder": self.watch_folder.text().strip(),
        }

    def _time_model(self, name: str) -> Speed:
        """Runs on the worker after a download: the new model on the demo clip, with the app's one engine."""
        demo = find_demo()
        if demo is None:
            raise BadInput(self.tr("The demo clip is missing from this installation, so the model cannot be timed."))
        return measure_speed(self.services.engine, name, self.services.paths.models, demo.media)

    def save(self) -> None:
        values = self.values()
        if not values["card_cloze"] and not values["card_basic"]:
            self._show_error(self.tr("Choose at least one kind of card."))
            return
        if values["llm_enabled"] and not (values["llm_url"] and values["llm_model"]):
            self._show_error(self.tr("The language model needs an endpoint and a model name (or switch it off)."))
            return
        if self.model.is_downloading():
            self._show_error(self.tr("A model is still downloading: wait for it to finish, or cancel it."))
            return
        if values["model"] != self.settings.model and not self.model.is_available(values["model"]):
            self._show_error(self.tr("The {model} model is not on this computer yet: download it first, or keep the "
                                     "current model.").format(model=values["model"]))
            return
        if values["watch_folder"] and not Path(values["watch_folder"]).expanduser().is_dir():
            self._show_error(self.tr("There is no folder at {folder} to watch.").format(folder=values["watch_folder"]))
            return
        if values["cookies_file"] and not Path(values["cookies_file"]).expanduser().is_file():
            self._show_error(self.tr("There is no cookies file at {file}.").format(file=values["cookies_file"]))
            return
        for key, value in values.items():
            setattr(self.settings, key, value)
        store, settings, choice = self.services.settings_store, self.settings, self._library_choice
        current = self.services.paths.root

        def write() -> None:
            store.save(settings)
            if choice is not None:
                default = app_paths.default_library_location().resolve()
                target = choice.expanduser().resolve()
                if target == current and app_paths.chosen_library_location() is None:
                    return
                app_paths.set_library_location(None if target == default else target)

        self.buttons.setEnabled(False)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_appearance(app, settings.appearance)  # at once, not at the next start
        self._bg(write, lambda _r: self.accept(), self._save_failed)

    def _save_failed(self, failure: Failure) -> None:
        self.buttons.setEnabled(True)
        self._show_error(self.tr("The settings could not be saved: {error}").format(error=failure.message))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def reject(self) -> None:
        self.model.cancel()
        super().reject()

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is not None \
                and isinstance(self.focusWidget(), QLineEdit):
            return  # Enter in a field does not save the whole dialog by surprise
        super().keyPressEvent(event)
