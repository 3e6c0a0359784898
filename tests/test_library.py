"""The library service on a temporary database: adding files, dedupe, bad input, tags, search, delete."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from studycompanion.core.errors import BadInput, NotFound, StorageError
from studycompanion.core.library.clips import Library, normalise_tag
from studycompanion.core.types import KeyPoint, Segment, VideoStatus, Word
from studycompanion.services import Services
from tests.conftest import MEDIA
from tests.mediagen import make_mp4


@pytest.fixture
def lib(services: Services) -> Library:
    return services.library


@pytest.fixture
def clip(tmp_path: Path) -> Path:
    return make_mp4(tmp_path / "src" / "clip.mp4", seconds=2.0)


def media_files(lib: Library) -> list[Path]:
    return sorted(p for p in lib.paths.media.rglob("*") if p.is_file())


def words(text: str, start: float, step: float = 0.4) -> list[Word]:
    return [Word(start + i * step, start + (i + 1) * step, w) for i, w in enumerate(text.split())]


def test_add_file_copies_media_and_fills_metadata(lib: Library, clip: Path) -> None:
    video, created = lib.add_file(clip)
    assert created and video.id is not None
    assert video.title == "clip"
    assert video.platform == "local" and video.status == VideoStatus.READY
    assert video.duration == pytest.approx(2.0, abs=0.2)
    stored = lib.media_path(video)
    assert stored.exists() and stored.read_bytes() == clip.read_bytes()
    assert stored.parent == lib.clip_folder(video.id)
    assert video.thumbnail_file and (lib.paths.media / video.thumbnail_file).stat().st_size > 0
    clip.unlink()  # the library keeps its own copy
    assert lib.media_path(lib.get(video.id)).exists()


def test_same_content_twice_is_one_clip(lib: Library, clip: Path, tmp_path: Path) -> None:
    first, _ = lib.add_file(clip)
    copy = tmp_path / "elsewhere" / "renamed copy.mp4"
    copy.parent.mkdir()
    shutil.copy(clip, copy)
    again, created = lib.add_file(copy)
    assert not created and again.id == first.id
    assert lib.count_videos() == 1
    assert len([p for p in media_files(lib) if p.suffix == ".mp4"]) == 1


def test_unicode_and_spaces_in_names(lib: Library, tmp_path: Path) -> None:
    path = make_mp4(tmp_path / "Ünïcode clip — 心臓 murmur.mp4", seconds=1.0)
    video, created = lib.add_file(path)
    assert created and video.title == "Ünïcode clip — 心臓 murmur"
    assert lib.search("murmur")[0].video_id == video.id


@pytest.mark.parametrize("kind", ["missing", "folder", "text", "truncated", "corrupt"])
def test_bad_input_changes_nothing(lib: Library, clip: Path, tmp_path: Path, kind: str) -> None:
    if kind == "missing":
        bad = tmp_path / "nope.mp4"
    elif kind == "folder":
        bad = tmp_path / "folder.mp4"
        bad.mkdir()
    elif kind == "text":
        bad = tmp_path / "notes.mp4"
        bad.write_text("this is not a video\n" * 50)
    elif kind == "truncated":
        bad = tmp_path / "cut.mp4"
        data = make_mp4(tmp_path / "whole.mp4", seconds=3.0).read_bytes()
        bad.write_bytes(data[: len(data) // 3])
    else:
        bad = MEDIA / "corrupt.mp4"
    with pytest.raises(BadInput) as err:
        lib.add_file(bad)
    assert err.value.message and "\n" not in err.value.message
    assert lib.count_videos() == 0
    assert media_files(lib) == []


def test_full_disk_is_a_clear_message_and_leaves_nothing(
    lib: Library, clip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    def full_disk(self: Path, mode: str = "r", *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if "w" in mode and lib.paths.media in self.parents:
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", full_disk)
    with pytest.raises(StorageError, match="full"):
        lib.add_file(clip)
    monkeypatch.undo()
    assert lib.count_videos() == 0
    assert media_files(lib) == []


def test_unusable_data_folder_is_a_clear_message(tmp_path: Path) -> None:
    from studycompanion.core.library.clips import check_writable
    from studycompanion.paths import app_paths

    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="cannot"):
        check_writable(app_paths(blocker / "home"))


def test_tags_hierarchy_filters_and_rename_merge(lib: Library, tmp_path: Path) -> None:
    a, _ = lib.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0))
    b, _ = lib.add_file(make_mp4(tmp_path / "b.mp4", seconds=1.2))
    assert a.id and b.id
    lib.tags.tag(a.id, ["#Cardio :: Murmurs", "Step1"])
    lib.tags.tag(b.id, ["Cardio::Heart failure"])
    assert lib.tags.tags_for(a.id) == ["Cardio::Murmurs", "Step1"]
    assert {v.id for v in lib.list_videos(tag="cardio")} == {a.id, b.id}  # parent includes children
    assert [v.id for v in lib.list_videos(tag="Cardio::Murmurs")] == [a.id]
    assert lib.tags.tag(a.id, ["cardio::murmurs"]) == []  # case-insensitive: no duplicate
    assert lib.tags.untag(a.id, ["Step1"]) == ["Step1"]
    assert [v.id for v in lib.list_videos(tag="Step1")] == []

    lib.tags.tag(b.id, ["Heart::Murmurs"])
    lib.tags.rename_tag("Cardio", "Heart")  # Cardio::Murmurs merges into the existing Heart::Murmurs
    names = dict(lib.tags.tag_counts())
    assert names.get("Heart::Murmurs") == 2 and names.get("Heart::Heart failure") == 1
    assert not any(n.startswith("Cardio") for n in names)
    assert lib.search("heart murmurs")[0].video_id in {a.id, b.id}
    with pytest.raises(NotFound):
        lib.tags.rename_tag("Nope", "Other")
    with pytest.raises(BadInput):
        lib.tags.tag(a.id, ["  ::  "])


def test_favourites_notes_and_status_filters(lib: Library, tmp_path: Path) -> None:
    a, _ = lib.add_file(make_mp4(tmp_path / "a.mp4", seconds=1.0))
    b, _ = lib.add_file(make_mp4(tmp_path / "b.mp4", seconds=1.1))
    assert a.id and b.id
    fav = lib.set_favourite(a.id, True)
    assert fav.favourite and fav.favourited_at is not None
    assert [v.id for v in lib.list_videos(favourite=True)] == [a.id]
    lib.set_status(b.id, VideoStatus.FAILED, "boom")
    assert [v.id for v in lib.list_videos(status=VideoStatus.FAILED)] == [b.id]
    assert [v.id for v in lib.list_videos()] == [b.id, a.id]  # newest first
    lib.set_notes(b.id, "remember the Austin Flint murmur")
    hit = lib.search("austin flint")[0]
    assert hit.video_id == b.id and hit.field == "notes"


def test_transcript_search_finds_the_second(lib: Library, clip: Path) -> None:
    video, _ = lib.add_file(clip)
    assert video.id
    segs = [
        Segment(0.0, 3.0, "Welcome back to the channel.", words("Welcome back to the channel.", 0.0)),
        Segment(3.0, 8.0, "Metoprolol is a cardioselective beta blocker.",
                words("Metoprolol is a cardioselective beta blocker.", 3.2)),
    ]
    lib.set_transcript(video.id, segs)
    assert lib.get(video.id).status == VideoStatus.TRANSCRIBED
    back = lib.transcript(video.id)
    assert [s.text for s in back] == [s.text for s in segs]
    assert back[1].words[0] == Word(3.2, 3.6, "Metoprolol", 1.0)
    hits = lib.search("beta block")  # last word as a prefix: search as you type
    assert hits and hits[0].field == "transcript"
    assert hits[0].seconds == pytest.approx(3.2 + 4 * 0.4)  # "beta" is the 5th word
    assert "[beta]" in hits[0].snippet
    lib.set_transcript(video.id, segs[:1])  # replacing keeps the index in step
    assert lib.search("metoprolol") == []


def test_search_ranks_title_over_passing_mention(lib: Library, tmp_path: Path) -> None:
    a, _ = lib.add_file(make_mp4(tmp_path / "Digoxin toxicity.mp4", seconds=1.0))
    b, _ = lib.add_file(make_mp4(tmp_path / "Random ward round.mp4", seconds=1.1))
    assert a.id and b.id
    lib.set_transcript(b.id, [Segment(0, 5, "and then we talked about digoxin briefly and lunch and coffee")])
    assert [h.video_id for h in lib.search("digoxin")] == [a.id, b.id]
    assert lib.search("") == [] and lib.search('"*^') == []  # no crash on FTS syntax


def test_keypoints_round_trip(lib: Library, clip: Path) -> None:
    video, _ = lib.add_file(clip)
    assert video.id
    points = [KeyPoint(1.0, 4.0, "Digoxin toxicity causes yellow vision.", 0.9, "k1", ["causes"], "ctx")]
    lib.set_keypoints(video.id, points)
    assert lib.keypoints(video.id) == points
    lib.set_keypoints(video.id, [])
    assert lib.keypoints(video.id) == []


def test_delete_removes_files_rows_and_index(lib: Library, clip: Path) -> None:
    video, _ = lib.add_file(clip, tags=["Pharm"])
    assert video.id
    lib.set_transcript(video.id, [Segment(0, 2, "amiodarone causes pulmonary fibrosis")])
    lib.delete(video.id)
    with pytest.raises(NotFound):
        lib.get(video.id)
    assert lib.search("amiodarone") == [] and lib.search("pharm") == []
    assert media_files(lib) == []
    assert lib.transcript(video.id) == []
    assert dict(lib.tags.tag_counts())["Pharm"] == 0


def test_queued_links_dedupe_on_platform_id(lib: Library) -> None:
    a, created = lib.create_queued("tiktok", "7311", "https://www.tiktok.com/@doc/video/7311")
    b, created_again = lib.create_queued("tiktok", "7311", "https://vm.tiktok.com/ZMabc/")
    assert created and not created_again and a.id == b.id
    assert a.status == VideoStatus.QUEUED


def test_normalise_tag() -> None:
    assert normalise_tag("  #Cardio ::  heart   failure ") == "Cardio::heart failure"
    assert normalise_tag("::") == ""


def test_bad_tag_leaves_no_files(lib: Library, clip: Path) -> None:
    with pytest.raises(BadInput):
        lib.add_file(clip, tags=["::"])
    assert lib.count_videos() == 0 and media_files(lib) == []


def test_delete_drops_a_partial_download_kept_for_retry(lib: Library) -> None:
    video, _ = lib.create_queued("web", "p1", "http://127.0.0.1:9/clip.mp4")
    assert video.id is not None
    partial = lib.paths.incoming(video.id) / "media.mp4.part"
    partial.parent.mkdir(parents=True)
    partial.write_bytes(b"half a clip")
    lib.delete(video.id)
    assert not partial.exists()


def test_leftovers_of_killed_work_are_swept_at_start_and_live_ones_kept(tmp_path: Path) -> None:
    import os
    import time

    from studycompanion.core.library.opening import sweep_leftovers
    from studycompanion.core.library.process import owner_tag
    from studycompanion.paths import app_paths
    from studycompanion.services import build_services

    paths = app_paths(tmp_path / "home").ensure()
    incoming = paths.media / ".incoming"
    incoming.mkdir(parents=True)
    dead = incoming / "999999-12345-0a1b.mp4"  # a copy by a process that is gone
    untagged = incoming / "3f2a9c.mp4"  # an older version's copy
    live = incoming / f"{owner_tag()}abcd.mp4"  # this process is copying it right now
    old_part = paths.exports / ".Cardio-1.apkg.part"
    new_part = paths.exports / ".Cardio-2.apkg.part"
    for f in (dead, untagged, live, old_part, new_part):
        f.write_bytes(b"x" * 10)
    hour_ago = time.time() - 3600
    os.utime(old_part, (hour_ago, hour_ago))
    rebuild = paths.root / "library.sqlite3.rebuild"
    probe = paths.root / ".write-test-5e1f"
    rebuild.write_bytes(b"")
    probe.write_bytes(b"ok")
    assert sweep_leftovers(paths) == 5
    assert live.exists() and new_part.exists()
    assert not any(p.exists() for p in (dead, untagged, old_part, rebuild, probe))
    services = build_services(paths)  # the start sweeps too, and leaves no probe file of its own
    services.close()
    assert not list(paths.root.glob(".write-test-*"))
