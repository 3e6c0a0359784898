"""A card's lifecycle, its one owner: draft -> accepted | rejected -> exported, and the moves between them.

Every change of a card's state goes through `transition`, which refuses the moves that make no sense
(accepting a rejected card, exporting a draft nobody accepted) with a message that says what to do instead.
"""

from __future__ import annotations

from enum import StrEnum

from studycompanion.core.errors import BadInput
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
_REFUSALS = {
    (_R, CardAction.ACCEPT): "it is rejected: restore it first",
    (_R, CardAction.EDIT): "it is rejected: restore it before editing it",
    (_R, CardAction.EXPORT): "it is rejected, and rejected cards never leave the app",
    (_D, CardAction.EXPORT): "it is a draft nobody accepted: accept it, or export with drafts included",
    (_E, CardAction.RESTORE): "it is already exported",
}


def transition(state: CardState, action: CardAction, *, include_drafts: bool = False, card_id: int | None = None
               ) -> CardState:
    """The state after `action`; IllegalTransition for a move the lifecycle refuses.

    `include_drafts` lets a draft be exported (`export --include-drafts`): it stays a draft, since nobody
    accepted it, and only remembers where it went."""
    if state == _D and action == CardAction.EXPORT and include_drafts:
        return _D
    new = TRANSITIONS.get((state, action))
    if new is None:
        who = f"Card {card_id}" if card_id is not None else "This card"
        why = _REFUSALS.get((state, action), f"it is {state.value}")
        raise IllegalTransition(f"{who} cannot be {_PAST[action]}: {why}.")
    return new


_PAST = {CardAction.ACCEPT: "accepted", CardAction.REJECT: "rejected", CardAction.RESTORE: "made a draft again",
         CardAction.EDIT: "edited", CardAction.EXPORT: "exported"}


def exportable_states(include_drafts: bool = False) -> tuple[CardState, ...]:
    """What an export or a push takes: accepted cards (and those already exported), drafts only when asked."""
    kept = (CardState.ACCEPTED, CardState.EXPORTED)
    return (*kept, CardState.DRAFT) if include_drafts else kept


def place_label(state: CardState, exported_to: ExportTarget) -> str:
    """The truthful badge: 'In Anki' only where AnkiConnect put it; a file export says so."""
    if state == CardState.REJECTED:
        return "Rejected"
    if exported_to == ExportTarget.ANKI:
        where = "In Anki"
    elif exported_to == ExportTarget.FILE:
        where = "Exported to file"
    else:
        where = ""
    if state == CardState.EXPORTED:
        return where or "Exported"
    base = "Draft" if state == CardState.DRAFT else "Accepted"
    if where and state == CardState.ACCEPTED:
        return f"Accepted · {where.lower() if where != 'In Anki' else 'in Anki'} before: export again to update"
    if where:  # a draft exported with drafts included
        return f"{base} · {where.lower() if where != 'In Anki' else 'in Anki'}"
    return base
