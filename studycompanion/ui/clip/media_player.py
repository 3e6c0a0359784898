"""The clip player that plays: QMediaPlayer + QVideoWidget + QAudioOutput behind `PlayerPanel`'s API.

This is the one module that imports Qt Multimedia at its top. Nothing imports it directly but `playback`, which
falls back to the player-less stand-in where it cannot load (on Linux, a machine without libpulse0).
Qt's milliseconds stay inside; seconds cross the API.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QSizePolicy, QWidget

from studycompanion.ui.clip.player import PlayerPanel
from studycompanion.ui.common.icons import icon


class MediaPlayerPanel(PlayerPanel):
    """Video with its transport bar. Emits `position_changed(seconds)` while playing or seeking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        # Sound only where there is a device to play it: with none (a headless machine, CI) the audio
        # renderer has nothing to pace against, and a player that waits on it once hung a test run.
        self._devices = QMediaDevices(self)
        self._devices.audioOutputsChanged.connect(self._attach_audio)
        self._attach_audio()
        self.video = QVideoWidget(self)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.player.setVideoOutput(self.video)
        self._screen.addWidget(self.video)
        self._screen.setCurrentWidget(self.poster)
        self._pending_seek: float | None = None
        self._last_frame: QVideoFrame | None = None
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_media_status)
        self.player.errorOccurred.connect(self._on_error)
        self.video_sink().videoFrameChanged.connect(self._on_frame)

    # ---- public API -------------------------------------------------------------------------------

    def video_sink(self) -> QVideoSink:
        """Where decoded frames arrive (the video widget's sink); tests and screenshots read it."""
        return self.video.videoSink()

    def load(self, media: Path | None, poster: Path | None = None, at_seconds: float | None = None,
             missing: str = "", duration: float | None = None) -> None:
        """Open a clip (paused). `at_seconds` is applied once the media is loaded; `missing` shows without media.
        `duration` (the library's figure) shows until the media reports its own.

        Opening the clip that is already loaded again (a search hit in a clip seen before) keeps the loaded media:
        Qt would not load the same source twice, so neither its duration nor the seek would ever arrive."""
        url = QUrl.fromLocalFile(str(media)) if media is not None else QUrl()
        same = (media is not None and not self.player.source().isEmpty() and self.player.source() == url
                and self.player.mediaStatus() not in (QMediaPlayer.MediaStatus.InvalidMedia,
                                                      QMediaPlayer.MediaStatus.NoMedia))
        if same:
            self.pause()
        else:
            self.stop()
        self.set_loop(None)
        if same and media is not None and media.is_file():
            self._pending_seek = None
            self._set_controls_enabled(True)
            if self.player.duration() > 0:
                self._on_duration(self.player.duration())
            self.seek(at_seconds or 0.0)
            self._show_position(at_seconds or 0.0)
            return
        self._last_frame = None
        self._duration = float(duration) if duration else 0.0
        self._pending_seek = at_seconds
        self._show_position(at_seconds or 0.0)
        pixmap = QPixmap(str(poster)) if poster and poster.is_file() else None
        if media is None or not media.is_file():
            self.player.setSource(QUrl())
            self.poster.set_image(None, self.missing_text(missing))
            self._screen.setCurrentWidget(self.poster)
            self._set_controls_enabled(False)
            return
        self.poster.set_image(pixmap, "")
        self._screen.setCurrentWidget(self.poster)
        self._set_controls_enabled(True)
        self.player.setSource(url)

    def _attach_audio(self) -> None:
        has_device = bool(QMediaDevices.audioOutputs())
        self.player.setAudioOutput(self.audio if has_device else None)  # type: ignore[arg-type]  # None detaches

    def unload(self) -> None:
        self.stop()
        self.player.setSource(QUrl())

    def position(self) -> float:
        return self.player.position() / 1000

    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def play(self) -> None:
        if self.player.source().isEmpty():
            return
        self._screen.setCurrentWidget(self.video)
        self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def stop(self) -> None:
        self.player.stop()

    def seek(self, seconds: float) -> None:
        seconds = max(0.0, seconds)
        if self._duration:
            seconds = min(seconds, self._duration)
        if self.player.mediaStatus() in (QMediaPlayer.MediaStatus.NoMedia, QMediaPlayer.MediaStatus.LoadingMedia):
            self._pending_seek = seconds
            return
        self.player.setPosition(int(seconds * 1000))
        self._show_position(seconds)
        self.position_changed.emit(seconds)

    def rate(self) -> float:
        return float(self.player.playbackRate())

    def last_frame_image(self) -> object | None:
        """The last decoded frame as a QImage (None before the first frame)."""
        if self._last_frame is None or not self._last_frame.isValid():
            return None
        return self._last_frame.toImage()

    # ---- internals --------------------------------------------------------------------------------

    def _rate_chosen(self, rate: float) -> None:
        self.player.setPlaybackRate(rate)

    @Slot(int)
    def _on_position(self, ms: int) -> None:
        seconds = ms / 1000
        if self._loop is not None and self.is_playing() and seconds >= self._loop[1]:
            self.player.setPosition(int(self._loop[0] * 1000))
            seconds = self._loop[0]
        self._show_position(seconds)
        self.position_changed.emit(seconds)

    @Slot(int)
    def _on_duration(self, ms: int) -> None:
        if ms <= 0 and self._duration > 0:
            return  # an unloaded source: keep the library's figure rather than read "0:00"
        self._duration = ms / 1000
        self._set_range(self._duration)
        self._show_position(self.position())

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setIcon(icon("pause" if playing else "play"))
        if (state == QMediaPlayer.PlaybackState.StoppedState and self._loop is not None
                and self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia):
            self.player.setPosition(int(self._loop[0] * 1000))  # a span that runs to the end loops too
            self.player.play()
            return
        self.playing_changed.emit(playing)

    def _on_media_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_seek is not None:
            at, self._pending_seek = self._pending_seek, None
            self.seek(at)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self.poster.set_image(None, self.tr("This clip's video cannot be played"))
            self._screen.setCurrentWidget(self.poster)

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.poster.set_image(None, self.tr("Cannot play this clip: {reason}").format(reason=message or error.name))
            self._screen.setCurrentWidget(self.poster)

    def _on_frame(self, frame: QVideoFrame) -> None:
        self._last_frame = frame
        if self._screen.currentWidget() is self.poster and frame.isValid():
            image = frame.toImage()  # only before the first play: a seek while paused shows its frame
            if not image.isNull():
                self.poster.set_image(QPixmap.fromImage(image))
