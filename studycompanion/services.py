"""Composition root shared by the CLI and the app: builds every service once and wires the pipeline's steps.

Nothing else constructs a service: views, commands and steps get theirs from here. Each service that holds a
resource (the transcription engine process, the database engine, the log file) is closed by `Services.close`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property

from studycompanion.core.capture.download import Capturer
from studycompanion.core.capture.step import make_step as capture_step
from studycompanion.core.cards.checks import CardChecks
from studycompanion.core.cards.fixes import TranscriptFixes
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.engine import Database
from studycompanion.core.errors import StorageError
from studycompanion.core.interests.creators import Creators
from studycompanion.core.interests.service import Interests
from studycompanion.core.interests.suggestions import TagSuggestions, with_suggestions
from studycompanion.core.interests.taxonomy import load_taxonomy
from studycompanion.core.jobs.cards_step import make_step as cards_step
from studycompanion.core.jobs.clip_actions import ClipActions
from studycompanion.core.jobs.engine_lock import EngineLock, serialised
from studycompanion.core.jobs.pipeline import Pipeline
from studycompanion.core.jobs.queue import JobQueue
from studycompanion.core.jobs.screen_step import make_step as screen_step
from studycompanion.core.library import opening
from studycompanion.core.library.clips import Library
from studycompanion.core.library.dictionary import PersonalDictionary
from studycompanion.core.review.sessions import Reviews
from studycompanion.core.screen.process import ScreenReader
from studycompanion.core.screen.store import ScreenTextStore
from studycompanion.core.settings import Settings, SettingsStore
from studycompanion.core.transcribe.engine import TranscriptionEngine
from studycompanion.core.transcribe.service import TranscribeStep
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
    ocr: ScreenReader  # the on-screen text process (started on the first clip it reads)
    transcriber: TranscribeStep
    screen_text: ScreenTextStore
    log_handler: logging.Handler | None = None
    read_only: bool = False  # the library could not be written: browse, search and export only (window title)
    notices: list[str] = field(default_factory=list)  # one-line notes from opening it (read-only, a repair)

    def check_library(self) -> StorageError | None:
        """Cheap (one stat), for the window to poll: None while the library folder is in place; else why not, and
        from then on nothing is written."""
        return self.db.presence()

    @cached_property
    def card_checks(self) -> CardChecks:
        """Check flags for cards (core/cards/checks.py); who is unverified comes from the creators service."""
        return CardChecks(self.library, unverified=self.creators.unverified_video_ids,
                          shown=lambda vid: [line.text for line in self.screen_text.lines(vid)])

    def close(self) -> None:
        """Stop the pipeline, the engine processes, the database and the log handler; each even if one before fails."""
        try:
            self.pipeline.stop()
        finally:
            try:
                try:
                    self.engine.close()  # the engine child process goes with the services that started it
                finally:
                    self.ocr.close()  # and so does the on-screen text process
            finally:
                try:
                    self.db.dispose()
                finally:
                    if self.log_handler is not None:
                        stop_logging(self.log_handler)
                        self.log_handler = None


def build_services(paths: AppPaths | None = None, *, migrate: bool = True, check_damage: bool = True) -> Services:
    paths = paths or app_paths()
    report = opening.prepare(paths)  # never a new empty library where one was; read-only says so
    handler = setup_logging(paths)
    db = Database(paths.db, paths.backups, read_only=report.read_only, full=report.full)
    try:
        if check_damage:
            opening.check_damage(db)  # quick_check, bounded in time: damage is one line with the way out
        if migrate:
            result = db.migrate()
            if result.repair:
                report.notices.append(result.repair)
        opening.after_open(db, paths, report)  # the rolling daily backup, the sweep of leftovers
    except BaseException:
        db.dispose()
        stop_logging(handler)
        raise
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    library = Library(db, paths)
    queue = JobQueue(db)
    card_store = CardStore(db)
    engine = TranscriptionEngine()
    ocr = ScreenReader()  # starts nothing: its process starts, and loads the models, on the first clip it reads
    screen_text = ScreenTextStore(db)
    capturer = Capturer(paths, settings)
    taxonomy = load_taxonomy()
    creators = Creators(db)
    suggestions = TagSuggestions(library, taxonomy)
    interests = Interests(library, taxonomy=taxonomy, suggestions=suggestions, creators=creators,
                          include_drafts=lambda: settings.review_include_drafts)
    reviews = Reviews(library, settings, interests=interests, creators=creators)
    dictionary = PersonalDictionary(db)
    # the clip's on-screen words and the student's fixes feed its prompt and lexicon correction
    transcriber = transcribe_step(library, settings, paths, engine, dictionary=dictionary.terms,
                                  screen_text=lambda vid: [line.text for line in screen_text.lines(vid)],
                                  misheard=dictionary.misheard)
    # capture and transcription are followed by interest-tag suggestions (core/interests/suggestions.py)
    pipeline = Pipeline(library, queue, {
        JobStep.CAPTURE: with_suggestions(capture_step(library, capturer, paths), suggestions),
        JobStep.SCREEN: screen_step(library, screen_text, ocr, settings),
        # one transcription engine per machine user at a time (core/jobs/engine_lock.py): the others wait
        JobStep.TRANSCRIBE: with_suggestions(serialised(transcriber, EngineLock(), engine.close), suggestions),
        JobStep.CARDS: cards_step(library, settings, paths, card_store, screen_lines=screen_text.lines),
    }, screen_text=lambda: settings.screen_text)
    return Services(
        paths=paths, db=db, settings_store=store, settings=settings, library=library, jobs=queue, pipeline=pipeline,
        card_store=card_store, engine=engine, capturer=capturer, creators=creators, suggestions=suggestions,
        interests=interests, reviews=reviews, clip_actions=ClipActions(library, queue, pipeline),
        fixes=TranscriptFixes(db), dictionary=dictionary, ocr=ocr, transcriber=transcriber, screen_text=screen_text,
        log_handler=handler, read_only=report.read_only, notices=report.notices,
    )
