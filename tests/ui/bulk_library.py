"""Fill a library with many clips fast (one INSERT batch), for the 100k-clip tests and bench/ui.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, text

from studycompanion.core.db.tables import Tag, Video, VideoTag
from studycompanion.core.types import TagSource, VideoStatus
from studycompanion.services import Services

TOPICS = ("Beta blockers", "Heart murmurs", "Loop diuretics", "DKA", "Hyperkalemia", "Stroke", "Sepsis",
          "Meningitis", "Asthma", "Gout", "Thyroid storm", "Lithium", "Anaphylaxis", "Warfarin")
TAGS = ("Cardio", "Cardio::Murmurs", "Pharm", "Renal", "Endo", "Neuro", "ID", "Pulm")
STATUSES = (VideoStatus.CARDS, VideoStatus.CARDS, VideoStatus.CARDS, VideoStatus.TRANSCRIBED, VideoStatus.READY,
            VideoStatus.FAILED)


def make_thumbnails(folder: Path, count: int = 12) -> list[str]:
    """A few real JPEG covers (relative to the media folder's parent layout: media/bulk/thumbN.jpg)."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        img = Image.new("RGB", (360, 640), ((i * 53) % 200 + 30, (i * 97) % 200 + 30, (i * 29) % 200 + 30))
        draw = ImageDraw.Draw(img)
        draw.rectangle([30, 260, 330, 300], fill=(255, 255, 255))
        path = folder / f"thumb{i}.jpg"
        img.save(path, quality=80)
        names.append(path.name)
    return names


def fill(services: Services, count: int, *, thumbnails: bool = True, batch: int = 20_000) -> None:
    """`count` clips, newest first by id, a tag on every tenth, a real thumbnail file on each when asked."""
    thumbs: list[str] = []
    if thumbnails:
        thumbs = [f"bulk/{n}" for n in make_thumbnails(services.paths.media / "bulk")]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with services.db.session() as s:
        first = int(s.execute(text("SELECT COALESCE(MAX(id), 0) FROM video")).scalar_one()) + 1
        tag_ids = []
        for name in TAGS:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
            tag_ids.append(tag.id)
    for lo in range(0, count, batch):
        rows = []
        links = []
        for i in range(lo, min(count, lo + batch)):
            vid = first + i
            rows.append({
                "id": vid, "platform": "tiktok", "platform_id": f"bulk{vid}",
                "source_url": f"https://www.tiktok.com/@creator{i % 500}/video/{7_000_000_000_000_000_000 + vid}",
                "title": f"{TOPICS[i % len(TOPICS)]} explained #{i}", "creator_handle": f"creator{i % 500}",
                "creator_name": f"Creator {i % 500}", "caption": "", "hashtags": ["medschool"],
                "duration": 20.0 + i % 60, "media_file": "",
                "thumbnail_file": thumbs[i % len(thumbs)] if thumbs else "",
                "info_file": "", "content_hash": "", "file_size": 0, "added_at": start + timedelta(seconds=i),
                "favourite": i % 7 == 0, "notes": "", "status": STATUSES[i % len(STATUSES)], "error": "",
            })
            if i % 10 == 0:
                links.append({"video_id": vid, "tag_id": tag_ids[i % len(tag_ids)], "source": TagSource.USER,
                              "added_at": start})
        with services.db.session() as s:
            s.execute(insert(Video), rows)
            if links:
                s.execute(insert(VideoTag), links)
