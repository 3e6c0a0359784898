"""The Cards tab's "Matching notes in your Anki" section (issue 17): the notes of the student's shared deck
(AnKing) that match this clip, found over AnkiConnect on the worker, and one action (unsuspend, tag) for the
ones ticked, with what it changed.

Nothing is sent to Anki until the student presses "Find in my Anki decks"; only the AnkiConnect address in the
settings (the student's own machine) is contacted. The search and the action are core/anki/shared_decks.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.anki import shared_decks as sd
from studycompanion.core.anki.connect import AnkiConnect
from studycompanion.core.cards import cloze
from studycompanion.core.transcribe.vocab import load_vocabulary
from studycompanion.core.types import CardState
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

NOTE_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_TAG = "StudyCompanion"


def clip_search_terms(services: Any, video_id: int) -> list[sd.WeightedTerm]:
    """Runs on the worker: the clip's terms to look for (the words its cards hide, its own tags and hashtags,
    vocabulary terms its key points say), weighted by its key points."""
    library = services.library
    video = library.get(video_id)
    cards = services.card_store.list_cards(video_ids=[video_id], include_rejected=False)
    hidden = [a for c in cards if c.state != CardState.REJECTED for a in cloze.answers(c.front)]
    tags = [t.split("::")[-1].replace("_", " ") for t in library.tags.tags_for(video_id)]
    hashtags = [h.lstrip("#") for h in (video.hashtags or [])]
    return sd.clip_terms(library.keypoints(video_id), terms=[*hidden, *tags, *hashtags],
                         vocabulary=load_vocabulary())


def note_row(note: sd.SharedNote) -> str:
    """'Suspended · Cardiovascular › Pharmacology · matched metoprolol' over the note's text."""
    translate = QCoreApplication.translate
    if not note.cards:
        state = translate("SharedDecks", "no cards")
    elif len(note.suspended) == len(note.cards):
        state = translate("SharedDecks", "Suspended")
    elif note.suspended:
        state = translate("SharedDecks", "{n} of {total} cards suspended").format(n=len(note.suspended),
                                                                                 total=len(note.cards))
    else:
        state = translate("SharedDecks", "Active")
    where = note.topic or ", ".join(note.tags[:2]) or translate("SharedDecks", "no tags")
    return translate("SharedDecks", "{state} · {where} · matched {terms}\n{text}").format(
        state=state, where=where, terms=", ".join(note.matched), text=note.preview)


class SharedDecksSection(QWidget):
    """A heading with "Find in my Anki decks"; then the ranked notes (tick them) and Unsuspend / Tag."""

    def __init__(self, services: Any, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharedDecks")
        self.services = services
        self.worker = worker
        self._video_id: int | None = None
        self._notes: list[sd.SharedNote] = []
        self.heading = QLabel(self.tr("<b>Matching notes in your Anki</b>"), self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setToolTip(self.tr("The notes of your shared deck (AnKing: tags #AK_…) that match this clip's "
                                        "terms, to unsuspend or tag what you just learned. Asks Anki (AnkiConnect) on "
                                        "this machine."))
        self.find_button = QPushButton(self.tr("Find in my Anki decks"), self)
        self.find_button.setToolTip(self.tr("Search your Anki collection (Anki must be open with AnkiConnect)"))
        self.find_button.clicked.connect(self.search)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.heading, 1)
        head.addWidget(self.find_button)

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Matching notes in your Anki"))
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setMaximumHeight(170)
        self.list.itemChanged.connect(lambda _item: self._update_buttons())
        self.unsuspend_button = QPushButton(self.tr("Unsuspend"), self)
        self.unsuspend_button.setToolTip(self.tr("Unsuspend the ticked notes' cards in Anki"))
        self.unsuspend_button.clicked.connect(lambda: self.apply(sd.SharedAction.UNSUSPEND))
        self.tag_edit = QLineEdit(DEFAULT_TAG, self)
        self.tag_edit.setAccessibleName(self.tr("Tag for the ticked notes"))
        self.tag_edit.setMaximumWidth(200)
        self.tag_button = QPushButton(self.tr("Tag"), self)
        self.tag_button.setToolTip(self.tr("Add this tag to the ticked notes in Anki (use :: for levels)"))
        self.tag_button.clicked.connect(lambda: self.apply(sd.SharedAction.TAG))
        actions = self.actions_row = QWidget(self)
        row = QHBoxLayout(actions)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.unsuspend_button)
        row.addStretch(1)
        row.addWidget(self.tag_edit)
        row.addWidget(self.tag_button)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.list)
        layout.addWidget(actions)
        layout.addWidget(self.message)
        self._show_notes([])
        self.message.hide()

    def _bg(self, fn: Callable[[], Any], done: Callable[[Any], Any]) -> None:
        self.worker.run(fn, owned(self, done), owned(self, self._failed))

    def _connect(self) -> AnkiConnect:
        return AnkiConnect(getattr(self.services.settings, "ankiconnect_url", "") or "", timeout=15)

    # ---- the clip ---------------------------------------------------------------------------------------

    def set_video(self, video_id: int | None) -> None:
        if video_id != self._video_id:
            self._video_id = video_id
            self._show_notes([])
            self.message.hide()
        self.find_button.setEnabled(video_id is not None)

    def notes(self) -> list[sd.SharedNote]:
        return list(self._notes)

    # ---- finding ----------------------------------------------------------------------------------------

    def search(self) -> None:
        vid = self._video_id
        if vid is None:
            return
        services, connect = self.services, self._connect()

        def search() -> sd.SharedMatches:
            terms = clip_search_terms(services, vid)
            return sd.find_matches(connect, terms, clip_tags=services.library.tags.tags_for(vid))

        self.find_button.setEnabled(False)
        self._say(self.tr("Searching your Anki collection…"))
        self._bg(search, lambda found: self._found(vid, found))

    def _found(self, vid: int, found: sd.SharedMatches) -> None:
        self.find_button.setEnabled(True)
        if vid != self._video_id:
            return
        self._show_notes(found.notes)
        if found.notes:
            n = len(found.notes)
            suspended = sum(1 for note in found.notes if note.suspended)
            text = (self.tr("{n} matching note ({suspended} suspended), best first. Tick the ones you just learned, "
                            "then Unsuspend or Tag.") if n == 1 else
                    self.tr("{n} matching notes ({suspended} suspended), best first. Tick the ones you just learned, "
                            "then Unsuspend or Tag."))
            self._say(text.format(n=n, suspended=suspended))
        elif not found.scope_size:
            self._say(self.tr("Your Anki collection has no notes of a shared deck like AnKing (tags #AK_…), so there "
                              "is nothing to match."))
        elif not found.terms:
            self._say(self.tr("This clip has no terms to look for yet: make its cards first."))
        else:
            searched = ", ".join(q.term.text for q in found.terms[:6])
            self._say(self.tr("No note of your shared deck ({n} notes) matches this clip (searched: {terms}).").format(
                n=found.scope_size, terms=searched))

    def _show_notes(self, notes: list[sd.SharedNote]) -> None:
        self._notes = list(notes)
        self.list.blockSignals(True)
        self.list.clear()
        for note in self._notes:
            item = QListWidgetItem(note_row(note))
            item.setData(NOTE_ROLE, note.note_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(self.tr("Tags: {tags}\nNote type: {model}").format(
                tags=", ".join(note.tags) or self.tr("none"), model=note.model))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.list.setVisible(bool(self._notes))
        self.actions_row.setVisible(bool(self._notes))
        self._update_buttons()

    def set_checked(self, rows: list[int]) -> None:
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Checked if i in rows else Qt.CheckState.Unchecked)

    def checked_notes(self) -> list[sd.SharedNote]:
        ids = {self.list.item(i).data(NOTE_ROLE) for i in range(self.list.count())
               if self.list.item(i).checkState() == Qt.CheckState.Checked}
        return [n for n in self._notes if n.note_id in ids]

    def _update_buttons(self) -> None:
        chosen = self.checked_notes()
        self.unsuspend_button.setEnabled(any(n.suspended for n in chosen))
        self.tag_button.setEnabled(bool(chosen))

    # ---- the action -------------------------------------------------------------------------------------

    def apply(self, action: sd.SharedAction) -> None:
        chosen = self.checked_notes()
        if not chosen:
            self._say(self.tr("Tick the notes first."))
            return
        connect, tag = self._connect(), self.tag_edit.text().strip()

        def run() -> sd.ActionReport:
            if action is sd.SharedAction.UNSUSPEND:
                return sd.apply_action(connect, chosen, action)
            return sd.apply_action(connect, chosen, action, tag=tag)

        for b in (self.unsuspend_button, self.tag_button):
            b.setEnabled(False)
        self._say(self.tr("Asking Anki…"))
        self._bg(run, lambda report: self._applied(chosen, report))

    def _applied(self, chosen: list[sd.SharedNote], report: sd.ActionReport) -> None:
        missing = set(report.missing)
        for note in chosen:
            if note.note_id in missing:
                continue
            if report.action is not sd.SharedAction.TAG and not report.still_suspended:
                note.suspended = []
            if report.action is not sd.SharedAction.UNSUSPEND and report.tag not in note.tags:
                note.tags.append(report.tag)
        checked = {n.note_id for n in chosen}
        self._show_notes(self._notes)
        self.set_checked([i for i, n in enumerate(self._notes) if n.note_id in checked])
        self._say(report.summary())

    # ---- messages ---------------------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _failed(self, failure: Failure) -> None:
        self.find_button.setEnabled(self._video_id is not None)
        self._update_buttons()
        self._say(failure.message)

    def message_text(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""
