"""A local AnkiConnect-compatible server (127.0.0.1) backed by a real Anki collection built with the `anki`
package: the AnKing note type's fields, real cloze cards, AnKing-style hierarchical tags, suspended cards.

Answers the AnkiConnect v6 actions shared_decks.py uses (version, findNotes, findCards, notesInfo, areSuspended,
unsuspend, addTags, multi) the way the add-on does, by calling the collection (Anki's own search, scheduler
and tag code), so searches are Anki's searches. One request at a time: a Collection is not thread-safe.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

AK1 = "#AK_Step1_v12"
AK2 = "#AK_Step2_v12"

# (note type, first field, extra, tags). Written for these tests from general medical knowledge, in the style
# of the AnKing deck (cloze on the key fact, tags by system / resource); none is copied from it.
NOTES: list[tuple[str, str, str, list[str]]] = [
    ("AnKingOverhaul", "{{c1::Metoprolol}} is a {{c2::beta-1 selective}} blocker", "Cardioselective",
     [f"{AK1}::^Systems::Cardiovascular::Pharmacology::Beta_Blockers", f"{AK1}::#B&B::Pharm::Autonomics"]),
    ("AnKingOverhaul", "Abrupt cessation of a beta blocker can cause {{c1::rebound tachycardia}}", "",
     [f"{AK1}::^Systems::Cardiovascular::Pharmacology::Beta_Blockers"]),
    ("AnKingOverhaul", "Aortic stenosis: {{c1::crescendo-decrescendo}} systolic murmur at the right upper "
     "sternal border", "Radiates to the carotids",
     [f"{AK1}::^Systems::Cardiovascular::Physiology::Murmurs", f"{AK2}::Cardiology::Valvular"]),
    ("AnKingOverhaul", "Classic triad of symptomatic aortic stenosis: {{c1::angina}}, {{c2::syncope}}, "
     "{{c3::heart failure}}", "", [f"{AK2}::Cardiology::Valvular"]),
    ("AnKingOverhaul", "Mitral regurgitation: {{c1::holosystolic}} murmur at the apex radiating to the axilla",
     "", [f"{AK1}::^Systems::Cardiovascular::Physiology::Murmurs"]),
    ("AnKingOverhaul", "Furosemide inhibits the {{c1::Na-K-2Cl}} cotransporter in the thick ascending limb",
     "Loop diuretic", [f"{AK1}::^Systems::Renal::Pharmacology::Diuretics"]),
    ("AnKingOverhaul", "Loop diuretics cause {{c1::hypokalemia}} and ototoxicity", "",
     [f"{AK1}::^Systems::Renal::Pharmacology::Diuretics"]),
    ("AnKingOverhaul", "Hyperkalemia ECG: {{c1::peaked T waves}}", "Give calcium gluconate first",
     [f"{AK1}::^Systems::Renal::Electrolytes", f"{AK2}::Nephrology::Electrolytes"]),
    ("AnKingOverhaul", "DKA: anion gap metabolic acidosis with {{c1::ketones}}; treat with fluids and insulin",
     "", [f"{AK1}::^Systems::Endocrine::Diabetes"]),
    ("AnKingOverhaul", "Metformin's feared adverse effect: {{c1::lactic acidosis}}", "",
     [f"{AK1}::^Systems::Endocrine::Pharmacology::Diabetes_Drugs"]),
    ("AnKingOverhaul", "Lithium toxicity presents with {{c1::tremor}} and ataxia", "Narrow therapeutic index",
     [f"{AK1}::^Systems::Psychiatry::Pharmacology"]),
    ("AnKingOverhaul", "Bacterial meningitis CSF: {{c1::low glucose}}, high protein, neutrophils", "",
     [f"{AK1}::^Systems::Neurology::Infections"]),
    ("AnKingOverhaul", "Gout crystals are {{c1::negatively}} birefringent and needle-shaped", "",
     [f"{AK1}::^Systems::Musculoskeletal::Rheumatology"]),
    ("AnKingOverhaul", "Propranolol is a {{c1::non-selective}} beta blocker used for essential tremor", "",
     [f"{AK1}::^Systems::Cardiovascular::Pharmacology::Beta_Blockers"]),
    ("Basic", "First-line drug for anaphylaxis?", "Intramuscular epinephrine",
     [f"{AK2}::Emergency::Anaphylaxis"]),
    # the student's own deck: matches the terms, but is outside the shared deck's scope
    ("Basic", "My note: metoprolol dose", "25 mg twice daily", ["own::cardio"]),
]


def build_collection(path: Path) -> Any:
    """A real collection with the AnKingOverhaul note type (cloze, AnKing's field names) and NOTES, all suspended."""
    from anki.collection import Collection

    path.parent.mkdir(parents=True, exist_ok=True)
    col = Collection(str(path))
    cloze = col.models.by_name("Cloze")
    assert cloze is not None
    ank = col.models.copy(cloze, add=False)
    ank["name"] = "AnKingOverhaul"
    ank["tmpls"][0]["afmt"] = ank["tmpls"][0]["afmt"].replace("{{Back Extra}}", "{{Extra}}")
    ank["flds"][1]["name"] = "Extra"  # AnKing's name for Cloze's "Back Extra"
    for extra in ("Lecture Notes", "Missed Questions", "Pixorize", "Sketchy", "Boards and Beyond", "One by one"):
        col.models.add_field(ank, col.models.new_field(extra))
    col.models.add_dict(ank)
    deck = col.decks.id("AnKing Step Deck")
    own = col.decks.id("My cards")
    assert deck is not None and own is not None
    for model_name, first, extra, tags in NOTES:
        model = col.models.by_name(model_name)
        assert model is not None
        note = col.new_note(model)
        note.fields[0], note.fields[1] = first, extra
        note.tags = tags
        col.add_note(note, own if tags[0].startswith("own") else deck)
    shared = col.find_cards("tag:#AK_*")
    col.sched.suspend_cards(shared)  # the AnKing way: everything suspended until you learn it
    return col


class LocalAnkiConnect:
    def __init__(self, col: Any) -> None:
        self.col = col
        self.lock = threading.Lock()
        self.calls: list[str] = []
        self._server = HTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> LocalAnkiConnect:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with outer.lock:
                    reply = outer.handle(body)
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        return Handler

    def handle(self, request: dict[str, Any]) -> dict[str, Any]:
        action = str(request.get("action"))
        self.calls.append(action)
        method: Callable[..., Any] | None = getattr(self, f"a_{action}", None)
        if method is None:
            return {"result": None, "error": "unsupported action"}
        try:
            return {"result": method(**request.get("params", {})), "error": None}
        except Exception as exc:  # noqa: BLE001 - AnkiConnect reports every failure as an error string
            return {"result": None, "error": str(exc)}

    # ---- the actions, as the add-on implements them -------------------------------------------------

    def a_version(self) -> int:
        return 6

    def a_multi(self, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.handle(a) for a in actions]

    def a_findNotes(self, query: str) -> list[int]:
        return [int(n) for n in self.col.find_notes(query)]

    def a_findCards(self, query: str) -> list[int]:
        return [int(c) for c in self.col.find_cards(query)]

    def a_notesInfo(self, notes: list[int]) -> list[dict[str, Any]]:
        from anki.errors import NotFoundError

        out: list[dict[str, Any]] = []
        for nid in notes:
            try:
                note = self.col.get_note(nid)
            except NotFoundError:
                out.append({})
                continue
            model = note.note_type()
            assert model is not None
            out.append({
                "noteId": note.id, "modelName": model["name"], "tags": list(note.tags),
                "fields": {f["name"]: {"value": note.fields[i], "order": i} for i, f in enumerate(model["flds"])},
                "cards": [int(c) for c in note.card_ids()], "mod": note.mod,
            })
        return out

    def a_areSuspended(self, cards: list[int]) -> list[bool | None]:
        from anki.consts import QUEUE_TYPE_SUSPENDED
        from anki.errors import NotFoundError

        out: list[bool | None] = []
        for cid in cards:
            try:
                out.append(self.col.get_card(cid).queue == QUEUE_TYPE_SUSPENDED)
            except NotFoundError:
                out.append(None)
        return out

    def a_unsuspend(self, cards: list[int]) -> bool:
        self.col.sched.unsuspend_cards(cards)
        return True

    def a_addTags(self, notes: list[int], tags: str) -> None:
        self.col.tags.bulk_add(notes, tags)
