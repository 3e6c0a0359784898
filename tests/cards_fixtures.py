"""Helpers for the card tests: a library clip with real media and an eval-set transcript, Anki collections."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studycompanion.core.db.tables import Video
from studycompanion.services import Services
from tests.data.keypoints_eval import evalset
from tests.mediagen import make_mp4

EVAL = {c.name: c for c in evalset.load()}


def add_clip(
    services: Services,
    tmp: Path,
    name: str = "01_loop_diuretics",
    *,
    title: str | None = None,
    creator: str = "drmike.meded",
    caption: str = "",
    platform: str = "youtube",
    platform_id: str | None = None,
    url: str | None = None,
    tags: Sequence[str] = ("Renal::Diuretics",),
    segments: Any = None,
    media: bool = True,
) -> int:
    """A clip in the library with a real mp4 as long as its transcript and the eval-set transcript."""
    clip = EVAL[name]
    seconds = clip.duration + 1.0
    path = make_mp4(tmp / f"{name}-{len(tmp.name)}.mp4", seconds=seconds, width=160, height=120, fps=5)
    outcome = services.pipeline.add_file(path, transcribe=False, cards=False, tags=tags)
    assert outcome.video is not None and outcome.video.id is not None
    vid = outcome.video.id
    pid = platform_id or f"{name}-{vid}"
    with services.db.session() as s:
        video = s.get(Video, vid)
        assert video is not None
        video.platform, video.platform_id = platform, pid
        video.title = clip.title if title is None else title
        video.creator_handle, video.caption = creator, caption
        video.source_url = url if url is not None else f"https://www.youtube.com/shorts/{pid}"
        if not media:
            video.media_file = ""
        s.add(video)
    services.library.set_transcript(vid, clip.segments if segments is None else segments)
    return vid


def import_apkg(collection: Any, path: Path) -> Any:
    """Import a package into a real Anki collection the way Anki's import dialog does (update if newer)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(path),
        options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=False),
    )
    return collection.import_anki_package(request)


def new_collection(folder: Path) -> Any:
    from anki.collection import Collection

    folder.mkdir(parents=True, exist_ok=True)
    return Collection(str(folder / "collection.anki2"))
