"""The export dialog: an .apkg that real Anki imports, re-export after an edit, tag selection, AnkiConnect push."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from studycompanion.core.anki import notes as anki
from studycompanion.core.cards.store import CardStore
from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.dialogs.export import ExportDialog, Selection, default_file_name
from tests.cards_fixtures import import_apkg, new_collection
from tests.test_anki_connect import FakeAnki, fake_anki  # noqa: F401 - the fixture
from tests.ui.ui_fixtures import clip_with_cards

pytestmark = pytest.mark.slow  # real media and a real Anki collection


@pytest.fixture
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.wait(10_000)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    collection = new_collection(tmp_path / "anki")
    yield collection
    collection.close()


def _dialog(qtbot: QtBot, services: Services, worker: Worker, **kw: Any) -> ExportDialog:
    dialog = ExportDialog(services, worker, None, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: "will be exported" in dialog.count_label.text(), timeout=10_000)
    return dialog


def _run(qtbot: QtBot, dialog: ExportDialog) -> str:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.result_label.isHidden() and not dialog._busy, timeout=30_000)
    return dialog.result_label.text()


def test_apkg_of_a_clip_imports_into_anki_and_reexport_updates(
    qtbot: QtBot, services: Services, worker: Worker, col: Any, tmp_path: Path
) -> None:
    vid = clip_with_cards(services, tmp_path)
    other = clip_with_cards(services, tmp_path, "10_thyroid", tags=("Endo::Thyroid",))
    store = CardStore(services.db)
    cards = store.for_export(video_ids=[vid])
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    assert dialog.clip_radio.isChecked() and dialog.selection() == Selection(video_id=vid)
    assert dialog.count_label.text().startswith(f"{len(cards)} cards")
    out = tmp_path / "out" / "loops.apkg"
    dialog.path_edit.setText(str(out))
    text = _run(qtbot, dialog)
    assert dialog.summary is not None and "could not" not in text
    assert f"{len(cards)} notes" in text and f"{len(cards)} new, 0 updated, 0 unchanged" in text
    assert out.is_file()

    import_apkg(col, out)
    notes = [col.get_note(n) for n in col.find_notes("")]
    assert len(notes) == len(cards)  # only this clip's cards
    assert {n[anki.ID_FIELD] for n in notes} == {c.guid for c in cards}
    assert all(col.get_note(n).note_type()["name"] == anki.CLOZE_MODEL_NAME for n in col.find_notes(""))
    media = set(col.media.dir() and Path(col.media.dir()).iterdir())
    assert media and all(p.stat().st_size > 0 for p in media)  # frames and audio came along
    assert not store.for_export(video_ids=[other])[0].exported_at

    # edit one card, export again: one note updated, none added
    edited = cards[0]
    assert edited.id is not None
    store.edit(edited.id, front="Loop diuretics act on the {{c1::thick ascending limb}}.")
    dialog2 = _dialog(qtbot, services, worker, video_id=vid)
    dialog2.path_edit.setText(str(out))
    text = _run(qtbot, dialog2)
    assert f"0 new, 1 updated, {len(cards) - 1} unchanged" in text
    import_apkg(col, out)
    by_guid = {col.get_note(n)[anki.ID_FIELD]: col.get_note(n) for n in col.find_notes("")}
    assert len(by_guid) == len(cards)
    assert "thick ascending limb" in by_guid[edited.guid]["Text"]


def test_export_by_tag_with_a_deck_name_and_everything(
    qtbot: QtBot, services: Services, worker: Worker, col: Any, tmp_path: Path
) -> None:
    renal = clip_with_cards(services, tmp_path)
    endo = clip_with_cards(services, tmp_path, "10_thyroid", tags=("Endo::Thyroid",))
    store = CardStore(services.db)
    dialog = _dialog(qtbot, services, worker, tag="Endo")
    assert dialog.tag_radio.isChecked() and dialog.selection() == Selection(tag="Endo")
    qtbot.waitUntil(lambda: dialog.tag_combo.count() >= 2, timeout=5_000)  # the library's tags are offered
    dialog.deck_edit.setText("Boards::Endocrine")
    out = tmp_path / "endo.apkg"
    dialog.path_edit.setText(str(out))
    text = _run(qtbot, dialog)
    assert "Deck: Boards::Endocrine" in text
    import_apkg(col, out)
    ids = {col.get_note(n)[anki.ID_FIELD] for n in col.find_notes("")}
    assert ids == {c.guid for c in store.for_export(video_ids=[endo])}
    assert "Boards::Endocrine" in [d.name for d in col.decks.all_names_and_ids()]

    everything = _dialog(qtbot, services, worker)
    assert everything.all_radio.isChecked()
    total = len(store.for_export(video_ids=[renal, endo]))
    qtbot.waitUntil(lambda: everything.count_label.text().startswith(f"{total} cards"), timeout=5_000)
    assert Path(everything.path_edit.text()).name == default_file_name(Selection())


def test_rejected_cards_stay_out_and_an_empty_selection_cannot_export(
    qtbot: QtBot, services: Services, worker: Worker, tmp_path: Path
) -> None:
    vid = clip_with_cards(services, tmp_path)
    store = CardStore(services.db)
    ids = [c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None]
    store.reject(ids[:1])
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    assert f"({1} rejected left out)" in dialog.count_label.text()
    store.reject(ids)
    dialog2 = _dialog(qtbot, services, worker, video_id=vid)
    assert dialog2.count_label.text().startswith("0 cards")
    assert not dialog2.export_button.isEnabled()


def test_push_to_anki_through_ankiconnect(
    qtbot: QtBot, services: Services, worker: Worker, tmp_path: Path,
    fake_anki: tuple[FakeAnki, str],  # noqa: F811 - the fixture
) -> None:
    fake, url = fake_anki
    services.settings.ankiconnect_url = url
    vid = clip_with_cards(services, tmp_path)
    cards = CardStore(services.db).for_export(video_ids=[vid])
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    dialog.connect_radio.setChecked(True)
    assert dialog.export_button.text() == "Send to Anki"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as sent:
        text = _run(qtbot, dialog)
    assert sent.args[0].new == len(cards)
    assert text.startswith("Sent to Anki.")
    assert f"{len(cards)} new, 0 updated" in text
    assert len(fake.notes) == len(cards)
    assert "StudyCompanion::Renal::Diuretics" in text


def test_anki_not_running_is_a_readable_message(qtbot: QtBot, services: Services, worker: Worker,
                                                tmp_path: Path) -> None:
    services.settings.ankiconnect_url = "http://127.0.0.1:9"
    vid = clip_with_cards(services, tmp_path)
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    dialog.connect_radio.setChecked(True)
    text = _run(qtbot, dialog)
    assert "Anki" in text and "Traceback" not in text
    assert dialog.export_button.isEnabled()  # it can be tried again
