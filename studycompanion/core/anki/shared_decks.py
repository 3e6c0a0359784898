"""The shared decks students already have (AnKing): find the notes that match a clip, then unsuspend or tag them.

Most medical students study from a shared deck with every card suspended, and unsuspend what they have just
learned. From a clip's key points and terms this builds AnkiConnect `findNotes` queries (one per term, within
the deck's scope, e.g. `tag:#AK_*`), ranks the notes that match (rare terms and terms of the clip's strongest
key points count more; a term that matches a large part of the deck says little and is dropped), and then, in
one action, unsuspends their cards or tags them, reporting what changed.

Nothing is sent to Anki but searches until the student asks for the action; only AnkiConnect on the
student's own machine is contacted.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from studycompanion.core.cards import cloze
from studycompanion.core.errors import BadInput
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import KeyPoint

ANKING_SCOPE = "tag:#AK_*"  # every AnKing note carries tags under #AK_Step1_v12::, #AK_Step2_v12::, ...
MAX_TERMS = 24
MAX_NOTES = 30
GENERIC_SHARE = 0.25  # a term found in more than this share of the scope is too generic to rank on

# The report the Cards tab shows after an action (each part a whole phrase; the parts are joined with "; ")
UNSUSPENDED = QT_TRANSLATE_NOOP("SharedDecks", "{n} cards unsuspended")
UNSUSPENDED_SOME_ACTIVE = QT_TRANSLATE_NOOP("SharedDecks", "{n} cards unsuspended, {active} were already active")
TAGGED = QT_TRANSLATE_NOOP("SharedDecks", "{n} notes tagged {tag}")
NO_LONGER_IN_ANKI = QT_TRANSLATE_NOOP("SharedDecks", "{n} notes are no longer in Anki")
STILL_SUSPENDED = QT_TRANSLATE_NOOP("SharedDecks", "{n} cards are still suspended")
EMPTY_TERM = QT_TRANSLATE_NOOP("SharedDecks", "An empty term cannot be searched for.")
SEARCH_FAILED = QT_TRANSLATE_NOOP("SharedDecks", "Anki could not search: {error}")
NO_NOTE_CHOSEN = QT_TRANSLATE_NOOP("SharedDecks", "Choose at least one note.")
BAD_TAG = QT_TRANSLATE_NOOP("SharedDecks", "A tag cannot be empty or contain spaces (use :: for levels).")
MIN_TERM_LETTERS = 3
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


class Connect(Protocol):
    """What this needs from core/anki/connect.py's AnkiConnect (a fake in tests is the same shape)."""

    def invoke(self, action: str, **params: object) -> object: ...


class SharedAction(StrEnum):
    UNSUSPEND = "unsuspend"
    TAG = "tag"
    UNSUSPEND_AND_TAG = "unsuspend and tag"


@dataclass(frozen=True)
class WeightedTerm:
    text: str
    weight: float  # from the key points that mention it (their score), 1.0 for a clip term alone


@dataclass(frozen=True)
class TermQuery:
    term: WeightedTerm
    query: str  # the Anki search, scope included


@dataclass
class SharedNote:
    note_id: int
    model: str
    preview: str  # the first field, without HTML or cloze markup, shortened
    tags: list[str]
    cards: list[int]
    suspended: list[int]  # the note's cards that are suspended now
    matched: list[str]  # the clip's terms this note matched
    score: float

    @property
    def topic(self) -> str:
        """The deepest AnKing-style tag (#AK_Step1_v12::^Systems::Cardio::Pharm -> 'Cardio › Pharm')."""
        paths = [t for t in self.tags if t.startswith("#AK_")]
        if not paths:
            return ""
        deepest = max(paths, key=lambda t: t.count("::"))
        parts = [p.lstrip("#") for p in deepest.split("::")[1:] if not p.startswith("^")]  # ^Systems: a grouping
        return " › ".join(p for p in parts if p)


@dataclass
class SharedMatches:
    terms: list[TermQuery]
    notes: list[SharedNote]
    dropped_generic: list[str] = field(default_factory=list)  # terms matching too much of the deck
    not_found: list[str] = field(default_factory=list)  # terms no note of the scope contains
    scope_size: int = 0


@dataclass
class ActionReport:
    action: SharedAction
    notes: int  # notes the action was asked for
    unsuspended: int = 0  # cards that were suspended and are not now
    already_active: int = 0  # cards that were not suspended
    still_suspended: int = 0  # cards Anki left suspended (should be 0)
    tagged: int = 0  # notes that got the tag
    tag: str = ""
    missing: list[int] = field(default_factory=list)  # notes no longer in the collection

    def summary(self) -> str:
        parts = []
        if self.action in (SharedAction.UNSUSPEND, SharedAction.UNSUSPEND_AND_TAG):
            parts.append(UNSUSPENDED_SOME_ACTIVE(n=self.unsuspended, active=self.already_active)
                         if self.already_active else UNSUSPENDED(n=self.unsuspended))
        if self.action in (SharedAction.TAG, SharedAction.UNSUSPEND_AND_TAG):
            parts.append(TAGGED(n=self.tagged, tag=self.tag))
        if self.missing:
            parts.append(NO_LONGER_IN_ANKI(n=len(self.missing)))
        if self.still_suspended:
            parts.append(STILL_SUSPENDED(n=self.still_suspended))
        return "; ".join(parts) + "."


# ---- terms and queries ------------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def clip_terms(keypoints: Sequence[KeyPoint], terms: Iterable[str] = (), vocabulary: Iterable[str] = (),
               limit: int = MAX_TERMS) -> list[WeightedTerm]:
    """The terms to search for: the clip's own terms, and vocabulary terms its key points say, weighted by the
    best score of the key points that mention them (a term no key point says weighs 1)."""
    vocab = {_norm(v) for v in vocabulary}
    vocab.discard("")
    weights: dict[str, float] = {}
    top = max((kp.score for kp in keypoints), default=1.0) or 1.0
    for kp in keypoints:
        words = _WORD.findall(kp.text.lower())
        relative = max(kp.score / top, 0.1)
        for n in (3, 2, 1):
            for i in range(len(words) - n + 1):
                gram = " ".join(words[i:i + n])
                if gram in vocab:
                    weights[gram] = max(weights.get(gram, 0.0), 1.0 + relative)
    for raw in terms:
        term = _norm(raw)
        if not term:
            continue
        said = [kp for kp in keypoints if re.search(rf"\b{re.escape(term)}\b", _norm(kp.text))]
        bonus = max((max(kp.score / top, 0.1) for kp in said), default=0.0)
        weights[term] = max(weights.get(term, 0.0), 1.0 + bonus)
    kept = [t for t in weights if len(t.replace(" ", "")) >= MIN_TERM_LETTERS]
    # a term inside a longer chosen term ("blocker" in "beta blocker") adds nothing but noise
    kept = [t for t in kept if not any(t != o and re.search(rf"\b{re.escape(t)}\b", o) for o in kept)]
    ranked = sorted(kept, key=lambda t: (-weights[t], t))[:limit]
    return [WeightedTerm(t, round(weights[t], 3)) for t in ranked]


def _escape(text: str) -> str:
    return re.sub(r'([\\"*_:()])', r"\\\1", text)


def term_query(term: str, scope: str = ANKING_SCOPE) -> str:
    """An Anki search for one term: a whole word (`w:`) for one word, the phrase for several."""
    words = term.split()
    if not words:
        raise BadInput(EMPTY_TERM())
    match = f"w:{_escape(words[0])}" if len(words) == 1 else f'"{_escape(term)}"'
    return f"{scope} {match}".strip() if scope else match


def build_queries(terms: Sequence[WeightedTerm], scope: str = ANKING_SCOPE) -> list[TermQuery]:
    return [TermQuery(t, term_query(t.text, scope)) for t in terms]


# ---- finding and ranking ----------------------------------------------------------------------------------


def _preview(fields: dict[str, dict[str, object]]) -> str:
    ordered = sorted(fields.items(), key=lambda kv: int(str(kv[1].get("order", 0))))
    first = str(ordered[0][1].get("value", "")) if ordered else ""
    text = html.unescape(_TAG.sub(" ", cloze.strip(first)))  # cloze syntax: core/cards/cloze.py
    text = " ".join(text.split())
    return text if len(text) <= 140 else text[:139] + "…"


def find_matches(connect: Connect, terms: Sequence[WeightedTerm], *, scope: str = ANKING_SCOPE,
                 limit: int = MAX_NOTES, clip_tags: Iterable[str] = ()) -> SharedMatches:
    """The notes of the scope that match the terms, best first, with their cards' suspension state."""
    queries = build_queries(terms, scope)
    scope_ids = _ids(connect.invoke("findNotes", query=scope or "deck:*"))
    result = SharedMatches(queries, [], scope_size=len(scope_ids))
    hits: dict[int, list[tuple[WeightedTerm, float]]] = {}
    if not queries:
        return result
    answers = _multi(connect, [("findNotes", {"query": q.query}) for q in queries])
    total = max(1, len(scope_ids))
    for q, answer in zip(queries, answers, strict=True):
        ids = _ids(answer)
        if not ids:
            result.not_found.append(q.term.text)
            continue
        if len(ids) > GENERIC_SHARE * total and len(ids) > 3:
            result.dropped_generic.append(q.term.text)
            continue
        idf = math.log(1.0 + total / len(ids))
        for nid in ids:
            hits.setdefault(nid, []).append((q.term, q.term.weight * idf))
    if not hits:
        return result
    tag_words = {w for tag in clip_tags for w in _WORD.findall(tag.lower().replace("::", " ")) if len(w) >= 4}
    ranked = sorted(hits, key=lambda nid: (-sum(s for _, s in hits[nid]), nid))[: limit * 2]
    infos = connect.invoke("notesInfo", notes=ranked)
    notes: list[SharedNote] = []
    all_cards: list[int] = []
    for info in infos if isinstance(infos, list) else []:
        if not isinstance(info, dict) or "noteId" not in info:
            continue  # a note deleted meanwhile answers {}
        nid = int(info["noteId"])
        tags = [str(t) for t in info.get("tags", [])]
        score = sum(s for _, s in hits[nid])
        if tag_words and any(w in t.lower() for t in tags for w in tag_words):
            score *= 1.15  # the clip's own topic tags agree with the note's place in the deck
        cards = [int(c) for c in info.get("cards", [])]
        all_cards.extend(cards)
        notes.append(SharedNote(nid, str(info.get("modelName", "")), _preview(info.get("fields", {})), tags, cards,
                                [], sorted({t.text for t, _ in hits[nid]}), round(score, 4)))
    suspended = _suspended(connect, all_cards)
    for note in notes:
        note.suspended = [c for c in note.cards if c in suspended]
    notes.sort(key=lambda n: (-n.score, n.note_id))
    result.notes = notes[:limit]
    return result


def _ids(value: object) -> list[int]:
    return [int(v) for v in value] if isinstance(value, list) else []


def _multi(connect: Connect, actions: Sequence[tuple[str, dict[str, object]]]) -> list[object]:
    reply = connect.invoke("multi", actions=[{"action": a, "params": p} for a, p in actions])
    out: list[object] = []
    for item in reply if isinstance(reply, list) else []:
        if isinstance(item, dict) and set(item) == {"result", "error"}:
            if item["error"] is not None:
                raise BadInput(SEARCH_FAILED(error=item["error"]))
            item = item["result"]
        out.append(item)
    return out


def _suspended(connect: Connect, cards: Sequence[int]) -> set[int]:
    if not cards:
        return set()
    flags = connect.invoke("areSuspended", cards=list(cards))
    if not isinstance(flags, list):
        return set()
    return {c for c, flag in zip(cards, flags, strict=False) if flag is True}


# ---- the one action -------------------------------------------------------------------------------------


def apply_action(connect: Connect, notes: Sequence[SharedNote], action: SharedAction, *,
                 tag: str = "StudyCompanion") -> ActionReport:
    """Unsuspend the notes' cards and/or tag the notes, in one AnkiConnect request, then read back what changed."""
    if not notes:
        raise BadInput(NO_NOTE_CHOSEN())
    if action is not SharedAction.UNSUSPEND and (not tag or any(c.isspace() for c in tag)):
        raise BadInput(BAD_TAG())
    report = ActionReport(action, len(notes), tag=tag if action is not SharedAction.UNSUSPEND else "")
    infos = connect.invoke("notesInfo", notes=[n.note_id for n in notes])
    present: dict[int, list[int]] = {}
    for note, info in zip(notes, infos if isinstance(infos, list) else [], strict=False):
        if isinstance(info, dict) and "noteId" in info:
            present[note.note_id] = [int(c) for c in info.get("cards", [])]
        else:
            report.missing.append(note.note_id)
    cards = [c for ids in present.values() for c in ids]
    before = _suspended(connect, cards)
    actions: list[tuple[str, dict[str, object]]] = []
    if action in (SharedAction.UNSUSPEND, SharedAction.UNSUSPEND_AND_TAG) and before:
        actions.append(("unsuspend", {"cards": sorted(before)}))
    if action in (SharedAction.TAG, SharedAction.UNSUSPEND_AND_TAG) and present:
        actions.append(("addTags", {"notes": sorted(present), "tags": tag}))
    if actions:
        _multi(connect, actions)
    if action in (SharedAction.UNSUSPEND, SharedAction.UNSUSPEND_AND_TAG):
        after = _suspended(connect, cards)
        report.unsuspended = len(before - after)
        report.already_active = len(cards) - len(before)
        report.still_suspended = len(after)
    if action in (SharedAction.TAG, SharedAction.UNSUSPEND_AND_TAG) and present:
        infos = connect.invoke("notesInfo", notes=sorted(present))
        report.tagged = sum(1 for i in (infos if isinstance(infos, list) else [])
                            if isinstance(i, dict) and tag in i.get("tags", []))
    return report
