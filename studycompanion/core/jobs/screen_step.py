"""The SCREEN pipeline step: read a clip's on-screen text (OCR of the frames where the text changed) and store
its lines. It runs before transcription, so the creator's spelling can feed the prompt and the lexicon; a clip
whose text cannot be read still goes on to transcription (the job ends with the reason as its note). The reading
itself runs in the on-screen text process (core/screen/process.py), so the window's interpreter stays free."""

from __future__ import annotations

import logging
from collections.abc import Callable

from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.jobs.pipeline import StepContext, StepHandler
from studycompanion.core.library.clips import Library
from studycompanion.core.screen.process import ScreenEngineFailed, ScreenEngineStopped, ScreenReader
from studycompanion.core.screen.store import ScreenTextStore
from studycompanion.core.settings import Settings

log = logging.getLogger(__name__)


def make_step(library: Library, store: ScreenTextStore, ocr: ScreenReader,
              settings: Settings | Callable[[], Settings]) -> StepHandler:
    def current() -> Settings:
        return settings() if callable(settings) else settings

    def step(ctx: StepContext) -> str | None:
        if ctx.video_id is None:
            raise UserError("An on-screen text job needs a clip.")
        if not current().screen_text:
            return "on-screen text is switched off in Settings"
        video = library.get(ctx.video_id)
        media = library.media_path(video)
        if not video.media_file or not media.is_file():
            raise BadInput("The clip's media file is missing; capture or import it again.", str(media))
        ctx.progress(0.0, "Reading on-screen text…")
        try:
            lines = ocr.read(media, should_stop=ctx.cancelled,
                             progress=lambda f: ctx.progress(f, "Reading on-screen text…"))
        except BadInput as exc:  # an audio-only file, a video stream PyAV cannot decode: transcription still runs
            log.info("no on-screen text for clip %s: %s", ctx.video_id, exc.message)
            return f"no on-screen text read: {exc.message}"
        except (ScreenEngineStopped, ScreenEngineFailed) as exc:  # the reader crashed or hung: the clip's speech
            log.warning("on-screen text reader failed on clip %s: %s (%s)", ctx.video_id, exc.message, exc.detail)
            return f"no on-screen text read: {exc.message}"  # still goes on to transcription and cards
        ctx.check_cancelled()
        store.save(ctx.video_id, lines)
        return f"{len(lines)} on-screen line{'s' if len(lines) != 1 else ''}" if lines else "no on-screen text found"

    return step
