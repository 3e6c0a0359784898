"""Draws one clip of the library: a thumbnail card (grid) or a row (list), with status, progress and snippets."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from studycompanion.core.types import VideoStatus
from studycompanion.ui.common.focus import draw_focus_ring
from studycompanion.ui.common.icons import icon
from studycompanion.ui.common.theme import ACCENT, STATUS_COLORS, fmt_duration, is_dark, status_label
from studycompanion.ui.common.thumbnails import ThumbnailCache
from studycompanion.ui.library.model import ClipItem, JobBadge, LibraryModel

Index = QModelIndex | QPersistentModelIndex

GRID_CARD_W = 184  # the narrowest card; the view widens cards to fill its width
GRID_TEXT_H = 70  # title (two lines) and one line under it
THUMB_RATIO = 1.22  # thumbnail height / width: between a phone screen (16:9 portrait) and a square
LIST_ROW_H = 68
_SNIPPET = re.compile(r"\[([^\]]*)\]")


def _secondary(palette: QPalette) -> QColor:
    color = QColor(palette.color(QPalette.ColorRole.WindowText))
    color.setAlphaF(0.62)
    return color


def _pill(painter: QPainter, x: float, y: float, text: str, font: QFont, bg: QColor, fg: QColor,
          anchor_right: bool = False) -> QRectF:
    fm = QFontMetrics(font)
    w, h = fm.horizontalAdvance(text) + 12, fm.height() + 4
    rect = QRectF(x - w if anchor_right else x, y, w, h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(bg)
    painter.drawRoundedRect(rect, h / 2, h / 2)
    painter.setPen(fg)
    painter.setFont(font)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
    return rect


def draw_snippet(painter: QPainter, rect: QRect, snippet: str, font: QFont, color: QColor) -> None:
    """One line of a search snippet, the matched words (between [ and ]) in bold, elided at the right."""
    bold = QFont(font)
    bold.setBold(True)
    runs: list[tuple[str, bool]] = []
    pos = 0
    for m in _SNIPPET.finditer(snippet):
        if m.start() > pos:
            runs.append((snippet[pos:m.start()], False))
        runs.append((m.group(1), True))
        pos = m.end()
    if pos < len(snippet):
        runs.append((snippet[pos:], False))
    x, right = rect.left(), rect.right()
    baseline = rect.top() + QFontMetrics(font).ascent() + max(0, (rect.height() - QFontMetrics(font).height()) // 2)
    painter.setPen(color)
    for text, is_bold in runs:
        text = " ".join(text.split("\n"))
        f = bold if is_bold else font
        fm = QFontMetrics(f)
        painter.setFont(f)
        width = fm.horizontalAdvance(text)
        if x + width > right:
            painter.drawText(QPointF(x, baseline), fm.elidedText(text, Qt.TextElideMode.ElideRight, right - x))
            return
        painter.drawText(QPointF(x, baseline), text)
        x += width


class ClipDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None, thumbs: ThumbnailCache | None = None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.grid = True
        self.card_width = GRID_CARD_W
        self._outline: tuple[QRectF, float] | None = None  # the card or row last painted
        self._heart = icon("favourite", "#e0245e")
        self._film = icon("film", "#ffffff")

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        return self.card_size() if self.grid else QSize(480, LIST_ROW_H)

    def card_size(self) -> QSize:
        return QSize(self.card_width, self.thumb_height() + 12 + GRID_TEXT_H)

    def thumb_height(self) -> int:
        return round((self.card_width - 20) * THUMB_RATIO)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not index.flags() & Qt.ItemFlag.ItemIsEnabled:
            return  # an empty cell after the last clip of the grid
        item: ClipItem | None = index.data(LibraryModel.ItemRole)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        try:
            self._outline = None
            if self.grid:
                self._paint_card(painter, option, index, item)
            else:
                self._paint_row(painter, option, index, item)
            if option.state & QStyle.StateFlag.State_HasFocus and self._outline is not None:
                draw_focus_ring(painter, *self._outline)  # where the keyboard is, selected or not
        finally:
            painter.restore()

    # ---- shared pieces ----------------------------------------------------------------------------------

    def _background(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRectF, radius: float) -> None:
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)
        base = QColor(palette.color(QPalette.ColorRole.Base))
        if selected:
            fill = QColor(ACCENT)
            fill.setAlphaF(0.22 if is_dark(palette) else 0.14)
        elif hover:
            fill = QColor(palette.color(QPalette.ColorRole.WindowText))
            fill.setAlphaF(0.07)
        else:
            fill = base
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, radius, radius)
        if selected:
            pen_color = QColor(ACCENT)
            painter.setPen(pen_color)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        self._outline = (QRectF(rect), radius)  # the focus ring goes round it, over the thumbnail

    def _thumb(self, painter: QPainter, rect: QRect, index: Index, item: ClipItem | None, radius: float,
               palette: QPalette) -> None:
        pixmap = None
        if item is not None and item.thumbnail and self.thumbs is not None:
            device = painter.device()
            dpr = device.devicePixelRatioF() if device is not None else 1.0
            pixmap = self.thumbs.cover(item.thumbnail, rect.size(), radius, dpr)
        if pixmap is not None and not pixmap.isNull():
            if pixmap.deviceIndependentSize().toSize() == rect.size():
                painter.drawPixmap(rect.topLeft(), pixmap)  # the exact size, made on a worker: a plain blit
            else:
                painter.drawPixmap(rect, pixmap)  # another size stands in until the exact one is made
            return
        hue = ((item.id * 47) % 360) if item else 210
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor.fromHsl(hue, 60, 96 if is_dark(palette) else 200))
        painter.drawRoundedRect(QRectF(rect), radius, radius)
        if item is not None:
            self._film.paint(painter, QRect(rect.center().x() - 14, rect.center().y() - 14, 28, 28))

    def _status_text(self, item: ClipItem, job: JobBadge | None) -> tuple[str, QColor]:
        if job is not None:
            return job.label, QColor(ACCENT)
        return status_label(item.status), STATUS_COLORS[item.status]

    # ---- grid -----------------------------------------------------------------------------------------------

    def _paint_card(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, item: ClipItem | None) -> None:
        palette = option.palette
        card = QRectF(option.rect).adjusted(5, 5, -5, -5)
        self._background(painter, option, card, 10)
        thumb = QRect(int(card.left()) + 6, int(card.top()) + 6, int(card.width()) - 12, self.thumb_height())
        self._thumb(painter, thumb, index, item, 8, palette)
        text_left = thumb.left() + 2
        text_width = thumb.width() - 4
        y = thumb.bottom() + 6
        if item is None:
            painter.setPen(Qt.PenStyle.NoPen)
            skeleton = QColor(palette.color(QPalette.ColorRole.WindowText))
            skeleton.setAlphaF(0.08)
            painter.setBrush(skeleton)
            painter.drawRoundedRect(QRectF(text_left, y + 4, text_width, 12), 4, 4)
            painter.drawRoundedRect(QRectF(text_left, y + 24, text_width * 0.6, 10), 4, 4)
            return
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.82))
        small.setBold(True)
        job: JobBadge | None = index.data(LibraryModel.JobRole)
        label, color = self._status_text(item, job)
        _pill(painter, thumb.left() + 6, thumb.top() + 6, label, small, color, QColor("#ffffff"))
        if item.favourite:
            self._heart.paint(painter, QRect(thumb.right() - 24, thumb.top() + 6, 18, 18))
        if item.duration:
            _pill(painter, thumb.right() - 6, thumb.bottom() - 6 - QFontMetrics(small).height() - 4,
                  fmt_duration(item.duration), small, QColor(0, 0, 0, 150), QColor("#ffffff"), anchor_right=True)
        if job is not None:
            bar = QRectF(thumb.left(), thumb.bottom() - 3, thumb.width(), 4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 110))
            painter.drawRect(bar)
            painter.setBrush(ACCENT)
            painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * max(0.02, job.progress), bar.height()))
        title_font = QFont(option.font)
        title_font.setBold(True)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        title_rect = QRect(text_left, y, text_width, fm.lineSpacing() * 2)
        budget = text_width * 2 - fm.averageCharWidth() * 4
        title = fm.elidedText(item.title.replace("\n", " "), Qt.TextElideMode.ElideRight, budget)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop
        used = fm.boundingRect(title_rect, flags, title)
        painter.drawText(title_rect, flags, title)
        title_rect.setHeight(min(title_rect.height(), used.height()))
        line_font = QFont(option.font)
        line_font.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.9))
        lfm = QFontMetrics(line_font)
        line_rect = QRect(text_left, title_rect.bottom() + 2, text_width, lfm.height())
        if item.snippet:
            draw_snippet(painter, line_rect, item.snippet, line_font, _secondary(palette))
        else:
            painter.setFont(line_font)
            painter.setPen(_secondary(palette))
            text = item.reason or (item.error if item.status == VideoStatus.FAILED else item.creator)
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             lfm.elidedText(text, Qt.TextElideMode.ElideRight, text_width))

    # ---- list ----------------------------------------------------------------------------------------------

    def _paint_row(self, painter: QPainter, option: QStyleOptionViewItem, index: Index, item: ClipItem | None) -> None:
        palette = option.palette
        row = QRectF(option.rect).adjusted(2, 2, -2, -2)
        self._background(painter, option, row, 6)
        thumb = QRect(int(row.left()) + 6, int(row.top()) + 5, 48, int(row.height()) - 10)
        self._thumb(painter, thumb, index, item, 5, palette)
        left = thumb.right() + 12
        if item is None:
            skeleton = QColor(palette.color(QPalette.ColorRole.WindowText))
            skeleton.setAlphaF(0.08)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(skeleton)
            painter.drawRoundedRect(QRectF(left, row.top() + 14, 260, 12), 4, 4)
            painter.drawRoundedRect(QRectF(left, row.top() + 36, 160, 10), 4, 4)
            return
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.82))
        small.setBold(True)
        job: JobBadge | None = index.data(LibraryModel.JobRole)
        label, color = self._status_text(item, job)
        right = int(row.right()) - 10
        pill = _pill(painter, right, row.center().y() - QFontMetrics(small).height() / 2 - 2, label, small, color,
                     QColor("#ffffff"), anchor_right=True)
        right = int(pill.left()) - 10
        regular = QFont(option.font)
        if item.duration:
            painter.setFont(regular)
            painter.setPen(_secondary(palette))
            text = fmt_duration(item.duration)
            w = QFontMetrics(regular).horizontalAdvance(text)
            painter.drawText(QRect(right - w, int(row.top()), w, int(row.height())),
                             Qt.AlignmentFlag.AlignVCenter, text)
            right -= w + 12
        if item.favourite:
            self._heart.paint(painter, QRect(right - 18, int(row.center().y()) - 9, 18, 18))
            right -= 26
        width = max(40, right - left)
        title_font = QFont(option.font)
        title_font.setBold(True)
        fm = QFontMetrics(title_font)
        painter.setFont(title_font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        top = int(row.top()) + 9
        painter.drawText(QRect(left, top, width, fm.height()), Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(item.title.replace("\n", " "), Qt.TextElideMode.ElideRight, width))
        line_rect = QRect(left, top + fm.height() + 5, width, QFontMetrics(option.font).height())
        if item.snippet:
            prefix = f"{fmt_duration(item.seconds)}  " if item.seconds is not None else ""
            draw_snippet(painter, line_rect, prefix + item.snippet, QFont(option.font), _secondary(palette))
        else:
            parts = [item.reason] if item.reason else [item.creator, *(f"#{t}" for t in item.tags[:4])]
            if item.status == VideoStatus.FAILED and item.error:
                parts = [item.error]
            painter.setFont(option.font)
            painter.setPen(_secondary(palette))
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignVCenter,
                             QFontMetrics(option.font).elidedText("  ·  ".join(p for p in parts if p),
                                                                  Qt.TextElideMode.ElideRight, width))
        if job is not None:
            bar = QRectF(left, row.bottom() - 6, min(width, 240), 3)
            painter.setPen(Qt.PenStyle.NoPen)
            track = QColor(palette.color(QPalette.ColorRole.WindowText))
            track.setAlphaF(0.12)
            painter.setBrush(track)
            painter.drawRoundedRect(bar, 1.5, 1.5)
            painter.setBrush(ACCENT)
            painter.drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * max(0.02, job.progress), 3), 1.5, 1.5)
