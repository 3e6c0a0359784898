"""Composition root shared by the CLI and the app: builds every service once and wires the pipeline's steps."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from studycompanion.core import capture, card_step, transcribe
from studycompanion.core.card_store import CardStore
from studycompanion.core.db import Database
from studycompanion.core.jobs import JobQueue
from studycompanion.core.library import Library, check_writable
from studycompanion.core.pipeline import Pipeline
from studycompanion.core.settings import Settings, SettingsStore
from studycompanion.core.tag_suggestions import with_suggestions
from studycompanion.core.types import JobStep
from studycompanion.paths import AppPaths, app_paths, setup_logging

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

    def close(self) -> None:
        self.pipeline.stop()
        transcribe.close_engines()  # the engine child process goes with the services that started it
        self.db.dispose()


def build_services(paths: AppPaths | None = None, *, migrate: bool = True) -> Services:
    paths = paths or app_paths()
    check_writable(paths)
    setup_logging(paths)
    db = Database(paths.db, paths.backups)
    if migrate:
        db.migrate()
    store = SettingsStore(paths.settings_file)
    settings = store.load()
    library = Library(db, paths)
    queue = JobQueue(db)
    card_store = CardStore(db)
    # capture and transcription are followed by interest-tag suggestions (core/tag_suggestions.py)
    pipeline = Pipeline(library, queue, {
        JobStep.CAPTURE: with_suggestions(capture.make_step(library, settings, paths), library),
        JobStep.TRANSCRIBE: with_suggestions(transcribe.make_step(library, settings, paths), library),
        JobStep.CARDS: card_step.make_step(library, settings, paths, card_store),
    })
    return Services(paths, db, store, settings, library, queue, pipeline, card_store)
