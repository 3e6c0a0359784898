"""Card commands: cards (make drafts), card (list / edit / accept / reject), export (.apkg), push."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studycompanion.cli.output import fmt_seconds, print_json, print_table
from studycompanion.core.anki.connect import AnkiConnect, push_cards
from studycompanion.core.anki.export import export_deck
from studycompanion.core.cards.store import CardStore
from studycompanion.core.db.tables import Card
from studycompanion.core.errors import BadInput, UserError
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.types import CardState, VideoStatus
from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("cards", help="make card drafts from transcribed clips (rejected cards stay rejected)")
    p.add_argument("ids", nargs="*", type=int, metavar="ID")
    p.add_argument("--all", action="store_true", help="every transcribed clip")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_cards)

    p = sub.add_parser("card", help="list, edit, accept, reject or restore card drafts")
    p.add_argument("action", choices=["list", "edit", "accept", "reject", "restore"])
    p.add_argument("card_ids", nargs="*", type=int, metavar="CARD_ID")
    p.add_argument("--clip", type=int, action="append", help="only this clip's cards (repeatable)")
    p.add_argument("--tag")
    p.add_argument("--state", choices=[s.value for s in CardState])
    p.add_argument("--front", help="edit: the new front (cloze text with {{c1::...}})")
    p.add_argument("--back")
    p.add_argument("--extra")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_card)

    p = sub.add_parser("export", help="write the non-rejected cards to an Anki .apkg")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.apkg")
    p.add_argument("--tag", help="only clips with this tag (or a child of it); the deck is named after it")
    p.add_argument("--deck", help="put every card in this deck, e.g. StudyCompanion::Cardio")
    p.add_argument("--clip", type=int, action="append", help="only this clip (repeatable)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("push", help="send the non-rejected cards to a running Anki through AnkiConnect")
    p.add_argument("--tag")
    p.add_argument("--deck")
    p.add_argument("--clip", type=int, action="append")
    p.add_argument("--url", help="AnkiConnect address (default from settings, http://127.0.0.1:8765)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_push)


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


def card_dict(card: Card) -> dict[str, Any]:
    data = card.model_dump()
    data["kind"], data["state"] = card.kind.value, card.state.value
    return data


def cmd_card(args: argparse.Namespace, services: Services) -> int:
    store = _store(services)
    if args.action == "list":
        states = [CardState(args.state)] if args.state else None
        cards = store.list_cards(video_ids=args.clip, tag=args.tag, states=states)
        if args.json:
            print_json([card_dict(c) for c in cards])
        else:
            rows = [
                [
                    str(c.id),
                    str(c.video_id),
                    c.kind.value,
                    c.state.value,
                    fmt_seconds(c.start),
                    (c.front + (f" -> {c.back}" if c.back else ""))[:90],
                ]
                for c in cards
            ]
            print_table(rows, ["ID", "CLIP", "KIND", "STATE", "AT", "TEXT"])
        return 0
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
            print(f"card {c.id}: {c.state.value}")
    return 0


def cmd_export(args: argparse.Namespace, services: Services) -> int:
    result = export_deck(
        _store(services),
        services.library,
        args.out,
        tag=args.tag,
        video_ids=args.clip,
        deck=args.deck,
        root=_root(services),
    )
    if args.json:
        print_json(
            {
                "path": str(result.path),
                "notes": result.notes,
                "cards": result.cards,
                "media": result.media,
                "decks": result.decks,
                "size": result.size,
            }
        )
    else:
        print(
            f"Exported {result.notes} notes ({result.cards} cards, {result.media} media files) "
            f"to {result.path} ({result.size / 1e6:.1f} MB); decks: {', '.join(result.decks)}"
        )
    return 0


def cmd_push(args: argparse.Namespace, services: Services) -> int:
    url = args.url or services.settings.ankiconnect_url
    if not url.startswith(("http://", "https://")):
        raise BadInput(f"{url} is not an http address for AnkiConnect.")
    result = push_cards(
        _store(services),
        services.library,
        AnkiConnect(url),
        tag=args.tag,
        video_ids=args.clip,
        deck=args.deck,
        root=_root(services),
    )
    if args.json:
        print_json(result.__dict__)
    else:
        print(
            f"Anki: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
            f"{len(result.duplicates)} duplicates skipped, {result.media} media files sent"
        )
        for text in result.duplicates[:10]:
            print(f"  already in Anki: {text[:80]}")
    return 1 if result.failed else 0


def show_extras(services: Services, video_id: int) -> dict[str, Any]:
    """The clip's cards for `show` (every state, so a rejected draft is visible too)."""
    cards = services.card_store.list_cards(video_ids=[video_id])
    return {"cards": [
        {"id": c.id, "kind": c.kind.value, "state": c.state.value, "front": c.front, "back": c.back,
         "start": c.start, "end": c.end, "guid": c.guid} for c in cards
    ]}
