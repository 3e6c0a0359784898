"""The clip player: QMediaPlayer + QVideoWidget + QAudioOutput with play/pause, seek, speed and a loop span.

Positions cross this widget's API in seconds (floats); Qt's milliseconds stay inside. Before the first play
the clip's thumbnail is shown as a poster (a video widget paints nothing until a frame arrives, and nothing
at all offscreen).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoFrame, QVideoSink
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStackedLayout,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.cards.drafts import format_time
from studycompanion.ui.common.blocking import signals_blocked
from studycompanion.ui.common.icons import icon

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
SEEK_STEP = 5.0


class _Poster(QLabel):
    """The thumbnail, scaled to fit and centred on black, shown until playback starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("background: black; color: #bbb;")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._pixmap = QPixmap()

    def set_image(self, pixmap: QPixmap | None, text: str = "") -> None:
        self._pixmap = pixmap if pixmap is not None else QPixmap()
        self.setText(text if self._pixmap.isNull() else "")  # (setText also drops an earlier pixmap)
        self._rescale()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt override
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            return
        self.setPixmap(self._pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation))


class PlayerPanel(QWidget):
    """Video with its transport bar. Emits `position_changed(seconds)` while playing or seeking."""

    position_changed = Signal(float)
    playing_changed = Signal(bool)
    loop_changed = Signal(object)  # (start, end) or None
    loop_requested = Signal()  # the loop button was pressed with no span set: the owner picks one

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
        self.poster = _Poster(self)
        self._loop: tuple[float, float] | None = None
        self._pending_seek: float | None = None
        self._duration = 0.0
        self._last_frame: QVideoFrame | None = None
        self._build()
        self.player.positionChanged.connect(self._on_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.mediaStatusChanged.connect(self._on_media_status)
        self.player.errorOccurred.connect(self._on_error)
        self.video_sink().videoFrameChanged.connect(self._on_frame)

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        screen = QWidget(self)
        self._screen = QStackedLayout(screen)
        self._screen.addWidget(self.poster)
        self._screen.addWidget(self.video)
        screen.setMinimumSize(240, 200)
        screen.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.play_button = QToolButton(self)
        self.play_button.setIcon(icon("play"))
        self.play_button.setToolTip("Play / pause (Space)")
        self.play_button.setAccessibleName("Play or pause")
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self.toggle_play)

        self.back_button = QToolButton(self)
        self.back_button.setIcon(icon("rewind"))
        self.back_button.setToolTip("Back 5 s (J)")
        self.back_button.setAccessibleName("Back 5 seconds")
        self.back_button.setAutoRaise(True)
        self.back_button.clicked.connect(lambda: self.seek_relative(-SEEK_STEP))
        self.forward_button = QToolButton(self)
        self.forward_button.setIcon(icon("fast-forward"))
        self.forward_button.setToolTip("Forward 5 s (L)")
        self.forward_button.setAccessibleName("Forward 5 seconds")
        self.forward_button.setAutoRaise(True)
        self.forward_button.clicked.connect(lambda: self.seek_relative(SEEK_STEP))

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setToolTip("Seek")
        self.slider.setAccessibleName("Position in the clip")
        self.slider.sliderMoved.connect(self._on_slider_moved)
        self.slider.sliderReleased.connect(lambda: self.seek(self.slider.value() / 1000))
        self.slider.actionTriggered.connect(self._on_slider_action)

        self.time_label = QLabel("0:00 / 0:00", self)
        self.time_label.setMinimumWidth(self.time_label.fontMetrics().horizontalAdvance("00:00 / 00:00") + 6)
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.speed = QComboBox(self)
        for rate in SPEEDS:
            self.speed.addItem(f"{rate:g}×", rate)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.speed.setToolTip("Playback speed")
        self.speed.currentIndexChanged.connect(lambda i: self.player.setPlaybackRate(float(self.speed.itemData(i))))

        self.loop_button = QToolButton(self)
        self.loop_button.setIcon(icon("repeat"))
        self.loop_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.loop_button.setAutoRaise(True)
        self.loop_button.setText("Loop")
        self.loop_button.setCheckable(True)
        self.loop_button.setToolTip("Loop a span: the selected key point or the current sentence")
        self.loop_button.toggled.connect(self._on_loop_toggled)

        # the seek bar has a row of its own (as in a good video player): it takes the whole width at any window
        # size, and the time, speed and loop below it never squeeze it or overlap each other
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.time_label.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(4)
        for w in (self.back_button, self.play_button, self.forward_button):
            bar.addWidget(w)
        bar.addWidget(self.time_label)
        bar.addStretch(1)
        bar.addWidget(self.speed)
        bar.addWidget(self.loop_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(screen, 1)
        layout.addWidget(self.slider)
        layout.addLayout(bar)

    # ---- public API -------------------------------------------------------------------------------

    def video_sink(self) -> QVideoSink:
        """Where decoded frames arrive (the video widget's sink); tests and screenshots read it."""
        return self.video.videoSink()

    def load(self, media: Path | None, poster: Path | None = None, at_seconds: float | None = None,
             missing: str = "No media file for this clip yet", duration: float | None = None) -> None:
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
            self.poster.set_image(None, missing)
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

    def duration(self) -> float:
        return self._duration

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

    @Slot()
    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

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

    def seek_relative(self, delta: float) -> None:
        self.seek(self.position() + delta)

    def set_rate(self, rate: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate))
        self.speed.setCurrentIndex(nearest)

    def rate(self) -> float:
        return float(self.player.playbackRate())

    def loop(self) -> tuple[float, float] | None:
        return self._loop

    def set_loop(self, span: tuple[float, float] | None) -> None:
        """Loop [start, end) while playing; None stops looping."""
        if span is not None:
            start, end = span
            if end - start < 0.2:
                end = start + 0.2
            span = (max(0.0, start), end)
        self._loop = span
        with signals_blocked(self.loop_button):
            self.loop_button.setChecked(span is not None)
        if span is not None:
            self.loop_button.setText(f"Loop {format_time(span[0])}–{format_time(span[1])}")
            if not span[0] <= self.position() < span[1]:
                self.seek(span[0])
        else:
            self.loop_button.setText("Loop")
        self.loop_changed.emit(span)

    def last_frame_image(self) -> object | None:
        """The last decoded frame as a QImage (None before the first frame)."""
        if self._last_frame is None or not self._last_frame.isValid():
            return None
        return self._last_frame.toImage()

    # ---- internals --------------------------------------------------------------------------------

    def _set_controls_enabled(self, enabled: bool) -> None:
        for w in (self.play_button, self.back_button, self.forward_button, self.slider, self.speed,
                  self.loop_button):
            w.setEnabled(enabled)

    def _show_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():
            with signals_blocked(self.slider):
                self.slider.setValue(int(seconds * 1000))
        self.time_label.setText(f"{format_time(seconds)} / {format_time(self._duration)}")

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
        self.slider.setRange(0, max(0, ms))
        self.slider.setPageStep(int(SEEK_STEP * 1000))
        self.slider.setSingleStep(1000)
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
            self.poster.set_image(None, "This clip's video cannot be played")
            self._screen.setCurrentWidget(self.poster)

    def _on_error(self, error: QMediaPlayer.Error, message: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self.poster.set_image(None, f"Cannot play this clip: {message or error.name}")
            self._screen.setCurrentWidget(self.poster)

    def _on_frame(self, frame: QVideoFrame) -> None:
        self._last_frame = frame
        if self._screen.currentWidget() is self.poster and frame.isValid():
            image = frame.toImage()  # only before the first play: a seek while paused shows its frame
            if not image.isNull():
                self.poster.set_image(QPixmap.fromImage(image))

    def _on_slider_moved(self, value: int) -> None:
        self.time_label.setText(f"{format_time(value / 1000)} / {format_time(self._duration)}")

    def _on_slider_action(self, action: int) -> None:
        if action in (QSlider.SliderAction.SliderMove.value, QSlider.SliderAction.SliderNoAction.value):
            return
        # page / step clicks (keyboard, a click on the groove): seek to where the slider will be
        self.seek(self.slider.sliderPosition() / 1000)

    def _on_loop_toggled(self, checked: bool) -> None:
        if not checked:
            self.set_loop(None)
            return
        with signals_blocked(self.loop_button):
            self.loop_button.setChecked(False)  # stays off until the owner supplies a span
        self.loop_requested.emit()
