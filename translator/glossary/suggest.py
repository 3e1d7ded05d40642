"""Glossary entries proposed from reviewers' corrections (``vietrans glossary suggest``).

A correction stored by ``vietrans review apply`` keeps the machine's English
it replaced.  The two are compared word by word (difflib); each stretch the
reviewer replaced is traced back to its Vietnamese:

* where the stretch held a glossary term's English (the glossary's matcher
  found the term in the source), the term's Vietnamese: the reviewer
  disagrees with the glossary, and the entry would change;
* otherwise, with a CTranslate2 model at hand, the Vietnamese the model
  attended to most while writing the stretch (:mod:`translator.translate.align`).

The same Vietnamese given the same English by several corrections makes one
suggestion, with its count and example sentences.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import regex as re

from translator.document import Block, BlockKind, Document, Sentence
from translator.facts.spans import vietnamese_syllable
from translator.glossary import Glossary
from translator.glossary.terms import protect, term_pattern

MAX_WORDS = 6  # longer stretches are rewordings, not terms
_EDGES = " \t.,;:!?\"'“”‘’()[]"


@dataclass
class Suggestion:
    """A proposed glossary entry."""

    vi: str
    en: str  # what the reviewers wrote
    was: str  # what the machine wrote there (a glossary entry's English when ``in_glossary``)
    in_glossary: bool = False  # the term is in the glossary already: its English would change
    count: int = 0
    examples: list[str] = field(default_factory=list)  # source sentences, at most three
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (source, machine, reviewer), at most three
    refused: str = ""  # why this is no glossary term (a number, one syllable), or ""


@dataclass
class Diff:
    """The machine's English against a person's, word by word."""

    spans: list[tuple[int, int]]  # each machine word's place in the machine text
    words: list[str]  # the person's words
    opcodes: list[tuple[str, int, int, int, int]]  # difflib's, over the two word lists

    @classmethod
    def of(cls, machine: str, human: str) -> Diff:
        spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", machine)]
        old = [machine[a:b].strip(_EDGES).lower() for a, b in spans]
        words = human.split()
        new = [w.strip(_EDGES).lower() for w in words]
        return cls(spans, words, difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes())

    def replaced(self) -> list[tuple[tuple[int, int], str]]:
        """The stretches of the machine text the person replaced, and their words instead."""
        return [
            ((self.spans[i1][0], self.spans[i2 - 1][1]), " ".join(self.words[j1:j2]).strip(_EDGES))
            for tag, i1, i2, j1, j2 in self.opcodes
            if tag == "replace" and i2 - i1 <= MAX_WORDS and j2 - j1 <= MAX_WORDS
        ]

    def instead(self, start: int, end: int) -> str | None:
        """The person's words for the machine's ``[start, end)``, or None where they left it as it was."""
        first = next((i for i, (a, b) in enumerate(self.spans) if b > start), None)
        last = max((i for i, (a, b) in enumerate(self.spans) if a < end), default=None)
        if first is None or last is None:
            return None
        changed, picked = False, []
        for tag, i1, i2, j1, j2 in self.opcodes:
            lo, hi = max(i1, first), min(i2, last + 1)
            inside = lo < hi or (tag == "insert" and first < i1 <= last)
            if not inside:
                continue
            if tag == "equal":
                picked += range(j1 + lo - i1, j1 + hi - i1)
            else:
                changed = True
                picked += range(j1, j2)
        if not changed:
            return None
        return " ".join(self.words[min(picked) : max(picked) + 1]).strip(_EDGES) if picked else ""


def suggest(
    rows: Iterable[tuple[str, str, str, str, str | None]],
    glossary: Glossary | None,
    aligner: Callable[[str, str], object] | None = None,
) -> list[Suggestion]:
    """Suggestions from the memory's human translations (``TranslationMemory.human_rows()``),
    the most often made first.  ``aligner(source, machine)`` gives an
    :class:`~translator.translate.align.Alignment`, or None."""
    found: dict[tuple[str, str], Suggestion] = {}
    for source, human, status, _, machine in rows:
        if status != "corrected" or not machine or machine == human:
            continue
        diff = Diff.of(machine, human)
        sentence = Sentence(source)
        protect(Document(blocks=[Block(BlockKind.PARAGRAPH, source, [sentence])]), glossary, None)
        covered: list[tuple[int, int]] = []  # machine text the glossary's terms explain
        for use in sentence.terms:
            for match in term_pattern(use.en).finditer(machine):
                english = diff.instead(match.start(), match.end())
                if english and len(english.split()) <= MAX_WORDS and not term_pattern(use.en).search(human):
                    _add(found, Suggestion(use.vi, english, use.en, True), (source, machine, human))
                    covered.append(match.span())
        alignment = aligner(source, machine) if aligner else None
        for (start, end), english in diff.replaced() if alignment is not None else ():
            if not english or any(start < b and end > a for a, b in covered):
                continue
            vietnamese = _source_of(alignment, source, start, end)
            if vietnamese and len(vietnamese.split()) <= MAX_WORDS:
                _add(found, Suggestion(vietnamese, english, machine[start:end].strip(_EDGES)), (source, machine, human))
    for suggestion in found.values():
        suggestion.refused = not_a_term(suggestion.vi)
    return sorted(found.values(), key=lambda s: (-s.count, s.vi.lower()))


def not_a_term(vi: str) -> str:
    """Why ``vi`` must not become a glossary entry on a correction's word, or "": a number (numbers
    are converted by rule, and a number as a term rewrites every article that has it) or a single
    Vietnamese syllable (a common word, or a piece of a longer one; a name of one syllable is
    added by a person, with ``--match short-name`` for a country).  An acronym is a term."""
    if any(ch.isdigit() for ch in vi):
        return "a number: numbers are converted by rule, not by the glossary"
    words = vi.split()
    if len(words) == 1 and vietnamese_syllable(words[0]) and not (len(words[0]) > 1 and words[0].isupper()):
        return "one syllable: a common word or a piece of one (a name: glossary add it yourself)"
    return ""


def _add(found: dict[tuple[str, str], Suggestion], suggestion: Suggestion, evidence: tuple[str, str, str]) -> None:
    """Count a suggestion; keep up to three examples, with the correction that made each."""
    key = (suggestion.vi.lower(), suggestion.en.lower())  # a term at the start of a sentence is capitalised
    kept = found.setdefault(key, suggestion)
    kept.count += 1
    if evidence[0] not in kept.examples and len(kept.examples) < 3:
        kept.examples.append(evidence[0])
        kept.evidence.append(evidence)


def _source_of(alignment, source: str, start: int, end: int) -> str:
    """The whole source words the model attended to most while writing ``target[start:end]``."""
    tokens = [i for i, (a, b) in enumerate(alignment.target) if a < end and b > start and i < len(alignment.weights)]
    picked = [max(range(len(row)), key=row.__getitem__) for row in (alignment.weights[t] for t in tokens) if row]
    picked = [s for s in picked if s < len(alignment.source)]
    if not picked:
        return ""
    first, last = alignment.source[min(picked)][0], alignment.source[max(picked)][1]
    while first > 0 and not source[first - 1].isspace():  # whole words
        first -= 1
    while last < len(source) and not source[last].isspace():
        last += 1
    return source[first:last].strip(_EDGES)
