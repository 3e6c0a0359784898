"""The cards panel's editor for one card: its fields (text or front / back, extra) and the buttons under them.

`CardEditor` shows a card and reads back what is typed; the cards panel decides what the buttons do and when
an edit is saved (`front_edit`, `back_edit`, `extra_edit`, `*_button`).
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QWidget

from studycompanion.core.cards import cloze
from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.db.tables import Card
from studycompanion.core.types import CardKind, CardState
from studycompanion.ui.common.blocking import signals_blocked
from studycompanion.ui.common.wrapping import WrappingLabel


def grow_to_lines(edit: QPlainTextEdit, lines: int) -> None:
    height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 10
    edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 2 + 12)
    edit.setMaximumHeight(height)


class CardEditor(QWidget):
    """A cloze card shows Text + Extra and 'Hide selection'; a basic card Front, Back and Extra."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.front_label = QLabel(self.tr("Text"), self)
        self.front_edit = QPlainTextEdit(self)
        self.front_edit.setAccessibleName(self.tr("Card front"))
        self.back_label = QLabel(self.tr("Back"), self)
        self.back_edit = QPlainTextEdit(self)
        self.back_edit.setAccessibleName(self.tr("Card back"))
        self.extra_label = QLabel(self.tr("Extra"), self)
        self.extra_edit = QPlainTextEdit(self)
        self.extra_edit.setAccessibleName(self.tr("Card extra"))
        self.edits = (self.front_edit, self.back_edit, self.extra_edit)
        for edit, lines in zip(self.edits, (4, 3, 3), strict=True):
            grow_to_lines(edit, lines)
            edit.setTabChangesFocus(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        self.check_label = WrappingLabel(self)  # why this card should be checked, with the words in question
        self.check_label.setStyleSheet("color: #b35c00;")
        self.check_label.setAccessibleName(self.tr("Check reasons"))
        self.check_label.hide()
        self.hear_button = QPushButton(self.tr("Hear these words"), self)
        self.hear_button.setToolTip(self.tr("Play exactly the words in question"))
        self.hear_button.hide()
        self._check: CardCheck | None = None
        # the reasons get a row of their own: a wrapping label beside a button in one form row is given one
        # line's height by Qt and was cut off after two lines ("Hear these words" sits with the editing tools)
        form.addRow(self.check_label)
        form.addRow(self.front_label, self.front_edit)
        form.addRow(self.back_label, self.back_edit)
        form.addRow(self.extra_label, self.extra_edit)
        form.addRow(self.hint)
        form.addRow(self.error_label)

        self.cloze_button = QPushButton(self.tr("Hide selection"), self)
        self.cloze_button.setToolTip(self.tr("Turn the selected words into a cloze deletion {{cN::…}} (Ctrl+Shift+C)"))
        self.play_button = QPushButton(self.tr("Play span"), self)
        self.play_button.setToolTip(self.tr("Play the part of the clip this card comes from"))
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setToolTip(self.tr("Save the edit (Ctrl+S); it stays a draft until you accept it"))
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setDefault(False)
        # two rows: the editing tools, then the decision (six buttons in one row were cut off at 1024x640,
        # and longer in Spanish)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for b in (self.cloze_button, self.play_button, self.hear_button):
            tools.addWidget(b)
        tools.addStretch(1)
        form.addRow(tools)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        for b in (self.revert_button, self.save_button, self.reject_button, self.accept_button):
            buttons.addWidget(b)
        form.addRow(buttons)

    def show_card(self, card: Card | None) -> None:
        """Fill the fields with the card as saved (no edit signalled), laid out for its kind; off for no card."""
        for edit in self.edits:
            with signals_blocked(edit):
                edit.setPlainText("")
        if card is not None:
            with signals_blocked(self.front_edit):
                self.front_edit.setPlainText(card.front)
            with signals_blocked(self.back_edit):
                self.back_edit.setPlainText(card.back)
            with signals_blocked(self.extra_edit):
                self.extra_edit.setPlainText(card.extra)
        for edit in self.edits:  # a rejected card is restored before it is edited
            edit.setReadOnly(card is not None and card.state == CardState.REJECTED)
        cloze = card is None or card.kind == CardKind.CLOZE
        self.front_label.setText(self.tr("Text") if cloze else self.tr("Front"))
        self.back_label.setVisible(not cloze)
        self.back_edit.setVisible(not cloze)
        self.cloze_button.setVisible(cloze)
        self.hint.setText(self.tr("Hidden words go between {{c1:: and }}; select words and press Hide selection.")
                          if cloze else self.tr("A question on the front, its answer on the back."))
        self.error_label.hide()
        has = card is not None
        for w in (*self.edits, self.cloze_button, self.play_button, self.reject_button, self.accept_button):
            w.setEnabled(has)
        if card is None:
            self.show_check(None)

    def set_buttons(self, card: Card | None, dirty: bool) -> None:
        """Save / Revert only with an unsaved edit; Reject reads Restore on a rejected card; Accept says Accepted."""
        self.save_button.setEnabled(card is not None and dirty)
        self.revert_button.setEnabled(card is not None and dirty)
        rejected = card is not None and card.state == CardState.REJECTED
        self.reject_button.setText(self.tr("Restore") if rejected else self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Make it a draft again") if rejected
                                      else self.tr("Leave this card out of exports (it stays out when cards are made "
                                                   "again)"))
        accepted = card is not None and card.state in (CardState.ACCEPTED, CardState.EXPORTED)
        self.accept_button.setEnabled(card is not None and (not accepted or dirty))
        self.accept_button.setText(self.tr("Accepted") if accepted and not dirty else self.tr("Accept"))

    def values(self) -> dict[str, str]:
        """The fields as typed: front, back, extra."""
        return {"front": self.front_edit.toPlainText(), "back": self.back_edit.toPlainText(),
                "extra": self.extra_edit.toPlainText()}

    def differs_from(self, card: Card) -> bool:
        return (self.front_edit.toPlainText(), self.back_edit.toPlainText(), self.extra_edit.toPlainText()) \
            != (card.front, card.back, card.extra)

    def hide_selection(self) -> bool:
        """Wrap the selected words of the front in the next free cloze number; False when nothing is selected."""
        cursor = self.front_edit.textCursor()
        selected = cursor.selectedText().strip()
        if not selected:
            return False
        text = self.front_edit.toPlainText()
        try:
            new = cloze.wrap(text, cursor.selectionStart(), cursor.selectionEnd())
        except ValueError:
            return False
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(new)
        cursor.endEditBlock()
        return True

    # ---- check flags ------------------------------------------------------------------------------

    def show_check(self, check: CardCheck | None) -> None:
        """Show why the card should be checked, highlight its words in the fields, offer to hear them."""
        self._check = check if check is not None and check.flagged else None
        if self._check is None:
            self.check_label.hide()
            self.hear_button.hide()
        else:
            self.check_label.setText(self.tr("⚠ Check: {reasons}").format(reasons=" ".join(self._check.messages())))
            self.check_label.show()
            self.hear_button.setVisible(self._check.span() is not None)
        self.highlight()

    def check(self) -> CardCheck | None:
        return self._check

    def highlight(self) -> None:
        """Mark the check's words wherever they appear in the fields (kept as the student types)."""
        terms = self._check.terms() if self._check is not None else []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(255, 196, 0, 110))
        fmt.setToolTip(self.tr("Check this word"))
        for edit in self.edits:
            selections = []
            text = edit.toPlainText()
            for term in terms:
                for m in re.finditer(r"(?<!\w)" + re.escape(term) + r"(?!\w)", text, re.IGNORECASE):
                    sel = QTextEdit.ExtraSelection()
                    cur = edit.textCursor()
                    cur.setPosition(m.start())
                    cur.setPosition(m.end(), QTextCursor.MoveMode.KeepAnchor)
                    sel.cursor = cur
                    sel.format = fmt
                    selections.append(sel)
            edit.setExtraSelections(selections)

    def highlighted(self) -> list[str]:
        """The highlighted words of the front, as shown (for tests and screen readers)."""
        return [sel.cursor.selectedText() for sel in self.front_edit.extraSelections()]

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
