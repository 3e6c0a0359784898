"""The CARDS pipeline step: transcript -> key points -> card drafts with a frame and an audio clip each."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from studycompanion.core import media
from studycompanion.core.cards import cloze
from studycompanion.core.cards.drafts import (
    CardDraft,
    ClipInfo,
    card_guid,
    clip_key,
    draft_cards,
    make_basic,
    make_cloze,
    source_text,
)
from studycompanion.core.cards.keypoints import extract_keypoints
from studycompanion.core.cards.screen_points import merge_keypoints, screen_keypoints
from studycompanion.core.cards.source import video_creator
from studycompanion.core.cards.store import CardStore, UpsertResult
from studycompanion.core.db.tables import Card, Video
from studycompanion.core.errors import BadInput, NotFound, UserError
from studycompanion.core.jobs.pipeline import StepContext, StepHandler
from studycompanion.core.library.clips import Library
from studycompanion.core.media import content_digest
from studycompanion.core.screen.merge import ScreenLine
from studycompanion.core.settings import Settings
from studycompanion.core.types import CardKind, KeyPoint, Segment, VideoStatus, Word
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
    return ClipInfo(
        key=clip_key(video.platform, video.platform_id),
        title=video.title,
        creator=video_creator(video),
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
    screen_lines: Sequence[ScreenLine] = (),
) -> GenerateResult:
    """Key points and card drafts for one transcribed clip, from what is said and what is shown on screen (the same
    fact said and shown is one key point); safe to run again (CardStore.upsert_drafts)."""
    report: Progress = progress or (lambda _f, _m: None)
    video = library.get(video_id)
    segments = library.transcript(video_id)
    if not segments and not screen_lines:
        raise BadInput(f"Clip {video_id} has no transcript yet: transcribe it first.")
    tags = library.tags.tags_for(video_id)
    info = clip_info(video, tags)
    notes: list[str] = []
    report(0.05, "Finding key points")
    points: list[KeyPoint] | None = None
    drafts: list[CardDraft] = []
    if settings.llm_enabled:
        from studycompanion.core.cards import llm  # only imported when the student switched it on

        try:
            points, drafts = llm.llm_cards(segments, info, llm.LLMConfig.from_settings(settings)) if segments \
                else ([], [])
        except llm.LLMError as exc:
            notes.append(f"{exc.message} Used the built-in key points instead.")
            log.warning("LLM failed for clip %s: %s (%s)", video_id, exc.message, exc.detail)
            points = None
    shown = screen_keypoints(screen_lines)
    if points is None:
        points = merge_keypoints(extract_keypoints(segments) if segments else [], shown)
        drafts = draft_cards(points, info, cloze=settings.card_cloze, basic=settings.card_basic)
    elif shown:  # the language model drafted from the speech: what is only shown gets the built-in drafts
        merged = merge_keypoints(points, shown)
        only_shown = [p for p in merged if p.key.startswith("screen-")]
        drafts = [*drafts, *draft_cards(only_shown, info, cloze=settings.card_cloze, basic=settings.card_basic)]
        points = merged
    library.set_keypoints(video_id, points)
    with_cards = {d.keypoint_key for d in drafts}
    files = {}
    if settings.card_media:
        files = _media_for(library, video, [p for p in points if p.key in with_cards], report, notes)
    report(0.95, "Saving card drafts")
    stored = store.upsert_drafts(video_id, drafts, files)
    report(1.0, f"{len(drafts)} card drafts from {len(points)} key points")
    return GenerateResult(video_id, points, drafts, stored, notes)


# --- cards from the student's own choice (asbplayer / subs2srs style) ------------------------------------


@dataclass(frozen=True)
class ChosenLine:
    """The transcript line at a moment (or the lines a selection spans) and the words chosen in it."""

    text: str
    start: float
    end: float
    chosen: str  # the selected words ("" when only a moment was given)


def _sentences(segments: Sequence[Segment]) -> list[list[Word]]:
    """Every word said, cut into sentences at . ! ? (whisper's segments start and end mid-sentence)."""
    out: list[list[Word]] = [[]]
    for seg in segments:
        for w in seg.words:
            out[-1].append(w)
            if w.text.strip().endswith((".", "!", "?")):
                out.append([])
    return [s for s in out if s]


def line_at(segments: Sequence[Segment], seconds: float, until: float | None = None) -> ChosenLine:
    """The sentence said at `seconds` (the nearest one when nothing is said then); with `until`, the words
    said from `seconds` to `until` are the chosen ones and the line is every sentence they touch."""
    if not segments:
        raise BadInput("This clip has no transcript yet: transcribe it first.")
    sentences = _sentences(segments)
    if not sentences:  # a transcript without word times: its segments are the lines
        seg = min(segments, key=lambda g: 0.0 if g.start <= seconds <= g.end
                  else min(abs(g.start - seconds), abs(g.end - seconds)))
        return ChosenLine(cloze.defuse(seg.text), seg.start, seg.end, "")

    def distance(words: list[Word]) -> float:
        a, b = words[0].start, words[-1].end
        return 0.0 if a <= seconds <= b else min(abs(a - seconds), abs(b - seconds))

    if until is None or until <= seconds:
        words = min(sentences, key=distance)
        return ChosenLine(_text(words), words[0].start, words[-1].end, "")
    picked: list[Word] = [w for s in sentences for w in s if seconds <= (w.start + w.end) / 2 <= until]
    if not picked:
        raise BadInput(f"No words are said between {seconds:.1f} s and {until:.1f} s.")
    lines = [s for s in sentences if any(w in picked for w in s)]
    words = [w for s in lines for w in s]
    return ChosenLine(_text(words), words[0].start, words[-1].end, _text(picked))


def _text(words: Sequence[Word]) -> str:
    return cloze.defuse(" ".join(w.text.strip() for w in words))


def make_card_at(
    library: Library,
    store: CardStore,
    video_id: int,
    seconds: float,
    *,
    until: float | None = None,
    cloze_word: str | None = None,
    kind: CardKind = CardKind.CLOZE,
    with_media: bool = True,
) -> Card:
    """A card from the line said at `seconds` (or the words said from `seconds` to `until`): a cloze that hides
    the chosen words (or `cloze_word`, or the line's key term), or a basic card asking for them; with the
    frame at that second, the line's audio and its source at that second. It is a draft of the student's."""
    video = library.get(video_id)
    line = line_at(library.transcript(video_id), seconds, until)
    target = cloze_word.strip() if cloze_word else line.chosen
    span = cloze.find_word(line.text, target) if target else None
    if target and span is None:
        raise BadInput(f"'{target}' is not said in this line: \"{line.text}\"")
    if kind == CardKind.CLOZE:
        front, back = (cloze.make(line.text, [span]) if span else make_cloze(line.text)), ""
        if not front:
            raise BadInput(f"Nothing in \"{line.text}\" stands out to hide: choose the words to hide.")
    elif span is None:
        qa = make_basic(line.text)
        if qa is None:
            raise BadInput("Choose the words that answer the card: this line is not a definition to ask about.")
        front, back = qa
    else:
        front = line.text[: span[0]] + "_____" + line.text[span[1] :]
        back = line.text[span[0] : span[1]]
    tags = library.tags.tags_for(video_id)
    info = clip_info(video, tags)
    key = f"user-{round(seconds * 10)}"
    taken = {c.guid for c in store.list_cards(video_ids=[video_id])}
    index = next(i for i in range(len(taken) + 1) if card_guid(info.key, key, kind, i) not in taken)
    draft = CardDraft(keypoint_key=key, kind=kind, index=index, front=front, back=back, extra="",
                      source=source_text(info, seconds), start=line.start, end=line.end,
                      guid=card_guid(info.key, key, kind, index), reasons=["chosen"])
    frame = audio = ""
    src = library.media_path(video)
    if with_media and video.media_file and src.is_file():
        folder = library.clip_folder(video_id) / "cards"
        try:
            frame = _rel(library, _made_once(folder, key, ".jpg", partial(_frame, src, seconds)))
        except BadInput as exc:  # an audio-only clip
            log.info("no frame for clip %s: %s", video_id, exc.message)
        try:
            audio = _rel(library, _made_once(folder, f"{key}-{round(line.start * 10)}-{round(line.end * 10)}",
                                             ".mp3", partial(_audio, src, line.start, line.end)))
        except BadInput as exc:
            log.info("no audio for clip %s: %s", video_id, exc.message)
    return store.add_card(video_id, draft, frame, audio)


def make_step(
    library: Library, settings: Settings, paths: AppPaths, card_store: CardStore,
    screen_lines: Callable[[int], Sequence[ScreenLine]] | None = None,
) -> StepHandler:
    """The handler the pipeline runs for JobStep.CARDS; `screen_lines` reads a clip's on-screen text."""
    store = card_store  # the one services.py built

    def step(ctx: StepContext) -> str | None:
        if ctx.video_id is None:
            raise UserError("A cards job needs a clip.")
        shown = list(screen_lines(ctx.video_id)) if screen_lines else []
        if (not shown and not library.transcript(ctx.video_id)
                and library.get(ctx.video_id).status == VideoStatus.TRANSCRIBED):
            # not a failure, and said in words on the finished job
            return "No speech was heard and no on-screen text was found in this clip, so there is nothing to make " \
                "cards from."
        try:
            result = generate_cards(library, store, settings, ctx.video_id, lambda f, m: ctx.progress(f, m),
                                    screen_lines=shown)
        except NotFound:
            raise UserError(f"Clip {ctx.video_id} was deleted before its cards were made.") from None
        # what the student should know (an LLM that failed, no audio track) stays on the finished job
        return " ".join(result.notes) or None

    return step
