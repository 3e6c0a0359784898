"""Fix once, and it flows everywhere: a word the student corrects in a transcript is corrected in the clip's
transcript (text and words), its key points, its drafts that nobody edited by hand, and the search index; with
`everywhere`, in every clip that has the same error. Each fix records what it changed, so it can be undone, and
joins the personal dictionary (core/library/dictionary.py) that later prompts and corrections use."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from studycompanion.core.cards import cloze
from studycompanion.core.db import search_index
from studycompanion.core.db.engine import Database
from studycompanion.core.db.tables import Card, KeyPointRow, TranscriptFix, TranscriptSegment, utcnow
from studycompanion.core.errors import BadInput, NotFound
from studycompanion.core.library.words import fix_words, phrase_pattern, word_from_row, word_row
from studycompanion.core.text import QT_TRANSLATE_NOOP, plural
from studycompanion.core.types import CardState

log = logging.getLogger(__name__)
MAX_LENGTH = 100
_CARD_FIELDS = ("front", "back", "extra")
_KEYPOINT_FIELDS = ("text", "context")


@dataclass
class FixResult:
    fix_id: int
    wrong: str
    right: str
    clips: list[int] = field(default_factory=list)
    segments: int = 0
    keypoints: int = 0
    cards: int = 0
    kept: int = 0  # undo only: rows changed again since the fix, left as they are

    def summary(self) -> str:
        return FIX_SUMMARY(wrong=self.wrong, right=self.right, clips=plural(len(self.clips), CLIP_ONE, CLIP_MANY),
                           lines=plural(self.segments, LINE_ONE, LINE_MANY),
                           points=plural(self.keypoints, POINT_ONE, POINT_MANY),
                           drafts=plural(self.cards, DRAFT_ONE, DRAFT_MANY))


# what a fix says (core/text.py: the window's language; English in the CLI)
FIX_SUMMARY = QT_TRANSLATE_NOOP("TranscriptFixes", '"{wrong}" -> "{right}" in {clips}: {lines}, {points}, {drafts}')
CLIP_ONE = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} clip")
CLIP_MANY = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} clips")
LINE_ONE = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} transcript line")
LINE_MANY = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} transcript lines")
POINT_ONE = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} key point")
POINT_MANY = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} key points")
DRAFT_ONE = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} draft")
DRAFT_MANY = QT_TRANSLATE_NOOP("TranscriptFixes", "{n} drafts")
EMPTY = {"wrong": QT_TRANSLATE_NOOP("TranscriptFixes", "The wrong text is empty."),
         "right": QT_TRANSLATE_NOOP("TranscriptFixes", "The right text is empty.")}
TOO_LONG = {"wrong": QT_TRANSLATE_NOOP("TranscriptFixes", "The wrong text is longer than {n} characters."),
            "right": QT_TRANSLATE_NOOP("TranscriptFixes", "The right text is longer than {n} characters.")}
MARKUP = {"wrong": QT_TRANSLATE_NOOP("TranscriptFixes", "The wrong text cannot hold cloze syntax or markup."),
          "right": QT_TRANSLATE_NOOP("TranscriptFixes", "The right text cannot hold cloze syntax or markup.")}
SAME = QT_TRANSLATE_NOOP("TranscriptFixes", "The fix is the same as the text.")
WHICH_CLIP = QT_TRANSLATE_NOOP("TranscriptFixes", "Say which clip to fix, or fix it everywhere.")
NOT_IN_ANY = QT_TRANSLATE_NOOP("TranscriptFixes", "\"{wrong}\" is not in any clip's transcript.")
NOT_IN_THIS = QT_TRANSLATE_NOOP("TranscriptFixes", "\"{wrong}\" is not in this clip's transcript.")
ALREADY_SAYS = QT_TRANSLATE_NOOP("TranscriptFixes", "The transcript already says \"{right}\".")
NO_FIX = QT_TRANSLATE_NOOP("TranscriptFixes", "There is no fix {id}.")
ALREADY_UNDONE = QT_TRANSLATE_NOOP("TranscriptFixes", "Fix {id} was already undone.")


def _clean(text: str, what: str) -> str:
    text = " ".join("".join(ch for ch in text if unicodedata.category(ch)[0] != "C").split())
    if not text:
        raise BadInput(EMPTY[what]())
    if len(text) > MAX_LENGTH:
        raise BadInput(TOO_LONG[what](n=MAX_LENGTH))
    if "{{" in text or "}}" in text or "<" in text:
        raise BadInput(MARKUP[what]())
    return text


class TranscriptFixes:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- applying -------------------------------------------------------------------------------------

    def apply(self, video_id: int | None, wrong: str, right: str, *, everywhere: bool = False) -> FixResult:
        """Fix `wrong` -> `right` in one clip (or, with `everywhere`, in every clip that has it)."""
        wrong, right = _clean(wrong, "wrong"), _clean(right, "right")
        if wrong == right:
            raise BadInput(SAME())
        if video_id is None and not everywhere:
            raise BadInput(WHICH_CLIP())
        pattern = phrase_pattern(wrong)
        with self.db.session() as s:
            clips = self._clips_with(s, pattern, wrong, None if everywhere else video_id)
            if not clips:
                raise BadInput((NOT_IN_ANY if everywhere else NOT_IN_THIS)(wrong=wrong))
            changes: list[dict[str, Any]] = []
            result = FixResult(0, wrong, right, clips)
            for vid in clips:
                self._fix_clip(s, vid, pattern, wrong, right, changes, result)
                s.flush()
                search_index.reindex(s, vid)
            if not changes:
                raise BadInput(ALREADY_SAYS(right=right))
            fix = TranscriptFix(video_id=video_id, wrong=wrong, right=right, everywhere=everywhere, changes=changes)
            s.add(fix)
            s.flush()
            assert fix.id is not None
            result.fix_id = fix.id
        return result

    def clips_with(self, wrong: str) -> list[int]:
        """The clips whose transcript has `wrong` as whole words: what a fix `everywhere` would change."""
        wrong = _clean(wrong, "wrong")
        with self.db.session() as s:
            return self._clips_with(s, phrase_pattern(wrong), wrong, None)

    @staticmethod
    def _clips_with(s: Session, pattern: re.Pattern[str], wrong: str, video_id: int | None) -> list[int]:
        first = wrong.split()[0]
        stmt = select(TranscriptSegment.video_id, TranscriptSegment.text)
        if first.isascii():  # SQLite folds case for ASCII only: a narrowing pre-filter, the regex decides
            like = first.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            stmt = stmt.where(col(TranscriptSegment.text).ilike(f"%{like}%", escape="\\"))
        if video_id is not None:
            stmt = stmt.where(TranscriptSegment.video_id == video_id)
        return sorted({vid for vid, text in s.exec(stmt).all() if pattern.search(text)})

    @staticmethod
    def _fix_clip(s: Session, vid: int, pattern: re.Pattern[str], wrong: str, right: str,
                  changes: list[dict[str, Any]], result: FixResult) -> None:
        for seg in s.exec(select(TranscriptSegment).where(TranscriptSegment.video_id == vid)).all():
            if not pattern.search(seg.text):
                continue
            words, runs = fix_words([word_from_row(w) for w in seg.words], wrong, right)
            text, rows = pattern.sub(lambda _m: right, seg.text), [word_row(w) for w in words]
            if text == seg.text:
                continue  # already right (a fix of case only, on a line that had it)
            if runs < len(pattern.findall(seg.text)):
                log.info("fix %r -> %r: clip %s segment %s fixed in its text, its words split otherwise", wrong,
                         right, vid, seg.id)
            changes.append({"table": "segment", "id": seg.id, "before": {"text": seg.text, "words": seg.words},
                            "after": {"text": text, "words": rows}})
            seg.text, seg.words = text, rows
            s.add(seg)
            result.segments += 1
        for kp in s.exec(select(KeyPointRow).where(KeyPointRow.video_id == vid)).all():
            if _changed(kp, _KEYPOINT_FIELDS, pattern, right, changes, "keypoint"):
                s.add(kp)
                result.keypoints += 1
        drafts = select(Card).where(Card.video_id == vid, Card.state == CardState.DRAFT,
                                    col(Card.edited).is_(False))
        for card in s.exec(drafts).all():
            if _changed(card, _CARD_FIELDS, pattern, right, changes, "card"):
                card.updated_at = utcnow()
                s.add(card)
                result.cards += 1

    # ---- undoing --------------------------------------------------------------------------------------

    def undo(self, fix_id: int) -> FixResult:
        """Put back what the fix changed, except rows changed again since (those are kept and counted)."""
        with self.db.session() as s:
            fix = s.get(TranscriptFix, fix_id)
            if fix is None:
                raise NotFound(NO_FIX(id=fix_id))
            if fix.undone_at is not None:
                raise BadInput(ALREADY_UNDONE(id=fix_id))
            result = FixResult(fix_id, fix.right, fix.wrong)
            clips: set[int] = set()
            for change in fix.changes:
                model: type[Any] = {"segment": TranscriptSegment, "keypoint": KeyPointRow, "card": Card}[
                    change["table"]]
                row = s.get(model, change["id"])
                if row is None:
                    continue
                if any(getattr(row, k) != v for k, v in change["after"].items()):
                    result.kept += 1
                    continue
                if isinstance(row, Card) and (row.state != CardState.DRAFT or row.edited):
                    result.kept += 1  # accepted or sent to Anki since: the student's now, never changed back
                    continue
                if isinstance(row, Card):
                    row.updated_at = utcnow()
                for key, value in change["before"].items():
                    setattr(row, key, value)
                s.add(row)
                clips.add(int(row.video_id))
                kind = {"segment": "segments", "keypoint": "keypoints", "card": "cards"}[change["table"]]
                setattr(result, kind, getattr(result, kind) + 1)
            s.flush()
            for vid in sorted(clips):
                search_index.reindex(s, vid)
            fix.undone_at = utcnow()
            s.add(fix)
            result.clips = sorted(clips)
        return result

    def list(self, video_id: int | None = None, *, include_undone: bool = False) -> list[TranscriptFix]:
        with self.db.session() as s:
            stmt = select(TranscriptFix).order_by(col(TranscriptFix.id).desc())
            if video_id is not None:
                stmt = stmt.where(TranscriptFix.video_id == video_id)
            if not include_undone:
                stmt = stmt.where(col(TranscriptFix.undone_at).is_(None))
            return list(s.exec(stmt).all())


def _replace(text: str, pattern: re.Pattern[str], right: str) -> str:
    """`pattern` -> `right` in plain text and in cloze answers, never inside the {{cN::...}} markers themselves."""
    def swap(part: str) -> str:
        return pattern.sub(lambda _m: right, part)

    return cloze.substitute(text, lambda d: cloze.marker(d.number, swap(d.answer), swap(d.hint)), plain=swap)


def _changed(row: Any, fields: Sequence[str], pattern: re.Pattern[str], right: str,
             changes: list[dict[str, Any]], table: str) -> bool:
    after = {f: _replace(getattr(row, f) or "", pattern, right) for f in fields}
    before = {f: getattr(row, f) for f in fields if after[f] != (getattr(row, f) or "")}
    after = {f: after[f] for f in before}
    if not before:
        return False
    changes.append({"table": table, "id": row.id, "before": before, "after": after})
    for f, v in after.items():
        setattr(row, f, v)
    return True
