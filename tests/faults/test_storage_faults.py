"""Storage faults: a damaged page, a vanished library folder, a full disk and a read-only library. Reads keep
working where they can, writes stop with one line, nothing is silently recreated, nothing is left behind."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from studycompanion.cli import main
from studycompanion.core.db.engine import DamagedLibrary, LibraryGone
from studycompanion.core.errors import StorageError
from studycompanion.paths import AppPaths, app_paths
from studycompanion.services import Services, build_services
from tests.faults.storage import add_rows, damage_page_of, fill, remount_read_only, tiny_disk
from tests.mediagen import make_mp4


def _stderr_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


def test_damaged_page_is_one_line_then_rebuilt_with_its_rows_counted(
        services: Services, home: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    services.close()
    add_rows(home.db, 300)
    damage_page_of(home.db, "video", nth_leaf=10)
    with pytest.raises(DamagedLibrary, match="doctor --rebuild"):
        build_services(home)
    assert main(["list"]) == 1
    (line,) = _stderr_lines(capsys)  # one line, no SQL, the way out
    assert line.startswith("error: ") and "damaged" in line and "doctor --rebuild" in line and "SELECT" not in line
    assert main(["doctor"]) == 1
    assert "integrity: " in capsys.readouterr().out
    assert main(["doctor", "--rebuild"]) == 0
    out = capsys.readouterr().out
    saved = int(out.split(": ")[1].split(" rows saved")[0])
    assert 250 <= saved < 300  # one 4 KB page of clips lost, the rest kept
    again = build_services(home)
    try:
        assert again.library.count_videos() == saved
        assert again.library.search("murmurs")  # the index was rebuilt
    finally:
        again.close()


def test_damage_offers_the_latest_backup_and_restore_puts_it_back(
        services: Services, home: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    services.close()
    add_rows(home.db, 50)
    build_services(home).close()  # this start takes the daily backup (50 clips)
    assert len(list(home.backups.glob("*-daily-*.sqlite3"))) == 1
    build_services(home).close()  # a second start the same day: no second copy
    assert len(list(home.backups.glob("*-daily-*.sqlite3"))) == 1
    damage_page_of(home.db, "video", nth_leaf=3)
    with pytest.raises(DamagedLibrary, match="restore the latest backup"):
        build_services(home)
    assert main(["doctor", "--restore"]) == 0
    again = build_services(home)
    try:
        assert again.library.count_videos() == 50
    finally:
        again.close()


def test_vanished_folder_stops_writes_and_is_never_recreated_empty(
        services: Services, home: AppPaths, tmp_path: Path) -> None:
    clip = make_mp4(tmp_path / "clip.mp4", seconds=1.0)
    first = services.pipeline.add_file(clip, transcribe=False)
    assert services.check_library() is None
    shutil.rmtree(home.root)  # the folder is deleted while the app runs
    problem = services.check_library()
    assert isinstance(problem, LibraryGone) and "disappeared" in problem.message
    with pytest.raises(StorageError, match="disappeared"):
        services.pipeline.add_file(make_mp4(tmp_path / "other.mp4", seconds=1.2), transcribe=False)
    with pytest.raises(StorageError):
        services.library.set_favourite(first.video.id if first.video else 0, True)
    assert not home.root.exists()  # nothing wrote a new library into its place
    services.close()
    # the folder comes back without its database (a partial restore): no new empty library over the old files
    (home.media / "1").mkdir(parents=True)
    with pytest.raises(StorageError, match="is missing"):
        build_services(home)
    assert not home.db.exists()


def test_full_disk_reads_work_writes_fail_with_one_line_and_no_litter(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(tmp_path / "disk", 6000) as disk:
        if disk is None:
            pytest.skip("needs root to mount a small tmpfs")
        home = app_paths(disk / "home")
        monkeypatch.setenv("STUDYCOMPANION_HOME", str(home.root))
        svc = build_services(home)
        svc.pipeline.add_file(make_mp4(tmp_path / "clip.mp4", seconds=1.0), transcribe=False, tags=["Cardio"])
        svc.close()
        fill(disk)
        for argv in (["list"], ["show", "1"], ["search", "clip"], ["doctor"]):
            assert main(argv) == 0, (argv, capsys.readouterr().err)
        capsys.readouterr()
        assert main(["add", str(make_mp4(tmp_path / "two.mp4", seconds=1.5)), "--no-transcribe"]) == 1
        errors = [line for line in _stderr_lines(capsys) if line.startswith("error:")]
        assert len(errors) == 1 and "full" in errors[0], errors
        assert main(["tag", "1", "Murmurs"]) == 1
        assert "full" in _stderr_lines(capsys)[-1]
        assert not list(home.root.glob(".write-test-*"))
        assert not list((home.media / ".incoming").glob("*"))


def test_read_only_library_opens_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(tmp_path / "disk", 8000) as disk:
        if disk is None:
            pytest.skip("needs root to mount a small tmpfs")
        home = app_paths(disk / "home")
        monkeypatch.setenv("STUDYCOMPANION_HOME", str(home.root))
        svc = build_services(home)
        svc.pipeline.add_file(make_mp4(tmp_path / "clip.mp4", seconds=1.0), transcribe=False)
        svc.close()
        assert remount_read_only(disk)
        ro = build_services(home)
        try:
            assert ro.read_only and any("read-only" in n for n in ro.notices)
            assert ro.library.count_videos() == 1 and ro.library.search("clip")
            with pytest.raises(StorageError, match="read-only"):
                ro.pipeline.add_file(make_mp4(tmp_path / "two.mp4", seconds=1.5), transcribe=False)
        finally:
            ro.close()
        assert main(["list"]) == 0
        err = capsys.readouterr().err
        assert "note: " in err and "read-only" in err
        with sqlite3.connect(f"file:{home.db}?immutable=1", uri=True) as conn:
            assert conn.execute("SELECT count(*) FROM video").fetchone() == (1,)


def test_disk_filling_while_open_fails_the_write_with_one_readable_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with tiny_disk(tmp_path / "disk", 6000) as disk:
        if disk is None:
            pytest.skip("needs root to mount a small tmpfs")
        home = app_paths(disk / "home")
        svc = build_services(home)
        try:
            first = svc.pipeline.add_file(make_mp4(tmp_path / "clip.mp4", seconds=1.0), transcribe=False)
            assert first.video is not None and first.video.id is not None
            fill(disk)  # the disk fills while the app runs
            with pytest.raises(StorageError, match="full"):
                svc.library.set_notes(first.video.id, "x" * 200_000)
            with pytest.raises(StorageError, match="full"):
                svc.pipeline.add_file(make_mp4(tmp_path / "two.mp4", seconds=1.5), transcribe=False)
            assert not list((home.media / ".incoming").glob("*"))
            assert svc.library.get(first.video.id).notes == ""  # reads still work
        finally:
            svc.close()


def test_damage_met_while_running_stops_writes(services: Services, home: AppPaths) -> None:
    add_rows(home.db, 300)
    services.db.dispose()
    damage_page_of(home.db, "video", nth_leaf=10)
    with pytest.raises(DamagedLibrary):
        services.library.list_videos()  # the damaged page is met
    assert services.db.damaged is not None
    with pytest.raises(DamagedLibrary):
        services.library.create_queued("web", "new", "https://example.org/new")  # no write goes on
    assert services.library.get(1).title.startswith("Clip 1")  # pages that are whole still read


def test_window_buttons_restore_or_rebuild_a_damaged_library(services: Services, home: AppPaths) -> None:
    from studycompanion.core.library.opening import rebuild, restore_latest

    services.close()
    add_rows(home.db, 120)
    build_services(home).close()  # the daily backup
    damage_page_of(home.db, "video", nth_leaf=2)
    assert "Restored the backup" in restore_latest(home)
    svc = build_services(home)
    assert svc.library.count_videos() == 120
    svc.close()
    damage_page_of(home.db, "video", nth_leaf=2)
    line = rebuild(home)
    assert "rows saved" in line and "\n" not in line
    build_services(home).close()
