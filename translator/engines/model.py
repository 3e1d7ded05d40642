"""A translation model on disk: its weights, tokenizers and the tokens its family needs.

The one description every engine, backend and the memory share, whether the model came from an
Argos package (:mod:`translator.engines.packages`) or a converted folder
(:mod:`translator.engines.families`); it knows how to fingerprint itself and open its engine.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class ModelPackage:
    """A CTranslate2 translation model and its tokenizers: an unpacked Argos package
    (``metadata.json``, ``model/``, ``sentencepiece.model``), or a converted model folder
    of another family (:mod:`translator.engines.families`)."""

    path: Path
    name: str
    from_code: str
    to_code: str
    version: str
    is_test: bool = False
    family: str = "argos"
    model_dir: Path = Path()  # the CTranslate2 model (model.bin, config.json, vocabularies)
    source_tokenizer: Path = Path()  # SentencePiece models
    target_tokenizer: Path = Path()
    source_lead: tuple[str, ...] = ()  # tokens around the source's pieces (a language token, "</s>")
    source_end: tuple[str, ...] = ()
    target_lead: tuple[str, ...] = ()  # tokens every output begins with (not part of the translation)
    instructed: ClassVar[bool] = False  # terms and spans go into its input, not into instructions

    @property
    def label(self) -> str:
        """How exports name the model; a test model says it is one."""
        label = f"{self.name} {self.version}" if self.family == "argos" else f"{self.name} ({self.family})"
        return f"{label} (TEST MODEL: output is not a translation)" if self.is_test else label

    @property
    def identity(self) -> str:
        """A fingerprint of the weights and tokenizers: the same model gives the same
        identity wherever and whenever it was unpacked (keys the translation memory)."""
        if self.family == "argos":
            digest = hashlib.sha256(f"{self.name}\0{self.version}\0{' '.join(self.target_lead)}".encode())
        else:  # a folder's name is the user's choice, not the model's
            tokens = (self.source_lead, self.source_end, self.target_lead)
            digest = hashlib.sha256(f"{self.family}\0{tokens}".encode())
            digest.update((self.model_dir / "config.json").read_bytes())
        weights = self.model_dir / "model.bin"
        size = weights.stat().st_size
        digest.update(str(size).encode())
        with open(weights, "rb") as f:
            digest.update(f.read(1 << 20))
            f.seek(max(0, size - (1 << 20)))
            digest.update(f.read(1 << 20))
        digest.update(self.source_tokenizer.read_bytes())
        if self.target_tokenizer != self.source_tokenizer:
            digest.update(self.target_tokenizer.read_bytes())
        return digest.hexdigest()[:16]

    def context(self, options) -> str:
        """What shapes this model's outputs (its identity and the decoding options): the memory's key."""
        return f"{self.identity}|{options.key()}"

    def open(self, options, backend=None):
        """The engine that decodes with this model (``backend``: here, or on Ray)."""
        from translator.backends import open_engine

        return open_engine(self, options, backend)
