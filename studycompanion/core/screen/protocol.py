"""The messages between the app and its on-screen text process: a read request, timed lines and stats as JSON.

Parent -> child: ("read", request), ("load", {ocr}), ("ping", {}), ("stop", {}), ("crash", {code}) (tests only).
Child -> parent: ("started", {pid}), ("progress", {fraction}), ("done", {lines, stats, cpu}),
("error", {kind, message, detail}) where kind is "bad_input", "user" or "engine"; ("pong", {pid, loaded});
("loaded", {pid, cpu}). `cpu` is the child's CPU seconds (all threads): for the clip, or since it started.
Everything is plain JSON, so a message is one line on a pipe and nothing is unpickled from the child.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from studycompanion.core.screen.engine import OcrSettings
from studycompanion.core.screen.merge import Box, MergeSettings, ScreenLine
from studycompanion.core.screen.sampling import SamplingSettings


@dataclass(frozen=True)
class ReadRequest:
    """One clip to read, with every setting the reader takes (the child keeps no settings of its own)."""

    media: Path
    ocr: OcrSettings = field(default_factory=OcrSettings)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    merging: MergeSettings = field(default_factory=MergeSettings)

    def to_message(self) -> dict[str, Any]:
        return {"media": str(self.media), "ocr": asdict(self.ocr), "sampling": asdict(self.sampling),
                "merging": asdict(self.merging)}

    @staticmethod
    def from_message(body: dict[str, Any]) -> ReadRequest:
        return ReadRequest(
            media=Path(str(body["media"])),
            ocr=_settings(OcrSettings, body.get("ocr")),
            sampling=_settings(SamplingSettings, body.get("sampling")),
            merging=_settings(MergeSettings, body.get("merging")),
        )


def _settings(cls: Any, values: Any) -> Any:
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in dict(values or {}).items() if k in known})


def line_to_message(line: ScreenLine) -> dict[str, Any]:
    return {"start": line.start, "end": line.end, "text": line.text, "confidence": line.confidence,
            "box": [line.box.x0, line.box.y0, line.box.x1, line.box.y1]}


def line_from_message(body: dict[str, Any]) -> ScreenLine:
    x0, y0, x1, y1 = (float(v) for v in body["box"])
    return ScreenLine(start=float(body["start"]), end=float(body["end"]), text=str(body["text"]),
                      box=Box(x0, y0, x1, y1), confidence=float(body["confidence"]))
