"""Cards a student can trust: cloze syntax with one owner, the lifecycle's transitions, check flags, cards from a
chosen line, the creator and source rules; and the migration that remembers where a card went."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from studycompanion.core.cards import cloze
from studycompanion.core.cards.checks import CheckKind, check_card
from studycompanion.core.cards.drafts import CardDraft, card_guid
from studycompanion.core.cards.lifecycle import CardAction, IllegalTransition, place_label, transition
from studycompanion.core.cards.source import SourceLine, creator_label
from studycompanion.core.cards.store import CardStore, ExportStamp
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput
from studycompanion.core.jobs.cards_step import line_at, make_card_at
from studycompanion.core.types import CardKind, CardState, ExportTarget, Segment, Word
from studycompanion.services import Services

ROOT = Path(__file__).resolve().parents[1] / "studycompanion"


# ---- cloze: the one owner ------------------------------------------------------------------------------


def test_cloze_parse_render_strip_make_and_wrap() -> None:
    text = "{{c1::Metoprolol}} is {{c2::cardioselective::kind}}, {{c1::atenolol}} too."
    assert [(d.number, d.answer, d.hint) for d in cloze.parse(text)] == [
        (1, "Metoprolol", ""), (2, "cardioselective", "kind"), (1, "atenolol", "")]
    assert cloze.numbers(text) == [1, 2] and cloze.next_number(text) == 3
    assert cloze.strip(text) == "Metoprolol is cardioselective, atenolol too."
    assert cloze.prompt(text) == "[...] is [kind], [...] too."
    assert cloze.answer(text) == "[Metoprolol] is [cardioselective], [atenolol] too."
    # Anki's {{cloze:Text}} for card 2: only c2 hidden, the others shown
    assert cloze.render(text, 2, reveal=False) == "Metoprolol is [kind], atenolol too."
    assert cloze.render(text, 2, reveal=True, shown=lambda d: d.answer.upper()) == (
        "Metoprolol is CARDIOSELECTIVE, atenolol too.")
    assert cloze.substitute("a <b> {{c1::x & y}}", lambda d: f"[{d.answer}]", plain=str.upper) == "A <B> [x & y]"
    line = "Furosemide blocks NKCC2 in the loop."
    assert cloze.make(line, [(18, 23), (0, 10)]) == "{{c1::Furosemide}} blocks {{c2::NKCC2}} in the loop."
    with pytest.raises(ValueError):
        cloze.make(line, [(0, 10), (5, 12)])
    one = cloze.wrap(line, 0, 11)  # the trailing space is not hidden
    assert one == "{{c1::Furosemide}} blocks NKCC2 in the loop."
    assert cloze.wrap(one, one.index("NKCC2"), one.index("NKCC2") + 5) == (
        "{{c1::Furosemide}} blocks {{c2::NKCC2}} in the loop.")
    with pytest.raises(ValueError):
        cloze.wrap(one, 3, 8)  # inside a deletion already
    assert cloze.has_empty("{{c1:: }} x") and not cloze.has_empty(text)
    assert cloze.find_word("The loop of Henle", "loop OF") == (4, 11)
    assert cloze.find_word("Furosemides", "furosemide") is None  # whole words only
    assert cloze.defuse("a {{b}}  c") == "a { {b} } c"


def test_no_cloze_regex_outside_its_owner() -> None:
    """Cloze syntax has one owner: no other module carries a {{c pattern or builds {{cN:: markers by hand."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        if path.name == "cloze.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\\\{\\\{c|\{\{\{\{c\{|\{\{\{\{c\d|\{\{c\\d|\{\{c\(", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_creator_and_source_line_rules() -> None:
    assert creator_label("drmike", "Mike", "tiktok") == "@drmike"
    assert creator_label("@drmike", "", "youtube") == "@drmike"
    assert creator_label("Dr Mike", "", "local") == "Dr Mike"  # a typed name on a local file
    assert creator_label("", "Mike Smith", "youtube") == "Mike Smith" and creator_label("", "") == ""
    line = SourceLine("@drmike", "Loops & you", "youtube", "https://youtu.be/abc", 83.4, "Learn #renal")
    assert line.text() == "@drmike · Loops & you · YouTube · 1:23"
    assert line.html() == ('@drmike · Loops &amp; you · YouTube · <a href="https://www.youtube.com/watch?'
                           'v=abc&amp;t=83s">1:23</a><div class=caption>Learn</div>')


# ---- the lifecycle -------------------------------------------------------------------------------------


def test_transitions_allow_the_flow_and_refuse_the_rest() -> None:
    d, a, r, e = CardState.DRAFT, CardState.ACCEPTED, CardState.REJECTED, CardState.EXPORTED
    assert transition(d, CardAction.ACCEPT) == a and transition(d, CardAction.REJECT) == r
    assert transition(d, CardAction.EDIT) == d  # saving keeps a draft a draft
    assert transition(a, CardAction.EXPORT) == e and transition(e, CardAction.EXPORT) == e
    assert transition(e, CardAction.EDIT) == a  # changed since it left: export again
    assert transition(r, CardAction.RESTORE) == d and transition(a, CardAction.RESTORE) == d
    assert transition(d, CardAction.EXPORT, include_drafts=True) == d  # nobody accepted it: still a draft
    with pytest.raises(IllegalTransition, match="Card 7 cannot be exported: it is a draft nobody accepted"):
        transition(d, CardAction.EXPORT, card_id=7)
    with pytest.raises(IllegalTransition, match="restore it first"):
        transition(r, CardAction.ACCEPT)
    with pytest.raises(IllegalTransition, match="restore it before editing"):
        transition(r, CardAction.EDIT)
    with pytest.raises(IllegalTransition):
        transition(r, CardAction.EXPORT, include_drafts=True)


def test_badges_say_where_a_card_is_truthfully() -> None:
    assert place_label(CardState.DRAFT, ExportTarget.NONE) == "Draft"
    assert place_label(CardState.ACCEPTED, ExportTarget.NONE) == "Accepted"
    assert place_label(CardState.EXPORTED, ExportTarget.FILE) == "Exported to file"  # not "In Anki"
    assert place_label(CardState.EXPORTED, ExportTarget.ANKI) == "In Anki"
    assert place_label(CardState.REJECTED, ExportTarget.ANKI) == "Rejected"
    assert place_label(CardState.DRAFT, ExportTarget.FILE) == "Draft · exported to file"
    assert "export again" in place_label(CardState.ACCEPTED, ExportTarget.ANKI)


def _draft(key: str, front: str, start: float = 1.0) -> CardDraft:
    return CardDraft(key, CardKind.CLOZE, 0, front, "", "", "src", start, start + 2,
                     card_guid("local:x", key, CardKind.CLOZE, 0))


def _clip(services: Services, tmp_path: Path) -> int:
    from tests.mediagen import make_mp4

    outcome = services.pipeline.add_file(make_mp4(tmp_path / "c.mp4", seconds=1.0, width=64, height=48, fps=5),
                                         transcribe=False, cards=False, tags=["Renal"])
    assert outcome.video is not None and outcome.video.id is not None
    return outcome.video.id


def test_store_moves_follow_the_lifecycle(services: Services, tmp_path: Path) -> None:
    store = CardStore(services.db)
    vid = _clip(services, tmp_path)
    store.upsert_drafts(vid, [_draft("a", "{{c1::A}} x."), _draft("b", "{{c1::B}} y."), _draft("c", "{{c1::C}} z.")])
    a, b, c = (x.id for x in store.list_cards(video_ids=[vid]))
    assert a and b and c
    saved = store.edit(a, front="{{c1::A}} x, mine.")
    assert saved.state == CardState.DRAFT and saved.edited
    store.reject([b])
    with pytest.raises(IllegalTransition, match=f"Card {b} cannot be accepted"):
        store.accept([c, b])  # all or none
    assert store.get(c).state == CardState.DRAFT
    with pytest.raises(IllegalTransition):
        store.edit(b, front="{{c1::B}} edited while rejected")
    outcome = store.accept_drafts(store.list_cards(video_ids=[vid]), flagged={c})
    assert [x.id for x in outcome.accepted] == [a] and outcome.left_flagged == [c]
    outcome = store.accept_drafts(store.list_cards(video_ids=[vid]), flagged={c}, include_flagged=True)
    assert [x.id for x in outcome.accepted] == [c] and outcome.left_flagged == []
    store.mark_exported([ExportStamp(a, 10, "h", anki_note_id=555)], ExportTarget.ANKI)
    row = store.get(a)
    assert (row.state, row.exported_to, row.anki_note_id) == (CardState.EXPORTED, ExportTarget.ANKI, 555)
    store.mark_exported([ExportStamp(a, 11, "h2")], ExportTarget.FILE)  # a later file export keeps the note id
    row = store.get(a)
    assert (row.exported_to, row.anki_note_id, row.anki_mod) == (ExportTarget.FILE, 555, 11)


def test_migration_0006_marks_earlier_exports_as_gone_to_a_file(tmp_path: Path) -> None:
    db = Database(tmp_path / "library.sqlite3", tmp_path / "backups")
    db.migrate("0005")
    with sqlite3.connect(db.path) as conn:
        conn.execute("INSERT INTO video (id, platform, platform_id, hashtags, added_at, status, title) "
                     "VALUES (7, 'local', 'p7', '[]', '2026-01-01 10:00:00', 'cards', 'Murmurs')")
        for cid, state, exported in ((1, "exported", "'2026-01-02 10:00:00'"), (2, "draft", "NULL")):
            conn.execute("INSERT INTO card (id, video_id, keypoint_key, kind, front, back, extra, source, start, "
                         "end, guid, state, frame_file, audio_file, edited, created_at, updated_at, exported_at, "
                         f"anki_mod, anki_hash) VALUES ({cid}, 7, 'k{cid}', 'cloze', '{{{{c1::x}}}}', '', '', '', "
                         f"0, 1, 'g{cid}', '{state}', '', '', 0, '2026-01-01', '2026-01-01', {exported}, 0, '')")
    db.migrate()
    store = CardStore(db)
    assert store.get(1).exported_to == ExportTarget.FILE and store.get(1).anki_note_id == 0
    assert store.get(2).exported_to == ExportTarget.NONE
    assert place_label(store.get(1).state, store.get(1).exported_to) == "Exported to file"
    db.dispose()


# ---- check flags ---------------------------------------------------------------------------------------


def _seg(words: list[tuple[str, float]], corrected: dict[str, str] | None = None) -> Segment:
    out, t = [], 0.0
    for text, p in words:
        out.append(Word(t, t + 0.4, " " + text, p, (corrected or {}).get(text, "")))
        t += 0.5
    return Segment(0.0, t, " ".join(w for w, _ in words), out)


def _card(front: str, kind: CardKind = CardKind.CLOZE, back: str = "") -> Card:
    return Card(id=1, video_id=1, kind=kind, front=front, back=back, start=0.0, end=5.0, guid="g")


def test_checks_find_unsure_corrected_unsaid_numbers_negations_and_creators() -> None:
    seg = _seg([("Gentamicin", 0.31), ("is", 0.99), ("ototoxic", 0.93), ("and", 0.99), ("not", 0.98),
                ("cardiotoxic", 0.9), ("give", 0.99), ("5", 0.97), ("mg", 0.96)],
               corrected={"Gentamicin": "Ghentamycin"})
    clean = check_card(_card("Give {{c1::furosemide}} for edema."),
                       [_seg([("Give", 0.99), ("furosemide", 0.95), ("for", 0.99), ("edema", 0.97)])])
    assert not clean.flagged and clean.span() is None
    check = check_card(_card("{{c1::Gentamicin}} is {{c2::nephrotoxic}} and not toxic, give 5 mg."), [seg],
                       unverified_creator=True, creator="@medstudent")
    kinds = {r.kind for r in check.reasons}
    assert kinds == {CheckKind.LOW_CONFIDENCE, CheckKind.CORRECTED, CheckKind.UNSUPPORTED, CheckKind.NUMBER,
                     CheckKind.NEGATION, CheckKind.UNVERIFIED_CREATOR}
    by = {r.kind: r for r in check.reasons}
    assert [w.text for w in by[CheckKind.LOW_CONFIDENCE].words] == ["Gentamicin"]
    assert "31%" in by[CheckKind.LOW_CONFIDENCE].message
    assert [w.text for w in by[CheckKind.CORRECTED].words] == ["Gentamicin"]
    assert "heard 'Ghentamycin'" in by[CheckKind.CORRECTED].message
    assert by[CheckKind.UNSUPPORTED].terms == ("nephrotoxic",)  # the drug nobody said
    assert "not" in by[CheckKind.NEGATION].terms and "5 mg" in by[CheckKind.NUMBER].terms
    assert "@medstudent" in by[CheckKind.UNVERIFIED_CREATOR].message
    assert check.span() == (0.0, 4.4)  # from the first word in question to the last: what "hear it" plays
    # a basic card: its answer is what must have been said
    basic = check_card(_card("Which beta blocker is cardioselective?", CardKind.BASIC, "Carvedilol."),
                       [_seg([("Metoprolol", 0.9), ("is", 0.9), ("cardioselective", 0.9)])])
    assert [r.kind for r in basic.reasons] == [CheckKind.UNSUPPORTED]


def test_checks_read_words_without_corrected_from() -> None:
    @dataclass(frozen=True)
    class OldWord:  # a Word from before the ASR change: no corrected_from at all
        start: float
        end: float
        text: str
        probability: float = 1.0

    seg = Segment(0, 1, "Furosemide", [OldWord(0, 0.5, "Furosemide", 0.2)])  # type: ignore[list-item]
    check = check_card(_card("{{c1::Furosemide}} works."), [seg])
    assert [r.kind for r in check.reasons] == [CheckKind.LOW_CONFIDENCE]


# ---- cards from the student's own choice ----------------------------------------------------------------


def test_line_at_a_moment_and_a_chosen_range() -> None:
    segs = [_seg([("Loop", 0.9), ("diuretics", 0.9), ("waste", 0.9), ("calcium.", 0.9), ("Thiazides", 0.9)]),
            Segment(3.0, 4.0, "keep it.", [Word(3.0, 3.4, " keep", 0.9), Word(3.5, 4.0, " it.", 0.9)])]
    assert line_at(segs, 1.1).text == "Loop diuretics waste calcium." and line_at(segs, 1.1).chosen == ""
    assert line_at(segs, 2.1).text == "Thiazides keep it."  # a sentence across whisper's segments
    assert line_at(segs, 9.0).start == 2.0  # nothing said then: the nearest line
    chosen = line_at(segs, 1.0, until=1.95)
    assert chosen.chosen == "waste calcium." and chosen.text == "Loop diuretics waste calcium."
    across = line_at(segs, 1.0, until=3.2)
    assert across.chosen == "waste calcium. Thiazides keep" and across.end == 4.0 and across.start == 0.0
    with pytest.raises(BadInput, match="No words are said"):
        line_at(segs, 2.45, until=2.9)


@pytest.mark.slow
def test_make_a_card_from_a_chosen_line_with_its_frame_audio_and_source(services: Services, tmp_path: Path
                                                                         ) -> None:
    from tests.cards_fixtures import add_clip

    store = services.card_store
    vid = add_clip(services, tmp_path, "01_loop_diuretics", tags=["Renal"])
    segs = services.library.transcript(vid)
    word = next(w for s in segs for w in s.words if w.text.strip().lower() == "furosemide")
    at = word.start + 0.1
    line = line_at(segs, at)
    assert line.text.startswith("Furosemide works on the thick ascending limb") and line.text.endswith(".")
    card = make_card_at(services.library, store, vid, at, cloze_word="furosemide")
    assert card.state == CardState.DRAFT and card.edited  # the student's, still to be accepted
    assert cloze.answers(card.front) == ["Furosemide"] and cloze.strip(card.front) == line.text
    assert (card.start, card.end) == (line.start, line.end) and card.start == word.start
    assert card.frame_file.endswith(".jpg") and card.audio_file.endswith(".mp3")
    media = services.paths.media
    assert (media / card.frame_file).stat().st_size > 300 and (media / card.audio_file).stat().st_size > 300
    assert card.source.startswith("@drmike.meded · ") and card.source.endswith(f"{int(at) // 60}:{int(at) % 60:02d}")
    # the same moment again is another card, never the same guid
    basic = make_card_at(services.library, store, vid, at, cloze_word="furosemide", kind=CardKind.BASIC)
    assert basic.back.lower() == "furosemide" and "_____" in basic.front and basic.guid != card.guid
    with pytest.raises(BadInput, match="is not said in this line"):
        make_card_at(services.library, store, vid, at, cloze_word="warfarin")
    # regeneration leaves the student's cards alone
    from studycompanion.core.jobs.cards_step import generate_cards

    generate_cards(services.library, store, services.settings, vid)
    assert {card.id, basic.id} <= {c.id for c in store.list_cards(video_ids=[vid])}
