"""The transcribe step: a clip in the library -> segments with word timestamps, offline, on faster-whisper.

Pieces: models (which model, where), prompt (the clip's own title, caption, hashtags, on-screen text and the
personal dictionary), engine + worker (the isolated child process that keeps the model loaded and decodes
loops again; loops.py finds them), lexicon (medical correction of low-confidence words). This module ties them
to the library and the settings, and is what the pipeline, the CLI and the benchmark call.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.library.words import apply_misheard
from studycompanion.core.settings import Settings
from studycompanion.core.transcribe.acoustic import ScoreChunk
from studycompanion.core.transcribe.engine import (
    EngineFailed,
    EngineStopped,
    ProgressFn,
    TranscribeRequest,
    TranscribeResult,
    TranscriptionEngine,
    physical_cores,
)
from studycompanion.core.transcribe.lexicon import (
    Correction,
    CorrectionSettings,
    Lexicon,
    RunOptions,
    apply_corrections,
    context_terms,
    correct_words,
    default_lexicon,
    run_options,
)
from studycompanion.core.transcribe.models import (
    DEFAULT_MODEL,
    ModelUnavailable,
    ResolvedModel,
    bundled_model_dir,
    model_statuses,
    resolve_model,
)
from studycompanion.core.transcribe.prompt import (
    approx_tokens,
    build_prompt,
    read_sectioned_vocabulary,
    tokenizer_counter,
)
from studycompanion.core.transcribe.verify import Scorer, VerifySettings, verified_corrections
from studycompanion.core.transcribe.vocab import vocabulary_file
from studycompanion.core.types import Segment
from studycompanion.paths import AppPaths

__all__ = [
    "EngineStopped",
    "TranscribeOptions",
    "TranscribeRequest",
    "TranscribeResult",
    "TranscriptionEngine",
    "correct_segments",
    "doctor_info",
    "make_step",
    "prompt_for",
    "transcribe_media",
]

log = logging.getLogger(__name__)


class _Context(Protocol):
    """The part of pipeline.StepContext this step uses."""

    video_id: int | None
    payload: dict[str, Any]

    def progress(self, fraction: float | None, message: str = "", eta: float | None = None) -> None: ...

    def cancelled(self) -> bool: ...

    def check_cancelled(self) -> None: ...


class _Library(Protocol):
    def get(self, video_id: int) -> Any: ...

    def media_path(self, video: Any) -> Path: ...

    def set_transcript(self, video_id: int, segments: Sequence[Segment]) -> None: ...


@dataclass(frozen=True)
class TranscribeOptions:
    model: str = DEFAULT_MODEL
    language: str = "auto"
    compute_type: str = "int8"
    device: str = "auto"
    threads: int = 0
    vad: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> TranscribeOptions:
        values: dict[str, Any] = {
            "model": settings.model or DEFAULT_MODEL,
            "language": settings.language or "auto",
            "compute_type": settings.compute_type or "int8",
            "device": settings.device or "auto",
            "threads": settings.threads,
            "vad": settings.vad,
        }
        values.update({k: v for k, v in overrides.items() if v not in (None, "")})
        return cls(**values)

    @property
    def language_code(self) -> str | None:
        return None if self.language in ("", "auto") else self.language


def choose_model(options: TranscribeOptions, models_dir: Path, *, strict: bool) -> tuple[ResolvedModel, str]:
    """The model to run and a note for the user when it is not the one asked for.

    `strict` (the user named the model for this job) turns an unavailable model into an error; otherwise
    (the model comes from the settings) the fallback model (DEFAULT_MODEL: the one this installation ships) serves
    and the note says why.
    """
    try:
        model = resolve_model(options.model, models_dir)
    except ModelUnavailable as exc:
        if strict or options.model == DEFAULT_MODEL:
            raise
        log.warning("model %s unavailable, using %s: %s", options.model, DEFAULT_MODEL, exc.message)
        model = resolve_model(DEFAULT_MODEL, models_dir)
        return model, f"{exc.message} Using the bundled {DEFAULT_MODEL} for now."
    code = options.language_code
    if code and code != "en" and not model.multilingual:
        raise UserError(
            f"The {model.name} model only understands English, and this clip is set to '{code}'. "
            "Pick a multilingual model (base, small, ...) in the settings or with --model.",
        )
    return model, ""


def prompt_for(title: str, caption: str, hashtags: Sequence[str], model_dir: Path | None, *,
               on_screen: Sequence[str] = (), dictionary: Sequence[str] = ()) -> str:
    """The initial prompt for a clip, from the clip alone (see prompt.py)."""
    vocabulary = read_sectioned_vocabulary(vocabulary_file())
    count = tokenizer_counter(model_dir) if model_dir is not None else approx_tokens
    return build_prompt(title=title, caption=caption, hashtags=hashtags, on_screen=on_screen, dictionary=dictionary,
                        vocabulary=vocabulary, count=count)


def correct_segments(segments: Sequence[Segment], *, title: str = "", caption: str = "",
                     hashtags: Sequence[str] = (), on_screen: Sequence[str] = (), dictionary: Sequence[str] = (),
                     lexicon: Lexicon | None = None, settings: CorrectionSettings | None = None,
                     scorer: Scorer | None = None, verify: VerifySettings | None = None,
                     ) -> tuple[list[Segment], int]:
    """Segments with low-confidence words matched to the medical lexicon (see lexicon.py), and how many changed.

    The clip's own terms (title, caption, hashtags, on-screen text) and the personal dictionary join the lexicon
    as context terms, which win ties. A corrected word keeps what was heard in `corrected_from`. With a `scorer`
    (the engine's model, over the clip's audio), terms are proposed more freely and each is kept only when the
    audio supports it (verify.py); without one, the stricter lexical thresholds alone decide.
    """
    lexicon = lexicon or default_lexicon()
    settings = settings or CorrectionSettings()
    context = [*dictionary, *context_terms(title, caption, *hashtags, *on_screen, lexicon=lexicon,
                                           common_rank=settings.common_rank)]
    if scorer is not None:
        return _verified_segments(segments, lexicon.with_context(context), settings, scorer,
                                  verify or VerifySettings())
    out: list[Segment] = []
    changed = 0
    for segment in segments:
        words, corrections = correct_words(segment.words, lexicon, context, settings)
        if corrections:
            changed += len(corrections)
            segment = Segment(segment.start, segment.end, "".join(w.text for w in words).strip(), words)
        out.append(segment)
    return out, changed


def _verified_segments(segments: Sequence[Segment], lexicon: Lexicon, settings: CorrectionSettings, scorer: Scorer,
                       verify: VerifySettings) -> tuple[list[Segment], int]:
    """correct_segments with the audio check: runs are found segment by segment (a run never spans two), then
    checked together over the clip's words, so neighbouring runs share one stretch of encoded audio."""
    loose = verify.proposing(settings)
    words = [w for segment in segments for w in segment.words]
    runs: list[RunOptions] = []
    offset = 0
    for segment in segments:
        for run in run_options(segment.words, lexicon, loose, limit=verify.candidates, both_forms=True):
            runs.append(RunOptions(run.first + offset, run.last + offset, run.original, run.options))
        offset += len(segment.words)
    corrections = verified_corrections(words, lexicon, scorer, settings, verify, runs=runs)
    out: list[Segment] = []
    offset = 0
    for segment in segments:
        n = len(segment.words)
        mine = [c for c in corrections if offset <= c.first and c.last < offset + n]
        if mine:
            shifted = [Correction(c.first - offset, c.last - offset, c.original, c.term, c.score, c.context)
                       for c in mine]
            fixed = apply_corrections(segment.words, shifted)
            segment = Segment(segment.start, segment.end, "".join(w.text for w in fixed).strip(), fixed)
        out.append(segment)
        offset += n
    return out, len(corrections)


def correct_with_engine(engine: TranscriptionEngine, request: TranscribeRequest, segments: Sequence[Segment], *,
                        cancelled: Callable[[], bool] | None = None, language: str = "", **context: Any
                        ) -> tuple[list[Segment], int]:
    """correct_segments checked against the clip's audio by the engine that transcribed it, in the `language` it
    heard (detected when the request left it open); when the check cannot run (the engine failed), the lexical
    thresholds alone decide, so a transcript is never lost to it."""
    scored = replace(request, language=request.language or language or None)

    def scorer(chunks: Sequence[ScoreChunk]) -> list[list[float]]:
        return engine.score(scored, chunks, cancelled=cancelled)

    try:
        return correct_segments(segments, scorer=scorer, **context)
    except (EngineFailed, EngineStopped) as exc:
        log.warning("the lexicon correction's audio check failed (%s); lexical correction only", exc)
        return correct_segments(segments, **context)


def transcribe_media(
    engine: TranscriptionEngine,
    media: Path,
    options: TranscribeOptions,
    models_dir: Path,
    *,
    title: str = "",
    caption: str = "",
    hashtags: Sequence[str] = (),
    on_screen: Sequence[str] = (),
    dictionary: Sequence[str] = (),
    use_prompt: bool = True,
    correct: bool = True,
    strict_model: bool = True,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TranscribeResult:
    """Transcribe a media file (CLI on a path, the benchmark, the pipeline step): the prompt from the clip alone,
    loop-safe decoding in the engine, then lexicon correction of low-confidence words (unless `correct` is off)."""
    model, _note = choose_model(options, models_dir, strict=strict_model)
    prompt = prompt_for(title, caption, hashtags, model.path, on_screen=on_screen, dictionary=dictionary
                        ) if use_prompt else None
    request = build_request(model, options, media, prompt)
    result = engine.transcribe(request, progress=progress, cancelled=cancelled)
    result.prompt = prompt or ""
    if correct:
        result.segments, result.corrections = correct_with_engine(
            engine, request, result.segments, cancelled=cancelled, language=result.language, title=title,
            caption=caption, hashtags=hashtags, on_screen=on_screen, dictionary=dictionary)
    return result


def build_request(model: ResolvedModel, options: TranscribeOptions, media: Path, prompt: str | None
                  ) -> TranscribeRequest:
    """What the engine is asked for: English-only models are always told the language."""
    return TranscribeRequest(
        media=media,
        model=model,
        language=options.language_code if model.multilingual else "en",
        initial_prompt=prompt or None,
        device=options.device,
        compute_type=options.compute_type,
        threads=options.threads,
        vad=options.vad,
    )


class TranscribeStep:
    """The pipeline handler for JobStep.TRANSCRIBE (payload may carry "model" and "language" overrides)."""

    def __init__(
        self,
        library: _Library,
        settings: Settings | Callable[[], Settings],
        paths: AppPaths,
        engine: TranscriptionEngine,
        dictionary: Callable[[], Sequence[str]] | None = None,
        screen_text: Callable[[int], Sequence[str]] | None = None,
        misheard: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        self.library = library
        self.misheard = misheard  # the student's fixes (heard -> right), applied again to a new transcript
        self.dictionary = dictionary  # the personal dictionary's terms (prompt and corrections)
        self.screen_text = screen_text  # a clip's on-screen text lines (OCR), by clip id
        self._settings = settings
        self.paths = paths
        self.engine = engine  # built once in services.py, closed by its owner

    def settings(self) -> Settings:
        return self._settings() if callable(self._settings) else self._settings

    def close(self) -> None:
        self.engine.close()

    def preload(self) -> None:
        """Start the engine and load the settings' model, so the first clip starts at once (UI: at start-up)."""
        options = TranscribeOptions.from_settings(self.settings())
        model, _note = choose_model(options, self.paths.models, strict=False)
        self.engine.preload(self._request(model, options, Path(), None))

    def _request(
        self, model: ResolvedModel, options: TranscribeOptions, media: Path, prompt: str | None
    ) -> TranscribeRequest:
        return build_request(model, options, media, prompt)

    def __call__(self, ctx: _Context) -> None:
        if ctx.video_id is None:
            raise UserError("A transcription job needs a clip.")
        video = self.library.get(ctx.video_id)
        media = self.library.media_path(video)
        if not video.media_file or not media.is_file():
            raise BadInput("The clip's media file is missing; capture or import it again.", str(media))
        payload_model = str(ctx.payload.get("model") or "")
        options = TranscribeOptions.from_settings(
            self.settings(), model=payload_model or None, language=ctx.payload.get("language") or None
        )
        model, note = choose_model(options, self.paths.models, strict=bool(payload_model))
        title, caption, hashtags = video.title or "", video.caption or "", list(video.hashtags or [])
        on_screen = list(self.screen_text(ctx.video_id)) if self.screen_text else []
        dictionary = list(self.dictionary()) if self.dictionary else []
        prompt = prompt_for(title, caption, hashtags, model.path, on_screen=on_screen, dictionary=dictionary)
        request = self._request(model, options, media, prompt)

        def progress(fraction: float, message: str, eta: float | None) -> None:
            ctx.progress(fraction, f"{message} ({note})" if note and fraction < 0.05 else message, eta)

        result = self.engine.transcribe(request, progress=progress, cancelled=ctx.cancelled)
        ctx.check_cancelled()  # a cancel that arrived with the last segment still wins: nothing is stored
        segments, corrected = correct_with_engine(self.engine, request, result.segments, cancelled=ctx.cancelled,
                                                  language=result.language, title=title, caption=caption,
                                                  hashtags=hashtags,
                                                  on_screen=on_screen, dictionary=dictionary)
        ctx.check_cancelled()
        if self.misheard is not None:  # a fix made once stays made when the clip is transcribed again
            segments, refixed = apply_misheard(segments, self.misheard())
            corrected += refixed
        self.library.set_transcript(ctx.video_id, segments)
        log.info(
            "transcribed clip %s: %.1f s of audio in %.1f s (%s, %d segments, %d windows decoded again, "
            "%d words corrected)", ctx.video_id, result.duration, result.seconds, model.name, len(segments),
            len(result.redone), corrected,
        )


def make_step(
    library: _Library, settings: Settings | Callable[[], Settings], paths: AppPaths, engine: TranscriptionEngine,
    *, dictionary: Callable[[], Sequence[str]] | None = None, screen_text: Callable[[int], Sequence[str]] | None = None,
    misheard: Callable[[], Mapping[str, str]] | None = None,
) -> TranscribeStep:
    """The handler services.py wires for JobStep.TRANSCRIBE, over the one engine services.py owns; `dictionary`
    and `screen_text` feed the personal dictionary and a clip's on-screen text into its prompt and corrections."""
    return TranscribeStep(library, settings, paths, engine, dictionary, screen_text, misheard)


def _device_info() -> dict[str, Any]:
    try:
        import ctranslate2

        cuda = ctranslate2.get_cuda_device_count()
        return {
            "ctranslate2": ctranslate2.__version__,
            "cuda_devices": cuda,
            "device": "cuda" if cuda > 0 else "cpu",
            "cpu_compute_types": sorted(ctranslate2.get_supported_compute_types("cpu")),
        }
    except Exception as exc:  # noqa: BLE001 - doctor reports, never fails
        return {"device": "cpu", "error": str(exc)}


def doctor_info(paths: AppPaths) -> dict[str, Any]:
    """What `studycompanion doctor` shows about transcription: models, the bundled one, the device."""
    bundled = bundled_model_dir()
    return {
        "bundled_model": DEFAULT_MODEL,
        "bundled_model_path": str(bundled) if bundled else None,
        "models_folder": str(paths.models),
        "models": [
            {
                "name": s.spec.name,
                "available": s.available,
                "source": s.spec.source.value,
                "multilingual": s.spec.multilingual,
                "approx_mb": s.spec.approx_mb,
                "path": str(s.path) if s.path else None,
                "how": s.how,
            }
            for s in model_statuses(paths.models)
        ],
        "threads": physical_cores(),
        "vocabulary_terms": len(read_sectioned_vocabulary(vocabulary_file())),
        **_device_info(),
    }
