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
from studycompanion.core.types import CardState, ExportTarget
from studycompanion.services import Services
from studycompanion.ui.common.worker import Worker
from studycompanion.ui.dialogs.export import ExportDialog, Selection, default_file_name
from tests.cards_fixtures import import_apkg, new_collection
from tests.test_anki_connect import FakeAnki, fake_anki  # noqa: F401 - the fixture
from tests.ui.ui_fixtures import clip_with_cards as draft_clip

pytestmark = pytest.mark.slow  # real media and a real Anki collection


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    collection = new_collection(tmp_path / "anki")
    yield collection
    collection.close()


def clip_with_cards(services: Services, tmp: Path, name: str = "01_loop_diuretics",
                    tags: tuple[str, ...] = ("Renal::Diuretics",)) -> int:
    """A clip whose drafts the student accepted (only accepted cards are exported unless drafts are ticked)."""
    vid = draft_clip(services, tmp, name, tags)
    store = CardStore(services.db)
    store.accept([c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None])
    return vid


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
    assert {n.guid for n in notes} == {c.guid for c in cards} and {n[anki.ID_FIELD] for n in notes} == {""}
    assert all(col.get_note(n).note_type()["name"] == anki.CLOZE_MODEL_NAME for n in col.find_notes(""))
    media = set(col.media.dir() and Path(col.media.dir()).iterdir())
    assert media and all(p.stat().st_size > 0 for p in media)  # frames and audio came along
    assert not store.for_export(video_ids=[other])[0].exported_at
    assert {c.exported_to for c in store.list_cards(video_ids=[vid])} == {ExportTarget.FILE}  # not "In Anki"

    # edit one card, export again: one note updated, none added
    edited = cards[0]
    assert edited.id is not None
    store.edit(edited.id, front="Loop diuretics act on the {{c1::thick ascending limb}}.")
    dialog2 = _dialog(qtbot, services, worker, video_id=vid)
    dialog2.path_edit.setText(str(out))
    text = _run(qtbot, dialog2)
    assert f"0 new, 1 updated, {len(cards) - 1} unchanged" in text
    import_apkg(col, out)
    by_guid = {col.get_note(n).guid: col.get_note(n) for n in col.find_notes("")}
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
    ids = {col.get_note(n).guid for n in col.find_notes("")}
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
    assert "Deck: StudyCompanion" in text  # one deck; topics are tags
    assert {c.exported_to for c in CardStore(services.db).list_cards(video_ids=[vid])} == {ExportTarget.ANKI}


def test_anki_not_running_is_a_readable_message(qtbot: QtBot, services: Services, worker: Worker,
                                                tmp_path: Path) -> None:
    services.settings.ankiconnect_url = "http://127.0.0.1:9"
    vid = clip_with_cards(services, tmp_path)
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    dialog.connect_radio.setChecked(True)
    text = _run(qtbot, dialog)
    assert "Anki" in text and "Traceback" not in text
    assert dialog.export_button.isEnabled()  # it can be tried again


def test_drafts_stay_out_unless_the_checkbox_with_their_count_is_ticked(
    qtbot: QtBot, services: Services, worker: Worker, col: Any, tmp_path: Path
) -> None:
    vid = draft_clip(services, tmp_path)  # drafts nobody accepted
    store = CardStore(services.db)
    drafts = store.list_cards(video_ids=[vid])
    first = drafts[0].id
    assert first is not None
    store.accept([first])
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    n = len(drafts) - 1
    assert dialog.count_label.text() == f"1 card will be exported ({n} drafts not accepted yet left out)."
    assert dialog.drafts_check.text() == f"Include {n} drafts (not accepted yet)" and dialog.drafts_check.isEnabled()
    assert not dialog.drafts_check.isChecked() and not dialog.per_tag_check.isChecked()
    out = tmp_path / "accepted.apkg"
    dialog.path_edit.setText(str(out))
    assert "1 notes" in _run(qtbot, dialog)
    assert len(import_apkg(col, out).log.new) == 1
    assert [c.state for c in store.list_cards(video_ids=[vid])].count(CardState.DRAFT) == n  # still drafts

    dialog2 = _dialog(qtbot, services, worker, video_id=vid)
    dialog2.drafts_check.setChecked(True)
    assert dialog2.count_label.text() == f"{n + 1} cards will be exported."
    dialog2.per_tag_check.setChecked(True)
    out2 = tmp_path / "all.apkg"
    dialog2.path_edit.setText(str(out2))
    text = _run(qtbot, dialog2)
    assert f"{n + 1} notes" in text and "Deck: StudyCompanion::Renal::Diuretics" in text
    log = import_apkg(col, out2).log
    assert len(log.new) == n and len(col.find_notes("")) == n + 1  # the accepted one was not duplicated
    after = store.list_cards(video_ids=[vid])
    assert [c.state for c in after].count(CardState.DRAFT) == n  # exported with drafts: still drafts
    assert {c.exported_to for c in after} == {ExportTarget.FILE}


def test_the_students_note_type_is_offered_and_used(
    qtbot: QtBot, services: Services, worker: Worker, col: Any, tmp_path: Path
) -> None:
    vid = clip_with_cards(services, tmp_path)
    mm = col.models  # the student's own cloze note type, with its own look
    model = mm.new("AnKingOverhaul")
    for name in ("Text", "Extra", "Lecture Notes", "Sources"):
        mm.add_field(model, mm.new_field(name))
    template = mm.new_template("Cloze")
    template["qfmt"], template["afmt"] = "ANKING {{cloze:Text}}", "ANKING {{cloze:Text}} {{Extra}} {{Sources}}"
    mm.add_template(model, template)
    model["type"] = 1
    mm.add(model)
    theirs = mm.by_name("AnKingOverhaul")
    s = services.settings
    s.anki_custom_name, s.anki_custom_id, s.anki_custom_fields = "AnKingOverhaul", theirs["id"], [
        "Text", "Extra", "Lecture Notes", "Sources"]
    s.anki_field_map = {"Source": "Sources", "Frame": "Lecture Notes", "Audio": "Lecture Notes"}
    dialog = _dialog(qtbot, services, worker, video_id=vid)
    labels = [dialog.note_type_combo.itemText(i) for i in range(dialog.note_type_combo.count())]
    assert labels[2] == "Your own: AnKingOverhaul"
    dialog.note_type_combo.setCurrentIndex(2)
    out = tmp_path / "anking.apkg"
    dialog.path_edit.setText(str(out))
    _run(qtbot, dialog)
    import_apkg(col, out)
    notes = [col.get_note(n) for n in col.find_notes("")]
    assert notes and all(n.mid == theirs["id"] for n in notes)  # into their note type, no copy of it
    assert mm.by_name("AnKingOverhaul")["tmpls"][0]["qfmt"] == "ANKING {{cloze:Text}}"  # their look kept
    assert all("youtube.com" in n["Sources"] and "<img" in n["Lecture Notes"] for n in notes)
    assert [m["name"] for m in mm.all()].count("AnKingOverhaul") == 1
