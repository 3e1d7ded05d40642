"""Turn segmented sentences into checked translations: memory, model, terms, retries, flags.

The pipeline and ``vietrans eval`` both translate through :class:`SentenceTranslator`,
so what the evaluation measures is what users get.

Glossary terms are enforced by one of three strategies (``--terms``), and protected
spans (``translator.facts.spans``) go with them:

``repair`` (the default)
    Translate the sentence as written (numbers and dates rendered, terms left in
    Vietnamese).  Where the output lacks a term, place the term where the model
    translated its Vietnamese (found from the model's attention,
    :mod:`translator.translate.align`): the output is kept up to there, the term is forced
    after it, and the model finishes the sentence (with the safer decoding of a
    retry).  Terms are placed one at a time, earliest first; protected spans
    (names, numbers, dates) the output lost are placed the same way.  A placed
    output is kept only where it has fewer problems, then lacks less, than the
    first; sentences whose terms the model already gets right are never touched.
``inject``
    Write every term (and span) in English into the Vietnamese before translation, once.
``off``
    Translate as written; terms are only checked and flagged when missing (lost spans
    are still placed).

An engine that takes instructions (an LLM, :mod:`translator.engines.openai_chat`) is
given each sentence as written with its terms (unless ``off``) and spans as
instructions, a paragraph at a time; nothing is injected or placed, and the output is
verified and flagged like any other.

Measured with a real model on FLORES (README, "Glossary terms"): ``repair`` brings
90% of the terms out and scores no lower than ``off``; ``inject`` brings out fewer
than half (the model garbles mixed-language input).  Re-translating with the terms
injected before placing them added nothing measurable, so ``repair`` does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from translator import TERM_STRATEGIES
from translator.document import Sentence
from translator.engines import Request, Translation
from translator.glossary.terms import check_reviewed, lacking, missing, verify
from translator.translate.align import anchor
from translator.translate.checks import problems, retryable

__all__ = ["TERM_STRATEGIES", "SentenceTranslator"]

PLACE_ROUNDS = 8  # terms and facts placed one at a time, earliest first (a sentence may lack several)


@dataclass
class Counts:
    """What the strategy did in one run (``vietrans eval`` reports them)."""

    retried: int = 0  # inputs decoded again with safer options (empty, looping or overlong output)
    retry_kept: int = 0  # ... whose retry was better, and kept
    placed: int = 0  # sentences decoded again with a term forced in place
    improved: int = 0  # ... whose placed output was kept


@dataclass
class SentenceTranslator:
    """Translates sentences with an engine opened on first need (a run served wholly from
    the translation memory never loads the model).

    ``context`` names everything that shapes a decoded output (model identity and decoding
    options); the memory keys on it and on the exact text the model was given."""

    open_engine: Callable[[], object]
    context: str
    memory: object | None = None  # translator.translate.memory.TranslationMemory
    terms: str = TERM_STRATEGIES[0]
    retries: int = 1  # empty, looping or overlong output is decoded again with safer options
    instructed: bool = False  # the engine takes terms and spans as instructions (an LLM), not in its input
    counts: Counts = field(default_factory=Counts)
    notes: dict[str, Translation] = field(default_factory=dict)  # inputs decoded in pieces or passed through
    _engine: object | None = None
    _requests: dict[str, Request] = field(default_factory=dict)  # instructed engines: input → what is sent

    @property
    def engine(self):
        if self._engine is None:
            self._engine = self.open_engine()
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def first_input(self, sentence: Sentence) -> str:
        """What the model is given first: the terms in English only with ``inject``.  (For an
        instructed engine, the text that stands for the sentence and its instructions.)"""
        if self.terms == "inject" or (self.instructed and self.terms != "off"):
            return sentence.engine_input or sentence.source
        return sentence.plain_input or sentence.source

    def translate(
        self,
        sentences: list[Sentence],
        progress: Callable[[int], object] = lambda n: None,
        paragraphs: list[int] | None = None,
    ) -> tuple[int, int]:
        """Fill in every sentence; return how many came from the memory and how many were decoded.
        ``paragraphs``: each sentence's paragraph (an instructed engine gets a paragraph at once).
        A sentence a reviewer translated (the memory's human translations) takes theirs, whatever
        the engine, is never decoded, and is checked without being changed."""
        human = self.memory.lookup_human([s.source for s in sentences]) if self.memory else {}
        for sentence in sentences:
            if sentence.source in human:
                sentence.translation, sentence.reviewed, sentence.comment = human[sentence.source]
                sentence.score = None
                check_reviewed(sentence)
        rest = [i for i, s in enumerate(sentences) if s.source not in human]
        progress(len(sentences) - len(rest))
        if not rest:
            return len(sentences), 0
        cached, decoded = self._machine(
            [sentences[i] for i in rest], progress, [paragraphs[i] for i in rest] if paragraphs else None
        )
        return cached + len(sentences) - len(rest), decoded

    def _machine(
        self, sentences: list[Sentence], progress: Callable[[int], object], paragraphs: list[int] | None
    ) -> tuple[int, int]:
        """Translate with the engine (what the memory lacks); see the module docstring."""
        inputs = [self.first_input(s) for s in sentences]
        if self.instructed:
            self._requests = {}  # this call's only: a batch of many windows does not pile them up
            for index, (sentence, text) in enumerate(zip(sentences, inputs, strict=True)):
                self._requests.setdefault(text, self._request(sentence, paragraphs[index] if paragraphs else index))
        known, fresh = self._decode(inputs, sentences, progress, retry=True)
        chosen = [known[text] for text in inputs]
        decoded = {i for i, text in enumerate(inputs) if text in fresh}
        first = [text for text, _ in chosen]  # a fact only a placed output carries was placed
        if self.terms != "inject" and not self.instructed:  # (those have the terms and spans already)
            decoded |= self._repair(sentences, inputs, chosen)
        for sentence, text, result, before in zip(sentences, inputs, chosen, first, strict=True):
            sentence.translation, sentence.score = result
            verify(sentence, before)
            sentence.flags += problems(text, sentence.translation, sentence.score)
            note = self.notes.get(text)
            if note is not None and note.pieces > 1:
                sentence.flags.append(f"very long sentence, translated in {note.pieces} pieces")
            if note is not None and note.passed:
                sentence.flags.append(f"{note.passed} characters passed through untranslated (too long a token)")
        return len(sentences) - len(decoded), len(decoded)

    def _decode(
        self,
        inputs: list[str],
        sentences: list[Sentence],
        progress: Callable[[int], object] = lambda n: None,
        retry: bool = False,
    ) -> tuple[dict[str, tuple[str, float | None]], set[str]]:
        """Each distinct input's output, from the memory or the model; the inputs the model
        decoded.  Each decoded batch goes into the memory as soon as it is finished, so
        an interrupted run keeps its work (an output to be decoded again is stored after it)."""
        originals: dict[str, str] = {}
        for sentence, text in zip(sentences, inputs, strict=True):
            originals.setdefault(text, sentence.source)
        sources = list(dict.fromkeys(inputs))
        known = self.memory.lookup(self.context, sources) if self.memory else {}
        todo = [s for s in sources if s not in known]
        cached = sum(1 for text in inputs if text in known)
        progress(cached)
        if not todo:
            return known, set()
        again: list[str] = []

        def keep(finished: list[tuple[int, Translation]]) -> None:
            rows = []
            for index, result in finished:
                source = todo[index]
                known[source] = (result.text, result.score)
                if result.pieces > 1 or result.passed:
                    self.notes[source] = result
                if retry and self.retries and retryable(problems(source, result.text, result.score)):
                    again.append(source)
                else:
                    rows.append(source)
            self._store(self.context, rows, originals, known)

        self.engine.translate(self._given(todo), progress, done=keep)
        self._retry(again, known)
        self._store(self.context, again, originals, known)
        progress(len(inputs) - cached - len(todo))  # repeats of a decoded sentence
        return known, set(todo)

    def _request(self, sentence: Sentence, paragraph: int) -> Request:
        """A sentence as an instructed engine gets it: as written, its terms and spans beside it."""
        terms = () if self.terms == "off" else tuple(dict.fromkeys((use.vi, use.en) for use in sentence.terms))
        spans = tuple(dict.fromkeys((span.source, span.rendering) for span in sentence.spans if not span.problem))
        return Request(sentence.source, terms, spans, paragraph)

    def _given(self, inputs: list[str]) -> list:
        """What the engine is handed for ``inputs``: the text, or an instructed engine's requests."""
        return [self._requests[text] for text in inputs] if self.instructed else inputs

    def _store(self, context: str, sources: list[str], originals: dict[str, str], known: dict) -> None:
        """Keep outputs in the memory; an empty one is not worth keeping (a server's reply cut off,
        say): the next run asks again."""
        rows = [(s, originals[s], *known[s]) for s in sources if known[s][0].strip()]
        if self.memory and rows:
            self.memory.store(context, rows)

    def _retry(self, inputs: list[str], known: dict[str, tuple[str, float | None]]) -> None:
        """Decode failed outputs again with safer options; keep a retry only if it is better."""
        for _ in range(self.retries):
            failed = [t for t in inputs if retryable(problems(t, *known[t]))]
            if not failed:
                return
            self.counts.retried += len(failed)
            for source, result in zip(failed, self.engine.translate(self._given(failed), safer=True), strict=True):
                if len(problems(source, result.text, result.score)) < len(problems(source, *known[source])):
                    known[source] = (result.text, result.score)
                    self.counts.retry_kept += 1

    def _repair(self, sentences: list[Sentence], inputs: list[str], chosen: list[tuple[str, float | None]]) -> set[int]:
        """Place the terms the outputs lack (see the module docstring); keep a placed output
        only where it is no worse.  Returns the sentences the model decoded again."""
        todo = [i for i, s in enumerate(sentences) if (s.terms or s.facts) and self._lacking(s, chosen[i][0])]
        if not todo:
            return set()
        placed, decoded = self._place(sentences, inputs, chosen, todo)
        for i, result in placed.items():
            if self._badness(sentences[i], result[0]) < self._badness(sentences[i], chosen[i][0]):
                chosen[i] = result
                self.counts.improved += 1
        return decoded

    def _lacking(self, sentence: Sentence, text: str) -> list[tuple[tuple[int, int], str]]:
        """What ``text`` lacks that this strategy places: spans always, terms with ``repair``."""
        return lacking(sentence, text, terms=self.terms == "repair")

    def _badness(self, sentence: Sentence, text: str) -> tuple[int, int, int]:
        """How bad an output is: its problems (the score aside: forcing a term lowers it), then the
        terms it lacks, then the facts (a placed fact never costs a term the output had: the fact
        left missing is flagged, the term lost would be too, and terms were measured first)."""
        terms = len(missing(sentence, text)) if self.terms == "repair" else 0
        return len(problems(sentence.source, text, None)), terms, len(lacking(sentence, text, terms=False))

    def _place(
        self, sentences: list[Sentence], inputs: list[str], chosen: list[tuple[str, float | None]], todo: list[int]
    ) -> tuple[dict[int, tuple[str, float | None]], set[int]]:
        """Outputs with the missing terms and spans forced where the model translated them, one a
        round, earliest first (the memory keeps them under their own context); and the
        sentences decoded for it."""
        context = f"{self.context}|placed|{self.terms}"  # off places spans only, repair terms too
        keys = {i: sentences[i].engine_input or inputs[i] for i in todo}
        known = self.memory.lookup(context, list(keys.values())) if self.memory else {}
        done = {i: known[keys[i]] for i in todo if keys[i] in known}
        current = {i: chosen[i] for i in todo if i not in done}
        floor = dict.fromkeys(current, 0)  # where the text forced so far ends: later terms go after it
        changed: set[int] = set()
        for _ in range(PLACE_ROUNDS):
            need = [i for i in current if self._lacking(sentences[i], current[i][0])]
            if not need:
                break
            alignments = self.engine.align([(inputs[i], current[i][0]) for i in need])
            prefixes: dict[int, str] = {}
            for i, alignment in zip(need, alignments, strict=True):
                if alignment is None:
                    continue
                spots = [(anchor(alignment, *at), en) for at, en in self._lacking(sentences[i], current[i][0])]
                spots = [(spot, english) for spot, english in spots if spot is not None and spot[0] >= floor[i]]
                if spots:
                    (start, _), english = min(spots, key=lambda pair: pair[0][0])
                    prefixes[i] = _lead_in(current[i][0][:start], english)
                    floor[i] = len(prefixes[i])
            if not prefixes:
                break
            order = list(prefixes)
            results = self.engine.translate(
                [inputs[i] for i in order], safer=True, prefixes=[prefixes[i] for i in order]
            )
            for i, result in zip(order, results, strict=True):
                current[i] = (result.text, result.score)
                changed.add(i)
        self.counts.placed += len(changed)
        rows = {keys[i]: current[i] for i in changed}
        originals = {keys[i]: sentences[i].source for i in changed}
        self._store(context, list(rows), originals, rows)
        return {**done, **{i: current[i] for i in changed}}, changed


def _lead_in(head: str, english: str) -> str:
    """The output up to a term, then the term ("the" not doubled; a capital at the start)."""
    head = head.rstrip()
    if english.lower().startswith("the ") and (head.lower() == "the" or head.lower().endswith(" the")):
        english = english[4:]
    if not head:
        return english[:1].upper() + english[1:]
    return f"{head} {english}"
