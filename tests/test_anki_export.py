"""The .apkg export imported into a real Anki collection: counts, note types, fields, media, updates."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.anki import export as anki_export
from studycompanion.core.anki import notes as anki
from studycompanion.core.anki.export import export_deck
from studycompanion.core.cards.store import CardStore
from studycompanion.core.errors import BadInput, StorageError
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.types import CardKind, CardState, ExportTarget, Segment, Word
from studycompanion.services import Services
from tests.cards_fixtures import add_clip, import_apkg, new_collection

pytestmark = pytest.mark.slow  # real media, a real Anki collection


@pytest.fixture
def store(services: Services) -> CardStore:
    return CardStore(services.db)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    collection = new_collection(tmp_path / "anki")
    yield collection
    collection.close()


def _accepted(services: Services, store: CardStore, vid: int) -> None:
    """Cards made for a clip, and the student accepted them all (only accepted cards leave the app)."""
    generate_cards(services.library, store, services.settings, vid)
    store.accept([c.id for c in store.list_cards(video_ids=[vid]) if c.id is not None])


def _export(services: Services, store: CardStore, out: Path, **kwargs: Any) -> anki_export.ExportResult:
    return export_deck(store, services.library, out, creators=services.creators, **kwargs)


def _notes(col: Any) -> list[Any]:
    return [col.get_note(nid) for nid in col.find_notes("")]


def _by_id(col: Any) -> dict[str, Any]:
    return {n.guid: n for n in _notes(col)}


def test_export_imports_with_note_types_fields_media_and_sources(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    a = add_clip(services, tmp_path, "01_loop_diuretics", tags=["Renal::Diuretics"])
    b = add_clip(
        services,
        tmp_path,
        "09_anticoagulants",
        tags=["Heme"],
        creator="clotcast",
        platform="tiktok",
        url="https://www.tiktok.com/@clotcast/video/7311",
        platform_id="7311",
    )
    for vid in (a, b):
        _accepted(services, store, vid)
    cards = store.for_export()
    assert len(cards) >= 6
    result = _export(services, store, tmp_path / "deck.apkg")
    assert result.notes == len(cards) and result.path.exists()
    assert result.decks == ["StudyCompanion"]  # one deck, hierarchical tags (Anki's advice)

    log = import_apkg(col, result.path).log
    assert len(log.new) == len(cards) and not log.updated
    notes = _notes(col)
    assert len(notes) == len(cards)
    assert col.card_count() == result.cards
    names = {n.note_type()["name"] for n in notes}
    assert names <= {anki.CLOZE_MODEL_NAME, anki.BASIC_MODEL_NAME}
    cloze_type = col.models.by_name(anki.CLOZE_MODEL_NAME)
    assert cloze_type["id"] == anki.CLOZE_MODEL_ID
    assert [f["name"] for f in cloze_type["flds"]] == list(anki.CLOZE_FIELDS)
    media_dir = Path(col.media.dir())
    by_card = {c.guid: c for c in cards}
    for note in notes:
        assert note.guid in by_card  # the GUID is ours, not a hash of the text
        assert note[anki.ID_FIELD] == ""  # the internal id does not show in Anki's editor
        assert re.search(
            r"^@\w[\w.]* · .+ · (YouTube|TikTok) · <a href=\"https://[^\"]+\">\d+:\d\d</a>$", note["Source"]
        )
        frame = re.fullmatch(r'<img src="([^"]+)">', note["Frame"])
        sound = re.fullmatch(r"\[sound:([^\]]+\.mp3)\]", note["Audio"])
        assert frame and (media_dir / frame.group(1)).stat().st_size > 500
        assert sound and (media_dir / sound.group(1)).stat().st_size > 500
        assert any(t.startswith("StudyCompanion::Creator::") for t in note.tags)
        rendered = [c.answer() for c in note.cards()]
        assert rendered, f"note renders no card: {note.fields[0]}"
        for html in rendered:
            assert "<img" in html and "[anki:play:a:0]" in html and "class=source" in html
        if note.note_type()["name"] == anki.CLOZE_MODEL_NAME:
            assert len(note.cards()) == len(set(re.findall(r"\{\{c(\d+)::", note["Text"])))
            assert "[...]" in note.cards()[0].question()
    check = col.media.check()
    assert list(check.missing) == [] and list(check.unused) == []
    tiktok = next(n for n in notes if "clotcast" in n["Source"])
    assert 'href="https://www.tiktok.com/@clotcast/video/7311"' in tiktok["Source"]  # no ?t= on TikTok
    youtube = next(n for n in notes if "drmike" in n["Source"])
    assert re.search(
        r'href="https://www\.youtube\.com/watch\?v=01_loop_diuretics-\d+&amp;t=\d+s"', youtube["Source"]
    )
    assert all(c.state == CardState.EXPORTED and c.exported_to == ExportTarget.FILE for c in store.list_cards())
    assert {"Renal::Diuretics", "Heme"} <= {t.removeprefix("StudyCompanion::") for n in notes for t in n.tags}


def test_reexport_after_an_edit_updates_the_note_without_duplicates(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    vid = add_clip(services, tmp_path, "13_diabetes_drugs", tags=["Endo"])
    _accepted(services, store, vid)
    first = _export(services, store, tmp_path / "one.apkg")
    assert len(import_apkg(col, first.path).log.new) == first.notes
    target = next(c for c in store.list_cards() if c.kind == CardKind.CLOZE)
    assert target.id is not None
    edited_text = "{{c1::Metformin}} is first-line for type 2 diabetes & avoid if eGFR < 30."
    store.edit(target.id, front=edited_text)  # within the same second as the first export
    second = _export(services, store, tmp_path / "two.apkg")
    log = import_apkg(col, second.path).log
    assert len(log.new) == 0
    assert len(log.updated) == 1  # only the edited note; the others keep their stamp
    assert len(_notes(col)) == first.notes
    note = _by_id(col)[target.guid]
    assert note["Text"] == "{{c1::Metformin}} is first-line for type 2 diabetes &amp; avoid if eGFR &lt; 30."
    # nothing changed: a third export updates nothing (edits made inside Anki survive a re-import)
    third = _export(services, store, tmp_path / "three.apkg")
    log = import_apkg(col, third.path).log
    assert len(log.new) == 0 and len(log.updated) == 0 and len(log.duplicate) == third.notes


def test_script_and_ampersand_in_title_caption_and_transcript_come_out_escaped(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    text = "Remember: <script>alert(1)</script> & furosemide blocks the NKCC2 cotransporter in the loop."
    words, t = [], 0.5
    for token in text.split():
        words.append(Word(t, t + 0.3, " " + token))
        t += 0.35
    seg = Segment(words[0].start, words[-1].end, text, words)
    vid = add_clip(
        services,
        tmp_path,
        "01_loop_diuretics",
        title='Loops <script>alert("t")</script> & "quotes"',
        caption="<b>bold</b> & <img src=x onerror=alert(1)> #renal",
        segments=[seg],
    )
    _accepted(services, store, vid)
    result = _export(services, store, tmp_path / "esc.apkg")
    import_apkg(col, result.path)
    (note,) = _notes(col)
    everything = "\x1f".join(note.fields)
    assert "<script" not in everything and "<b>" not in everything and "onerror=alert(1)>" not in everything
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; " in note["Text"]
    assert (
        "Loops &lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in note["Source"]
    )
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(1)&gt;" in note["Source"]
    assert "#renal" not in note["Source"]
    for card in note.cards():
        assert "<script" not in card.question() and "<script" not in card.answer()


def test_chosen_deck_name_and_tag_selection(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    a = add_clip(services, tmp_path, "05_murmurs", tags=["Cardio::Murmurs"])
    b = add_clip(services, tmp_path, "12_sepsis", tags=["ICU"])
    for vid in (a, b):
        _accepted(services, store, vid)
    by_tag = _export(services, store, tmp_path / "cardio.apkg", tag="Cardio", per_tag=True)
    assert by_tag.decks == ["StudyCompanion::Cardio"]  # a deck per tag, when asked
    per_clip = _export(services, store, tmp_path / "tags.apkg", per_tag=True)
    assert per_clip.decks == ["StudyCompanion::Cardio::Murmurs", "StudyCompanion::ICU"]
    assert by_tag.notes == len(store.for_export(video_ids=[a]))
    named = _export(services, store, tmp_path / "named.apkg", deck="Boards::Week 3")
    assert named.decks == ["Boards::Week 3"] and named.notes == len(store.for_export())
    import_apkg(col, named.path)
    assert "Boards::Week 3" in col.decks.all_names()
    assert {c.did for c in (col.get_card(cid) for cid in col.find_cards(""))} == {
        col.decks.id_for_name("Boards::Week 3")
    }


def test_rejected_cards_stay_out_and_empty_selection_is_a_clear_error(
    services: Services, store: CardStore, tmp_path: Path
) -> None:
    vid = add_clip(services, tmp_path, "07_stroke", tags=["Neuro"])
    _accepted(services, store, vid)
    cards = store.list_cards()
    store.reject([c.id for c in cards[1:] if c.id is not None])
    result = _export(services, store, tmp_path / "one.apkg")
    assert result.notes == 1
    with zipfile.ZipFile(result.path) as z:
        assert {"collection.anki2", "media"} <= set(z.namelist())
    with pytest.raises(BadInput, match="no cards tagged Pulm"):
        _export(services, store, tmp_path / "none.apkg", tag="Pulm")
    with pytest.raises(BadInput, match=r"\.apkg"):
        _export(services, store, tmp_path / "deck.zip")


def test_a_failed_export_leaves_no_half_written_file(
    services: Services, store: CardStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vid = add_clip(services, tmp_path, "07_stroke", tags=["Neuro"])
    _accepted(services, store, vid)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    (out_dir / "deck.apkg").write_bytes(b"the previous export")

    def disk_full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(anki_export, "_write_package", disk_full)
    with pytest.raises(StorageError, match="could not be written"):
        _export(services, store, out_dir / "deck.apkg")
    assert sorted(p.name for p in out_dir.iterdir()) == ["deck.apkg"]
    assert (out_dir / "deck.apkg").read_bytes() == b"the previous export"
    assert all(c.state == CardState.ACCEPTED for c in store.list_cards())  # nothing counted as exported


def test_anki_builtin_note_types_suggested_tags_and_the_hidden_id(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    from studycompanion.core.anki.notetypes import note_types
    from studycompanion.core.types import TagSource

    vid = add_clip(services, tmp_path, "01_loop_diuretics", tags=["Renal::Diuretics"])
    services.library.tags.tag(vid, ["Pulm::Asthma"], TagSource.SUGGESTED)  # a "?" suggestion nobody confirmed
    _accepted(services, store, vid)
    ours = _export(services, store, tmp_path / "ours.apkg")
    import_apkg(col, ours.path)
    fields = col.models.by_name(anki.CLOZE_MODEL_NAME)["flds"]
    assert fields[-1]["name"] == anki.ID_FIELD and fields[-1]["collapsed"] and fields[-1]["excludeFromSearch"]
    tags = {t for n in _notes(col) for t in n.tags}
    assert "StudyCompanion::Renal::Diuretics" in tags and not any("Pulm" in t for t in tags)

    other = new_collection(tmp_path / "anki2")
    try:
        builtin = _export(services, store, tmp_path / "builtin.apkg", types=note_types("anki"))
        import_apkg(other, builtin.path)
        notes = [other.get_note(n) for n in other.find_notes("")]
        assert len(notes) == ours.notes
        for note in notes:  # Anki's stock Cloze shape: Text and Back Extra, everything else in Back Extra
            assert [f["name"] for f in note.note_type()["flds"]] == ["Text", "Back Extra"]
            assert "<img" in note["Back Extra"] and "[sound:" in note["Back Extra"] and "YouTube" in note["Back Extra"]
            assert not any(c.guid in "".join(note.fields) for c in store.list_cards())  # no internal id shows
        again = _export(services, store, tmp_path / "builtin2.apkg", types=note_types("anki"))
        log = import_apkg(other, again.path).log
        assert len(log.new) == 0 and len(other.find_notes("")) == ours.notes  # same notes, no duplicates
    finally:
        other.close()


def test_drafts_exported_on_request_then_accepted_update_the_same_notes(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    vid = add_clip(services, tmp_path, "13_diabetes_drugs", tags=["Endo"])
    generate_cards(services.library, store, services.settings, vid)
    with pytest.raises(BadInput, match=r"no accepted cards in this clip yet: .* drafts wait for you"):
        _export(services, store, tmp_path / "none.apkg", video_ids=[vid], where="this clip")
    first = _export(services, store, tmp_path / "drafts.apkg", include_drafts=True)
    assert first.drafts == first.notes and len(import_apkg(col, first.path).log.new) == first.notes
    assert all(c.state == CardState.DRAFT and c.exported_to == ExportTarget.FILE for c in store.list_cards())
    target = store.list_cards()[0]
    assert target.id is not None
    store.edit(target.id, front="{{c1::Metformin}} is first-line in type 2 diabetes (checked).")
    store.accept([c.id for c in store.list_cards() if c.id is not None])
    second = _export(services, store, tmp_path / "accepted.apkg")
    log = import_apkg(col, second.path).log
    assert len(log.new) == 0 and len(log.updated) == 1 and len(_notes(col)) == first.notes
    assert all(c.state == CardState.EXPORTED for c in store.list_cards())


def test_cards_whose_media_files_are_gone_export_without_them_and_are_counted(
    services: Services, store: CardStore, col: Any, tmp_path: Path
) -> None:
    vid = add_clip(services, tmp_path, "07_stroke", tags=["Neuro"])
    _accepted(services, store, vid)
    cards = store.list_cards(video_ids=[vid])
    with_media = [c for c in cards if c.frame_file and c.audio_file]
    assert with_media, "the cards step made frames and audio"
    gone = services.paths.media / with_media[0].frame_file
    gone.unlink()  # a file deleted by hand, a sync tool, a disk clean-up
    result = _export(services, store, tmp_path / "deck.apkg")
    assert result.missing_media == 1 and result.notes == len(cards)
    import_apkg(col, result.path)
    assert len(_notes(col)) == len(cards)  # every note still arrives, the one without its frame
