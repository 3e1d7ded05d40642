"""What a run does and what it did: a :class:`Job` per article, one :class:`Result` per run.

Kept apart from :mod:`translator.pipeline`, which plans the jobs and carries them out.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from translator.errors import VietransError
from translator.inputs import STDIN
from translator.read.url import Remote


@dataclass
class Job:
    """One input and the outputs it will write (``target`` None: standard output)."""

    source: str  # a path, or "-" for standard input
    outputs: list[tuple[str, Path | None]]
    data: bytes | None = None  # standard input's bytes
    problem: VietransError | None = None  # why this input cannot be done (found while planning)
    redo: bool = False  # its outputs are ours, unchanged, but made otherwise: write them again
    remote: Remote | None = None  # an article fetched from its URL
    digest: str | None = None  # what the outputs are made from, when not one input's bytes (a brief)
    brief_only: bool = False  # its outputs are current: read (from the memory) only for the brief

    @cached_property
    def source_digest(self) -> str:
        """The input's bytes, hashed once (what an output was made from)."""
        if self.digest is not None:
            return self.digest
        if self.remote is not None and self.remote.page is not None:
            return self.remote.page.digest
        return hashlib.sha256(Path(self.source).read_bytes()).hexdigest() if self.source != STDIN else "stdin"

    @property
    def complete(self) -> bool:
        """Every output is there (standard input is never done: each run brings new text)."""
        return self.source != STDIN and all(target is not None and target.is_file() for _, target in self.outputs)


@dataclass
class Result:
    """What a run did, for the summary (``--json`` prints it as is)."""

    files: int = 0
    done: int = 0
    skipped: int = 0  # outputs exist and are current (or not ours to replace)
    redone: int = 0  # outputs made with another model, glossary, options or source text, written again
    not_vietnamese: int = 0  # skipped by --non-vietnamese skip
    failures: list[tuple[str, str]] = field(default_factory=list)
    failure_codes: list[int] = field(default_factory=list)  # each failure's exit code, in order
    warnings: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    sentences: int = 0
    cached: int = 0
    translated: int = 0
    removed: int = 0  # blocks left out of the translation by cleaning
    terms: int = 0  # glossary term occurrences found
    terms_enforced: int = 0
    flagged: int = 0  # sentences with a flag for the reviewer
    spans: dict[str, list[int]] = field(default_factory=dict)  # kind → [found, converted, kept in the output]
    requests: int = 0  # HTTP requests made for URL inputs
    downloaded: int = 0  # pages whose body came over the network (not a 304)
    downloaded_bytes: int = 0  # body bytes as they crossed the network
    seconds: float = 0.0
    peak_memory_mb: float = 0.0

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    def fail(self, source: str, error: VietransError) -> None:
        self.failures.append((source, str(error)))
        self.failure_codes.append(int(error.exit_code))

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "done": self.done,
            "skipped": self.skipped,
            "redone": self.redone,
            "not_vietnamese": self.not_vietnamese,
            "failed": len(self.failures),
            "failures": [{"file": f, "error": e} for f, e in self.failures],
            "warnings": self.warnings,
            "sentences": self.sentences,
            "cached": self.cached,
            "translated": self.translated,
            "removed_blocks": self.removed,
            "terms": self.terms,
            "terms_enforced": self.terms_enforced,
            "flagged_sentences": self.flagged,
            "spans": {k: dict(zip(("found", "converted", "kept"), v, strict=True)) for k, v in self.spans.items()},
            "requests": self.requests,
            "downloaded": self.downloaded,
            "downloaded_bytes": self.downloaded_bytes,
            "seconds": round(self.seconds, 3),
            "sentences_per_s": round(self.rate, 2),
            "peak_memory_mb": round(self.peak_memory_mb, 1),
            "outputs": self.outputs,
        }
