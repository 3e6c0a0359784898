"""The CARDS pipeline step: transcript -> key points -> card drafts with a frame and an audio clip each."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from studycompanion.core import media
from studycompanion.core.cards.drafts import CardDraft, ClipInfo, clip_key, draft_cards
from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.cards.store import CardStore, UpsertResult
from studycompanion.core.db.tables import Video
from studycompanion.core.errors import BadInput, NotFound, UserError
from studycompanion.core.jobs.pipeline import StepContext, StepHandler
from studycompanion.core.library.clips import Library
from studycompanion.core.media import content_digest
from studycompanion.core.settings import Settings
from studycompanion.core.types import KeyPoint, VideoStatus
from studycompanion.paths import AppPaths

log = logging.getLogger(__name__)
FRAME_WIDTH = 480
AUDIO_PAD = 0.3
Progress = Callable[[float, str], None]


@dataclass
class GenerateResult:
    video_id: int
    keypoints: list[KeyPoint]
    drafts: list[CardDraft]
    stored: UpsertResult
    notes: list[str] = field(
        default_factory=list
    )  # what the student should know (LLM fell back, no audio ...)


def clip_info(video: Video, tags: Sequence[str]) -> ClipInfo:
    creator = video.creator_handle or video.creator_name
    if video.creator_handle and not creator.startswith("@") and video.platform != "local":
        creator = "@" + creator
    return ClipInfo(
        key=clip_key(video.platform, video.platform_id),
        title=video.title,
        creator=creator,
        platform=video.platform,
        url=video.source_url,
        caption=video.caption,
        tags=tuple(tags),
    )


def _media_for(
    library: Library, video: Video, points: Sequence[KeyPoint], progress: Progress, notes: list[str]
) -> dict[str, tuple[str, str]]:
    """A small JPEG at the middle of each key point and the mp3 of its span (padded), made once."""
    assert video.id is not None
    src = library.media_path(video)
    if not video.media_file or not src.is_file():
        notes.append("The clip's media file is missing: cards have no frame or audio.")
        return {}
    folder = library.clip_folder(video.id) / "cards"
    out: dict[str, tuple[str, str]] = {}
    has_video = has_audio = True
    for i, kp in enumerate(points):
        progress(0.3 + 0.6 * i / max(len(points), 1), f"Frame and audio, key point {i + 1} of {len(points)}")
        frame_rel = audio_rel = ""
        middle = (kp.start + kp.end) / 2
        if has_video:
            try:
                frame = _made_once(folder, kp.key, ".jpg", partial(_frame, src, middle))
                frame_rel = _rel(library, frame)
            except BadInput as exc:
                has_video = False  # an audio-only clip: no frames at all
                log.info("no frame for clip %s: %s", video.id, exc.message)
        if has_audio:
            try:
                audio = _made_once(folder, kp.key, ".mp3", partial(_audio, src, kp.start, kp.end))
                audio_rel = _rel(library, audio)
            except BadInput as exc:
                has_audio = False
                log.info("no audio for clip %s: %s", video.id, exc.message)
        out[kp.key] = (frame_rel, audio_rel)
    if not has_audio:
        notes.append("The clip has no audio track: cards have no audio.")
    return out


def _frame(src: Path, t: float, out: Path) -> None:
    media.save_frame(src, t, out, max_width=FRAME_WIDTH)


def _audio(src: Path, t0: float, t1: float, out: Path) -> None:
    media.audio_clip(src, t0, t1, out, pad=AUDIO_PAD)


def _made_once(folder: Path, key: str, suffix: str, make: Callable[[Path], None]) -> Path:
    """The key point's file, made if missing and named KEY-DIGEST.ext (exports then need not read it)."""
    existing = sorted(folder.glob(f"{key}-*{suffix}"))
    if existing:
        return existing[0]
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.part{suffix}"
    try:
        make(tmp)
        final = folder / f"{key}-{content_digest(tmp)}{suffix}"
        tmp.replace(final)
    finally:
        tmp.unlink(missing_ok=True)
    return final


def _rel(library: Library, path: Path) -> str:
    return path.relative_to(library.paths.media).as_posix()


def generate_cards(
    library: Library,
    store: CardStore,
    settings: Settings,
    video_id: int,
    progress: Progress | None = None,
) -> GenerateResult:
    """Key points and card drafts for one transcribed clip; safe to run again (CardStore.upsert_drafts)."""
    report: Progress = progress or (lambda _f, _m: None)
    video = library.get(video_id)
    segments = library.transcript(video_id)
    if not segments:
        raise BadInput(f"Clip {video_id} has no transcript yet: transcribe it first.")
    tags = library.tags_for(video_id)
    info = clip_info(video, tags)
    notes: list[str] = []
    report(0.05, "Finding key points")
    points: list[KeyPoint] | None = None
    drafts: list[CardDraft] = []
    if settings.llm_enabled:
        from studycompanion.core.cards import llm  # only imported when the student switched it on

        try:
            points, drafts = llm.llm_cards(segments, info, llm.LLMConfig.from_settings(settings))
        except llm.LLMError as exc:
            notes.append(f"{exc.message} Used the built-in key points instead.")
            log.warning("LLM failed for clip %s: %s (%s)", video_id, exc.message, exc.detail)
            points = None
    if points is None:
        points = extract_keypoints(segments)
        drafts = draft_cards(points, info, cloze=settings.card_cloze, basic=settings.card_basic)
    library.set_keypoints(video_id, points)
    with_cards = {d.keypoint_key for d in drafts}
    files = {}
    if settings.card_media:
        files = _media_for(library, video, [p for p in points if p.key in with_cards], report, notes)
    report(0.95, "Saving card drafts")
    stored = store.upsert_drafts(video_id, drafts, files)
    report(1.0, f"{len(drafts)} card drafts from {len(points)} key points")
    return GenerateResult(video_id, points, drafts, stored, notes)


def make_step(
    library: Library, settings: Settings, paths: AppPaths, card_store: CardStore | None = None
) -> StepHandler:
    """The handler the pipeline runs for JobStep.CARDS."""
    store = card_store or CardStore(library.db)

    def step(ctx: StepContext) -> str | None:
        if ctx.video_id is None:
            raise UserError("A cards job needs a clip.")
        if not library.transcript(ctx.video_id) and library.get(ctx.video_id).status == VideoStatus.TRANSCRIBED:
            return "No speech was heard in this clip, so there is nothing to make cards from."  # not a failure
        try:
            result = generate_cards(library, store, settings, ctx.video_id, lambda f, m: ctx.progress(f, m))
        except NotFound:
            raise UserError(f"Clip {ctx.video_id} was deleted before its cards were made.") from None
        # what the student should know (an LLM that failed, no audio track) stays on the finished job
        return " ".join(result.notes) or None

    return step
