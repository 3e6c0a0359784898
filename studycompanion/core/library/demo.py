"""The demo clip shipped in resources/demo/ (a short medical explanation) and what demo.json says about it."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from studycompanion.paths import resources_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoClip:
    media: Path
    title: str = "Demo: a short medical explanation"
    creator_handle: str = ""
    caption: str = ""
    hashtags: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, Any]:
        """The fields to store with the clip when it is added (so transcription's prompt sees the title)."""
        return {"title": self.title, "creator_handle": self.creator_handle, "creator_name": "StudyCompanion demo",
                "caption": self.caption, "hashtags": list(self.hashtags)}


def find_demo(folder: Path | None = None) -> DemoClip | None:
    folder = folder or resources_dir() / "demo"
    media = folder / "demo.mp4"
    if not media.is_file():
        return None
    meta: dict[str, object] = {}
    try:
        raw = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
        if isinstance(raw, dict):
            meta = raw
    except (OSError, ValueError):
        log.warning("resources/demo/demo.json is missing or unreadable")

    def strings(key: str) -> list[str]:
        value = meta.get(key)
        return [str(v) for v in value] if isinstance(value, list) else []

    return DemoClip(
        media=media,
        title=str(meta.get("title") or DemoClip.title),
        creator_handle=str(meta.get("creator") or "").lstrip("@"),
        caption=str(meta.get("caption") or ""),
        hashtags=strings("hashtags"),
        tags=strings("tags"),
    )
