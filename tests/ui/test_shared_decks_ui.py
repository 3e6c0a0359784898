"""The Cards tab's "Matching notes in your Anki": found over AnkiConnect against a local AnkiConnect-compatible
server backed by a real Anki collection (tests/ankiconnect_local.py), unsuspended and tagged in one action."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studycompanion.services import Services
from studycompanion.ui.cards.panel import CardsPanel
from studycompanion.ui.common.worker import Worker
from tests.ankiconnect_local import LocalAnkiConnect, build_collection
from tests.ui.ui_fixtures import clip_with_cards

pytestmark = pytest.mark.slow  # a real Anki collection


@pytest.fixture
def anki(tmp_path: Path) -> Iterator[tuple[Any, LocalAnkiConnect]]:
    col = build_collection(tmp_path / "anki" / "collection.anki2")
    with LocalAnkiConnect(col) as server:
        yield col, server
    col.close()


def _panel(qtbot: QtBot, services: Services, worker: Worker, tmp_path: Path) -> CardsPanel:
    vid = clip_with_cards(services, tmp_path)
    panel = CardsPanel(services, worker)
    qtbot.addWidget(panel)
    panel.resize(700, 760)
    panel.show()
    panel.set_video(vid)
    qtbot.waitUntil(lambda: bool(panel.cards()), timeout=10_000)
    return panel


def test_matching_notes_are_listed_then_unsuspended_and_tagged(qtbot: QtBot, services: Services, worker: Worker,
                                                               tmp_path: Path,
                                                               anki: tuple[Any, LocalAnkiConnect]) -> None:
    col, server = anki
    services.settings.ankiconnect_url = server.url
    panel = _panel(qtbot, services, worker, tmp_path)
    shared = panel.shared
    assert shared.find_button.text() == "Find in my Anki decks" and shared.find_button.isEnabled()
    assert not shared.list.isVisibleTo(panel) and server.calls == []  # nothing is asked before the click
    qtbot.mouseClick(shared.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shared.notes()), timeout=20_000)
    assert shared.list.isVisibleTo(panel) and shared.list.count() == len(shared.notes())
    texts = [str(col.get_note(n.note_id).fields[0]) for n in shared.notes()]
    # the loop-diuretics clip finds the deck's notes on furosemide and on loop diuretics, and nothing unrelated
    assert any(t.startswith("Furosemide inhibits") for t in texts[:2])
    assert any(t.startswith("Loop diuretics cause") for t in texts[:3])
    assert not any("meningitis" in t or "Metformin" in t or t.startswith("My note") for t in texts)
    first = shared.list.item(0).text()
    assert first.startswith("Suspended · ") and "matched" in first and shared.notes()[0].preview in first
    assert "suspended), best first" in shared.message_text()
    assert not shared.unsuspend_button.isEnabled() and not shared.tag_button.isEnabled()  # nothing ticked yet
    # tick the two, unsuspend: Anki's cards are active now, the rows and the message say so
    chosen = [i for i, t in enumerate(texts) if t.startswith(("Furosemide inhibits", "Loop diuretics cause"))]
    shared.set_checked(chosen)
    assert shared.unsuspend_button.isEnabled()
    notes = shared.checked_notes()
    cards = [c for n in notes for c in n.cards]
    assert all(col.get_card(c).queue == -1 for c in cards)
    qtbot.mouseClick(shared.unsuspend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cards unsuspended" in shared.message_text(), timeout=10_000)
    assert shared.message_text() == f"{len(cards)} cards unsuspended."
    assert all(col.get_card(c).queue != -1 for c in cards)
    others = [c for i, n in enumerate(shared.notes()) if i not in chosen for c in n.cards]
    assert all(col.get_card(c).queue == -1 for c in others)  # only the ticked ones changed
    assert all(shared.list.item(i).text().startswith("Active · ") for i in chosen)
    # then tag them
    shared.tag_edit.setText("StudyCompanion::loop_diuretics")
    qtbot.mouseClick(shared.tag_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "tagged" in shared.message_text(), timeout=10_000)
    assert shared.message_text() == "2 notes tagged StudyCompanion::loop_diuretics."
    assert all("StudyCompanion::loop_diuretics" in col.get_note(n.note_id).tags for n in notes)


def test_anki_not_running_reads_as_a_message(qtbot: QtBot, services: Services, worker: Worker,
                                             tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    services.settings.ankiconnect_url = f"http://127.0.0.1:{port}"
    panel = _panel(qtbot, services, worker, tmp_path)
    qtbot.mouseClick(panel.shared.find_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not running" in panel.shared.message_text(), timeout=20_000)
    assert "Anki is not running" in panel.shared.message_text() and "AnkiConnect" in panel.shared.message_text()
    assert panel.shared.find_button.isEnabled() and not panel.shared.list.isVisibleTo(panel)
