"""Key points from a clip's on-screen text, merged with the speech key points.

Creators often put the fact itself on screen ("Metoprolol: beta-1 selective"), over music or over someone
pointing. Each overlay item (a line, or a caption wrapped over two or three lines) is scored by the same rules as
speech (core/cards/keypoints.py), so a "Follow for part 2" never becomes a card. The same fact said and shown
makes one key point: the spoken one, which keeps its words and time, marked as shown too. What is only shown
keeps the creator's spelling and the span it is on screen, so its card's frame shows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.screen.merge import ScreenLine
from studycompanion.core.types import KeyPoint, Segment

SHOWN = "shown on screen"
SAID_AND_SHOWN = "said and shown on screen"
SAME_BLOCK = 0.5  # seconds: lines that appear together belong to one overlay block
NEAR = 6.0  # seconds between a shown and a said fact that can still be the same fact
SAME_FACT = 60  # rapidfuzz token_set_ratio over their content words
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9-]{3,}")


def overlay_items(lines: Sequence[ScreenLine]) -> list[Segment]:
    """Overlay lines as items to score: a block's lines in reading order, a line that continues the one above it
    (no closing punctuation above, a lower-case start below) joined to it."""
    items: list[Segment] = []
    ordered = sorted(lines, key=lambda ln: (round(ln.start / SAME_BLOCK), ln.box.y0))
    for line in ordered:
        text = line.text.strip()
        if not text:
            continue
        prev = items[-1] if items else None
        continues = prev is not None and not prev.text.endswith((".", "!", "?", ":")) and text[:1].islower()
        if prev is not None and continues and abs(line.start - prev.start) <= SAME_BLOCK:
            items[-1] = Segment(prev.start, max(prev.end, line.end), f"{prev.text} {text}")
            continue
        items.append(Segment(line.start, line.end, text))
    return items


def screen_keypoints(lines: Sequence[ScreenLine], vocab: frozenset[str] | None = None) -> list[KeyPoint]:
    """Key points from what the clip shows, each with the span it is on screen."""
    points: list[KeyPoint] = []
    for item in overlay_items(lines):
        # each overlay item is scored alone: it is its own sentence, whatever punctuation the creator used
        text = item.text if item.text.endswith((".", "!", "?")) else f"{item.text}."
        for kp in extract_keypoints([Segment(item.start, item.end, text)], vocab):
            points.append(replace(kp, start=item.start, end=item.end, key=f"screen-{kp.key}",
                                  reasons=[*kp.reasons, SHOWN]))
    return points


def _content(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text))


def same_fact(said: KeyPoint, shown: KeyPoint) -> bool:
    near = shown.start - NEAR <= said.end and said.start <= shown.end + NEAR
    return near and fuzz.token_set_ratio(_content(said.text), _content(shown.text)) >= SAME_FACT


def merge_keypoints(said: Sequence[KeyPoint], shown: Sequence[KeyPoint]) -> list[KeyPoint]:
    """One key point per fact: a shown fact that is also said joins the spoken one (marked as shown too)."""
    merged = list(said)
    for point in shown:
        match = next((i for i, s in enumerate(merged) if SHOWN not in s.reasons and same_fact(s, point)), None)
        if match is None:
            merged.append(point)
        elif SAID_AND_SHOWN not in merged[match].reasons:
            merged[match] = replace(merged[match], reasons=[*merged[match].reasons, SAID_AND_SHOWN])
    return sorted(merged, key=lambda kp: (kp.start, kp.end))
