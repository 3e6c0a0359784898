"""Card commands: cards (make drafts), card (list / make / edit / accept / reject), export (.apkg), push."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import fmt_seconds, print_json, print_table
from studycompanion.core.anki.connect import AnkiConnect, push_cards
from studycompanion.core.anki.export import export_deck
from studycompanion.core.anki.notetypes import NoteTypeChoice, note_types, parse_field_map
from studycompanion.core.cards.checks import CardCheck
from studycompanion.core.cards.lifecycle import place_label
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.jobs.cards_step import generate_cards, make_card_at
from studycompanion.core.types import CardKind, CardState, VideoStatus
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cards", help="make card drafts from transcribed clips (rejected cards stay rejected)")
    p.add_argument("ids", nargs="*", type=int, metavar="ID",
                   help="the clips (default: every transcribed clip without drafts)")
    p.add_argument("--all", action="store_true", help="every transcribed clip")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_cards)

    p = sub.add_parser("card", help="list, make, edit, accept, reject or restore cards")
    p.add_argument("action", choices=["list", "make", "edit", "accept", "reject", "restore"],
                   help="what to do with the cards")
    p.add_argument("card_ids", nargs="*", type=int, metavar="CARD_ID",
                   help="the cards (for make: the clip id); accept without ids takes the --clip / --tag drafts")
    p.add_argument("--clip", type=int, action="append", help="only this clip's cards (repeatable)")
    p.add_argument("--tag", help="only cards of clips with this tag")
    p.add_argument("--state", choices=[s.value for s in CardState], help="only cards in this state")
    p.add_argument("--flagged", action="store_true",
                   help="accept: also the drafts flagged for checking (left out otherwise)")
    p.add_argument("--at", type=float, metavar="SECONDS", help="make: the moment whose line becomes a card")
    p.add_argument("--until", type=float, metavar="SECONDS", help="make: the chosen words end here")
    p.add_argument("--cloze", metavar="WORD", help="make: the word (or words) to hide")
    p.add_argument("--basic", action="store_true", help="make: a basic question -> answer card instead")
    p.add_argument("--front", help="edit: the new front (cloze text with {{c1::...}})")
    p.add_argument("--back", help="edit: the new back of a basic card")
    p.add_argument("--extra", help="edit: the new extra field")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_card)

    for name, text in (("export", "write the accepted cards to an Anki .apkg"),
                       ("push", "send the accepted cards to a running Anki through AnkiConnect")):
        p = sub.add_parser(name, help=text)
        if name == "export":
            p.add_argument("--out", required=True, type=Path, metavar="FILE.apkg", help="the .apkg file to write")
        else:
            p.add_argument("--url", help="AnkiConnect address (default from settings, http://127.0.0.1:8765)")
        p.add_argument("--tag", help="only clips with this tag (or a child of it)")
        p.add_argument("--deck", help="put every card in this deck, e.g. StudyCompanion::Cardio")
        p.add_argument("--deck-per-tag", action="store_true", default=None,
                       help="a deck per tag (default: one deck, StudyCompanion, with hierarchical tags)")
        p.add_argument("--clip", type=int, action="append", help="only this clip (repeatable)")
        p.add_argument("--include-drafts", action="store_true", help="drafts too, not only accepted cards")
        p.add_argument("--note-type", choices=[c.value for c in NoteTypeChoice],
                       help="ours, anki (Anki's own Cloze and Basic) or custom (your own, from the settings)")
        p.add_argument("--field-map", metavar="PART=FIELD,...",
                       help="custom note type: where Text, Back, Extra, Source, Frame, Audio go")
        p.add_argument("--json", action="store_true", help="print the result as JSON")
        p.set_defaults(handler=cmd_export if name == "export" else cmd_push)


def _store(services: Services) -> CardStore:
    return services.card_store


def _root(services: Services) -> str:
    return services.settings.default_deck.strip() or "StudyCompanion"


def cmd_cards(args: argparse.Namespace, services: Services) -> int:
    if args.all == bool(args.ids):
        print("error: give clip ids or --all (not both)", file=sys.stderr)
        return 2
    store = _store(services)
    if args.all:
        ids = [
            v.id
            for s in (VideoStatus.TRANSCRIBED, VideoStatus.CARDS)
            for v in services.library.list_videos(status=s)
            if v.id is not None
        ]
    else:
        ids = list(args.ids)
    rows: list[dict[str, Any]] = []
    failed = 0
    for vid in sorted(ids):
        row: dict[str, Any] = {"id": vid, "error": None}
        try:
            result = generate_cards(services.library, store, services.settings, vid)
            services.library.set_status(vid, VideoStatus.CARDS)
            row.update(
                keypoints=len(result.keypoints),
                drafts=len(result.drafts),
                added=len(result.stored.added),
                updated=len(result.stored.updated),
                kept_rejected=len(result.stored.kept_rejected),
                kept_edited=len(result.stored.kept_edited),
                removed=len(result.stored.removed),
                notes=result.notes,
            )
        except UserError as exc:
            failed += 1
            row["error"] = exc.message
        rows.append(row)
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            if row["error"]:
                print(f"clip {row['id']}: error: {row['error']}", file=sys.stderr)
                continue
            kept = f", {row['kept_rejected']} kept rejected" if row["kept_rejected"] else ""
            edited = f", {row['kept_edited']} edits kept" if row["kept_edited"] else ""
            print(
                f"clip {row['id']}: {row['keypoints']} key points, {row['drafts']} cards "
                f"({row['added']} new, {row['updated']} updated{kept}{edited})"
            )
            for note in row["notes"]:
                print(f"  note: {note}")
        if not rows:
            print("No transcribed clips.")
    return 1 if failed else 0


def card_dict(card: Card, check: CardCheck | None = None) -> dict[str, Any]:
    data = card.model_dump()
    data["kind"], data["state"] = card.kind.value, card.state.value
    data["exported_to"] = card.exported_to.value
    data["place"] = place_label(card.state, card.exported_to)
    if check is not None:
        data["check"] = check.flagged
        data["check_reasons"] = [r.as_dict() for r in check.reasons]
    return data


def cmd_card(args: argparse.Namespace, services: Services) -> int:
    store = _store(services)
    if args.action == "list":
        states = [CardState(args.state)] if args.state else None
        cards = store.list_cards(video_ids=args.clip, tag=args.tag, states=states)
        checks = services.card_checks.for_cards(cards)
        if args.json:
            print_json([card_dict(c, checks.get(c.id or 0)) for c in cards])
        else:
            rows = [
                [
                    str(c.id),
                    str(c.video_id),
                    c.kind.value,
                    place_label(c.state, c.exported_to),
                    "check" if checks[c.id or 0].flagged else "",
                    fmt_seconds(c.start),
                    (c.front + (f" -> {c.back}" if c.back else ""))[:80],
                ]
                for c in cards
            ]
            print_table(rows, ["ID", "CLIP", "KIND", "STATE", "CHECK", "AT", "TEXT"])
        return 0
    if args.action == "make":
        return _make(args, services)
    if args.action == "accept" and not args.card_ids:
        return _accept_selection(args, services)
    if not args.card_ids:
        print(f"error: card {args.action} needs card ids", file=sys.stderr)
        return 2
    if args.action == "edit":
        if len(args.card_ids) != 1 or (args.front, args.back, args.extra) == (None, None, None):
            print("error: card edit takes one card id and --front, --back or --extra", file=sys.stderr)
            return 2
        cards = [store.edit(args.card_ids[0], front=args.front, back=args.back, extra=args.extra)]
    else:
        cards = {"accept": store.accept, "reject": store.reject, "restore": store.restore}[args.action](
            args.card_ids
        )
    if args.json:
        print_json([card_dict(c) for c in cards])
    else:
        for c in cards:
            print(f"card {c.id}: {place_label(c.state, c.exported_to).lower()}")
    return 0


def _accept_selection(args: argparse.Namespace, services: Services) -> int:
    """`card accept --clip ID` / `--tag T`: every draft selected, flagged ones only with --flagged."""
    if not args.clip and not args.tag:
        print("error: card accept needs card ids, --clip ID or --tag TAG", file=sys.stderr)
        return 2
    store = _store(services)
    drafts = store.list_cards(video_ids=args.clip, tag=args.tag, states=[CardState.DRAFT])
    flagged = services.card_checks.flagged_ids(drafts)
    outcome = store.accept_drafts(drafts, flagged, include_flagged=args.flagged)
    if args.json:
        print_json({"accepted": [c.id for c in outcome.accepted], "left_flagged": outcome.left_flagged})
        return 0
    n, left = len(outcome.accepted), len(outcome.left_flagged)
    print(f"Accepted {n} draft{'s' if n != 1 else ''}.")
    if left:
        print(f"Left {left} flagged draft{'s' if left != 1 else ''} to check first "
              f"(studycompanion card list{_selection_args(args)} shows why; add --flagged to accept them too).")
    elif not drafts:
        print("There were no drafts to accept.")
    return 0


def _selection_args(args: argparse.Namespace) -> str:
    return "".join(f" --clip {c}" for c in args.clip or []) + (f" --tag {args.tag}" if args.tag else "")


def _make(args: argparse.Namespace, services: Services) -> int:
    if len(args.card_ids) != 1 or args.at is None:
        print("error: card make takes one clip id and --at SECONDS", file=sys.stderr)
        return 2
    card = make_card_at(services.library, _store(services), args.card_ids[0], args.at, until=args.until,
                        cloze_word=args.cloze, kind=CardKind.BASIC if args.basic else CardKind.CLOZE,
                        with_media=services.settings.card_media)
    check = services.card_checks.for_card(card)
    if args.json:
        print_json(card_dict(card, check))
    else:
        text = card.front + (f" -> {card.back}" if card.back else "")
        print(f"card {card.id} (draft, clip {card.video_id} at {fmt_seconds(args.at)}): {text}")
        for reason in check.reasons:
            print(f"  check: {reason.message}")
        print(f"  accept it with: studycompanion card accept {card.id}")
    return 0


def _export_options(args: argparse.Namespace, services: Services) -> dict[str, Any]:
    settings = services.settings
    choice = args.note_type or settings.anki_note_type or NoteTypeChoice.OURS
    field_map = parse_field_map(args.field_map) if args.field_map else None
    per_tag = settings.anki_deck_per_tag if args.deck_per_tag is None else args.deck_per_tag
    return {"tag": args.tag, "video_ids": args.clip, "deck": args.deck, "root": _root(services),
            "include_drafts": args.include_drafts, "per_tag": per_tag, "creators": services.creators,
            "types": note_types(choice, settings, field_map)}


def cmd_export(args: argparse.Namespace, services: Services) -> int:
    result = export_deck(_store(services), services.library, args.out, **_export_options(args, services))
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "notes": result.notes,
                "cards": result.cards,
                "media": result.media,
                "decks": result.decks,
                "size": result.size,
                "new": result.new,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "drafts": result.drafts,
                "missing_media": result.missing_media,
            }
        )
    else:
        drafts = f", {result.drafts} of them drafts" if result.drafts else ""
        print(
            f"Exported {result.notes} notes{drafts} ({result.cards} cards, {result.media} media files) "
            f"to {result.path} ({result.size / 1e6:.1f} MB); decks: {', '.join(result.decks)}"
        )
    if result.missing_media:
        print(f"warning: {result.missing_media} frame or audio file{'s are' if result.missing_media != 1 else ' is'} "
              "missing from the library folder; those cards were exported without them", file=sys.stderr)
    return 0


def cmd_push(args: argparse.Namespace, services: Services) -> int:
    url = args.url or services.settings.ankiconnect_url
    if not url.startswith(("http://", "https://")):
        raise BadInput(f"{url} is not an http address for AnkiConnect.")
    result = push_cards(_store(services), services.library, AnkiConnect(url), **_export_options(args, services))
    if args.json:
        print_json({k: v for k, v in result.__dict__.items() if k != "skipped_ids"})
    else:
        print(
            f"Anki: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{len(result.duplicates)} duplicates skipped, {result.media} media files sent"
        )
        for text in result.duplicates[:10]:
            print(f"  already in Anki: {text[:80]}")
    return 1 if result.failed else 0


def show_extras(services: Services, video_id: int) -> dict[str, Any]:
    """The clip's cards for `show` (every state, so a rejected draft is visible too), with their check flags."""
    cards = services.card_store.list_cards(video_ids=[video_id])
    checks = services.card_checks.for_cards(cards)
    return {"cards": [
        {"id": c.id, "kind": c.kind.value, "state": c.state.value, "place": place_label(c.state, c.exported_to),
         "exported_to": c.exported_to.value, "front": c.front, "back": c.back, "start": c.start, "end": c.end,
         "guid": c.guid, "check": checks[c.id or 0].flagged, "check_reasons": checks[c.id or 0].messages(),
         "check_details": [r.as_dict() for r in checks[c.id or 0].reasons]} for c in cards
    ]}
