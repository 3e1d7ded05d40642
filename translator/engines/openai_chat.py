"""Translate with a chat model behind an OpenAI-compatible server (llama-server, Ollama, vLLM, LM Studio).

A paragraph goes in one request, its sentences numbered, so the model sees
their context; the reply must hold one translation per number (JSON, with a
schema where the server supports structured output).  A reply that does not
line up with the sentences (a number missing, merged or split sentences, one
sentence's numbers turning up in another's translation) is not guessed at:
that paragraph is asked again sentence by sentence.  Glossary terms and
protected spans go into the instructions (nothing is injected into the
Vietnamese); the pipeline then verifies and flags them as for any engine.

Paragraphs are sent ``concurrency`` at a time; the ``openai`` client retries
timeouts, dropped connections and busy servers with back-off, and a server
that stays unreachable stops the run with one line (what was translated is
already in the memory).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from translator.engines import EngineSpec, Request, Translation
from translator.errors import ModelError, NetworkError

PROMPT_VERSION = 1  # part of the memory's key: change it whenever the prompt changes
SYSTEM = (
    "You are a professional translator of Vietnamese news into English for English-speaking readers. "
    "Translate each numbered sentence faithfully and completely into fluent English, using the other "
    "sentences only as context: never merge, split, drop, summarise or explain sentences, and never "
    "add anything. Keep names of people and places as the instructions give them."
)
# Structured output, the best first: a server that refuses one is asked with the next.
FORMATS = ("json_schema", "json_object", "none")
_NUMBERED = re.compile(r"^\s*(\d+)[.):]\s*(.*\S)\s*$")


@dataclass(frozen=True)
class ChatModel:
    """A model on an OpenAI-compatible server; its identity keys the translation memory."""

    base_url: str
    model: str
    api_key_env: str = "OPENAI_API_KEY"
    concurrency: int = 4
    timeout: float = 120.0
    retries: int = 3
    instructed: ClassVar[bool] = True  # terms and spans go into its instructions
    is_test: ClassVar[bool] = False
    family: ClassVar[str] = "openai"

    @property
    def name(self) -> str:
        return self.model

    @property
    def version(self) -> str:
        return f"prompt {PROMPT_VERSION}"

    @property
    def label(self) -> str:
        return f"{self.model} at {self.base_url} (OpenAI-compatible chat)"

    @property
    def identity(self) -> str:
        """The server, the model and the prompt: another of any of them is another engine."""
        key = f"openai\0{self.base_url.rstrip('/')}\0{self.model}\0{PROMPT_VERSION}"
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    def context(self, options) -> str:
        """Beam size and the like do not apply: the identity alone shapes the outputs."""
        return f"{self.identity}|chat"

    def open(self, options=None, backend=None) -> ChatEngine:
        if backend is not None and backend.name != "local":
            raise ModelError(f"--{backend.name} runs CTranslate2 models; an LLM server is scaled with --concurrency")
        return ChatEngine(self)


def load(spec: EngineSpec, download: bool = True, progress: bool = True) -> ChatModel:
    """The model an ``openai`` engine spec names (nothing is contacted yet)."""
    if spec.problem():
        raise ModelError(spec.problem())
    return ChatModel(spec.base_url, spec.model, spec.api_key_env, max(1, spec.concurrency), spec.timeout, spec.retries)


class ChatEngine:
    """Sends paragraphs to the server, several at a time, and lines the replies up with the sentences."""

    def __init__(self, model: ChatModel) -> None:
        try:
            import openai
        except ImportError:
            raise ModelError("the openai engine needs the openai package: pip install 'vietrans[llm]'") from None
        self.model = model
        self._openai = openai
        self._client = openai.OpenAI(
            base_url=model.base_url,
            api_key=os.environ.get(model.api_key_env) or "none",  # local servers want none, the client wants one
            timeout=model.timeout,
            max_retries=model.retries,
        )
        self._format = 0  # index into FORMATS: what this server accepted
        self._lock = threading.Lock()
        self._broken: Exception | None = None  # why the server cannot be used: no more requests are sent

    def close(self) -> None:
        self._client.close()

    def translate(
        self,
        requests: Sequence[Request],
        progress: Callable[[int], object] | None = None,
        safer: bool = False,
        done: Callable[[list[tuple[int, Translation]]], object] | None = None,
        prefixes: Sequence[str] | None = None,
    ) -> list[Translation]:
        """Translate ``requests`` (consecutive ones of a paragraph together; each alone when
        ``safer``, a retry); keep their order.  ``progress`` and ``done`` are called from this
        thread as each paragraph comes back, as the CTranslate2 engine calls them per batch."""
        from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

        from translator.errors import Abandoned

        groups: list[list[int]] = []
        for index, request in enumerate(requests):
            if groups and not safer and requests[groups[-1][-1]].paragraph == request.paragraph:
                groups[-1].append(index)
            else:
                groups.append([index])
        results: list[Translation] = [Translation("", None)] * len(requests)
        pool = ThreadPoolExecutor(self.model.concurrency, thread_name_prefix="vietrans-llm")
        try:
            pending = {pool.submit(self._paragraph, [requests[i] for i in group]): group for group in groups}
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    group = pending.pop(future)
                    for index, text in zip(group, future.result(), strict=True):
                        results[index] = Translation(text, None)
                    if done:
                        done([(i, results[i]) for i in group])
                    if progress:
                        progress(len(group))
        except KeyboardInterrupt:
            raise Abandoned from None
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
        return results

    def _paragraph(self, requests: list[Request]) -> list[str]:
        """One translation per sentence: the paragraph at once, else sentence by sentence."""
        if self._broken is not None:
            raise self._broken
        if len(requests) > 1:
            texts = self._ask(requests)
            if texts is not None:
                return texts
        return [(self._ask([request]) or [""])[0] for request in requests]

    def _ask(self, requests: list[Request]) -> list[str] | None:
        """The server's translations of ``requests``, or None when its reply does not line up."""
        reply = self._complete(_messages(requests), len(requests))
        if reply is None:
            return None
        texts = parse_reply(reply, len(requests))
        if texts is None and len(requests) == 1 and reply.strip() and not reply.lstrip().startswith(("{", "[")):
            texts = [reply.strip()]  # one sentence answered as plain text
        return texts if texts is not None and lined_up(requests, texts) else None

    def _complete(self, messages: list[dict], count: int) -> str | None:
        """The reply's text (None when it was cut off at the length limit)."""
        openai = self._openai
        while True:
            fmt = FORMATS[self._format]
            extra = {"response_format": _response_format(fmt, count)} if fmt != "none" else {}
            try:
                response = self._client.chat.completions.create(
                    model=self.model.model, messages=messages, temperature=0, **extra
                )
            except openai.BadRequestError as err:
                if fmt == "none" or not re.search(r"format|json|schema", _message(err), re.I):
                    self._broken = ModelError(f"the LLM server refused the request: {_message(err)}")
                    raise self._broken from None
                with self._lock:  # no such structured output there: ask more plainly (once per server)
                    self._format = max(self._format, FORMATS.index(fmt) + 1)
                continue
            except openai.APIError as err:
                self._broken = self._failure(err)
                raise self._broken from None
            if not response.choices:
                return None
            choice = response.choices[0]
            if choice.finish_reason == "length":
                return None
            return choice.message.content or ""

    def _failure(self, err: Exception) -> Exception:
        """The one line a user reads when the server cannot be used."""
        openai, model = self._openai, self.model
        if isinstance(err, openai.APITimeoutError):
            return NetworkError(
                f"the LLM server at {model.base_url} did not answer within {model.timeout:g} s "
                f"({model.retries} retries); try a longer --timeout or a lower --concurrency"
            )
        if isinstance(err, openai.APIConnectionError):
            return NetworkError(f"cannot reach the LLM server at {model.base_url}; is it running?")
        if isinstance(err, openai.AuthenticationError | openai.PermissionDeniedError):
            return NetworkError(f"the LLM server at {model.base_url} refused the key; set {model.api_key_env}")
        if isinstance(err, openai.NotFoundError):
            return ModelError(f"the LLM server at {model.base_url} has no model {model.model!r} ({_message(err)})")
        return NetworkError(f"the LLM server at {model.base_url} failed: {_message(err)}")


def _message(err: Exception) -> str:
    body = getattr(err, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        text = inner.get("message") if isinstance(inner, dict) else inner
        if text:
            return str(text).splitlines()[0]
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _messages(requests: list[Request]) -> list[dict]:
    """The chat: the rules, then the numbered sentences with their terms and spans."""
    lines = [
        f"Translate the {len(requests)} numbered Vietnamese sentence(s) below, from one paragraph of a "
        "news article, into English.",
        'Answer with JSON only: {"translations": [{"id": 1, "text": "..."}, ...]}, exactly one entry '
        "per sentence, in order.",
    ]
    terms = dict.fromkeys(term for request in requests for term in request.terms)
    spans = dict.fromkeys(span for request in requests for span in request.spans)
    if terms:
        lines.append("Glossary: translate these terms exactly so:")
        lines += [f"- {vi} → {en}" for vi, en in terms]
    if spans:
        lines.append("Write these exactly as given:")
        lines += [f"- {source} → {english}" if source != english else f"- {source}" for source, english in spans]
    lines.append("Sentences:")
    lines += [f"{n}. {request.source}" for n, request in enumerate(requests, 1)]
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": "\n".join(lines)}]


def _response_format(kind: str, count: int) -> dict:
    if kind == "json_object":
        return {"type": "json_object"}
    item = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "text": {"type": "string"}},
        "required": ["id", "text"],
        "additionalProperties": False,
    }
    schema = {
        "type": "object",
        "properties": {"translations": {"type": "array", "items": item, "minItems": count, "maxItems": count}},
        "required": ["translations"],
        "additionalProperties": False,
    }
    return {"type": "json_schema", "json_schema": {"name": "translations", "strict": True, "schema": schema}}


def parse_reply(reply: str, count: int) -> list[str] | None:
    """``count`` translations from a reply: JSON as asked (in a code fence or not), or a numbered
    list; None unless every number from 1 to ``count`` is there once, with text."""
    body = re.sub(r"^\s*```(?:json)?\s*|\s*```\s*$", "", reply)
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if isinstance(data, dict):
        data = data.get("translations")
    if isinstance(data, list):
        if all(isinstance(item, str) for item in data):
            items = list(enumerate(data, 1))
        elif all(isinstance(item, dict) for item in data):
            items = [(item.get("id"), item.get("text")) for item in data]
        else:
            return None
    else:
        items = [(int(m[1]), m[2]) for m in map(_NUMBERED.match, reply.splitlines()) if m]
    if [n for n, _ in items] != list(range(1, count + 1)):
        return None
    texts = [text.strip() if isinstance(text, str) else "" for _, text in items]
    return texts if all(texts) else None


def lined_up(requests: Sequence[Request], texts: Sequence[str]) -> bool:
    """False when a sentence's protected spans (numbers, names) are missing from its own
    translation but all turn up in another one: the translations have shifted."""
    for i, request in enumerate(requests):
        wanted = [english for _, english in request.spans if english]
        if not wanted or any(english in texts[i] for english in wanted):
            continue
        if any(all(english in text for english in wanted) for j, text in enumerate(texts) if j != i):
            return False
    return True
