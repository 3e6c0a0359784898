"""A card's lifecycle, its one owner: draft -> accepted | rejected -> exported, and the moves between them.

Every change of a card's state goes through `transition`, which refuses the moves that make no sense
(accepting a rejected card, exporting a draft nobody accepted) with a message that says what to do instead.
"""

from __future__ import annotations

from enum import StrEnum

from studycompanion.core.errors import BadInput
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardState, ExportTarget


class CardAction(StrEnum):
    ACCEPT = "accept"  # the student vouches for the card
    REJECT = "reject"  # leave it out (it stays out when cards are made again)
    RESTORE = "restore"  # back to a draft: undo a rejection or an acceptance
    EDIT = "edit"  # change its text (a draft stays a draft)
    EXPORT = "export"  # it left the app (an .apkg written, or pushed to Anki)


class IllegalTransition(BadInput):
    """A move the lifecycle does not allow."""


_D, _A, _R, _E = CardState.DRAFT, CardState.ACCEPTED, CardState.REJECTED, CardState.EXPORTED
TRANSITIONS: dict[tuple[CardState, CardAction], CardState] = {
    (_D, CardAction.ACCEPT): _A,
    (_D, CardAction.REJECT): _R,
    (_D, CardAction.RESTORE): _D,
    (_D, CardAction.EDIT): _D,
    (_A, CardAction.ACCEPT): _A,
    (_A, CardAction.REJECT): _R,
    (_A, CardAction.RESTORE): _D,
    (_A, CardAction.EDIT): _A,
    (_A, CardAction.EXPORT): _E,
    (_E, CardAction.ACCEPT): _E,
    (_E, CardAction.REJECT): _R,
    (_E, CardAction.EDIT): _A,  # changed since it left: accepted, and the next export carries the change
    (_E, CardAction.EXPORT): _E,
    (_R, CardAction.REJECT): _R,
    (_R, CardAction.RESTORE): _D,
}
_REFUSALS = {  # said through core/text.py (the window's language; English in the CLI)
    (_R, CardAction.ACCEPT): QT_TRANSLATE_NOOP("CardLifecycle", "it is rejected: restore it first"),
    (_R, CardAction.EDIT): QT_TRANSLATE_NOOP("CardLifecycle", "it is rejected: restore it before editing it"),
    (_R, CardAction.EXPORT): QT_TRANSLATE_NOOP("CardLifecycle", "it is rejected, and rejected cards never leave "
                                                                "the app"),
    (_D, CardAction.EXPORT): QT_TRANSLATE_NOOP("CardLifecycle", "it is a draft nobody accepted: accept it, or export "
                                                                "with drafts included"),
    (_E, CardAction.RESTORE): QT_TRANSLATE_NOOP("CardLifecycle", "it is already exported"),
}
REFUSED = QT_TRANSLATE_NOOP("CardLifecycle", "{who} cannot be {done}: {why}.")
WHO_CARD = QT_TRANSLATE_NOOP("CardLifecycle", "Card {id}")
WHO_THIS = QT_TRANSLATE_NOOP("CardLifecycle", "This card")
IT_IS = QT_TRANSLATE_NOOP("CardLifecycle", "it is {state}")


def transition(state: CardState, action: CardAction, *, include_drafts: bool = False, card_id: int | None = None
               ) -> CardState:
    """The state after `action`; IllegalTransition for a move the lifecycle refuses.

    `include_drafts` lets a draft be exported (`export --include-drafts`): it stays a draft, since nobody
    accepted it, and only remembers where it went."""
    if state == _D and action == CardAction.EXPORT and include_drafts:
        return _D
    new = TRANSITIONS.get((state, action))
    if new is None:
        who = WHO_CARD(id=card_id) if card_id is not None else WHO_THIS()
        refusal = _REFUSALS.get((state, action))
        why = refusal() if refusal is not None else IT_IS(state=state.value)
        raise IllegalTransition(REFUSED(who=who, done=_PAST[action](), why=why))
    return new


_PAST = {  # "{who} cannot be {done}": a translation may say it as an infinitive ("no se puede aceptar")
    CardAction.ACCEPT: QT_TRANSLATE_NOOP("CardLifecycle", "accepted"),
    CardAction.REJECT: QT_TRANSLATE_NOOP("CardLifecycle", "rejected"),
    CardAction.RESTORE: QT_TRANSLATE_NOOP("CardLifecycle", "made a draft again"),
    CardAction.EDIT: QT_TRANSLATE_NOOP("CardLifecycle", "edited"),
    CardAction.EXPORT: QT_TRANSLATE_NOOP("CardLifecycle", "exported"),
}


def exportable_states(include_drafts: bool = False) -> tuple[CardState, ...]:
    """What an export or a push takes: accepted cards (and those already exported), drafts only when asked."""
    kept = (CardState.ACCEPTED, CardState.EXPORTED)
    return (*kept, CardState.DRAFT) if include_drafts else kept


PLACES = {  # where a card is, as its badge says it (core/text.py: the window's language; English in the CLI)
    "rejected": QT_TRANSLATE_NOOP("CardPlace", "Rejected"),
    "anki": QT_TRANSLATE_NOOP("CardPlace", "In Anki"),
    "file": QT_TRANSLATE_NOOP("CardPlace", "Exported to file"),
    "exported": QT_TRANSLATE_NOOP("CardPlace", "Exported"),
    "draft": QT_TRANSLATE_NOOP("CardPlace", "Draft"),
    "accepted": QT_TRANSLATE_NOOP("CardPlace", "Accepted"),
    "accepted anki": QT_TRANSLATE_NOOP("CardPlace", "Accepted · in Anki before: export again to update"),
    "accepted file": QT_TRANSLATE_NOOP("CardPlace", "Accepted · exported to file before: export again to update"),
    "draft anki": QT_TRANSLATE_NOOP("CardPlace", "Draft · in Anki"),  # a draft exported with drafts included
    "draft file": QT_TRANSLATE_NOOP("CardPlace", "Draft · exported to file"),
}


def place_label(state: CardState, exported_to: ExportTarget) -> str:
    """The truthful badge: 'In Anki' only where AnkiConnect put it; a file export says so."""
    if state == CardState.REJECTED:
        return PLACES["rejected"]()
    where = {ExportTarget.ANKI: "anki", ExportTarget.FILE: "file"}.get(exported_to, "")
    if state == CardState.EXPORTED:
        return PLACES[where or "exported"]()
    base = "draft" if state == CardState.DRAFT else "accepted"
    return PLACES[f"{base} {where}" if where else base]()
