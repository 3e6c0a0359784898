"""Composition root shared by the CLI and the app: builds every service once and wires the pipeline's steps."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from studycompanion.core.db import Database
from studycompanion.core.jobs import JobQueue
from studycompanion.core.library import Library, check_writable
from studycompanion.core.pipeline import Pipeline, StepContext, StepHandler
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

    def close(self) -> None:
        self.pipeline.stop()
        self.db.dispose()


def _noop(ctx: StepContext) -> None:
    ctx.progress(1.0, "Nothing to do yet")


def _handler(module: str, *args: object) -> StepHandler:
    try:
        mod = importlib.import_module(f"studycompanion.core.{module}")
        make_step = mod.make_step
    except (ImportError, AttributeError):  # the step is not built yet
        return _noop
    handler: StepHandler = make_step(*args)
    return handler


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
    pipeline = Pipeline(library, queue, {})
    services = Services(paths, db, store, settings, library, queue, pipeline)
    # interests: capture and transcription are followed by tag suggestions (core/tag_suggestions.py, issue 7)
    pipeline.handlers.update({
        JobStep.CAPTURE: with_suggestions(_handler("capture", library, settings, paths), library),
        JobStep.TRANSCRIBE: with_suggestions(_handler("transcribe", library, settings, paths), library),
        JobStep.CARDS: _handler("cards", library, settings, paths),
    })
    return services
