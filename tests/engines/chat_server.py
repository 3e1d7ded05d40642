"""A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol.

TEST DOUBLE: no LLM runs where vietrans is developed, so this scripted stand-in
answers in the LLM's place.  Its "translation" of a sentence is the sentence
with the glossary terms and spans of the instructions written in, after
"EN: ", so tests can see that each answer belongs to its sentence.  Everything
else is real: the socket, HTTP, the ``openai`` client's requests, retries and
timeouts.  ``mode`` scripts how the stand-in misbehaves, as real models and
servers do.
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = (
    "good",  # JSON as asked, one translation per sentence
    "merge",  # two sentences answered as one (a number missing)
    "shift",  # every translation one place late (right count, wrong sentences)
    "fenced",  # the JSON in a ```json code fence
    "numbered",  # a plain numbered list, no JSON
    "plain",  # the translations as plain running text: no JSON, no numbers
    "ignore_terms",  # leaves the Vietnamese terms as they are
    "no_schema",  # refuses response_format json_schema (400), takes json_object
    "no_format",  # refuses any response_format (400), as servers without structured output do
    "slow",  # answers after `delay` seconds
    "busy",  # 503 for the first `failures` requests, then good
    "truncated",  # cut off at the length limit
    "no_choices",  # a 200 reply whose "choices" list is empty
    "no_entries",  # the JSON object asked for, with no translation in it
    "empty_list",  # a bare JSON list with no translation in it
    "too_long",  # refuses every request (400) for a reason that is not the output format
)


class ChatServer:
    """``with ChatServer(mode) as server:`` … ``server.url`` (ends in /v1)."""

    def __init__(self, mode: str = "good", *, delay: float = 0.0, failures: int = 0, key: str | None = None) -> None:
        assert mode in MODES, mode
        self.mode, self.delay, self.failures, self.key = mode, delay, failures, key
        self.requests: list[dict] = []  # the JSON bodies received
        self.in_flight = self.peak = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def user_messages(self) -> list[str]:
        return [body["messages"][-1]["content"] for body in self.requests]

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server._lock:
                    server.requests.append(body)
                    server.in_flight += 1
                    server.peak = max(server.peak, server.in_flight)
                    count = len(server.requests)
                try:
                    status, reply = server._answer(body, self.headers.get("Authorization", ""), count)
                finally:
                    with server._lock:
                        server.in_flight -= 1
                data = json.dumps(reply).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                    pass

        return Handler

    def _answer(self, body: dict, authorization: str, count: int) -> tuple[int, dict]:
        time.sleep(self.delay if self.mode == "slow" else 0.05)  # long enough for requests to overlap
        if self.key and authorization != f"Bearer {self.key}":
            return 401, {"error": {"message": "Invalid API key", "type": "invalid_request_error"}}
        if self.mode == "busy" and count <= self.failures:
            return 503, {"error": {"message": "server busy, try again", "type": "server_error"}}
        if self.mode == "too_long":
            return 400, {"error": {"message": "the request exceeds the available context size", "type": "bad_request"}}
        if problem := _invalid(body):
            return 400, {"error": {"message": problem, "type": "invalid_request_error"}}
        fmt = (body.get("response_format") or {}).get("type")
        if self.mode == "no_schema" and fmt == "json_schema":
            return 400, {"error": {"message": "response_format json_schema is not supported", "type": "bad_request"}}
        if self.mode == "no_format" and "response_format" in body:
            return 400, {"error": {"message": "response_format is not supported", "type": "bad_request"}}
        if body.get("model") != "stand-in":
            return 404, {"error": {"message": f"model {body.get('model')!r} not found", "type": "not_found"}}
        texts = self._translate(body["messages"][-1]["content"])
        return 200, {
            "id": f"chat-{count}",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": []
            if self.mode == "no_choices"
            else [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self._format(texts)},
                    "finish_reason": "length" if self.mode == "truncated" else "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def _translate(self, prompt: str) -> list[str]:
        """The stand-in's translations of the numbered sentences, instructions applied."""
        head, _, listed = prompt.partition("\nSentences:\n")
        sentences = [re.sub(r"^\d+\. ", "", line) for line in listed.splitlines()]
        replacements = [
            tuple(m.groups()) for m in re.finditer(r"^- (.+?) → (.+)$", head, re.M)
        ]  # glossary terms and spans alike
        if self.mode == "ignore_terms":
            terms_block = head.partition("Glossary:")[2].partition("Write these")[0]
            replacements = [r for r in replacements if f"- {r[0]} → {r[1]}" not in terms_block]
        out = []
        for sentence in sentences:
            for vietnamese, english in sorted(replacements, key=lambda r: -len(r[0])):
                sentence = re.sub(re.escape(vietnamese), english, sentence, flags=re.I)
            out.append(f"EN: {sentence}")
        if self.mode == "merge" and len(out) > 1:
            out[0:2] = [f"{out[0]} {out[1][4:]}"]
        if self.mode == "shift" and len(out) > 1:
            out = out[-1:] + out[:-1]
        return out

    def _format(self, texts: list[str]) -> str:
        if self.mode == "numbered":
            return "\n".join(f"{n}. {text}" for n, text in enumerate(texts, 1))
        if self.mode == "plain":
            return " ".join(texts)
        if self.mode in ("no_entries", "empty_list"):
            return '{"translations": []}' if self.mode == "no_entries" else "[]"
        reply = json.dumps({"translations": [{"id": n, "text": t} for n, t in enumerate(texts, 1)]}, ensure_ascii=False)
        return f"```json\n{reply}\n```" if self.mode == "fenced" else reply


_ROLES = {"system", "developer", "user", "assistant", "tool"}
_KEYWORDS = {"type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum"}


def _invalid(body: dict) -> str:
    """What a real OpenAI-compatible server refuses (400), as it words it; "" if nothing: a role
    it does not know, a response_format of no known type, and a JSON schema that breaks the
    rules of strict structured output (every node typed, every object closed with
    ``additionalProperties: false`` and all its properties required, no unknown keywords)."""
    for message in body.get("messages", []):
        if message.get("role") not in _ROLES:
            return f"Invalid value for 'role': {message.get('role')!r}"
    response_format = body.get("response_format")
    if response_format is None:
        return ""
    if response_format.get("type") not in ("text", "json_object", "json_schema"):
        return f"Invalid value for 'response_format.type': {response_format.get('type')!r}"
    if response_format["type"] == "json_schema":
        return _strict_problem(response_format.get("json_schema", {}).get("schema", {}), "schema")
    return ""


def _strict_problem(node: dict, where: str) -> str:
    if unknown := set(node) - _KEYWORDS:
        return f"Invalid schema: {where} has unsupported keywords {sorted(unknown)}"
    if "type" not in node:
        return f"Invalid schema: {where} has no 'type'"
    if node["type"] == "object":
        properties = node.get("properties", {})
        if node.get("additionalProperties") is not False:
            return f"Invalid schema: {where} must set 'additionalProperties' to false"
        if sorted(node.get("required", [])) != sorted(properties):
            return f"Invalid schema: {where} must require every one of its properties"
        for name, child in properties.items():
            if problem := _strict_problem(child, f"{where}.{name}"):
                return problem
    if node["type"] == "array":
        return _strict_problem(node.get("items", {}), f"{where}[]")
    return ""
