"""The For You page: a feed of the student's clips, one at a time (ui/foryou/feed.py), or as a compact table
ranked with a reason each, "more / less of this", and the interest profile behind the order (what was learned,
from what), adjustable per topic. T (or the button) switches between the two. Ranking lives in
core/interests/service.py.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studycompanion.core.interests.foryou import ForYouItem
from studycompanion.core.interests.profile import InterestProfile, TagInterest
from studycompanion.ui.common.worker import Failure, Worker
from studycompanion.ui.foryou.feed import ForYouFeed
from studycompanion.ui.library.source import title_or_link

if TYPE_CHECKING:
    from studycompanion.services import Services

LIMIT = 200
ROLE = Qt.ItemDataRole.UserRole


def _bar(affinity: float, width: int = 5) -> str:
    """'+0.62' as a small text gauge (no custom painting needed)."""
    n = round(abs(affinity) * width)
    return ("▮" * n + "▯" * (width - n)) if affinity >= 0 else ("−" + "▮" * n)


class InterestsPanel(QWidget):
    """The interest profile: strongest topics first, with where each weight came from; more / less / reset."""

    changed = Signal()  # the student adjusted the profile: rankings should reload
    failed = Signal(object)

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.worker = services, worker
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Topic"), self.tr("Interest"), self.tr("Learned from")])
        self.tree.setRootIsDecorated(False)
        # the three columns share the panel's width (no sideways scrolling): the gauge as wide as it needs, topic
        # and sources the rest, elided with the full text in the tooltip; no heading is ever cut
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        heading = header.fontMetrics().horizontalAdvance(self.tr("Learned from")) + 24
        self.tree.setMinimumWidth(2 * heading + header.fontMetrics().horizontalAdvance("▮▮▮▮▮ +0.00") + 40)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.more_button = QPushButton(self.tr("More of this"))
        self.less_button = QPushButton(self.tr("Less of this"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("Forget the 'more / less' you asked for on this topic"))
        self.more_button.clicked.connect(lambda: self._adjust("more"))
        self.less_button.clicked.connect(lambda: self._adjust("less"))
        self.reset_button.clicked.connect(lambda: self._adjust("reset"))
        note = QLabel(self.tr("Learned on this computer from your favourites, watch time, accepted cards, reviews, "
                              "searches and tags. Nothing leaves the machine."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        buttons = QHBoxLayout()
        for b in (self.more_button, self.less_button, self.reset_button):
            buttons.addWidget(b)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(QLabel(self.tr("<b>Your interests</b>")))
        box.addWidget(self.tree, 1)
        box.addLayout(buttons)
        box.addWidget(note)

    def reload(self) -> None:
        interests = self.services.interests
        self.worker.run(interests.profile, self.set_profile, self._fail)

    def set_profile(self, profile: InterestProfile) -> None:
        self.tree.clear()
        rows: list[TagInterest] = profile.top(30) + profile.top(10, negative=True)
        for t in rows:
            item = QTreeWidgetItem([t.tag, f"{_bar(t.affinity)} {t.affinity:+.2f}", t.explain()])
            item.setData(0, ROLE, t.tag)
            item.setToolTip(0, t.tag)
            item.setToolTip(2, t.explain())
            self.tree.addTopLevelItem(item)
        if not rows:
            self.tree.addTopLevelItem(QTreeWidgetItem([self.tr("Nothing learned yet"), "",
                                                       self.tr("favourite, tag or review clips")]))

    def _rows(self) -> list[QTreeWidgetItem]:
        return [item for i in range(self.tree.topLevelItemCount()) if (item := self.tree.topLevelItem(i))]

    def tags(self) -> list[str]:
        return [item.data(0, ROLE) for item in self._rows() if item.data(0, ROLE)]

    def select(self, tag: str) -> None:
        for item in self._rows():
            if item.data(0, ROLE) == tag:
                self.tree.setCurrentItem(item)

    def _adjust(self, what: str) -> None:
        item = self.tree.currentItem()
        tag = item.data(0, ROLE) if item is not None else None
        if not tag:
            return
        interests = self.services.interests

        def work() -> None:
            if what == "more":
                interests.more_of(tag=tag)
            elif what == "less":
                interests.less_of(tag=tag)
            else:
                interests.reset(tag)

        self.worker.run(work, self._adjusted, self._fail)

    def _adjusted(self, _result: object) -> None:
        self.changed.emit()
        self.reload()

    def _fail(self, failure: Failure) -> None:
        self.failed.emit(failure)


class ForYouView(QWidget):
    """Ranked clips with their reasons on the left, the interest profile on the right."""

    open_clip_requested = Signal(int)  # video id (double-click or "Open")
    open_clip_at_requested = Signal(int, object)  # video id, seconds: "Open clip" in the feed, where it was playing
    review_requested = Signal()  # "Review For You": the lead shows ReviewView with the For You scope
    failed = Signal(object)  # a Failure to show
    loaded = Signal()

    def __init__(self, services: Services, worker: Worker, parent: QWidget | None = None, *,
                 limit: int = LIMIT) -> None:
        super().__init__(parent)
        self.services, self.worker, self.limit = services, worker, limit
        self._items: list[ForYouItem] = []
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["#", self.tr("Clip"), self.tr("Why")])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        lh = self.list.header()
        lh.setStretchLastSection(False)
        lh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        lh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        lh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.itemDoubleClicked.connect(lambda item, _col: self.open_clip_requested.emit(item.data(0, ROLE)))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.more_button = QPushButton(self.tr("More of this"))
        self.less_button = QPushButton(self.tr("Less of this"))
        self.open_button = QPushButton(self.tr("Open"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.review_button = QPushButton(self.tr("Review For You"))
        self.more_button.setToolTip(self.tr("Rank clips on the selected clip's topics higher"))
        self.less_button.setToolTip(self.tr("Rank clips on the selected clip's topics lower"))
        self.more_button.clicked.connect(lambda: self._adjust(True))
        self.less_button.clicked.connect(lambda: self._adjust(False))
        self.open_button.clicked.connect(self._open)
        self.refresh_button.clicked.connect(self.reload)
        self.review_button.clicked.connect(self.review_requested.emit)
        self.panel = InterestsPanel(services, worker)
        self.panel.changed.connect(self.reload_list)
        self.panel.failed.connect(self.failed.emit)

        left = QWidget()
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("<h2>For You</h2>")))
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        head.addWidget(self.review_button)
        lbox.addLayout(head)
        lbox.addWidget(self.status)
        lbox.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.open_button, self.more_button, self.less_button):
            row.addWidget(b)
        row.addStretch(1)
        lbox.addLayout(row)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.table_page = split

        self.feed = ForYouFeed(services, worker)
        self.feed.open_clip_requested.connect(self.open_clip_at_requested.emit)
        self.feed.failed.connect(self.failed.emit)
        self.feed.adjusted.connect(lambda _vid, _more: self.reload())
        self.mode_button = QPushButton(self.tr("Compact table (T)"))
        self.mode_button.setToolTip(self.tr("Switch between the feed (one clip at a time) and a compact table (T)"))
        self.mode_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mode_button.clicked.connect(self.toggle_mode)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.feed)
        self.stack.addWidget(self.table_page)
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(self.stack, 1)
        self._table_head = head
        self._place_mode_button()
        toggle = QShortcut(QKeySequence(Qt.Key.Key_T), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        toggle.activated.connect(self.toggle_mode)

    # ---- feed or table ------------------------------------------------------------------------------

    def is_feed(self) -> bool:
        return self.stack.currentWidget() is self.feed

    def set_feed(self, feed: bool) -> None:
        self.stack.setCurrentWidget(self.feed if feed else self.table_page)
        self.mode_button.setText(self.tr("Compact table (T)") if feed else self.tr("Feed (T)"))
        self._place_mode_button()
        if feed:
            self.feed.setFocus()
            chosen = self.selected_id()
            ids = [i.video_id for i in self.feed.items()]
            if chosen is not None and chosen != self.feed.current_id() and chosen in ids:
                self.feed.go_to(ids.index(chosen))  # the table's selection, in the feed
        else:
            self.feed.player.pause()
            current = self.feed.current_id()
            if current is not None:
                self.select(current)
            self.list.setFocus()

    def toggle_mode(self) -> None:
        self.set_feed(not self.is_feed())

    def _place_mode_button(self) -> None:
        """The switch sits in the header row of the page on show (no row of its own)."""
        layout = self.feed.head if self.is_feed() else self._table_head
        layout.addWidget(self.mode_button)

    # ---- loading ------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.reload_list()
        self.panel.reload()

    def reload_list(self) -> None:
        interests, limit = self.services.interests, self.limit
        self.worker.run(lambda: interests.for_you(limit), self.set_items, self._failed)

    def set_items(self, items: list[ForYouItem]) -> None:
        selected = self.selected_id()
        self._items = list(items)
        self.list.clear()
        for n, it in enumerate(items, 1):
            row = QTreeWidgetItem([str(n), title_or_link(it.title) or self.tr("Clip {id}").format(id=it.video_id),
                                   it.reason])
            row.setData(0, ROLE, it.video_id)
            row.setToolTip(1, html.escape(row.text(1)))
            row.setToolTip(2, html.escape(" · ".join(it.reasons)))
            self.list.addTopLevelItem(row)
            if it.video_id == selected:
                self.list.setCurrentItem(row)
        self.feed.set_items(self._items)
        self.status.setText(self.tr("Your clips, ranked by what you study, what is due and what you have not seen yet.")
                            if items else self.tr("No clips yet: add some, and For You will rank them here."))
        self.loaded.emit()

    def items(self) -> list[ForYouItem]:
        return list(self._items)

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(0, ROLE) if item is not None else None
        return value if isinstance(value, int) else None

    def select(self, video_id: int) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item is not None and item.data(0, ROLE) == video_id:
                self.list.setCurrentItem(item)

    # ---- actions ------------------------------------------------------------------------------------

    def _open(self) -> None:
        vid = self.selected_id()
        if vid is not None:
            self.open_clip_requested.emit(vid)

    def _adjust(self, more: bool) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        interests = self.services.interests
        fn = interests.more_of if more else interests.less_of
        self.worker.run(lambda: fn(video_id=vid), self._adjusted, self._failed)

    def _adjusted(self, _tags: object) -> None:
        self.reload()

    def _failed(self, failure: Failure) -> None:
        self.failed.emit(failure)
