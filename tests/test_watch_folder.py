"""The watch folder (core/capture/watch_folder.py): new media files are added once each, after they settle,
remembered across restarts; partial, hidden and broken files are handled; real clips through the pipeline."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from studycompanion.core.capture.watch_folder import WatchFolder, WatchOutcome
from studycompanion.core.errors import BadInput
from studycompanion.services import Services
from tests.mediagen import make_mp4


class Clock:
    def __init__(self) -> None:
        self.now = 10_000_000_000.0

    def __call__(self) -> float:
        return self.now


def _age(path: Path, seconds_ago: float, clock: Clock) -> None:
    os.utime(path, (clock.now - seconds_ago, clock.now - seconds_ago))


@pytest.fixture
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_mp4(tmp_path_factory.mktemp("src") / "clip.mp4", seconds=1.0)


def _watcher(services: Services, folder: Path, state: Path, clock: Clock) -> WatchFolder:
    def add(path: Path) -> tuple[int | None, bool]:
        outcome = services.pipeline.add_file(path, transcribe=False)
        return (outcome.video.id if outcome.video else None), outcome.created
    return WatchFolder(folder, state, add, clock=clock)


def test_new_files_are_added_once_each_and_remembered(services: Services, tmp_path: Path, clip: Path) -> None:
    folder, state, clock = tmp_path / "Phone", tmp_path / "home" / "watch-folder.json", Clock()
    folder.mkdir()
    watcher = _watcher(services, folder, state, clock)
    shutil.copy(clip, folder / "murmurs.mp4")
    _age(folder / "murmurs.mp4", 60, clock)
    (folder / "notes.txt").write_text("not media")
    (folder / ".murmurs2.mp4.part").write_bytes(b"partial")
    first = watcher.scan()
    assert first.entries == [] and first.waiting == [folder / "murmurs.mp4"]  # seen once: wait for it to settle
    second = watcher.scan()
    assert [(e.path.name, e.outcome) for e in second.entries] == [("murmurs.mp4", WatchOutcome.ADDED)]
    assert services.library.count_videos() == 1
    assert watcher.scan().entries == []  # never twice
    # a restart remembers, even if the clip was deleted from the library meanwhile
    services.library.delete(second.entries[0].video_id)
    again = _watcher(services, folder, state, clock)
    assert again.scan().entries == [] and again.scan().entries == []
    assert services.library.count_videos() == 0


def test_a_file_still_being_written_waits(services: Services, tmp_path: Path, clip: Path) -> None:
    folder, clock = tmp_path / "Downloads", Clock()
    folder.mkdir()
    watcher = _watcher(services, folder, tmp_path / "state.json", clock)
    target = folder / "growing.mp4"
    data = clip.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    _age(target, 60, clock)
    assert watcher.scan().waiting == [target]
    target.write_bytes(data)  # the sync finished writing it
    _age(target, 0.5, clock)  # just now
    assert watcher.scan().waiting == [target]  # changed since the last pass
    assert watcher.scan().waiting == [target]  # settled size, but written under 2 s ago
    clock.now += 5
    assert [e.outcome for e in watcher.scan().entries] == [WatchOutcome.ADDED]


def test_the_same_clip_twice_and_a_broken_file(services: Services, tmp_path: Path, clip: Path) -> None:
    folder, clock = tmp_path / "w", Clock()
    folder.mkdir()
    for name in ("a.mp4", "copy of a.mp4"):
        shutil.copy(clip, folder / name)
        _age(folder / name, 60, clock)
    (folder / "broken.mp4").write_bytes(b"\x00not a video" * 100)
    _age(folder / "broken.mp4", 60, clock)
    calls: list[str] = []

    def add(path: Path) -> tuple[int | None, bool]:
        calls.append(path.name)
        outcome = services.pipeline.add_file(path, transcribe=False)
        return (outcome.video.id if outcome.video else None), outcome.created

    watcher = WatchFolder(folder, tmp_path / "state.json", add, clock=clock)
    watcher.scan()
    entries = {e.path.name: e for e in watcher.scan().entries}
    assert entries["a.mp4"].outcome is WatchOutcome.ADDED
    assert entries["copy of a.mp4"].outcome is WatchOutcome.ALREADY_IN_LIBRARY  # same content: one clip
    assert entries["broken.mp4"].outcome is WatchOutcome.FAILED and entries["broken.mp4"].error
    assert services.library.count_videos() == 1
    calls.clear()
    watcher.scan()
    watcher.scan()
    assert calls == []  # the broken file is not retried until it changes


def test_a_failing_add_is_reported_not_raised(tmp_path: Path) -> None:
    folder, clock = tmp_path / "w", Clock()
    folder.mkdir()
    (folder / "x.mp4").write_bytes(b"data")
    _age(folder / "x.mp4", 60, clock)

    def add(path: Path) -> tuple[int | None, bool]:
        raise BadInput(f"{path.name} is not a video")

    watcher = WatchFolder(folder, tmp_path / "state.json", add, clock=clock)
    watcher.scan()
    assert [(e.outcome, e.error) for e in watcher.scan().entries] == [(WatchOutcome.FAILED, "x.mp4 is not a video")]
    assert not (tmp_path / "state.json").exists()
