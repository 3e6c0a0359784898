"""Which clip player this machine can run: the one place that tries Qt Multimedia, and the stand-in without it.

`make_player(parent)` returns the panel that plays (`media_player.MediaPlayerPanel`) or, where Qt Multimedia
cannot load (a Linux machine without libpulse0: minimal installs, WSL, servers), `NoPlaybackPanel`: the same API,
the clip's thumbnail, a position the transcript, key points and cards still seek, and one line that says which
package brings playback. The import is tried once per process and its failure logged once, with its details.

For tests, STUDYCOMPANION_NO_MULTIMEDIA=1 makes the import fail as a missing libpulse does (call
`multimedia_problem.cache_clear()` after changing it).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from studycompanion.core.cards.drafts import format_time
from studycompanion.core.media import probe, save_frame
from studycompanion.ui.clip.player import PlayerPanel
from studycompanion.ui.common import system_libs
from studycompanion.ui.common.i18n import QT_TRANSLATE_NOOP
from studycompanion.ui.common.owned import owned
from studycompanion.ui.common.worker import Failure, Worker

log = logging.getLogger(__name__)

NO_MULTIMEDIA_ENV = "STUDYCOMPANION_NO_MULTIMEDIA"
SIMULATED_ERROR = "libpulse.so.0: cannot open shared object file: No such file or directory"
_MEDIA_MODULE = "studycompanion.ui.clip.media_player"


@functools.cache
def multimedia_problem() -> str | None:
    """Why Qt Multimedia cannot load here (the ImportError's text), or None when it loads."""
    try:
        if os.environ.get(NO_MULTIMEDIA_ENV, "") not in ("", "0"):
            raise ImportError(SIMULATED_ERROR, name="PySide6.QtMultimedia")
        importlib.import_module(_MEDIA_MODULE)
    except ImportError as error:  # a missing shared library reads "libpulse.so.0: cannot open shared object file"
        log.warning("Qt Multimedia cannot load, so clips show without playback: %s", error, exc_info=True)
        return str(error) or type(error).__name__
    return None


# system_libs.py stays Qt-free (make venv's check loads it without Qt); its labels are marked for translation here
LIB_LABELS = (QT_TRANSLATE_NOOP("Playback", "PulseAudio's client library"),)


def playback_hint(problem: str, platform: str | None = None) -> str:
    """The one line that says what brings playback back, for the error `problem` (the same packages and install
    line as `make venv`'s check)."""
    translate = QCoreApplication.translate
    platform = platform or sys.platform
    soname = system_libs.missing_soname(problem) if platform.startswith("linux") else None
    if soname is None:  # macOS, Windows, or Qt's own files missing: the install is incomplete
        return translate("Playback", "Playback could not load (Qt Multimedia is incomplete): reinstall StudyCompanion.")
    lib = system_libs.lib_for(soname)
    if lib is None:
        return translate("Playback", "Playback needs {library}, which is not installed on this system."
                         ).format(library=soname)
    what = translate("Playback", lib.label) if lib.label else f"lib{lib.name}"
    command = system_libs.install_command([lib], system_libs.package_manager())
    if command:
        return translate("Playback", "Playback needs {what}: {command}").format(what=what, command=command)
    return translate("Playback", "Playback needs {what} ({package}): install it with your package manager."
                     ).format(what=what, package=lib.deb)


def make_player(parent: QWidget | None = None) -> PlayerPanel:
    """The panel that plays, or the stand-in where Qt Multimedia cannot load."""
    problem = multimedia_problem()
    if problem is not None:
        return NoPlaybackPanel(playback_hint(problem), parent)
    from studycompanion.ui.clip.media_player import MediaPlayerPanel

    return MediaPlayerPanel(parent)


def read_moment(media: Path, at: float, need_duration: bool) -> tuple[QImage | None, float]:
    """The frame at `at` seconds (PyAV, as card frames are made) and, when asked, the clip's duration. On the worker."""
    duration = probe(media, verify=False).duration if need_duration else 0.0
    with tempfile.TemporaryDirectory() as tmp:
        image = QImage(str(save_frame(media, at, Path(tmp) / "frame.jpg", max_width=960)))
    return (None if image.isNull() else image), duration


class NoPlaybackPanel(PlayerPanel):
    """The player without Qt Multimedia: the thumbnail, a position that seeks move (the transcript, key points and
    cards follow it), and the line saying what brings playback. Play, speed and loop are off; never playing.

    Given a worker (`show_frames_with`), it shows the frame at the position after each seek, as a paused player
    does, and reads the duration from the file when the library has none (Review's key moments)."""

    FRAME_DELAY_MS = 120  # seeks in a row (dragging the bar, J J J) read one frame

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._position = 0.0
        self._media: Path | None = None
        self._worker: Worker | None = None
        self._frame_token = 0
        self._frame_timer = QTimer(self, singleShot=True, interval=self.FRAME_DELAY_MS)
        self._frame_timer.timeout.connect(self._read_frame)
        self.hint = QLabel(hint, self)
        self.hint.setObjectName("playbackHint")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the command can be copied
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hint.setAccessibleName(self.tr("Playback is not available"))
        self._layout.insertWidget(1, self.hint)
        self.play_button.setToolTip(hint)
        self._set_controls_enabled(False)

    def load(self, media: Path | None, poster: Path | None = None, at_seconds: float | None = None,
             missing: str = "", duration: float | None = None) -> None:
        self.set_loop(None)
        self._duration = float(duration) if duration else 0.0
        self._set_range(self._duration)
        pixmap = QPixmap(str(poster)) if poster and poster.is_file() else None
        has_media = media is not None and media.is_file()
        self._media = media if has_media else None
        self._frame_token += 1  # a frame still being read belongs to the clip before
        shown = self.tr("No playback on this machine") if has_media else self.missing_text(missing)
        self.poster.set_image(pixmap, shown)
        self._set_controls_enabled(has_media)
        self._position = 0.0
        self.seek(at_seconds or 0.0)

    def show_frames_with(self, worker: Worker) -> None:
        """Read frames (and a missing duration) on `worker`; without one the thumbnail stays."""
        self._worker = worker
        if self._media is not None:
            self._frame_timer.start()

    def unload(self) -> None:
        self._media = None
        self._frame_token += 1
        self.poster.set_image(None, "")

    def position(self) -> float:
        return self._position

    def is_playing(self) -> bool:
        return False

    def play(self) -> None:
        """Nothing plays: the hint under the thumbnail says why."""

    def pause(self) -> None:
        pass

    def stop(self) -> None:
        pass

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        if self._duration:
            seconds = min(seconds, self._duration)
        self._position = seconds
        self._show_position(seconds)
        self.position_changed.emit(seconds)
        if self._worker is not None and self._media is not None:
            self._frame_timer.start()

    def _show_position(self, seconds: float) -> None:
        if self._duration:
            super()._show_position(seconds)
        else:  # no duration known (yet): the position alone, never "0:10 / 0:00"
            self.time_label.setText(format_time(seconds))

    def _read_frame(self) -> None:
        media, worker, at = self._media, self._worker, self._position
        if media is None or worker is None:
            return
        token = self._frame_token = self._frame_token + 1
        need_duration = not self._duration
        worker.run(lambda: read_moment(media, at, need_duration),
                   owned(self, lambda result: self._show_frame(token, result)), owned(self, self._frame_failed))

    def _show_frame(self, token: int, result: tuple[QImage | None, float]) -> None:
        if token != self._frame_token:
            return  # a later seek or another clip asked for another frame
        image, duration = result
        if duration and not self._duration:
            self._duration = duration
            self._set_range(duration)
            self._show_position(self._position)
        if image is not None:
            self.poster.set_image(QPixmap.fromImage(image))

    def _frame_failed(self, failure: Failure) -> None:
        log.info("no frame for the player without playback: %s", failure.message)  # the thumbnail stays

    def _set_controls_enabled(self, enabled: bool) -> None:
        super()._set_controls_enabled(enabled)
        for w in (self.play_button, self.speed, self.loop_button):  # nothing to play, at no speed, in no loop
            w.setEnabled(False)
