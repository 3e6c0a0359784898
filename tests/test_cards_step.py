"""The CARDS pipeline step on real media: key points, drafts with a JPEG frame and an mp3 of the span."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PIL import Image

from studycompanion.core.cards.store import CardStore
from studycompanion.core.errors import BadInput
from studycompanion.core.jobs.cards_step import generate_cards, make_step
from studycompanion.core.types import JobState, JobStep, VideoStatus
from studycompanion.services import Services
from tests.cards_fixtures import EVAL, add_clip
from tests.mediagen import make_mp4

pytestmark = pytest.mark.slow


def test_pipeline_step_makes_drafts_with_frame_and_padded_mp3(services: Services, tmp_path: Path) -> None:
    vid = add_clip(services, tmp_path, "06_anaphylaxis", tags=["EM"])
    job_id = services.pipeline.queue_step(JobStep.CARDS, vid)
    services.pipeline.run_pending()
    job = services.jobs.get(job_id)
    assert job.state == JobState.DONE, job.error
    assert services.library.get(vid).status == VideoStatus.CARDS
    points = services.library.keypoints(vid)
    cards = CardStore(services.db).list_cards(video_ids=[vid])
    assert 2 <= len(points) <= 6 and len(cards) == len(points)
    spans = {p.key: (p.start, p.end) for p in points}
    for card in cards:
        start, end = spans[card.keypoint_key]
        assert (card.start, card.end) == (start, end)
        frame = services.paths.media / card.frame_file
        audio = services.paths.media / card.audio_file
        with Image.open(frame) as img:
            assert img.format == "JPEG" and img.width == 160  # smaller than 480: kept as it is
        with av.open(str(audio)) as container:
            stream = container.streams.audio[0]
            assert container.format.name == "mp3" and stream.codec_context.name in ("mp3", "mp3float")
            duration = float(container.duration or 0) / av.time_base
        assert duration == pytest.approx(end - start + 0.6, abs=0.25)  # padded 0.3 s both sides
        assert card.source.startswith("@drmike.meded · Anaphylaxis") and card.source.count(" · ") == 3


def test_regenerating_is_stable_and_reuses_media(services: Services, tmp_path: Path) -> None:
    vid = add_clip(services, tmp_path, "11_meningitis")
    store = CardStore(services.db)
    first = generate_cards(services.library, store, services.settings, vid)
    files = sorted((services.library.clip_folder(vid) / "cards").iterdir())
    mtimes = [p.stat().st_mtime_ns for p in files]
    second = generate_cards(services.library, store, services.settings, vid)
    assert [p.key for p in first.keypoints] == [p.key for p in second.keypoints]
    assert second.stored.added == [] and second.stored.removed == [] and second.stored.updated == []
    assert [p.stat().st_mtime_ns for p in files] == mtimes


def test_no_transcript_and_no_media_are_handled(services: Services, tmp_path: Path) -> None:
    store = CardStore(services.db)
    outcome = services.pipeline.add_file(
        make_mp4(tmp_path / "x.mp4", seconds=1.0), transcribe=False, cards=False
    )
    assert outcome.video is not None and outcome.video.id is not None
    with pytest.raises(BadInput, match="no transcript yet"):
        generate_cards(services.library, store, services.settings, outcome.video.id)
    vid = add_clip(services, tmp_path, "07_stroke", media=False)
    result = generate_cards(services.library, store, services.settings, vid)
    assert result.drafts and any("media file is missing" in n for n in result.notes)
    assert all(c.frame_file == "" and c.audio_file == "" for c in store.list_cards(video_ids=[vid]))


def test_clip_without_audio_gets_frames_only(services: Services, tmp_path: Path) -> None:
    clip = EVAL["07_stroke"]
    path = make_mp4(tmp_path / "mute.mp4", seconds=clip.duration + 1, width=96, height=64, fps=5, audio=False)
    outcome = services.pipeline.add_file(path, transcribe=False, cards=False)
    assert outcome.video is not None and outcome.video.id is not None
    services.library.set_transcript(outcome.video.id, clip.segments)
    store = CardStore(services.db)
    result = generate_cards(services.library, store, services.settings, outcome.video.id)
    assert any("no audio" in n for n in result.notes)
    cards = store.list_cards(video_ids=[outcome.video.id])
    assert cards and all(c.frame_file and not c.audio_file for c in cards)


def test_media_can_be_switched_off_and_llm_is_never_called_when_off(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import urllib.request

    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("nothing may be sent anywhere")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    services.settings.card_media = False
    assert services.settings.llm_enabled is False
    vid = add_clip(services, tmp_path, "12_sepsis")
    step = make_step(services.library, services.settings, services.paths, services.card_store)
    job_id = services.pipeline.queue_step(JobStep.CARDS, vid)
    services.pipeline.handlers[JobStep.CARDS] = step
    services.pipeline.run_pending()
    assert services.jobs.get(job_id).state == JobState.DONE
    cards = CardStore(services.db).list_cards(video_ids=[vid])
    assert cards and all(c.frame_file == "" for c in cards)
    assert not (services.library.clip_folder(vid) / "cards").exists()
