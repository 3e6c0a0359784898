"""The clip player's common part: screen (poster), transport bar, loop span and the seconds API, no Qt Multimedia.

`PlayerPanel` is the type every view holds; it never imports QtMultimedia, so importing it works on a machine where
that cannot load (no libpulse). Two panels fill it in: `media_player.MediaPlayerPanel` plays (QMediaPlayer), and
`playback.NoPlaybackPanel` is the stand-in that keeps a position without playing. `playback.make_player` picks one.

Positions cross this widget's API in seconds (floats). Before the first play the clip's thumbnail is shown as a
poster (a video widget paints nothing until a frame arrives, and nothing at all offscreen).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QPixmap
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

if TYPE_CHECKING:
    from studycompanion.ui.common.worker import Worker

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
SEEK_STEP = 5.0


class _Poster(QLabel):
    """The thumbnail, scaled to fit and centred on black, shown until playback starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
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
    """The screen with its transport bar. Emits `position_changed(seconds)` while playing or seeking.

    Subclasses supply the clock: load / unload, position, is_playing, play / pause / stop, seek."""

    position_changed = Signal(float)
    playing_changed = Signal(bool)
    loop_changed = Signal(object)  # (start, end) or None
    loop_requested = Signal()  # the loop button was pressed with no span set: the owner picks one

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poster = _Poster(self)
        self._loop: tuple[float, float] | None = None
        self._duration = 0.0
        self._build()

    # ---- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        screen = self.screen_area = QWidget(self)
        self._screen = QStackedLayout(screen)
        self._screen.addWidget(self.poster)
        screen.setMinimumSize(240, 200)
        screen.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.play_button = QToolButton(self)
        self.play_button.setIcon(icon("play"))
        self.play_button.setToolTip(self.tr("Play / pause (Space)"))
        self.play_button.setAccessibleName(self.tr("Play or pause"))
        self.play_button.setAutoRaise(True)
        self.play_button.clicked.connect(self.toggle_play)

        self.back_button = QToolButton(self)
        self.back_button.setIcon(icon("rewind"))
        self.back_button.setToolTip(self.tr("Back 5 s (J)"))
        self.back_button.setAccessibleName(self.tr("Back 5 seconds"))
        self.back_button.setAutoRaise(True)
        self.back_button.clicked.connect(lambda: self.seek_relative(-SEEK_STEP))
        self.forward_button = QToolButton(self)
        self.forward_button.setIcon(icon("fast-forward"))
        self.forward_button.setToolTip(self.tr("Forward 5 s (L)"))
        self.forward_button.setAccessibleName(self.tr("Forward 5 seconds"))
        self.forward_button.setAutoRaise(True)
        self.forward_button.clicked.connect(lambda: self.seek_relative(SEEK_STEP))

        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, 0)
        self.slider.setToolTip(self.tr("Seek"))
        self.slider.setAccessibleName(self.tr("Position in the clip"))
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
        self.speed.setToolTip(self.tr("Playback speed"))
        self.speed.currentIndexChanged.connect(lambda i: self._rate_chosen(float(self.speed.itemData(i))))

        self.loop_button = QToolButton(self)
        self.loop_button.setIcon(icon("repeat"))
        self.loop_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.loop_button.setAutoRaise(True)
        self.loop_button.setText(self.tr("Loop"))
        self.loop_button.setCheckable(True)
        self.loop_button.setToolTip(self.tr("Loop a span: the selected key point or the current sentence"))
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

        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(screen, 1)
        layout.addWidget(self.slider)
        layout.addLayout(bar)

    # ---- what a panel supplies ---------------------------------------------------------------------

    def load(self, media: Path | None, poster: Path | None = None, at_seconds: float | None = None,
             missing: str = "", duration: float | None = None) -> None:
        """Open a clip (paused). `at_seconds` is applied once the media is loaded; `missing` shows without media
        (empty: `missing_text("")`, "No media file for this clip yet" in the user's language).
        `duration` (the library's figure) shows until the media reports its own."""
        raise NotImplementedError

    def missing_text(self, missing: str = "") -> str:
        """What the screen says without media: `missing`, or by default that the clip has no media file yet."""
        return missing or self.tr("No media file for this clip yet")

    def unload(self) -> None:
        raise NotImplementedError

    def position(self) -> float:
        raise NotImplementedError

    def is_playing(self) -> bool:
        raise NotImplementedError

    def play(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def seek(self, seconds: float) -> None:
        raise NotImplementedError

    def last_frame_image(self) -> object | None:
        """The last decoded frame as a QImage (None before the first frame, or without playback)."""
        return None

    def show_frames_with(self, worker: Worker) -> None:
        """The worker a panel that cannot play reads the frame at its position on (one that plays shows its video)."""

    def _rate_chosen(self, rate: float) -> None:
        """The speed box changed (the panel that plays applies it)."""

    # ---- shared API -------------------------------------------------------------------------------

    def duration(self) -> float:
        return self._duration

    @Slot()
    def toggle_play(self) -> None:
        if self.is_playing():
            self.pause()
        else:
            self.play()

    def seek_relative(self, delta: float) -> None:
        self.seek(self.position() + delta)

    def set_rate(self, rate: float) -> None:
        nearest = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - rate))
        self.speed.setCurrentIndex(nearest)

    def rate(self) -> float:
        return float(self.speed.currentData())

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
            self.loop_button.setText(self.tr("Loop {start}–{end}").format(start=format_time(span[0]),
                                                                      end=format_time(span[1])))
            if not span[0] <= self.position() < span[1]:
                self.seek(span[0])
        else:
            self.loop_button.setText(self.tr("Loop"))
        self.loop_changed.emit(span)

    # ---- internals --------------------------------------------------------------------------------

    def _set_controls_enabled(self, enabled: bool) -> None:
        for w in (self.play_button, self.back_button, self.forward_button, self.slider, self.speed,
                  self.loop_button):
            w.setEnabled(enabled)

    def _set_range(self, seconds: float) -> None:
        self.slider.setRange(0, max(0, int(seconds * 1000)))
        self.slider.setPageStep(int(SEEK_STEP * 1000))
        self.slider.setSingleStep(1000)

    def _show_position(self, seconds: float) -> None:
        if not self.slider.isSliderDown():
            with signals_blocked(self.slider):
                self.slider.setValue(int(seconds * 1000))
        self.time_label.setText(f"{format_time(seconds)} / {format_time(self._duration)}")

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
