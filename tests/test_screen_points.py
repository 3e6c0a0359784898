"""Key points from on-screen text: overlay facts become key points at the second they are shown, calls to action
do not, a caption wrapped over lines is one item, and the same fact said and shown is one key point."""

from __future__ import annotations

from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.cards.screen_points import (
    SAID_AND_SHOWN,
    SHOWN,
    merge_keypoints,
    overlay_items,
    screen_keypoints,
)
from studycompanion.core.screen.merge import Box, ScreenLine
from studycompanion.core.types import Segment, Word


def _line(start: float, end: float, text: str, y: float) -> ScreenLine:
    return ScreenLine(start=start, end=end, text=text, box=Box(0.1, y, 0.9, y + 0.05), confidence=0.98)


OVERLAY = [
    _line(1.0, 5.0, "Spironolactone blocks aldosterone", 0.30),
    _line(1.0, 5.0, "at the collecting duct", 0.36),  # the same caption, wrapped
    _line(6.0, 10.0, "Side effect: gynecomastia and hyperkalemia", 0.30),
    _line(11.0, 14.0, "Follow for part 2!", 0.80),
]


def test_a_wrapped_caption_is_one_item_and_separate_facts_stay_apart() -> None:
    items = overlay_items(OVERLAY)
    assert [i.text for i in items] == ["Spironolactone blocks aldosterone at the collecting duct",
                                       "Side effect: gynecomastia and hyperkalemia", "Follow for part 2!"]
    assert (items[0].start, items[0].end) == (1.0, 5.0)


def test_overlay_facts_become_key_points_when_shown_and_a_call_to_action_does_not() -> None:
    points = screen_keypoints(OVERLAY)
    texts = [p.text for p in points]
    assert any("Spironolactone" in t for t in texts) and any("gynecomastia" in t for t in texts)
    assert not any("Follow" in t for t in texts)
    assert all(SHOWN in p.reasons and p.key.startswith("screen-") for p in points)
    spiro = next(p for p in points if "Spironolactone" in p.text)
    assert (spiro.start, spiro.end) == (1.0, 5.0)  # the card's frame is taken while the text is on screen


def _said(text: str, start: float) -> list[Segment]:
    words = [Word(start + 0.3 * i, start + 0.3 * (i + 1), f" {w}") for i, w in enumerate(text.split())]
    return [Segment(start, words[-1].end, text, words)]


def test_the_same_fact_said_and_shown_is_one_key_point() -> None:
    speech = extract_keypoints(_said("Spironolactone blocks aldosterone in the collecting duct, so potassium "
                                     "goes up.", 0.5))
    assert speech, "the spoken fact is a key point"
    merged = merge_keypoints(speech, screen_keypoints(OVERLAY))
    spiro = [p for p in merged if "pironolactone" in p.text]
    assert len(spiro) == 1 and SAID_AND_SHOWN in spiro[0].reasons and SHOWN not in spiro[0].reasons
    assert any("gynecomastia" in p.text and SHOWN in p.reasons for p in merged)  # only shown: kept as shown
    assert [p.start for p in merged] == sorted(p.start for p in merged)


def test_a_clip_with_no_speech_gets_its_key_points_from_the_screen_alone() -> None:
    merged = merge_keypoints([], screen_keypoints(OVERLAY))
    assert len(merged) >= 2 and all(SHOWN in p.reasons for p in merged)
