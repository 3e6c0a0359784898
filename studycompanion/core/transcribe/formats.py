"""Transcript segments as plain text, SubRip (.srt) or WebVTT (.vtt)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from studycompanion.core.types import Segment


class TranscriptFormat(StrEnum):
    TXT = "txt"
    SRT = "srt"
    VTT = "vtt"


def _timestamp(seconds: float, separator: str) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def to_txt(segments: Sequence[Segment]) -> str:
    return "".join(seg.text.strip() + "\n" for seg in segments if seg.text.strip())


def to_srt(segments: Sequence[Segment]) -> str:
    blocks = []
    for number, seg in enumerate((s for s in segments if s.text.strip()), 1):
        blocks.append(
            f"{number}\n{_timestamp(seg.start, ',')} --> {_timestamp(seg.end, ',')}\n{seg.text.strip()}\n"
        )
    return "\n".join(blocks)


def to_vtt(segments: Sequence[Segment]) -> str:
    blocks = ["WEBVTT\n"]
    for seg in segments:
        if seg.text.strip():
            blocks.append(f"{_timestamp(seg.start, '.')} --> {_timestamp(seg.end, '.')}\n{seg.text.strip()}\n")
    return "\n".join(blocks)


def render(segments: Sequence[Segment], fmt: TranscriptFormat | str) -> str:
    kind = TranscriptFormat(fmt)
    if kind is TranscriptFormat.SRT:
        return to_srt(segments)
    if kind is TranscriptFormat.VTT:
        return to_vtt(segments)
    return to_txt(segments)
