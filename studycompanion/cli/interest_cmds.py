"""Interest commands: foryou, review (a terminal session), suggest, interests / more / less, related, creator(s)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from studycompanion.cli.output import fmt_seconds, print_json, print_table
from studycompanion.core.cards.source import creator_label
from studycompanion.core.errors import BadInput

if TYPE_CHECKING:  # the core modules import numpy and fsrs: only load them when a command runs
    from studycompanion.core.interests.service import Interests
    from studycompanion.core.review.sessions import ReviewItem, Reviews, ReviewSession
    from studycompanion.services import Services


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("foryou", help="your clips ranked by your interests, what is due and what is new, with reasons")
    p.add_argument("--limit", type=int, help="at most this many clips")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_foryou)

    p = sub.add_parser("review", help="an offline review session of your cards (FSRS), by tag or For You")
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help="cards of clips with this tag "
                   "or a child of it (repeatable)")
    p.add_argument("--foryou", action="store_true", help="in For You order (the default without --tag)")
    p.add_argument("--verified-only", action="store_true", help="leave out clips of unverified creators")
    p.add_argument("--limit", type=int, help="cards in the session (default from settings: 30)")
    p.add_argument("--new", type=int, help="at most this many new cards (default from settings: 15)")
    p.add_argument("--plan", action="store_true", help="list the cards the session would show, then stop")
    p.add_argument("--history", action="store_true", help="list past sessions")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_review)

    p = sub.add_parser("suggest", help="suggest topic tags for clips; accept, reject or edit the suggestions")
    p.add_argument("ids", nargs="*", type=int, metavar="ID", help="the clips (default: all transcribed clips)")
    p.add_argument("--all", action="store_true", help="every clip")
    p.add_argument("--accept", nargs="*", metavar="TAG", help="keep these suggestions (all, without names)")
    p.add_argument("--reject", nargs="+", metavar="TAG", help="remove these suggestions for good")
    p.add_argument("--edit", nargs=2, metavar=("OLD", "NEW"), help="replace a suggestion with your own tag")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_suggest)

    p = sub.add_parser("interests", help="your interest profile: what For You learned, and why")
    p.add_argument("--limit", type=int, default=20, help="at most this many tags (default 20)")
    p.add_argument("--reset", metavar="TAG", help="forget 'more / less of this' for a tag")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_interests)

    for name, text in (("more", "more of this: a tag, or a clip's topics"),
                       ("less", "less of this: a tag, or a clip's topics")):
        p = sub.add_parser(name, help=text)
        p.add_argument("tag", nargs="?", help="the tag (or give --clip)")
        p.add_argument("--clip", type=int, metavar="ID", help="use this clip's topics instead of one tag")
        p.set_defaults(handler=cmd_more if name == "more" else cmd_less)

    p = sub.add_parser("related", help="clips that share tags and medical terms with a clip")
    p.add_argument("id", type=int, help="the clip's id (see `list`)")
    p.add_argument("--limit", type=int, default=8, help="at most this many clips (default 8)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_related)

    p = sub.add_parser("creator", help="show or mark a creator's credibility (physician / resident / student / "
                       "other / unknown)")
    p.add_argument("handle", help="the creator's handle, as in `creators`")
    p.add_argument("--credibility", metavar="MARK",
                   help="mark the creator: physician, resident, student, other or unverified")
    p.add_argument("--note", help="a note on the creator (where you checked their credentials)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_creator)

    p = sub.add_parser("creators", help="list creators with their credibility and clip counts")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_creators)


def _interests(services: Services) -> Interests:

    return services.interests


def _reviews(services: Services) -> Reviews:

    return services.reviews


# ---- foryou ---------------------------------------------------------------------------------------------


def cmd_foryou(args: argparse.Namespace, services: Services) -> int:
    items = _interests(services).for_you(args.limit)
    if args.json:
        print_json([item.as_dict() for item in items])
        return 0
    if not items:
        print("Your library is empty: add clips with `studycompanion add`.")
        return 0
    print_table([[str(n), str(i.video_id), f"{i.score:.2f}", i.title[:48], i.reason] for n, i in enumerate(items, 1)],
                ["#", "ID", "SCORE", "TITLE", "WHY"])
    return 0


# ---- suggestions ----------------------------------------------------------------------------------------


def cmd_suggest(args: argparse.Namespace, services: Services) -> int:
    interests = _interests(services)
    ids = [v.id for v in services.library.list_videos() if v.id is not None] if args.all else args.ids
    if not ids:
        raise BadInput("Name a clip id (or --all).")
    actions = [args.accept is not None, bool(args.reject), bool(args.edit)]
    if sum(actions) > 1 or (any(actions) and len(ids) != 1 and args.accept is None):
        raise BadInput("Accept, reject or edit the suggestions of one clip at a time.")
    out: list[dict[str, Any]] = []
    for vid in sorted(ids):
        sugg = interests.suggestions
        if args.accept is not None:
            done = sugg.accept(vid, args.accept or None)
            out.append({"id": vid, "accepted": done,
                        "tags": services.library.tags.tags_for(vid)})
        elif args.reject:
            out.append({"id": vid, "rejected": sugg.reject(vid, args.reject),
                        "tags": services.library.tags.tags_for(vid)})
        elif args.edit:
            new = sugg.edit(vid, args.edit[0], args.edit[1])
            out.append({"id": vid, "replaced": args.edit[0], "with": new, "tags": services.library.tags.tags_for(vid)})
        else:
            outcome = sugg.refresh(vid)
            out.append({
                "id": vid, "added": outcome.added, "dropped": outcome.dropped,
                "suggested": [{"tag": s.name, "score": s.score, "why": list(s.evidence)} for s in outcome.suggestions],
                "pending": sugg.suggested(vid), "terms": outcome.terms,
            })
    if args.json:
        print_json(out)
        return 0
    for entry in out:
        if "suggested" in entry:
            print(f"clip {entry['id']}: " + (", ".join(s["tag"] for s in entry["suggested"]) or "no suggestion"))
            for s in entry["suggested"]:
                print(f"  {s['tag']:<36} {'; '.join(s['why'])}")
            if entry["pending"]:
                print(f"  keep them with: studycompanion suggest {entry['id']} --accept")
        else:
            print(f"clip {entry['id']}: tags now {', '.join(entry['tags']) or '-'}")
    return 0


# ---- profile ------------------------------------------------------------------------------------------


def cmd_interests(args: argparse.Namespace, services: Services) -> int:
    interests = _interests(services)
    if args.reset:
        n = interests.reset(args.reset)
        print(f"forgot {n} adjustment{'s' if n != 1 else ''} of {args.reset}")
        return 0
    profile = interests.profile()
    rows = profile.top(args.limit) + profile.top(args.limit, negative=True)
    if args.json:
        print_json([{"tag": t.tag, "weight": round(t.raw, 3), "affinity": round(t.affinity, 3),
                     "adjusted": t.adjusted, "why": t.explain()} for t in rows])
        return 0
    if not rows:
        print("Nothing learned yet: favourite, watch, tag, search and review clips, or use `more TAG`.")
        return 0
    print_table([[t.tag, f"{t.affinity:+.2f}", t.explain()] for t in rows], ["TAG", "AFFINITY", "FROM"])
    return 0


def _adjust(args: argparse.Namespace, services: Services, more: bool) -> int:
    interests = _interests(services)
    if not args.tag and args.clip is None:
        raise BadInput("Name a tag, or a clip with --clip ID.")
    fn = interests.more_of if more else interests.less_of
    tags = fn(tag=args.tag, video_id=None if args.tag else args.clip)
    print(f"{'more' if more else 'less'} of {', '.join(tags)}")
    return 0


def cmd_more(args: argparse.Namespace, services: Services) -> int:
    return _adjust(args, services, True)


def cmd_less(args: argparse.Namespace, services: Services) -> int:
    return _adjust(args, services, False)


def cmd_related(args: argparse.Namespace, services: Services) -> int:
    related = _interests(services).related(args.id, args.limit)
    if args.json:
        print_json([r.as_dict() for r in related])
        return 0
    if not related:
        print("no related clips yet")
    for r in related:
        print(f"{r.video_id}\t{r.title[:48]}\t{r.reason}")
    return 0


# ---- creators -----------------------------------------------------------------------------------------


def cmd_creator(args: argparse.Namespace, services: Services) -> int:
    from studycompanion.core.interests.creators import parse_credibility

    creators = services.creators
    if args.credibility:
        mark = creators.mark(args.handle, parse_credibility(args.credibility), args.note)
    else:
        if args.note is not None:
            raise BadInput("Give --credibility with --note.")
        mark = creators.get(args.handle)
    data = {"handle": mark.handle, "credibility": mark.credibility.value, "note": mark.note, "clips": mark.clips,
            "verify": mark.verify}
    if args.json:
        print_json(data)
    else:
        check = " (cards tagged StudyCompanion::verify)" if mark.verify else ""
        print(f"{creator_label(mark.handle)}: {mark.label}{check}, {mark.clips} clip{'s' if mark.clips != 1 else ''}")
    return 0


def cmd_creators(args: argparse.Namespace, services: Services) -> int:

    marks = services.creators.list_creators()
    if args.json:
        print_json([{"handle": m.handle, "credibility": m.credibility.value, "clips": m.clips, "verify": m.verify}
                    for m in marks])
        return 0
    print_table([[creator_label(m.handle), m.label, str(m.clips), "verify" if m.verify else ""] for m in marks],
                ["CREATOR", "CREDIBILITY", "CLIPS", "CARDS"])
    return 0


# ---- review -------------------------------------------------------------------------------------------


def _item_dict(item: ReviewItem) -> dict[str, Any]:
    return {"card_id": item.card_id, "clip": item.video_id, "new": item.is_new, "prompt": item.prompt,
            "answer": item.answer, "at": item.start, "creator": item.creator,
            "credibility": item.credibility.value, "verify": item.verify}


def cmd_review(args: argparse.Namespace, services: Services) -> int:
    from studycompanion.core.review.sessions import ReviewScope

    reviews = _reviews(services)
    if args.history:
        sessions = reviews.history()
        if args.json:
            print_json([{"id": s.session_id, "scope": s.scope, "started_at": s.started_at, "reviewed": s.reviewed,
                         "cards": s.cards, "counts": {g.name.lower(): n for g, n in s.counts.items()},
                         "seconds": round(s.seconds, 1)} for s in sessions])
            return 0
        for s in sessions:
            print("\n".join(s.lines()))
        if not sessions:
            print("no review sessions yet")
        return 0
    scope = ReviewScope(tuple(args.tag), for_you=args.foryou or not args.tag, verified_only=args.verified_only)
    if args.plan:
        items = reviews.plan(scope, args.limit, args.new)
        if args.json:
            print_json([_item_dict(i) for i in items])
        else:
            for i in items:
                print(f"{i.card_id}\tclip {i.video_id}\t{'new' if i.is_new else 'due'}\t{i.prompt[:70]}")
            if not items:
                print("nothing to review")
        return 0
    session = reviews.start(scope, args.limit, args.new)
    if not session.remaining:
        session.finish()
        print(f"Nothing to review in {scope.describe()} right now.")
        return 0
    run_terminal_session(session, input, print)
    summary = session.finish()
    if args.json:
        print_json({"id": summary.session_id, "reviewed": summary.reviewed, "cards": summary.cards,
                    "counts": {g.name.lower(): n for g, n in summary.counts.items()},
                    "again_cards": summary.again_cards, "next_due": summary.next_due})
    else:
        print("\n".join(summary.lines()))
    return 0


def run_terminal_session(session: ReviewSession, ask: Callable[[str], str], say: Callable[..., None]) -> None:
    """Question, Enter to reveal, 1-4 to grade; q (or the end of input) stops and keeps what was graded."""
    import time

    from studycompanion.core.review.sessions import Grade, when_words

    shown = 0
    while (item := session.current) is not None:
        shown += 1
        mark = f"{item.credibility.value}{', verify' if item.verify else ''}"
        say(f"\n[{shown}, {session.counter()}] {item.clip_title} · {item.creator or 'unknown creator'} ({mark})"
            f" · key moment {fmt_seconds(item.start)}")
        say(f"  Q: {item.prompt}")
        started = time.monotonic()
        try:
            if ask("  Enter to reveal, q to stop: ").strip().lower() == "q":
                return
            say(f"  A: {item.answer}")
            if item.extra:
                say(f"     {item.extra}")
            while True:
                raw = ask("  1 Again  2 Hard  3 Good  4 Easy  (s skip, q stop): ").strip().lower()
                if raw == "q":
                    return
                if raw == "s":
                    session.skip()
                    break
                try:
                    grade = Grade.parse(raw)
                except BadInput as exc:
                    say(f"  {exc.message}", file=sys.stderr)
                    continue
                result = session.grade(grade, int((time.monotonic() - started) * 1000))
                when = ("again in this session" if result.again_in_session
                        else f"next {when_words(result.due, session.reviews.clock(), session.reviews.tz)}")
                say(f"  {grade.label}: {when}")
                break
        except EOFError:
            return


def show_extras(services: Services, video_id: int) -> dict[str, Any]:
    """For `show`: the clip's pending suggested tags, related clips and its creator's credibility."""
    from studycompanion.core.interests.creators import clip_handle

    interests = _interests(services)
    video = services.library.get(video_id)
    mark = services.creators.get(clip_handle(video)) if clip_handle(video) else None
    return {
        "suggested_tags": interests.suggestions.suggested(video_id),
        "related": [r.as_dict() for r in interests.related(video_id)],
        "credibility": mark.credibility.value if mark else "unknown",
    }
