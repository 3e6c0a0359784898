"""On-screen text lines in the library (migration 0008): saved, replaced, searched with the second, and gone with
their clip (no OCR here; tests/test_screen_read.py reads real frames)."""

from __future__ import annotations

from studycompanion.core.screen import Box, ScreenLine
from studycompanion.core.types import Segment
from studycompanion.services import Services
from tests.interest_fixtures import ClipSpec, add_clip

LINES = [
    ScreenLine(start=0.75, end=4.25, text="Metoprolol: beta-1 blocker", box=Box(0.1, 0.3, 0.9, 0.35), confidence=0.99),
    ScreenLine(start=0.75, end=4.25, text="Watch for bradycardia", box=Box(0.15, 0.36, 0.85, 0.41), confidence=0.97),
    ScreenLine(start=5.25, end=9.75, text="Max 200 mg per day", box=Box(0.2, 0.6, 0.8, 0.65), confidence=0.98),
]


def test_lines_round_trip_and_a_reread_replaces_them(services: Services) -> None:
    vid = add_clip(services.library, ClipSpec("bb", title="Beta blockers"))
    services.screen_text.save(vid, LINES)
    assert services.screen_text.lines(vid) == LINES
    services.screen_text.save(vid, LINES[2:])
    assert services.screen_text.lines(vid) == LINES[2:]
    assert services.library.search("bradycardia") == []  # the old line's index row went with it


def test_a_search_hit_on_screen_text_jumps_to_its_second(services: Services) -> None:
    silent = add_clip(services.library, ClipSpec("bb", title="Beta blockers"))  # text over music, no speech
    spoken = add_clip(services.library, ClipSpec("ht", title="Hypertension", transcript="Metoprolol lowers rate."))
    services.screen_text.save(silent, LINES)
    (hit,) = services.library.search("brady")
    assert (hit.video_id, hit.field, hit.seconds) == (silent, "screen", 0.75)
    assert "[bradycardia]" in hit.snippet.lower()
    by_clip = {h.video_id: h for h in services.library.search("metoprolol")}
    assert by_clip[spoken].field == "transcript"  # said: the transcript's second
    assert by_clip[silent].field == "screen" and by_clip[silent].seconds == 0.75  # title hit -> the line's second


def test_deleting_a_clip_takes_its_lines_and_their_index(services: Services) -> None:
    vid = add_clip(services.library, ClipSpec("bb", title="Beta blockers"))
    services.library.set_transcript(vid, [Segment(0.0, 2.0, "nothing to see")])
    services.screen_text.save(vid, LINES)
    services.library.delete(vid)
    with services.db.session() as s:
        from sqlalchemy import text

        assert s.execute(text("SELECT count(*) FROM screen_fts")).scalar() == 0
    assert services.library.search("bradycardia") == []
