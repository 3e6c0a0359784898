"""Composition root shared by the CLI and the app: builds every service once and wires the pipeline's steps.

Nothing else constructs a service: views, commands and steps get theirs from here. Each service that holds a
resource (the transcription engine process, the database engine, the log file) is closed by `Services.close`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property

from studycompanion.core.capture.download import Capturer
from studycompanion.core.capture.download import make_step as capture_step
from studycompanion.core.cards.checks import CardChecks
from studycompanion.core.cards.fixes import TranscriptFixes
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.engine import Database
from studycompanion.core.interests.creators import Creators
from studycompanion.core.interests.service import Interests
from studycompanion.core.interests.suggestions import TagSuggestions, with_suggestions
from studycompanion.core.interests.taxonomy import load_taxonomy
from studycompanion.core.jobs.cards_step import make_step as cards_step
from studycompanion.core.jobs.clip_actions import ClipActions
from studycompanion.core.jobs.pipeline import Pipeline
from studycompanion.core.jobs.queue import JobQueue
from studycompanion.core.library.clips import Library, check_writable
from studycompanion.core.library.dictionary import PersonalDictionary
from studycompanion.core.review.sessions import Reviews
from studycompanion.core.settings import Settings, SettingsStore
from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.service import make_step as transcribe_step
from studycompanion.core.types import JobStep
from studycompanion.paths import AppPaths, app_paths, setup_logging, stop_logging

log = logging.getLogger(__name__)


@dataclass
class Services:
    paths: AppPaths
    db: Database
    settings_store: SettingsStore
    settings: Settings
    library: Library
    jobs: JobQueue
    pipeline: Pipeline
    card_store: CardStore
    engine: TranscriptionEngine
    capturer: Capturer
    creators: Creators
    suggestions: TagSuggestions
    interests: Interests
    reviews: Reviews
    clip_actions: ClipActions
    fixes: TranscriptFixes
    dictionary: PersonalDictionary
    log_handler: logging.Handler | None = None

    @cached_property
    def card_checks(self) -> CardChecks:
        """Check flags for cards (core/cards/checks.py); who is unverified comes from the creators service."""
        return CardChecks(self.library, unverified=self.creators.unverified_video_ids)

    def close(self) -> None:
        self.pipeline.stop()
        self.engine.close()  # the engine child process goes with the services that started it
        self.db.dispose()
        if self.log_handler is not None:
            stop_logging(self.log_handler)
            self.log_handler = None


def build_services(paths: AppPaths | None = None, *, migrate: bool = True) -> Services:
    paths = paths or app_paths()
    check_writable(paths)
    handler = setup_logging(paths)
    db = Database(paths.db, paths.backups)
    if migrate:
        db.migrate()
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    library = Library(db, paths)
    queue = JobQueue(db)
    card_store = CardStore(db)
    engine = TranscriptionEngine()
    capturer = Capturer(paths, settings)
    taxonomy = load_taxonomy()
    creators = Creators(db)
    suggestions = TagSuggestions(library, taxonomy)
    interests = Interests(library, taxonomy=taxonomy, suggestions=suggestions, creators=creators,
                          include_drafts=lambda: settings.review_include_drafts)
    reviews = Reviews(library, settings, interests=interests, creators=creators)
    # capture and transcription are followed by interest-tag suggestions (core/interests/suggestions.py)
    pipeline = Pipeline(library, queue, {
        JobStep.CAPTURE: with_suggestions(capture_step(library, capturer, paths), suggestions),
        JobStep.TRANSCRIBE: with_suggestions(transcribe_step(library, settings, paths, engine), suggestions),
        JobStep.CARDS: cards_step(library, settings, paths, card_store),
    })
    return Services(paths, db, store, settings, library, queue, pipeline, card_store, engine, capturer,
                    creators, suggestions, interests, reviews, ClipActions(library, queue, pipeline),
                    TranscriptFixes(db), PersonalDictionary(db), handler)
