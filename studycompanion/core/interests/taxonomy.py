"""The medical topic taxonomy (resources/taxonomy.json), its term matcher and tag suggestion from a clip's words.

Pure and deterministic: the same hashtags, title, caption and transcript always give the same suggestions.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from studycompanion.core.errors import BadInput
from studycompanion.paths import resources_dir

KINDS = ("system", "discipline", "exam")
MAX_TERM_WORDS = 7

# evidence weights: a hashtag is the creator saying what the clip is about; the title nearly so
HASHTAG_WEIGHT = 3.0
TITLE_WEIGHT = 2.0
CAPTION_WEIGHT = 1.5
TRANSCRIPT_CAP = 2.5  # one term said many times counts at most this much
MIN_SCORE = {"system": 2.0, "discipline": 2.0, "exam": 1.0}  # exams are named, rarely explained
CHILD_TO_PARENT = 0.5
MAX_SUGGESTIONS = 5
MAX_PER_ROOT = 2

_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
}  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_HASHTAG_IN_TEXT = re.compile(r"(?<![\w&])#\w+")


# --- tokens -------------------------------------------------------------------------------------------


def singular(word: str) -> str:
    """'murmurs' -> 'murmur', 'abscesses' -> 'abscess'; short words and '-ss' words stay."""
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    """Lower-case words: hyphens and slashes split, possessives dropped ("Crohn's" -> "crohn"), number words
    as digits ("step one" -> "step 1")."""
    out: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        if raw in ("'", "’"):
            continue
        word = re.sub(r"['’]s?$", "", raw).replace("’", "'")
        word = word.replace("'", "")
        if word:
            out.append(_NUMBER_WORDS.get(word, word))
    return out


def hashtag_key(tag: str) -> str:
    """'#Aortic_Stenosis' -> 'aorticstenosis' (what the taxonomy's hashtag lists hold)."""
    return re.sub(r"[^a-z0-9]", "", tag.lower())


# --- the taxonomy -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str  # the tag name: "Cardio" or "Cardio::Murmurs"
    kind: str  # system / discipline / exam
    label: str
    parent: str | None
    hashtags: frozenset[str]
    terms: tuple[str, ...]

    @property
    def root(self) -> str:
        return self.parent or self.name


class TermMatcher:
    """Finds known terms (up to MAX_TERM_WORDS words, plural-tolerant, longest first) in text."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        for term in terms:
            words = tuple(tokens(term))
            if not words or len(words) > MAX_TERM_WORDS:
                continue
            self._phrases.setdefault(words, term)
            self._phrases.setdefault((*words[:-1], singular(words[-1])), term)
        self.longest = max((len(k) for k in self._phrases), default=0)

    def __len__(self) -> int:
        return len(self._phrases)

    def find(self, text: str) -> Counter[str]:
        """Each known term in the text with how many times it occurs."""
        words = tokens(text)
        found: Counter[str] = Counter()
        i = 0
        while i < len(words):
            hit = 0
            for n in range(min(self.longest, len(words) - i), 0, -1):
                gram = tuple(words[i : i + n])
                term = self._phrases.get(gram) or self._phrases.get((*gram[:-1], singular(gram[-1])))
                if term is not None:
                    found[term] += 1
                    hit = n
                    break
            i += hit or 1
        return found


@dataclass
class Taxonomy:
    topics: dict[str, Topic]  # by tag name, in file order
    kinds: dict[str, str] = field(default_factory=dict)  # kind -> label

    def __post_init__(self) -> None:
        self._by_lower = {name.lower(): t for name, t in self.topics.items()}
        self._term_topics: dict[str, list[str]] = {}
        self._hashtag_topics: dict[str, list[str]] = {}
        for t in self.topics.values():
            for term in t.terms:
                self._term_topics.setdefault(term, []).append(t.name)
                self._hashtag_topics.setdefault(hashtag_key(term), [])
            for h in t.hashtags:
                self._hashtag_topics.setdefault(h, []).append(t.name)
        for t in self.topics.values():  # "#aorticstenosis" reads as the term "aortic stenosis"
            for term in t.terms:
                key = hashtag_key(term)
                if len(key) >= 4 and t.name not in self._hashtag_topics[key]:
                    self._hashtag_topics[key].append(t.name)
        self._matchers: dict[frozenset[str], TermMatcher] = {}

    @property
    def roots(self) -> list[Topic]:
        return [t for t in self.topics.values() if t.parent is None]

    def children(self, name: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.parent == name]

    def get(self, name: str) -> Topic | None:
        """The topic for a tag name, case-insensitively ("cardio::murmurs" finds Cardio::Murmurs)."""
        return self._by_lower.get(name.strip().lower())

    def kind_of(self, tag: str) -> str | None:
        """system / discipline / exam for a taxonomy tag or any tag under one ("Cardio::My notes")."""
        topic = self.get(tag.split("::")[0])
        return topic.kind if topic else None

    def terms(self) -> list[str]:
        return list(self._term_topics)

    def topics_for_term(self, term: str) -> list[str]:
        return list(self._term_topics.get(term, ()))

    def topics_for_hashtag(self, hashtag: str) -> list[str]:
        return list(self._hashtag_topics.get(hashtag_key(hashtag), ()))

    def matcher(self, extra_terms: Iterable[str] = ()) -> TermMatcher:
        """A matcher for the taxonomy's terms plus `extra_terms` (e.g. the medical vocabulary), cached."""
        key = frozenset(t.lower() for t in extra_terms)
        if key not in self._matchers:
            self._matchers[key] = TermMatcher([*self._term_topics, *sorted(key)])
        return self._matchers[key]


def _topic(raw: Mapping[str, object], kind: str, parent: str | None, where: str) -> Topic:
    name = str(raw.get("name", "")).strip()
    if not name or "::" in name:
        raise BadInput(f"The taxonomy has a topic without a usable name ({where}).")
    full = f"{parent}::{name}" if parent else name
    hashtags = raw.get("hashtags", [])
    terms = raw.get("terms", [])
    if not isinstance(hashtags, list) or not isinstance(terms, list):
        raise BadInput(f"The taxonomy topic {full} needs lists of hashtags and terms.")
    return Topic(
        name=full,
        kind=kind,
        label=str(raw.get("label", name)),
        parent=parent,
        hashtags=frozenset(hashtag_key(str(h)) for h in hashtags if hashtag_key(str(h))),
        terms=tuple(dict.fromkeys(" ".join(str(t).lower().split()) for t in terms if str(t).strip())),
    )


def parse_taxonomy(data: Mapping[str, object]) -> Taxonomy:
    raw_topics = data.get("topics")
    if not isinstance(raw_topics, list):
        raise BadInput("The taxonomy file has no list of topics.")
    topics: dict[str, Topic] = {}
    for i, raw in enumerate(raw_topics):
        if not isinstance(raw, dict):
            raise BadInput(f"Taxonomy topic {i + 1} is not an object.")
        kind = str(raw.get("kind", ""))
        if kind not in KINDS:
            raise BadInput(f"Taxonomy topic {raw.get('name')!r} has kind {kind!r}; expected one of {', '.join(KINDS)}.")
        root = _topic(raw, kind, None, f"topic {i + 1}")
        children = raw.get("children", [])
        if not isinstance(children, list):
            raise BadInput(f"The taxonomy topic {root.name} has children that are not a list.")
        for node in (root, *(_topic(c, kind, root.name, root.name) for c in children if isinstance(c, dict))):
            if node.name.lower() in (n.lower() for n in topics):
                raise BadInput(f"The taxonomy names {node.name} twice.")
            topics[node.name] = node
    kinds = data.get("kinds", {})
    return Taxonomy(topics, {str(k): str(v) for k, v in kinds.items()} if isinstance(kinds, dict) else {})


def taxonomy_file() -> Path:
    return resources_dir() / "taxonomy.json"


@lru_cache(maxsize=4)
def _load(path: Path) -> Taxonomy:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BadInput(f"The topic taxonomy {path} is missing; reinstall StudyCompanion.", str(exc)) from exc
    except (OSError, ValueError) as exc:
        raise BadInput(f"The topic taxonomy {path} cannot be read: {exc}", str(exc)) from exc
    if not isinstance(data, dict):
        raise BadInput(f"The topic taxonomy {path} is not a JSON object.")
    return parse_taxonomy(data)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The shipped taxonomy (cached; a path for tests or a user's own file)."""
    return _load(path or taxonomy_file())


# --- suggestion ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagSuggestion:
    name: str  # a taxonomy tag name, e.g. "Cardio::Murmurs"
    score: float
    evidence: tuple[str, ...]  # why, for people: "#cardiology", "said “murmur” ×3"

    @property
    def reason(self) -> str:
        return ", ".join(self.evidence)


@dataclass(frozen=True)
class ClipText:
    """What a clip says about itself."""

    hashtags: Sequence[str] = ()
    title: str = ""
    caption: str = ""
    transcript: str = ""


def term_weight(term: str) -> float:
    """Phrases are specific; short single words ("s3", "ldl") less so."""
    words = term.split()
    if len(words) > 1:
        return 1.0
    return 0.8 if len(term) >= 5 else 0.5


@dataclass
class _Score:
    value: float = 0.0
    evidence: list[tuple[float, str]] = field(default_factory=list)

    def add(self, weight: float, why: str) -> None:
        self.value += weight
        self.evidence.append((weight, why))


def clip_terms(taxonomy: Taxonomy, text: ClipText, extra_terms: Iterable[str] = ()) -> Counter[str]:
    """Every known term in the clip's title, caption (hashtags left out) and transcript, with counts."""
    matcher = taxonomy.matcher(extra_terms)
    found: Counter[str] = Counter()
    for part in (text.title, _HASHTAG_IN_TEXT.sub(" ", text.caption), text.transcript):
        found.update(matcher.find(part))
    return found


def suggest_tags(
    taxonomy: Taxonomy,
    text: ClipText,
    *,
    limit: int = MAX_SUGGESTIONS,
    exclude: Iterable[str] = (),
) -> list[TagSuggestion]:
    """Taxonomy tags for a clip, best first, each with its evidence; `exclude` names are never suggested."""
    scores: dict[str, _Score] = {}

    def add(topic: str, weight: float, why: str) -> None:
        scores.setdefault(topic, _Score()).add(weight, why)

    for raw in dict.fromkeys(hashtag_key(h) for h in text.hashtags):
        for topic in taxonomy.topics_for_hashtag(raw):
            add(topic, HASHTAG_WEIGHT, f"#{raw}")
    matcher = taxonomy.matcher()
    title_terms = matcher.find(text.title)
    caption_terms = matcher.find(_HASHTAG_IN_TEXT.sub(" ", text.caption))
    spoken = matcher.find(text.transcript)
    for term in sorted(set(title_terms) | set(caption_terms) | set(spoken)):
        weight = term_weight(term)
        for topic in taxonomy.topics_for_term(term):
            if term in title_terms:
                add(topic, TITLE_WEIGHT * weight, f"title: “{term}”")
            elif term in caption_terms:
                add(topic, CAPTION_WEIGHT * weight, f"caption: “{term}”")
            if term in spoken:
                n = spoken[term]
                times = f" ×{n}" if n > 1 else ""
                add(topic, min(TRANSCRIPT_CAP, weight * (1 + 0.5 * math.log2(n))), f"said “{term}”{times}")
    return _choose(taxonomy, scores, limit, {e.lower() for e in exclude})


def _choose(taxonomy: Taxonomy, scores: dict[str, _Score], limit: int, exclude: set[str]) -> list[TagSuggestion]:
    totals: dict[str, float] = {}
    for name, s in scores.items():  # a root also stands on what its children found
        topic = taxonomy.topics[name]
        totals[name] = totals.get(name, 0.0) + s.value
        if topic.parent:
            totals[topic.parent] = totals.get(topic.parent, 0.0) + CHILD_TO_PARENT * s.value
    picked: list[TagSuggestion] = []
    per_root: Counter[str] = Counter()
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    for name, total in ranked:
        topic = taxonomy.topics[name]
        if total < MIN_SCORE[topic.kind] or name.lower() in exclude:
            continue
        if topic.parent is None:
            strong_child = any(
                c.name in totals and totals[c.name] >= MIN_SCORE[c.kind] and c.name.lower() not in exclude
                for c in taxonomy.children(name)
            )
            if strong_child:
                continue  # "Cardio::Murmurs" already says "Cardio"
        elif per_root[topic.root] >= MAX_PER_ROOT:
            continue
        per_root[topic.root] += 1
        s = scores.get(name, _Score())
        evidence = [why for _, why in sorted(s.evidence, key=lambda e: (-e[0], e[1]))]
        if not evidence:  # a root picked on its children's words
            evidence = sorted(
                {why for c in taxonomy.children(name) for _, why in scores.get(c.name, _Score()).evidence}
            )
        picked.append(TagSuggestion(name, round(total, 3), tuple(dict.fromkeys(evidence))[:3]))
    picked.sort(key=lambda t: (-t.score, t.name))
    return picked[:limit]
