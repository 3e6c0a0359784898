"""The SCREEN step in the pipeline: a clip with text over music gets its on-screen lines (real OCR models), before
transcription, and a search finds them at their second; switched off in Settings, clips skip it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.ocr_clips import ClipSpec, render_clip
from studycompanion.core.types import JobState, JobStep
from studycompanion.services import Services
from tests.mediagen import make_mp4


@pytest.mark.slow
def test_a_text_overlay_clip_gets_its_lines_before_transcription(services: Services, tmp_path: Path) -> None:
    clip = tmp_path / "overlay.mp4"
    truth = render_clip(ClipSpec("overlay", seed=505, background="gradient", style="box", duration=5.0, blocks=1,
                                 max_lines=2, emoji=False, width=360, height=640, fps=15), clip)
    first = truth[0]
    services.settings.screen_text = True  # the app's default (the test fixture switches it off)
    order: list[JobStep] = []
    services.pipeline.subscribe(lambda job: order.append(job.step) if job.state == JobState.DONE else None)
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: services.library.set_transcript(ctx.video_id, [])
    outcome = services.pipeline.add_file(clip, cards=False)
    services.pipeline.run_pending()
    assert outcome.video is not None and outcome.video.id is not None
    vid = outcome.video.id
    assert [s for s in dict.fromkeys(order)] == [JobStep.SCREEN, JobStep.TRANSCRIBE]
    texts = [line.text for line in services.screen_text.lines(vid)]
    assert [t.text for t in truth if t.text not in texts] == []  # every overlay line, as written
    word = max(first.text.split(), key=len).strip(".,:;!?")
    (hit,) = services.library.search(word)
    assert hit.field == "screen" and abs((hit.seconds or 0.0) - first.start) <= 1.0


def test_switched_off_in_settings_new_clips_skip_the_step(services: Services, tmp_path: Path) -> None:
    from studycompanion.core.settings import Settings

    assert Settings().screen_text is True  # on by default
    services.settings.screen_text = False
    outcome = services.pipeline.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0), cards=False)
    (job_id,) = outcome.jobs
    assert services.jobs.get(job_id).step == JobStep.TRANSCRIBE
    services.settings.screen_text = True
    outcome = services.pipeline.add_file(make_mp4(tmp_path / "b.mp4", seconds=1.2), cards=False)
    (job_id,) = outcome.jobs
    job = services.jobs.get(job_id)
    assert job.step == JobStep.SCREEN and job.payload["then"] == [JobStep.TRANSCRIBE.value]


def test_a_crashed_reader_still_lets_the_clip_be_transcribed(services: Services, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The on-screen text process dying mid-clip ends the step with the reason as its note; the clip's speech is
    still transcribed (it is not stuck behind a failed job)."""
    from studycompanion.core.screen import ScreenEngineStopped

    def crash(*_args: object, **_kwargs: object) -> list[object]:
        raise ScreenEngineStopped("The on-screen text reader stopped unexpectedly.", "exit code -9")

    monkeypatch.setattr(services.ocr, "read", crash)
    services.settings.screen_text = True
    done: list[tuple[JobStep, str]] = []
    services.pipeline.subscribe(lambda job: done.append((job.step, job.message or ""))
                                if job.state == JobState.DONE else None)
    services.pipeline.handlers[JobStep.TRANSCRIBE] = lambda ctx: services.library.set_transcript(ctx.video_id, [])
    services.pipeline.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0), cards=False)
    services.pipeline.run_pending()
    steps = dict(done)
    assert JobStep.TRANSCRIBE in steps
    assert "stopped unexpectedly" in steps[JobStep.SCREEN]
