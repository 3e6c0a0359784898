"""Cards from on-screen text: a clip that shows its facts over music gets drafts, checked against what it shows;
a clip with neither speech nor text says so on its finished job."""

from __future__ import annotations

from sqlmodel import select

from studycompanion.core.cards.checks import CheckKind
from studycompanion.core.db.tables import Card
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.screen.merge import Box, ScreenLine
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services
from tests.interest_fixtures import ClipSpec, add_clip

LINES = [
    ScreenLine(1.0, 5.0, "Spironolactone blocks aldosterone", Box(0.1, 0.30, 0.9, 0.35), 0.98),
    ScreenLine(1.0, 5.0, "at the collecting duct", Box(0.1, 0.36, 0.9, 0.41), 0.97),
    ScreenLine(6.0, 10.0, "Side effect: gynecomastia and hyperkalemia", Box(0.1, 0.30, 0.9, 0.35), 0.98),
    ScreenLine(11.0, 14.0, "Follow for part 2!", Box(0.1, 0.8, 0.9, 0.85), 0.99),
]


def test_a_clip_without_speech_gets_cards_from_what_it_shows(services: Services) -> None:
    services.settings.card_media = False
    vid = add_clip(services.library, ClipSpec("spiro", title="Spironolactone in 15 seconds"))
    services.library.set_transcript(vid, [])  # music only: nothing was said
    services.screen_text.save(vid, LINES)
    result = generate_cards(services.library, services.card_store, services.settings, vid,
                            screen_lines=services.screen_text.lines(vid))
    assert result.drafts, "drafts from the overlays"
    assert all(p.start >= 1.0 for p in result.keypoints) and not any("Follow" in p.text for p in result.keypoints)
    with services.db.session() as s:
        cards = list(s.exec(select(Card).where(Card.video_id == vid)).all())
    assert any("pironolactone" in c.front or "pironolactone" in c.back for c in cards)
    checks = services.card_checks.for_cards(cards)
    assert not any(r.kind == CheckKind.UNSUPPORTED for c in checks.values() for r in c.reasons), \
        "a term the clip shows is supported, though nobody said it"


def test_a_clip_with_neither_speech_nor_text_says_why_it_has_no_cards(services: Services) -> None:
    vid = add_clip(services.library, ClipSpec("quiet", title="Scrubbing in"))
    services.library.set_transcript(vid, [])
    job_id = services.pipeline.queue_step(JobStep.CARDS, vid)
    services.pipeline.run_pending()
    job = services.jobs.get(job_id)
    assert job.state == JobState.DONE
    assert "No speech was heard and no on-screen text was found" in (job.message or "")
