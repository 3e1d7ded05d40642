"""What translates: engines, named by kind, each loaded only when chosen.

``ctranslate2``
    A CTranslate2 translation model: an Argos Translate package (the default,
    downloaded on first use) or a converted OPUS-MT, NLLB-200, M2M-100 or
    MADLAD-400 model folder (:mod:`translator.engines.ct2`).
``openai``
    A chat model behind an OpenAI-compatible server on the user's machine or
    network: llama.cpp's ``llama-server``, Ollama, vLLM, LM Studio
    (:mod:`translator.engines.openai_chat`).

An engine spec names one on the command line: ``ctranslate2`` (the installed
vi→en package), ``ctranslate2:MODEL`` (a file, folder or package name),
``openai:NAME@URL``; bare ``openai`` takes the model and server from
``--llm-model`` and ``--base-url``.  Loading a spec gives a *model*: its label,
version and identity (which keys the translation memory, so switching engines
never serves another engine's output) and ``open(decode, backend)``, the engine.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

from translator.errors import ModelError

ENGINES = {
    "ctranslate2": "translator.engines.ct2:load",
    "openai": "translator.engines.openai_chat:load",
}


@dataclass(frozen=True)
class Translation:
    """One decoded output."""

    text: str
    score: float | None  # the mean log-probability of the output's tokens, end token included (0 is best)
    pieces: int = 1  # how many pieces a sentence too long for the model was translated in
    passed: int = 0  # characters passed through untranslated (a token longer than the model takes)


@dataclass(frozen=True)
class Request:
    """A sentence for an engine that takes instructions (an LLM) rather than text prepared for
    it: the source as written, the glossary terms its English must use, the spans (names,
    numbers, dates) it must write as given, and its paragraph (sent together, for context)."""

    source: str
    terms: tuple[tuple[str, str], ...] = ()  # (Vietnamese, English)
    spans: tuple[tuple[str, str], ...] = ()  # (as written, as the English must write it)
    paragraph: int = 0


@dataclass(frozen=True)
class EngineSpec:
    """Which engine, with which model, and how to reach it."""

    kind: str = "ctranslate2"
    model: str | None = None  # ctranslate2: a .argosmodel, package folder or name, model folder; openai: model name
    family: str | None = None  # ctranslate2: a model folder's family, where its files do not tell
    base_url: str | None = None  # openai: the server, e.g. http://127.0.0.1:8080/v1
    api_key_env: str = "OPENAI_API_KEY"  # openai: the environment variable holding the key, if one is wanted
    concurrency: int = 4  # openai: requests in flight at once
    timeout: float = 120.0  # openai: seconds to wait for one reply
    retries: int = 3  # openai: tries again after a timeout, a dropped connection or a busy server

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        model: str | None = None,
        family: str | None = None,
        llm_model: str | None = None,
        base_url: str | None = None,
        **settings: object,
    ) -> EngineSpec:
        """``KIND``, ``ctranslate2:MODEL`` or ``openai:NAME@URL``; what the text leaves out comes
        from the other options (``--model``, ``--model-family``, ``--llm-model``, ``--base-url``)."""
        kind, _, rest = text.partition(":")
        if kind not in ENGINES:
            raise ModelError(f"unknown engine {text!r}; use {', '.join(ENGINES)} (see vietrans translate --help)")
        if kind == "openai":
            name, at, url = rest.partition("@")
            spec = cls(kind, name or llm_model, base_url=url if at else base_url, **settings)
            if spec.problem():
                raise ModelError(spec.problem())
            return spec
        return cls(kind, rest or model, family=family, **settings)

    def problem(self) -> str:
        """What makes this spec unusable as written ("" if nothing): an ``openai`` engine
        without a model or a server's address."""
        if self.kind == "openai":
            if not self.model or not self.base_url:
                return "the openai engine needs a model and a server: --llm-model NAME --base-url URL"
            if not re.match(r"https?://", self.base_url):
                return f"--base-url {self.base_url}: give the server's address, e.g. http://127.0.0.1:8080/v1"
        return ""

    def describe(self) -> str:
        """The spec as it would be written (tables name rows by it)."""
        if self.kind == "openai":
            return f"openai:{self.model}@{self.base_url}"
        return f"ctranslate2:{self.model}" if self.model else "ctranslate2"


def load(spec: EngineSpec, download: bool = True, progress: bool = True):
    """The model ``spec`` names, checked and ready to open (an Argos package is downloaded
    on first use when ``download`` allows)."""
    module, name = ENGINES[spec.kind].split(":")
    return getattr(importlib.import_module(module), name)(spec, download=download, progress=progress)
