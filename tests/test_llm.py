"""The optional LLM provider against a local chat-completions server: protocol, grounding, fallbacks."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from studycompanion.core.cards import llm
from studycompanion.core.cards.drafts import ClipInfo
from studycompanion.core.cards.store import CardStore
from studycompanion.core.jobs.cards_step import generate_cards
from studycompanion.core.types import CardKind
from studycompanion.services import Services
from tests.cards_fixtures import EVAL, add_clip

CLIP = EVAL["09_anticoagulants"]
INFO = ClipInfo(key="tiktok:1", title=CLIP.title, creator="@clotcast", platform="tiktok")

GOOD_AND_BAD = {
    "cards": [
        {  # good: verbatim quote (case and punctuation aside), the deletion is in it
            "quote": "warfarin inhibits vitamin K epoxide reductase so it lowers factors 2 7 9 and 10",
            "kind": "cloze",
            "text": "Warfarin inhibits {{c1::vitamin K epoxide reductase}}.",
        },
        {  # good basic card
            "quote": "Heparin is monitored with the PTT and reversed with protamine sulfate.",
            "kind": "basic",
            "front": "What reverses heparin?",
            "back": "Protamine sulfate",
        },
        {
            "quote": "Dabigatran is reversed with idarucizumab.",
            "kind": "cloze",  # never said
            "text": "Dabigatran is reversed with {{c1::idarucizumab}}.",
        },
        {"kind": "cloze", "text": "The INR target is {{c1::2 to 3}}."},  # cites nothing
        {
            "quote": "You monitor warfarin with the INR, and the usual target is 2 to 3.",
            "kind": "cloze",
            "text": "The INR target on warfarin is {{c1::2.5 to 3.5}}.",
        },  # hides words not in the quote
        {
            "quote": "To reverse warfarin you give vitamin K",
            "kind": "basic",
            "front": "Reversal?",
            "back": "Andexanet alfa",
        },  # answer not grounded
        {"quote": "Follow for more!", "kind": "cloze", "text": "no deletion at all"},
        "not an object",
    ]
}


class ChatServer:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.reply: Any = {"cards": []}
        self.status = 200
        self.raw: bytes | None = None


@pytest.fixture
def chat_server() -> Iterator[tuple[ChatServer, str]]:
    state = ChatServer()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append({"path": self.path, **body})
            state.headers.append(dict(self.headers))
            if state.raw is not None:
                out = state.raw
            else:
                content = state.reply if isinstance(state.reply, str) else json.dumps(state.reply)
                out = json.dumps(
                    {
                        "id": "chatcmpl-1",
                        "object": "chat.completion",
                        "model": body.get("model"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": content},
                            }
                        ],
                    }
                ).encode()
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_speaks_chat_completions_and_keeps_only_grounded_cards(chat_server: tuple[ChatServer, str]) -> None:
    state, url = chat_server
    state.reply = GOOD_AND_BAD
    config = llm.LLMConfig(url=url, model="llama3.1:8b", key="sk-test")
    points, drafts = llm.llm_cards(CLIP.segments, INFO, config)
    (request,) = state.requests
    assert request["path"] == "/v1/chat/completions" and request["model"] == "llama3.1:8b"
    assert [m["role"] for m in request["messages"]] == ["system", "user"]
    assert "vitamin K epoxide reductase" in request["messages"][1]["content"]
    assert state.headers[0]["Authorization"] == "Bearer sk-test"
    assert [(d.kind, d.front, d.back) for d in drafts] == [
        (CardKind.CLOZE, "Warfarin inhibits {{c1::vitamin K epoxide reductase}}.", ""),
        (CardKind.BASIC, "What reverses heparin?", "Protamine sulfate"),
    ]
    # every card cites its span: the key point is the transcript's own words with their timestamps
    assert (
        points[0].text
        == "Warfarin inhibits vitamin K epoxide reductase, so it lowers factors 2, 7, 9 and 10."
    )
    words = [w for s in CLIP.segments for w in s.words]
    assert points[0].start == next(w.start for w in words if w.text.strip() == "Warfarin")
    assert points[1].end == next(w.end for w in words if w.text.strip() == "sulfate.")
    assert all(d.start == p.start and d.keypoint_key == p.key for d, p in zip(drafts, points, strict=True))
    assert all(p.reasons == ["llm"] for p in points)


def test_answers_in_fences_and_prose_are_parsed() -> None:
    fenced = (
        "Sure! Here you go:\n```json\n" + json.dumps({"cards": [{"quote": "a"}]}) + "\n```\nHope it helps."
    )
    assert llm.parse_cards(fenced) == [{"quote": "a"}]
    assert llm.parse_cards('Cards: {"cards": [{"quote": "b"}]} done') == [{"quote": "b"}]
    assert llm.parse_cards(json.dumps([{"quote": "c"}])) == [{"quote": "c"}]
    with pytest.raises(llm.LLMError, match="not the JSON"):
        llm.parse_cards("I cannot help with that.")


def test_protocol_errors_are_readable(chat_server: tuple[ChatServer, str]) -> None:
    state, url = chat_server
    config = llm.LLMConfig(url=url, model="m")
    state.status = 401
    with pytest.raises(llm.LLMError, match="refused the API key"):
        llm.chat(config, [{"role": "user", "content": "hi"}])
    state.status = 404
    with pytest.raises(llm.LLMError, match="no model 'm'"):
        llm.chat(config, [])
    state.status, state.raw = 200, b'{"unexpected": true}'
    with pytest.raises(llm.LLMError, match="chat-completions API"):
        llm.chat(config, [])
    state.raw = None
    state.reply = {"cards": [{"quote": "made up words entirely", "kind": "cloze", "text": "{{c1::made}} up"}]}
    with pytest.raises(llm.LLMError, match="no card that quotes the transcript"):
        llm.llm_cards(CLIP.segments, INFO, config)
    with pytest.raises(llm.LLMError, match="cannot be reached"):
        llm.chat(llm.LLMConfig(url="http://127.0.0.1:9/v1", model="m", timeout=2), [])


@pytest.mark.slow
def test_enabled_llm_drives_the_cards_step_and_falls_back_when_down(
    services: Services, tmp_path: Path, chat_server: tuple[ChatServer, str]
) -> None:
    state, url = chat_server
    state.reply = GOOD_AND_BAD
    services.settings.llm_enabled, services.settings.llm_url, services.settings.llm_model = True, url, "m"
    store = CardStore(services.db)
    vid = add_clip(services, tmp_path, "09_anticoagulants")
    result = generate_cards(services.library, store, services.settings, vid)
    assert len(state.requests) == 1 and len(result.drafts) == 2 and result.notes == []
    assert [p.reasons for p in services.library.keypoints(vid)] == [["llm"], ["llm"]]
    assert all(c.frame_file and c.audio_file for c in store.list_cards(video_ids=[vid]))

    services.settings.llm_url = "http://127.0.0.1:9/v1"  # the server is gone: the built-in extractor steps in
    fallback = generate_cards(services.library, store, services.settings, vid)
    assert fallback.drafts and "llm" not in fallback.keypoints[0].reasons
    assert any("cannot be reached" in n and "built-in key points" in n for n in fallback.notes)


def test_no_model_configured_is_a_clear_message() -> None:
    from studycompanion.core.settings import Settings

    with pytest.raises(llm.LLMError, match="No LLM model is set"):
        llm.LLMConfig.from_settings(Settings(llm_enabled=True))
