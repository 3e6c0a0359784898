"""Single instance (ui/shell/single_instance.py): a second start hands its arguments to the first, over a real
QLocalServer; the second process is a real subprocess; one library never gets two; a stale socket is taken over."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studycompanion.ui.shell.single_instance import SingleInstance, absolute_args, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name(tmp_path: Path) -> str:
    return server_name(tmp_path / "library")


def test_names_differ_per_library_and_are_stable(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert len(server_name(tmp_path / "a")) < 60


def test_relative_files_become_absolute_links_stay(tmp_path: Path) -> None:
    assert absolute_args(["clip.mp4", "https://vm.tiktok.com/x/", "--view"], cwd=tmp_path) == [
        str(tmp_path / "clip.mp4"), "https://vm.tiktok.com/x/", "--view"]


def test_no_running_instance_means_no_hand_off(qtbot: QtBot, name: str) -> None:
    assert SingleInstance(name).hand_off(["x"], timeout_ms=300) is False


HAND_OFF = """
import sys
from PySide6.QtCore import QCoreApplication
from studycompanion.ui.shell.single_instance import SingleInstance
app = QCoreApplication([])
sys.exit(0 if SingleInstance(sys.argv[1]).hand_off(sys.argv[2:]) else 3)
"""
LISTEN_THEN_HANG = """
import sys, time
from PySide6.QtCore import QCoreApplication
from studycompanion.ui.shell.single_instance import SingleInstance
app = QCoreApplication([])
assert SingleInstance(sys.argv[1]).listen()
print("listening", flush=True)
time.sleep(60)
"""


def _python(code: str, *args: str, cwd: Path, **kw: object) -> subprocess.Popen[bytes]:
    env = {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=cwd, env=env, **kw)  # type: ignore[call-overload]


def test_a_second_process_hands_its_arguments_to_the_first(qtbot: QtBot, name: str, tmp_path: Path) -> None:
    first = SingleInstance(name)
    assert first.listen()
    with qtbot.waitSignal(first.received, timeout=20_000) as signal:
        second = _python(HAND_OFF, name, "clip.mp4", "https://youtu.be/dQw4w9WgXcQ", cwd=tmp_path)
    assert signal.args == [[str(tmp_path / "clip.mp4"), "https://youtu.be/dQw4w9WgXcQ"]]
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=20_000)
    assert second.returncode == 0  # it was told the first took the arguments, so it exits
    first.close()


def test_the_socket_of_a_killed_instance_is_taken_over(qtbot: QtBot, name: str, tmp_path: Path) -> None:
    crashed = _python(LISTEN_THEN_HANG, name, cwd=tmp_path, stdout=subprocess.PIPE)
    assert crashed.stdout is not None and crashed.stdout.readline().strip() == b"listening"
    crashed.kill()  # SIGKILL: no cleanup, the socket file stays behind
    crashed.wait(10)
    assert SingleInstance(name).hand_off(["x"], timeout_ms=500) is False  # nobody answers on it
    again = SingleInstance(name)
    assert again.listen()
    with qtbot.waitSignal(again.received, timeout=20_000) as signal:
        later = _python(HAND_OFF, name, "a.mp4", cwd=tmp_path)
    assert signal.args == [[str(tmp_path / "a.mp4")]]
    qtbot.waitUntil(lambda: later.poll() is not None, timeout=20_000)
    assert later.returncode == 0
    again.close()


def test_gui_start_hands_its_files_to_the_window_that_has_the_library(qtbot: QtBot, tmp_path: Path) -> None:
    """`studycompanion gui FILE` while a window has this library: the window gets FILE, the start exits 0 without
    opening the library (no second job runner)."""
    home = tmp_path / "home"
    first = SingleInstance(server_name(home))
    assert first.listen()
    env = {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "STUDYCOMPANION_HOME": str(home)}
    with qtbot.waitSignal(first.received, timeout=30_000) as signal:
        second = subprocess.Popen([sys.executable, "-m", "studycompanion", "gui", "lecture.mp4",
                                   "https://youtu.be/dQw4w9WgXcQ"], cwd=tmp_path, env=env,
                                  stderr=subprocess.PIPE)
    assert signal.args == [[str(tmp_path / "lecture.mp4"), "https://youtu.be/dQw4w9WgXcQ"]]
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    assert second.returncode == 0
    assert second.stderr is not None and b"already open" in second.stderr.read()
    assert not (home / "library.sqlite3").exists() and not any(home.glob("*.sqlite3"))  # it never opened it
    first.close()


def test_the_window_adds_what_a_second_start_handed_over(qtbot: QtBot, services: object, tmp_path: Path) -> None:
    from studycompanion.services import Services
    from studycompanion.ui.common.worker import Worker
    from studycompanion.ui.shell.main_window import MainWindow
    from tests.mediagen import make_mp4

    assert isinstance(services, Services)
    worker = Worker()
    window = MainWindow(services, worker, restore_state=False)
    qtbot.addWidget(window)
    instance = SingleInstance(server_name(services.paths.root))
    assert instance.listen()
    instance.received.connect(window.open_arguments)  # as app.run_gui wires it
    clip = make_mp4(tmp_path / "my lecture.mp4", seconds=1.0)  # a space in the name: one argument, one file
    proc = _python(HAND_OFF, server_name(services.paths.root), str(clip), "https://vm.tiktok.com/ZMabc123/",
                   cwd=tmp_path)
    qtbot.waitUntil(lambda: services.library.count_videos() == 2, timeout=30_000)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20_000)
    assert proc.returncode == 0
    titles = sorted(v.title for v in services.library.list_videos())
    assert any("my lecture" in t for t in titles)
    qtbot.waitUntil(lambda: window.library_model.rowCount() == 2, timeout=5000)
    instance.close()
    window.close()
    worker.wait(10_000)
