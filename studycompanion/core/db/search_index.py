"""The FTS5 index over clips (title, caption, transcript, notes, tags): keeping it in step, and ranked search."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from studycompanion.core.db.tables import Tag, TranscriptSegment, Video, VideoTag
from studycompanion.core.types import SearchHit

COLUMNS = ("title", "caption", "transcript", "notes", "tags")
# bm25 weights per column: a word in the title says more about the clip than one in 150 words of speech
WEIGHTS = "10.0, 4.0, 1.0, 3.0, 6.0"
_TOKEN = re.compile(r"\w+", re.UNICODE)
RANK_WINDOW = 3000


def reindex(session: Session, video_id: int) -> None:
    """Rewrite the index row of one clip from the tables (call inside the same session as the write)."""
    video = session.get(Video, video_id)
    session.execute(text("DELETE FROM clip_fts WHERE rowid = :id"), {"id": video_id})
    if video is None:
        return
    segments = session.exec(
        select(TranscriptSegment.text)
        .where(TranscriptSegment.video_id == video_id)
        .order_by(col(TranscriptSegment.idx))
    ).all()
    tags = session.exec(
        select(Tag.name).join(VideoTag, col(VideoTag.tag_id) == col(Tag.id)).where(VideoTag.video_id == video_id)
    ).all()
    hashtags = " ".join(f"#{h}" for h in video.hashtags)
    caption = " ".join([video.caption, hashtags, video.creator_handle, video.creator_name])
    session.execute(
        text(
            "INSERT INTO clip_fts(rowid, title, caption, transcript, notes, tags) "
            "VALUES (:id, :title, :caption, :transcript, :notes, :tags)"
        ),
        {
            "id": video_id,
            "title": video.title,
            "caption": caption,
            "transcript": " ".join(segments),
            "notes": video.notes,
            "tags": " ".join(t.replace("::", " ") for t in tags),
        },
    )


def remove(session: Session, video_id: int) -> None:
    session.execute(text("DELETE FROM clip_fts WHERE rowid = :id"), {"id": video_id})


def query_terms(query: str) -> list[str]:
    """The words a query matches on, folded as the index folds them. A one-letter last word is dropped while
    others are typed ("trimethoprim-s"): as a prefix it would match most of the index and narrows nothing."""
    terms = [_fold(t) for t in _TOKEN.findall(query)]
    if len(terms) > 1 and len(terms[-1]) < 2:
        terms = terms[:-1]
    return terms


def fts_query(terms: list[str]) -> str:
    """A safe FTS5 query: every word must match; the last one as a prefix (search as you type)."""
    if not terms:
        return ""
    parts = [f'"{t}"' for t in terms[:-1]] + [f'"{terms[-1]}"*']
    return " AND ".join(parts)


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    terms = query_terms(query)
    match = fts_query(terms)
    if not match:
        return []
    ranked = _ranked(session, match, limit)
    screen = _screen_hits(session, match, limit)
    if not ranked and not screen:
        return []
    ids = [int(r[0]) for r in ranked]
    placeholders = ",".join(str(i) for i in ids) or "NULL"
    # the indexed text by rowid (no MATCH: a plain lookup), snippets made here from the same words FTS5 matched
    rows = session.execute(
        text(f"SELECT rowid, title, caption, transcript, notes, tags FROM clip_fts WHERE rowid IN ({placeholders})")
    ).all()
    columns = {int(r[0]): list(r[1:]) for r in rows}
    titles = dict(session.execute(text(f"SELECT id, title FROM video WHERE id IN ({placeholders})")).all())
    found: dict[int, tuple[int, str]] = {}
    for vid in ids:
        cols = columns.get(vid, [""] * len(COLUMNS))
        # a transcript hit is the most useful: it knows the second the words are said
        for i in (2, 0, 1, 4, 3):
            snip = make_snippet(cols[i] or "", terms)
            if snip is not None:
                found[vid] = (i, snip)
                break
    seconds = _seconds_of(session, [v for v, (c, _s) in found.items() if c == 2], terms)
    hits: list[SearchHit] = []
    for video_id, score in ranked:
        vid = int(video_id)
        col_idx, snippet = found.get(vid, (0, titles.get(vid, "")))
        on_screen = screen.pop(vid, None)
        if col_idx != 2 and on_screen is not None:  # shown on screen: the line knows its second
            hits.append(SearchHit(vid, titles.get(vid, ""), make_snippet(on_screen[1], terms) or on_screen[1],
                                  "screen", on_screen[0], -float(score)))
            continue
        hits.append(SearchHit(vid, titles.get(vid, ""), snippet, COLUMNS[col_idx], seconds.get(vid), -float(score)))
    if screen:  # clips whose words are only on screen (no speech, or not said), after the others
        extra = ",".join(str(v) for v in screen)
        more = dict(session.execute(text(f"SELECT id, title FROM video WHERE id IN ({extra})")).all())
        for vid, (start, line, score) in list(screen.items())[: max(0, limit - len(hits))]:
            hits.append(SearchHit(vid, more.get(vid, ""), make_snippet(line, terms) or line, "screen", start, score))
    return hits


def _screen_hits(session: Session, match: str, limit: int) -> dict[int, tuple[float, str, float]]:
    """On-screen text lines (OCR, migration 0008) matching the query: per clip, the best line's second and text."""
    rows = session.execute(
        text("SELECT l.video_id, l.start, l.text, bm25(screen_fts) FROM screen_fts f "
             "JOIN screentextline l ON l.id = f.rowid WHERE screen_fts MATCH :q ORDER BY bm25(screen_fts) LIMIT :n"),
        {"q": match, "n": limit * 4},
    ).all()
    best: dict[int, tuple[float, str, float]] = {}
    for vid, start, line, score in rows:
        best.setdefault(int(vid), (float(start), str(line), -float(score)))
    return best


def _fold(word: str) -> str:
    """Lower case without diacritics, as FTS5's unicode61 tokenizer (remove_diacritics) sees a word."""
    lower = word.lower()
    if lower.isascii():
        return lower
    return "".join(c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c))


def _term_match(word: str, terms: list[str]) -> bool:
    """Exact for every word but the last, which may be a prefix (as fts_query asks FTS5)."""
    folded = _fold(word)
    return folded in terms[:-1] or folded.startswith(terms[-1])


def make_snippet(body: str, terms: list[str], before: int = 4, after: int = 8) -> str | None:
    """A few words around the first match with every matching word in [brackets]; None when nothing matches."""
    tokens = list(_TOKEN.finditer(body))
    first = next((i for i, m in enumerate(tokens) if _term_match(m.group(), terms)), None)
    if first is None:
        return None
    lo, hi = max(0, first - before), min(len(tokens), first + after + 1)
    out = ["…" if lo > 0 else ""]
    pos = tokens[lo].start()
    for m in tokens[lo:hi]:
        out.append(body[pos:m.start()])
        out.append(f"[{m.group()}]" if _term_match(m.group(), terms) else m.group())
        pos = m.end()
    out.append("…" if hi < len(tokens) else body[pos:])
    return "".join(out).strip()


def _ranked(session: Session, match: str, limit: int) -> list[Any]:
    """Best matches by bm25. A word most clips contain would make bm25 score the whole library on every
    keystroke: past RANK_WINDOW matches, only the newest RANK_WINDOW are ranked (bounded cost, recent first)."""
    window = session.execute(
        text("SELECT rowid FROM clip_fts WHERE clip_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :w"),
        {"q": match, "w": RANK_WINDOW},
    ).first()
    floor = int(window[0]) if window else 0
    return list(session.execute(
        text(f"SELECT rowid, bm25(clip_fts, {WEIGHTS}) AS score FROM clip_fts WHERE clip_fts MATCH :q "
             "AND rowid > :floor ORDER BY score LIMIT :limit"),
        {"q": match, "floor": floor, "limit": limit},
    ).all())


def _seconds_of(session: Session, video_ids: list[int], terms: list[str]) -> dict[int, float]:
    """For each clip, when its transcript first says the query's words (all of them if one segment has them all,
    else any); the last word counts as a prefix. One query for all clips; word timestamps parsed only where needed."""
    if not video_ids or not terms:
        return {}
    placeholders = ",".join(str(i) for i in video_ids)
    rows = session.execute(text(
        f"SELECT video_id, start, text, words FROM transcriptsegment WHERE video_id IN ({placeholders}) "
        "ORDER BY video_id, idx"
    )).all()
    found: dict[int, tuple[bool, float, str]] = {}
    for vid, start, seg_text, words in rows:
        if vid in found and found[vid][0]:
            continue
        tokens = _TOKEN.findall(seg_text)
        flags = [any(_term_match(w, [*terms[:i], t]) if i == len(terms) - 1 else _fold(w) == t for w in tokens)
                 for i, t in enumerate(terms)]
        if all(flags) or (any(flags) and vid not in found):
            found[vid] = (all(flags), float(start), words)
    return {vid: _word_time(start, words, terms) for vid, (_all, start, words) in found.items()}


def _word_time(start: float, words_json: str | list[Any], terms: list[str]) -> float:
    """The start of the first matching word when word timestamps exist, else the segment's start."""
    try:
        words = json.loads(words_json) if isinstance(words_json, str) else words_json
        for word in words:
            if any(_term_match(tok, terms) for tok in _TOKEN.findall(str(word[2]))):
                return float(word[0])
    except (ValueError, IndexError, TypeError):
        pass
    return start
