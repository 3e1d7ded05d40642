"""Translation quality on a sentence-aligned test set, one row per way of translating.

``vietrans eval --src FILE.vi --ref FILE.en`` translates every source line
through the same path as ``vietrans translate`` (protected spans, glossary,
term strategy, safer retries, flags; no translation memory, so each row's
time is its own) once per *setup* (an engine, a term strategy or no glossary,
with retries on or off)
and reports sacrebleu's BLEU, chrF++ and TER on all sentences and on those
holding a glossary term, term accuracy (the share of glossary terms found in
the source whose English is in the output), spans kept, how many sentences
were flagged and with which flags, and how many were decoded again (retried,
or a term placed) and how many of those second outputs were kept.  Each
score comes with sacrebleu's signature, so a figure can be reproduced.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from translator.document import Block, BlockKind, Document, Sentence
from translator.errors import InputError
from translator.eval.facts import count as count_facts
from translator.eval.facts import ledger_table
from translator.facts.ledger import fact_record
from translator.facts.spans import SpanOptions
from translator.glossary import Glossary
from translator.glossary.terms import protect
from translator.read import decode
from translator.translate.sentences import SentenceTranslator


@dataclass(frozen=True)
class Setup:
    """One row of the comparison: a term strategy (None: no glossary at all) and retries,
    on one engine (named when several are compared)."""

    terms: str | None
    retries: int = 1
    engine: str = ""
    instructed: bool = False  # the engine takes the glossary as instructions (one way, not three)

    @property
    def name(self) -> str:
        if self.terms is None:
            strategy = "no glossary"
        else:
            strategy = "terms=instructions" if self.instructed and self.terms != "off" else f"terms={self.terms}"
        row = f"{strategy}, retries={self.retries}"
        return f"{self.engine}: {row}" if self.engine else row


def setups_for(
    engine: str,
    instructed: bool,
    strategies: Iterable[str] = (),
    retries: Iterable[int] = (1,),
    no_glossary: bool = False,
    baseline: bool = True,
) -> list[Setup]:
    """The rows for one engine: without a glossary (``baseline``), then each term strategy
    (all by default; an instructed engine has one, its instructions); ``no_glossary``: only the first."""
    from translator import TERM_STRATEGIES

    chosen = list(strategies) or list(TERM_STRATEGIES[:1] if instructed else TERM_STRATEGIES)
    rows = [None] if no_glossary else [None] * baseline + chosen
    return [Setup(terms, tries, engine, instructed) for terms in rows for tries in retries]


@dataclass
class Scores:
    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]
    term_sentences: int = 0  # sentences holding a glossary term
    term_bleu: float | None = None  # on those sentences only
    term_chrf: float | None = None
    terms: int = 0
    terms_found: int = 0
    spans: int = 0
    spans_kept: int = 0
    flagged: int = 0  # sentences with at least one flag
    flags: dict[str, int] = field(default_factory=dict)  # flag kind → sentences
    retried: int = 0  # decoded again with safer options (retries), and how many of those were kept
    retry_kept: int = 0
    placed: int = 0  # decoded again with a term forced in place (repair), and how many of those were kept
    placed_kept: int = 0
    facts: int = 0  # facts the Vietnamese and the reference both carry (translator.eval.facts) ...
    facts_kept: int = 0  # ... that the output carries
    facts_missing_unflagged: int = 0  # ... that it lacks, in a sentence with no flag at all
    ledger: dict[str, dict[str, int]] = field(default_factory=dict)  # fact kind → found, kept, placed, flagged ...
    seconds: float = 0.0
    sentences: int = 0

    @property
    def term_accuracy(self) -> float | None:
        return self.terms_found / self.terms if self.terms else None

    def as_dict(self) -> dict[str, object]:
        rounded = {k: None if v is None else round(v, 2) for k, v in self._floats().items()}
        return {
            **rounded,
            "term_accuracy": None if self.term_accuracy is None else round(self.term_accuracy, 4),
            "terms": self.terms,
            "term_sentences": self.term_sentences,
            "spans": self.spans,
            "spans_kept": self.spans_kept,
            "facts": self.facts,
            "facts_kept": self.facts_kept,
            "facts_missing_unflagged": self.facts_missing_unflagged,
            "ledger": self.ledger,
            "flagged": self.flagged,
            "flags": self.flags,
            "retried": self.retried,
            "retry_kept": self.retry_kept,
            "placed": self.placed,
            "placed_kept": self.placed_kept,
            "seconds": round(self.seconds, 2),
            "sentences_per_s": round(self.sentences / self.seconds, 2) if self.seconds else None,
            "signatures": self.signatures,
        }

    def _floats(self) -> dict[str, float | None]:
        return {
            "bleu": self.bleu,
            "chrf++": self.chrf,
            "ter": self.ter,
            "term_bleu": self.term_bleu,
            "term_chrf++": self.term_chrf,
        }


def read_lines(path: Path) -> list[str]:
    try:
        return decode(path.read_bytes(), str(path)).splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None


def corpus_scores(outputs: list[str], references: list[str]) -> tuple[dict[str, float], dict[str, str]]:
    """BLEU, chrF++ and TER of ``outputs``, and sacrebleu's signature of each."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    metrics = {"bleu": BLEU(), "chrf++": CHRF(word_order=2), "ter": TER()}
    values = {name: metric.corpus_score(outputs, [references]).score for name, metric in metrics.items()}
    return values, {name: str(metric.get_signature()) for name, metric in metrics.items()}


def translate_lines(
    sources: list[str],
    open_engine: Callable[[], object],
    glossary: Glossary | None,
    setup: Setup,
    spans: SpanOptions | None = None,
    progress: Callable[[int], object] = lambda n: None,
) -> tuple[list[Sentence], SentenceTranslator]:
    """Each line as one sentence (and paragraph), translated as ``vietrans translate`` would.
    A blank line (test sets keep them to stay aligned) stays blank: no reader ever hands the
    model an empty sentence, and it gives no output for one."""
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, s, [Sentence(s)]) for s in sources])
    protect(doc, glossary if setup.terms is not None else None, spans)
    sentences = list(doc.sentences())
    translator = SentenceTranslator(
        open_engine, "eval", terms=setup.terms or "off", retries=setup.retries, instructed=setup.instructed
    )
    translator.translate([s for s in sentences if s.source.strip()], progress)
    progress(sum(not s.source.strip() for s in sentences))
    return sentences, translator


def evaluate(
    sources: list[str],
    references: list[str],
    open_engine: Callable[[], object],
    glossary: Glossary | None,
    setups: Iterable[Setup],
    spans: SpanOptions | None = None,
    progress: Callable[[int], object] = lambda n: None,
    dump: Callable[[Setup, list[Sentence]], object] | None = None,
) -> dict[str, Scores]:
    """Scores of each setup on the same sentences (``dump`` sees each setup's sentences)."""
    if len(sources) != len(references):
        raise InputError(f"the source has {len(sources)} lines, the reference {len(references)}: not aligned")
    results = {}
    for setup in setups:
        started = time.perf_counter()
        sentences, translator = translate_lines(sources, open_engine, glossary, setup, spans, progress)
        seconds = time.perf_counter() - started
        scores = results[setup.name] = score(sentences, references, seconds)
        counts = translator.counts
        scores.retried, scores.retry_kept = counts.retried, counts.retry_kept
        scores.placed, scores.placed_kept = counts.placed, counts.improved
        if dump is not None:
            dump(setup, sentences)
    return results


def score(sentences: list[Sentence], references: list[str], seconds: float = 0.0) -> Scores:
    """The scores of translated sentences against their references."""
    outputs = [s.translation for s in sentences]
    values, signatures = corpus_scores(outputs, references)
    with_terms = [i for i, s in enumerate(sentences) if s.terms]
    subset = (
        corpus_scores([outputs[i] for i in with_terms], [references[i] for i in with_terms])[0] if with_terms else {}
    )
    facts = count_facts(sentences, references)
    flags: Counter[str] = Counter()
    for sentence in sentences:  # each kind once a sentence; ties in first-seen order (a set's order changes per run)
        flags.update(dict.fromkeys(flag_kind(flag) for flag in sentence.flags).keys())
    return Scores(
        values["bleu"],
        values["chrf++"],
        values["ter"],
        signatures,
        term_sentences=len(with_terms),
        term_bleu=subset.get("bleu"),
        term_chrf=subset.get("chrf++"),
        terms=sum(len(s.terms) for s in sentences),
        terms_found=sum(use.enforced for s in sentences for use in s.terms),
        spans=sum(len(s.spans) for s in sentences),
        spans_kept=sum(span.enforced for s in sentences for span in s.spans),
        facts=facts.facts,
        facts_kept=facts.kept,
        facts_missing_unflagged=facts.missing_unflagged,
        ledger={kind: dict(row) for kind, row in ledger_table(sentences).items()},
        flagged=sum(bool(s.flags) for s in sentences),
        flags=dict(flags.most_common()),
        seconds=seconds,
        sentences=len(sentences),
    )


def sentence_records(setup: Setup, sentences: list[Sentence], references: list[str]) -> list[dict[str, object]]:
    """One JSON-ready record per line (``vietrans eval --dump``): what a reviewer or a calibration reads."""
    return [
        {
            "setup": setup.name,
            "line": line,
            "source": sentence.source,
            "reference": reference,
            "output": sentence.translation,
            "score": sentence.score,
            "flags": sentence.flags,
            "terms": [[use.vi, use.en, use.enforced] for use in sentence.terms],
            "spans": [[span.kind, span.rendering, span.enforced] for span in sentence.spans],
            "facts": [fact_record(f) for f in sentence.facts],
        }
        for line, (sentence, reference) in enumerate(zip(sentences, references, strict=True), 1)
    ]


def flag_kind(flag: str) -> str:
    """A flag without its particulars: "term not enforced: Europe" → "term not enforced"."""
    head = flag.split(":", 1)[0]
    if head.endswith(" not kept"):
        return head.split(" not kept")[0] + " not kept"
    if head.startswith("very long sentence"):
        return "translated in pieces"
    return head.split(",")[0]
