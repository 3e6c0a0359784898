"""The FTS5 index over clips (title, caption, transcript, notes, tags): keeping it in step, and ranked search."""

from __future__ import annotations

import re

from sqlalchemy import text
from sqlmodel import Session, col, select

from studycompanion.core.models import Tag, TranscriptSegment, Video, VideoTag
from studycompanion.core.types import SearchHit

COLUMNS = ("title", "caption", "transcript", "notes", "tags")
# bm25 weights per column: a word in the title says more about the clip than one in 150 words of speech
WEIGHTS = "10.0, 4.0, 1.0, 3.0, 6.0"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_OPEN, _CLOSE = "\x01", "\x02"


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
    return [t.lower() for t in _TOKEN.findall(query)]


def fts_query(query: str) -> str:
    """User text -> a safe FTS5 query: every word must match; the last one as a prefix (search as you type)."""
    terms = query_terms(query)
    if not terms:
        return ""
    parts = [f'"{t}"' for t in terms[:-1]] + [f'"{terms[-1]}"*']
    return " AND ".join(parts)


def search(session: Session, query: str, limit: int = 50) -> list[SearchHit]:
    match = fts_query(query)
    if not match:
        return []
    ranked = session.execute(
        text(f"SELECT rowid, bm25(clip_fts, {WEIGHTS}) AS score FROM clip_fts WHERE clip_fts MATCH :q "
             "ORDER BY score LIMIT :limit"),
        {"q": match, "limit": limit},
    ).all()
    if not ranked:
        return []
    ids = [int(r[0]) for r in ranked]
    placeholders = ",".join(str(i) for i in ids)
    snippet_cols = ", ".join(
        f"snippet(clip_fts, {i}, '{_OPEN}', '{_CLOSE}', '…', 12)" for i in range(len(COLUMNS))
    )
    rows = session.execute(
        text(f"SELECT rowid, {snippet_cols} FROM clip_fts WHERE clip_fts MATCH :q AND rowid IN ({placeholders})"),
        {"q": match},
    ).all()
    snippets = {int(r[0]): list(r[1:]) for r in rows}
    titles = dict(session.execute(text(f"SELECT id, title FROM video WHERE id IN ({placeholders})")).all())
    terms = query_terms(query)
    hits: list[SearchHit] = []
    for video_id, score in ranked:
        cols = snippets.get(int(video_id), [""] * len(COLUMNS))
        matched = [i for i, s in enumerate(cols) if s and _OPEN in s]
        # a transcript hit is the most useful: it knows the second the words are said
        order = [2, 0, 1, 4, 3]
        best = next((i for i in order if i in matched), matched[0] if matched else 0)
        seconds = _second_of(session, int(video_id), terms) if best == 2 else None
        snippet = (cols[best] or "").replace(_OPEN, "[").replace(_CLOSE, "]")
        hits.append(SearchHit(int(video_id), titles.get(video_id, ""), snippet, COLUMNS[best], seconds, -float(score)))
    return hits


def _second_of(session: Session, video_id: int, terms: list[str]) -> float | None:
    """Start of the first segment that says the query's words (last word as a prefix); else of any of them."""
    segments = session.exec(
        select(TranscriptSegment).where(TranscriptSegment.video_id == video_id).order_by(col(TranscriptSegment.idx))
    ).all()
    if not terms:
        return None

    def words_of(seg: TranscriptSegment) -> list[str]:
        return [w.lower() for w in _TOKEN.findall(seg.text)]

    def has(words: list[str], term: str, prefix: bool) -> bool:
        return any(w.startswith(term) if prefix else w == term for w in words)

    fallback: float | None = None
    for seg in segments:
        words = words_of(seg)
        flags = [has(words, t, i == len(terms) - 1) for i, t in enumerate(terms)]
        if all(flags):
            return _word_time(seg, terms)
        if any(flags) and fallback is None:
            fallback = _word_time(seg, terms)
    return fallback


def _word_time(seg: TranscriptSegment, terms: list[str]) -> float:
    """The start of the first matching word when word timestamps exist, else the segment's start."""
    for word in seg.words:
        try:
            token = "".join(_TOKEN.findall(str(word[2]).lower()))
        except (IndexError, TypeError):
            break
        if any(token.startswith(t) for t in terms):
            return float(word[0])
    return float(seg.start)
