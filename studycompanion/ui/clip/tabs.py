"""The clip view's tabs (Transcript, Key points, Cards) and the counts their titles carry."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

KEYPOINTS_TAB, CARDS_TAB = 1, 2


class ClipTabs(QTabWidget):
    """The three tabs right of the player; `set_counts` puts "Key points (3)" / "Cards (5)" in their titles."""

    def __init__(self, transcript: QWidget, keypoints: QWidget, cards: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.addTab(transcript, self.tr("Transcript"))
        self.addTab(keypoints, self.tr("Key points"))
        self.addTab(cards, self.tr("Cards"))

    def set_counts(self, keypoints: int | None, cards: int | None) -> None:
        """New counts for the tabs given (None leaves a tab's title as it is; 0 shows no count)."""
        if keypoints is not None:
            self.setTabText(KEYPOINTS_TAB, self.tr("Key points ({n})").format(n=keypoints) if keypoints
                            else self.tr("Key points"))
        if cards is not None:
            self.setTabText(CARDS_TAB, self.tr("Cards ({n})").format(n=cards) if cards else self.tr("Cards"))
