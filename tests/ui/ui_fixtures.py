"""Helpers for the clip-view and dialog tests: a clip with real media, a transcript and card drafts."""

from __future__ import annotations

from pathlib import Path

from studycompanion.core.cards.store import CardStore
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.services import Services
from tests.cards_fixtures import add_clip


def clip_with_cards(services: Services, tmp: Path, name: str = "01_loop_diuretics",
                    tags: tuple[str, ...] = ("Renal::Diuretics",)) -> int:
    """A library clip (real mp4, eval-set transcript) with its key points and card drafts generated."""
    vid = add_clip(services, tmp, name, tags=tags)
    generate_cards(services.library, CardStore(services.db), services.settings, vid)
    return vid
