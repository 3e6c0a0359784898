"""Optional LLM provider (Ollama or any OpenAI-compatible endpoint) for key points and card wording.

Off by default: nothing is sent anywhere unless the student switches it on in the settings. Every card
it returns must quote the transcript span it came from, verbatim; a card that quotes nothing, quotes
words that were never said, or hides words that are not in its quote is dropped.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from studycompanion.core.cards import cloze, rules
from studycompanion.core.cards.drafts import (
    CardDraft,
    ClipInfo,
    card_guid,
    source_text,
)
from studycompanion.core.cards.keypoints import keypoint_key, split_sentences
from studycompanion.core.errors import UserError
from studycompanion.core.settings import Settings
from studycompanion.core.text import QT_TRANSLATE_NOOP
from studycompanion.core.types import CardKind, KeyPoint, Segment, Word

MAX_CARDS = 8

# what goes wrong, said to the student (core/text.py: the window's language; English in the CLI)
NO_MODEL = QT_TRANSLATE_NOOP("LLMCards", "No LLM model is set: choose one in Settings (for Ollama, e.g. llama3.1).")
REFUSED_KEY = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint refused the API key.")
NO_SUCH_MODEL = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint has no model '{model}' (or no chat API at that URL).")
HTTP_ERROR = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint answered HTTP {code}.")
UNREACHABLE = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint at {url} cannot be reached: is it running?")
NOT_CHAT = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint did not answer like a chat-completions API.")
EMPTY_ANSWER = QT_TRANSLATE_NOOP("LLMCards", "The LLM endpoint sent an empty answer.")
NOT_JSON = QT_TRANSLATE_NOOP("LLMCards", "The LLM's answer was not the JSON that was asked for.")
NO_GROUNDED_CARD = QT_TRANSLATE_NOOP("LLMCards", "The LLM gave no card that quotes the transcript.")

SYSTEM_PROMPT = """You turn the transcript of a short medical video into Anki cards for a medical student.
Pick the 2 to 6 facts a student would card themselves (definitions, causes, presentations, treatments,
doses, numbers, mnemonics). Ignore greetings, calls to follow or like, sponsors and personal stories.
For each fact return a JSON object with:
  "quote": the exact words of the transcript that state the fact, copied verbatim (one or two sentences),
  "kind": "cloze" or "basic",
  "text": for cloze, the fact as one sentence with the key term, number or drug hidden as {{c1::...}}
          (one fact per deletion, at most two deletions, only words that appear in the quote),
  "front" and "back": for basic, a short question and its answer (for definitions).
Answer with JSON only: {"cards": [ ... ]}"""


class LLMError(UserError):
    """The LLM endpoint could not be used (unreachable, refused, or answered nonsense)."""


@dataclass(frozen=True)
class LLMConfig:
    url: str  # base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1 (Ollama)
    model: str
    key: str = ""
    timeout: float = 120.0

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig:
        if not settings.llm_model.strip():
            raise LLMError(NO_MODEL())
        return cls(settings.llm_url.strip(), settings.llm_model.strip(), settings.llm_key.strip())

    @property
    def endpoint(self) -> str:
        base = self.url.rstrip("/")
        return base if base.endswith("/chat/completions") else base + "/chat/completions"


def chat(config: LLMConfig, messages: list[dict[str, str]]) -> str:
    """One chat-completions call; returns the assistant's text."""
    body = json.dumps(
        {"model": config.model, "messages": messages, "temperature": 0, "stream": False}
    ).encode()
    headers = {"Content-Type": "application/json"}
    if config.key:
        headers["Authorization"] = f"Bearer {config.key}"
    request = urllib.request.Request(config.endpoint, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:500].decode("utf-8", "replace")
        if exc.code in (401, 403):
            raise LLMError(REFUSED_KEY(), detail) from exc
        if exc.code == 404:
            raise LLMError(NO_SUCH_MODEL(model=config.model), detail) from exc
        raise LLMError(HTTP_ERROR(code=exc.code), detail) from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise LLMError(UNREACHABLE(url=config.url), str(exc)) from exc
    try:
        data = json.loads(raw)
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(
            NOT_CHAT(),
            raw[:500].decode("utf-8", "replace"),
        ) from exc
    if not isinstance(content, str):
        raise LLMError(EMPTY_ANSWER())
    return content


def parse_cards(content: str) -> list[dict[str, Any]]:
    """The list of card objects in a model's answer (JSON, possibly inside ``` fences or prose)."""
    text = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    candidates = [text] + ([text[start : end + 1]] if 0 <= start < end else [])
    for candidate in candidates:
        try:
            data = json.loads(candidate)
        except ValueError:
            continue
        cards = data.get("cards") if isinstance(data, dict) else data
        if isinstance(cards, list):
            return [c for c in cards if isinstance(c, dict)]
    raise LLMError(NOT_JSON(), content[:500])


# --- checking the answer against the transcript ----------------------------------------------------


def _norm_token(token: str) -> str:
    return re.sub(r"[^\w.%+/-]+", "", token.lower()).strip(".")


def _tokens(text: str) -> list[str]:
    return [t for t in (_norm_token(w) for w in text.replace("-", " - ").split()) if t and t != "-"]


def _flat_words(segments: Sequence[Segment]) -> list[Word]:
    return [w for s in split_sentences(segments) for w in s.words]


def find_span(words: Sequence[Word], quote: str) -> tuple[int, int] | None:
    """Word indexes [i, j) of the transcript words the quote repeats verbatim (case and punctuation aside)."""
    want = _tokens(quote)
    have = [_tokens(w.text) for w in words]
    flat: list[tuple[int, str]] = [(i, t) for i, ts in enumerate(have) for t in ts]
    n = len(want)
    if n < 3:
        return None
    texts = [t for _, t in flat]
    for k in range(len(texts) - n + 1):
        if texts[k : k + n] == want:
            return flat[k][0], flat[k + n - 1][0] + 1
    return None


_STOP = rules.STOPWORDS


def _grounded(text: str, quote_tokens: set[str]) -> bool:
    """Every content word of `text` appears in the quote."""
    return all(t in quote_tokens or t in _STOP or t.isdigit() for t in _tokens(text))


def _clean_text(value: Any) -> str:
    return " ".join(str(value or "").split())


def validate(
    raw_cards: Sequence[dict[str, Any]],
    segments: Sequence[Segment],
    clip: ClipInfo,
) -> tuple[list[KeyPoint], list[CardDraft]]:
    """Key points and drafts for the cards that cite a real span; everything else is dropped."""
    words = _flat_words(segments)
    points: dict[str, KeyPoint] = {}
    drafts: list[CardDraft] = []
    for raw in raw_cards[:MAX_CARDS]:
        span = find_span(words, _clean_text(raw.get("quote")))
        if span is None:
            continue  # cites nothing that was said
        said = words[span[0] : span[1]]
        text = " ".join(w.text for w in said)
        quote_tokens = set(_tokens(text))
        kind = CardKind.BASIC if str(raw.get("kind", "")).lower() == "basic" else CardKind.CLOZE
        if kind == CardKind.CLOZE:
            front, back = _clean_text(raw.get("text")), ""
            hidden = cloze.answers(front)
            if not hidden or not all(h.strip() and _grounded(h, quote_tokens) for h in hidden):
                continue  # hides nothing, or hides words that were never said
        else:
            front, back = _clean_text(raw.get("front")), _clean_text(raw.get("back"))
            if not front or not back or not _grounded(back, quote_tokens):
                continue
        key = keypoint_key(text, said[0].start)
        if key not in points:
            start_i = max(0, span[0] - 20)
            context = " ".join(w.text for w in words[start_i : span[0]] + words[span[1] : span[1] + 20])
            points[key] = KeyPoint(said[0].start, said[-1].end, text, 1.0, key, ["llm"], context)
        index = sum(1 for d in drafts if d.keypoint_key == key and d.kind == kind)
        kp = points[key]
        drafts.append(
            CardDraft(
                keypoint_key=key,
                kind=kind,
                index=index,
                front=front,
                back=back,
                extra=kp.context,
                source=source_text(clip, kp.start),
                start=kp.start,
                end=kp.end,
                guid=card_guid(clip.key, key, kind, index),
                reasons=["llm"],
            )
        )
    return sorted(points.values(), key=lambda p: p.start), drafts


def llm_cards(
    segments: Sequence[Segment],
    clip: ClipInfo,
    config: LLMConfig,
) -> tuple[list[KeyPoint], list[CardDraft]]:
    """Ask the model for cards and keep the grounded ones; an answer with none of those is an error."""
    transcript = " ".join(s.text.strip() for s in segments)
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Video: {clip.title}\nTranscript:\n{transcript}"},
    ]
    raw = parse_cards(chat(config, messages))
    points, drafts = validate(raw, segments, clip)
    if not drafts:
        raise LLMError(NO_GROUNDED_CARD(), json.dumps(raw)[:500])
    return points, drafts
