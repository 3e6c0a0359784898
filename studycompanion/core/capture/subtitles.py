"""Subtitles a clip ships with (yt-dlp `writesubtitles` .vtt / .srt): parsed into transcript segments.

Used to compare with the transcription, or instead of it. YouTube's automatic captions carry word times
inline (`word<00:00:01.240><c> next</c>`): they become Word timestamps; the rolling repeats of those captions
(each cue repeating the previous line) are dropped.

Capture hook (not wired yet): in capture/download.py, pass `writesubtitles=True, writeautomaticsub=False,
subtitleslangs=[<the clip language>, "en"], subtitlesformat="vtt/srt/best"` to YoutubeDL, keep the
`requested_subtitles` files beside the media, and store `parse_subtitles(path.read_text())` as the clip's
"shipped subtitles" (a Segment list, like the transcript).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from studycompanion.core.errors import BadInput
from studycompanion.core.types import Segment, Word

_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_CUE_TIME = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}")
_INLINE = re.compile(rf"<{_TIME}>")
_TAG = re.compile(r"</?[^>]+>")


def _seconds(h: str | None, m: str, s: str, ms: str) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def parse_subtitles(text: str) -> list[Segment]:
    """Segments (with word times where the file has them) from WebVTT or SubRip text; raises BadInput if none."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    segments: list[Segment] = []
    for block in re.split(r"\n\n+", text):  # a line holding a space belongs to its cue
        lines = block.split("\n")
        at = next((i for i, line in enumerate(lines) if _CUE_TIME.match(line)), None)
        if at is None:
            continue  # the WEBVTT header, NOTE and STYLE blocks, SRT numbers alone
        m = _CUE_TIME.match(lines[at])
        assert m is not None
        start, end = _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])
        body = [line for line in lines[at + 1:] if line.strip()]
        if not body:
            continue
        words = _inline_words(body[-1], start, end) if _INLINE.search(body[-1]) else []
        plain = " ".join(html.unescape(_TAG.sub("", line)).strip() for line in body).strip()
        if words:
            plain = " ".join(w.text for w in words)
        if not plain:
            continue
        if segments and not words and _INLINE.search(block) is None and plain == segments[-1].text:
            continue
        segments.append(Segment(start, end, plain, words))
    segments = _drop_rolling_repeats(segments)
    if not segments:
        raise BadInput("The subtitle file has no cues (is it WebVTT or SubRip?).")
    return segments


def _inline_words(line: str, start: float, end: float) -> list[Word]:
    """`first<00:00:01.240><c> second</c>...`: each word starts at the time before it."""
    parts = _INLINE.split(line)
    # re.split with 4 groups: [text, h, m, s, ms, text, h, m, s, ms, text, ...]
    texts = parts[0::5]
    times = [start] + [_seconds(*parts[i:i + 4]) for i in range(1, len(parts), 5)]
    words: list[Word] = []
    for i, chunk in enumerate(texts):
        word = html.unescape(_TAG.sub("", chunk)).strip()
        if not word:
            continue
        w_start = times[i]
        w_end = times[i + 1] if i + 1 < len(times) else end
        words.append(Word(w_start, max(w_start, w_end), word))
    return words


def _drop_rolling_repeats(segments: list[Segment]) -> list[Segment]:
    """Automatic captions show each line twice (once rolling in, once as context): keep the timed one."""
    out: list[Segment] = []
    for seg in segments:
        if out and not seg.words and seg.end - seg.start < 0.05:
            continue  # the 10 ms "context" cues of YouTube's automatic captions
        out.append(seg)
    return out


def read_subtitles(path: Path) -> list[Segment]:
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError as exc:
        raise BadInput(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    return parse_subtitles(text)
