"""A clip's tags as removable chips plus a field that adds tags, completing from the tags already in use.

Suggested tags (from hashtags and the transcript) show as dashed chips to keep or drop. The editor only shows
and asks: `tag_added` / `tag_removed` / `tag_accepted` / `tag_rejected` go to the owner, which saves them in the
background and calls `set_tags` with what the library holds afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)


class FlowLayout(QLayout):
    """Lays children left to right, wrapping onto new lines (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            if x + hint.width() > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + gap
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


class TagChip(QToolButton):
    """One tag; clicking its × removes it."""

    remove_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setText(f"{name}  ×")
        self.setToolTip(self.tr("Remove the tag {tag}").format(tag=name))
        self.setAccessibleName(self.tr("Tag {tag}").format(tag=name))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("tagChip")
        self.setStyleSheet(
            "QToolButton#tagChip { border: 1px solid palette(mid); border-radius: 10px; padding: 2px 8px;"
            " background: palette(alternate-base); }"
            "QToolButton#tagChip:hover { border-color: palette(highlight); }"
        )
        self.clicked.connect(lambda: self.remove_requested.emit(self.name))


class SuggestedChip(QToolButton):
    """A suggested tag: a click keeps it, the menu drops it (it is then not suggested for this clip again)."""

    accept_requested = Signal(str)
    reject_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setText(f"{name}  ?")
        self.setToolTip(self.tr("Suggested from the clip's hashtags and transcript: click to keep {tag}, or use the "
                                "arrow to drop it").format(tag=name))
        self.setAccessibleName(self.tr("Suggested tag {tag}").format(tag=name))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setObjectName("suggestedChip")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.setStyleSheet(
            "QToolButton#suggestedChip { border: 1px dashed palette(mid); border-radius: 10px; padding: 2px 8px;"
            " padding-right: 16px; font-style: italic; }"
            "QToolButton#suggestedChip:hover { border-color: palette(highlight); }"
            "QToolButton#suggestedChip::menu-button { border: none; width: 14px; margin-right: 2px; }"
        )
        menu = QMenu(self)
        self.keep_action = menu.addAction(self.tr("Keep {tag}").format(tag=name),
                                          lambda: self.accept_requested.emit(self.name))
        self.drop_action = menu.addAction(self.tr("Not {tag}").format(tag=name),
                                          lambda: self.reject_requested.emit(self.name))
        self.setMenu(menu)
        self.clicked.connect(lambda: self.accept_requested.emit(self.name))


class TagEditor(QWidget):
    """Chips for the current tags and a line edit with completion to add more (Enter or comma adds)."""

    tag_added = Signal(str)
    tag_removed = Signal(str)
    tag_accepted = Signal(str)  # a suggestion kept
    tag_rejected = Signal(str)  # a suggestion dropped

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._suggested: list[str] = []
        self._flow = FlowLayout(self)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("Add a tag…"))
        self.input.setAccessibleName(self.tr("Add a tag"))
        self.input.setToolTip(self.tr("Type a tag and press Enter; use :: for a hierarchy (Cardio::Murmurs)"))
        self.input.setClearButtonEnabled(False)
        self.input.setMinimumWidth(140)
        self.input.setMaximumWidth(260)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.input.setCompleter(self.completer)
        self.completer.activated.connect(self._on_completion)
        self.input.returnPressed.connect(self._commit)
        self.input.textEdited.connect(self._on_edited)
        self._flow.addWidget(self.input)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def tags(self) -> list[str]:
        """The clip's tags, suggestions included."""
        return list(self._tags)

    def suggested(self) -> list[str]:
        return list(self._suggested)

    def set_known_tags(self, names: Iterable[str]) -> None:
        """Every tag in the library: what the completer offers."""
        self._model.setStringList(sorted(set(names), key=str.lower))

    def known_tags(self) -> list[str]:
        return list(self._model.stringList())

    def set_tags(self, names: Iterable[str], suggested: Iterable[str] = ()) -> None:
        """Show the clip's tags; those in `suggested` as suggestions waiting for a yes or no."""
        self._tags = list(names)
        pending = {s.lower() for s in suggested}
        self._suggested = [n for n in self._tags if n.lower() in pending]
        for old in [*self.findChildren(TagChip), *self.findChildren(SuggestedChip)]:
            self._flow.removeWidget(old)
            old.deleteLater()
        self._flow.removeWidget(self.input)
        for name in self._tags:
            if name in self._suggested:
                hint = SuggestedChip(name, self)
                hint.accept_requested.connect(self.tag_accepted)
                hint.reject_requested.connect(self.tag_rejected)
                self._flow.addWidget(hint)
                continue
            chip = TagChip(name, self)
            chip.remove_requested.connect(self.tag_removed)
            self._flow.addWidget(chip)
        self._flow.addWidget(self.input)
        self.updateGeometry()

    def _on_edited(self, text: str) -> None:
        if "," in text:
            self._commit()

    def _on_completion(self, text: str) -> None:
        self.input.setText(text)
        self._commit()

    def _commit(self) -> None:
        names = [p.strip() for p in self.input.text().split(",")]
        self.input.clear()
        for name in names:
            if name and name.lower() not in {t.lower() for t in self._tags}:
                self.tag_added.emit(name)
