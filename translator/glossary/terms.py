"""Glossary terms in a sentence: find them, prepare the model's inputs, verify the output.

CTranslate2 has no terminology support.  :func:`protect` finds each sentence's
glossary terms and protected spans and prepares two inputs: the source with only
its spans rendered in English (``plain_input``: what the model is given first)
and the source with its terms in English as well (``engine_input``: what
``--terms inject`` gives it, and what the memory keys placed outputs on, so
editing a glossary re-translates exactly the sentences whose terms changed).
:func:`lacking` says what an output is missing (``translator.translate.sentences`` places
it); :func:`verify` checks the final output: each term must appear as many times
as it occurs, with the glossary's spelling.  Repairs are made only where they
are certain (the term's letter case; a span's digits or diacritics); anything
else flags the sentence, so no term failure passes silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache

import regex as re

from translator.data import word_list
from translator.document import Document, Sentence
from translator.facts.ledger import check, ledger, personal_names, restore, settle
from translator.facts.spans import Span, SpanOptions, overlaps
from translator.facts.spans import find as find_spans
from translator.glossary import Entry, Glossary, Match

_ABBREVIATION = re.compile(r"^(?P<full>.+?)\s*\((?P<short>[^()]+)\)$")


@dataclass(frozen=True)
class TermUse:
    """A glossary term in one sentence, and whether the output carries it."""

    vi: str  # as written in the source
    en: str  # as enforced
    enforced: bool = False
    at: tuple[int, int] = (0, 0)  # where the Vietnamese term is in ``Sentence.plain_input or source``
    forms: tuple[str, ...] = ()  # other English that counts as the term (its adjective: "Syrian" for "Syria")


def protect(doc: Document, glossary: Glossary | None, span_options: SpanOptions | None = None) -> None:
    """Write each sentence's engine input (``Sentence.engine_input``): its glossary terms in
    English, and (unless ``span_options`` is None) its numbers, dates, names and links in
    their English renderings (see ``translator.facts.spans``); and its fact ledger
    (``Sentence.facts``, ``translator.facts.ledger``), whose facts are only checked, never
    restored or placed, when ``span_options`` is None (``--no-protect``).

    A term's ``(ABBR)`` is given in full on its first use in the document only,
    and not at all when the source already follows the term with it.
    """
    seen: set[Entry] = set()
    for sentence in doc.sentences():
        if sentence.verbatim:
            continue
        text = sentence.source
        replacements: list[tuple[int, int, str]] = []
        uses = []
        names = personal_names(text) + [(s.start, s.end) for s in find_spans(text) if s.kind == "name"]
        for match in _outside(glossary.find(text) if glossary is not None else [], names):
            forms = (match.entry.en, *match.entry.adjectives)
            english = forms[1] if len(forms) > 1 and modifies_noun(text, match.start) else forms[0]
            after = text[match.end :].lstrip()
            abbreviation = _ABBREVIATION.match(english)
            if abbreviation and (match.entry in seen or after.startswith(f"({abbreviation['short']})")):
                english = abbreviation["full"]
            seen.add(match.entry)
            replacements.append((match.start, match.end, english))
            others = tuple(f for f in forms if f != english)
            uses.append(TermUse(text[match.start : match.end], english, at=(match.start, match.end), forms=others))
        spans: list[Span] = []
        if span_options is not None:
            for span in find_spans(text, span_options):
                if not overlaps(span.start, span.end, replacements):
                    replacements.append((span.start, span.end, span.rendering))
                    spans.append(span)
                    if span.problem:
                        sentence.flags.append(f"{span.problem}, left as written: {span.source}")
        changed = _apply(text, replacements)
        sentence.engine_input = changed if changed != text else ""
        plain = _apply(text, [(s.start, s.end, s.rendering) for s in spans])
        sentence.plain_input = plain if plain != text else ""
        sentence.terms = [replace(use, at=_moved(use.at, spans)) for use in uses]
        sentence.spans = spans
        ascii_names = span_options is not None and span_options.ascii_names
        facts = ledger(text, spans, [(m.start, m.end) for m in uses_at(uses)], ascii_names)
        sentence.facts = facts if span_options is not None else [replace(f, repair=False) for f in facts]


def _outside(matches: list[Match], names: list[tuple[int, int]]) -> list[Match]:
    """The glossary matches that are not part of a person's name: "Tân Cương" (Xinjiang) inside
    "Thượng tướng Nguyễn Tân Cương" is no place."""
    return [m for m in matches if not any(a <= m.start and m.end <= b and (m.start, m.end) != (a, b) for a, b in names)]


def uses_at(uses: list[TermUse]) -> list[Match]:
    """The places of the terms in the source (before any span is rendered)."""
    return [Match(*use.at, None) for use in uses]


def _apply(text: str, replacements: list[tuple[int, int, str]]) -> str:
    pieces, position = [], 0
    for start, end, english in sorted(replacements):
        pieces += [text[position:start], english]
        position = end
    return "".join(pieces) + text[position:]


def _moved(at: tuple[int, int], spans: list[Span]) -> tuple[int, int]:
    """``at`` in the source, as it stands once the spans before it are rendered."""
    shift = sum(len(s.rendering) - (s.end - s.start) for s in spans if s.end <= at[0])
    return at[0] + shift, at[1] + shift


_NOUNS_MODIFIED = word_list("vi_modified_nouns.txt")


def modifies_noun(text: str, start: int) -> bool:
    """Whether a term at ``start`` modifies the noun before it ("chính phủ Syria", "hiện trạng
    địa chính trị"), so English wants its adjective ("the Syrian government").  Decided from
    the one or two words before it: a noun that takes an adjective (translator/data/
    vi_modified_nouns.txt).  After anything else ("ở Syria", "tấn công Syria") the noun form."""
    words = re.findall(r"[\p{L}\p{M}]+", text[max(0, start - 40) : start].lower())
    return bool(words) and (words[-1] in _NOUNS_MODIFIED or " ".join(words[-2:]) in _NOUNS_MODIFIED)


@lru_cache(maxsize=4096)
def term_pattern(english: str) -> re.Pattern:
    """The English term, words apart, an optional plural ending; a leading "the" is optional
    (the model may write "United States" after "the" of its own).  Any case, except an
    acronym ("US" is not "us")."""
    return re.compile(_boundaries(_body(english)), 0 if _acronym(english) else re.IGNORECASE)


@lru_cache(maxsize=4096)
def forms_pattern(forms: tuple[str, ...]) -> re.Pattern:
    """Any of ``forms`` (:func:`term_pattern`'s rules for each); built once per set of forms
    (verification runs for every sentence, and again in each round of placement)."""
    bodies = [f"(?-i:{_body(f)})" if _acronym(f) else _body(f) for f in forms]
    return re.compile(_boundaries("(?:" + "|".join(bodies) + ")"), re.IGNORECASE)


def _acronym(english: str) -> bool:
    return english.isupper() and len(english) <= 6


# Spellings that are the same term: British and American (-ise/-ize, -our/-or, -ence/-ense, -re/-er),
# any dash in a compound ("US-China", "US–China"), and dotted acronyms ("U.S." for "US").
_SPELLINGS = (
    (re.compile(r"i[sz](?=e|ation|ing)"), "i[sz]"),
    (re.compile(r"(?<=[a-z])our(?=s?$|ed$|ing$)"), "ou?r"),
    (re.compile(r"en[cs]e$"), "en[cs]e"),
    (re.compile(r"(?<=[a-z]{2}[^aeiou])re(?=s?$)"), "(?:re|er)"),
)


def _word(word: str) -> str:
    """One word of a term as a pattern that also takes its other spellings."""
    if word.isupper() and word.isalpha() and 2 <= len(word) <= 3:
        return r"\.?".join(word) + r"\.?"
    parts = [re.escape(part) for part in re.split(r"[-‐‑–—]", word)]
    for index, part in enumerate(parts):
        for pattern, replacement in _SPELLINGS:
            part = pattern.sub(replacement, part)
        parts[index] = part
    return "[-‐‑–—]".join(parts)


def _body(english: str) -> str:
    words = [_word(w) for w in english.split()]
    if len(words) > 1 and words[0].lower() == "the":
        words = [rf"(?:the\s+)?{words[1]}", *words[2:]]
    last = words[-1]
    last = f"(?:{last}|{last[:-1]}ies)" if last.endswith("y") else f"{last}(?:e?s)?"
    return r"\s+".join([*words[:-1], last])


def _boundaries(body: str) -> str:
    return rf"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])"


def missing(sentence: Sentence, text: str) -> list[TermUse]:
    """The sentence's terms that ``text`` lacks: each English must be there as often as it is wanted."""
    wanted = Counter(use.en for use in sentence.terms)
    forms = {use.en: (use.en, *use.forms) for use in sentence.terms}
    short = {english for english, count in wanted.items() if len(forms_pattern(forms[english]).findall(text)) < count}
    return [use for use in sentence.terms if use.en in short]


def lacking(sentence: Sentence, text: str, terms: bool = True) -> list[tuple[tuple[int, int], str]]:
    """What ``text`` lacks of the sentence's facts (and terms, with ``terms``): each as the place
    of its source in ``sentence.plain_input or source`` and the English wanted there."""
    items = [(use.at, use.en) for use in missing(sentence, text)] if terms else []
    rendered = {(s.start, s.end): s.rendering for s in sentence.spans}
    carried, _ = check(sentence.facts, sentence.source, text)
    for fact, ok in zip(sentence.facts, carried, strict=True):
        if not ok and fact.repair and restore(text, fact) is None:
            start = _moved((fact.start, fact.end), sentence.spans)[0]
            length = len(rendered.get((fact.start, fact.end), fact.source))
            items.append(((start, start + length), fact.english))
    return items


def verify(sentence: Sentence, first: str | None = None) -> None:
    """Check and, where certain, repair the terms and facts in ``sentence.translation``; flag the
    rest.  ``first``: the output before any fact was placed (a fact only the final one carries
    was placed)."""
    text = sentence.translation
    absent = {use.en for use in missing(sentence, text)}
    for english in dict.fromkeys(use.en for use in sentence.terms):
        if english in absent:
            sentence.flags.append(f"term not enforced: {english}")
        else:
            text = term_pattern(english).sub(lambda m, en=english: _recase(m, en), text)
    sentence.translation = text
    sentence.terms = [replace(use, enforced=use.en not in absent) for use in sentence.terms]
    _verify_facts(sentence, first)


def check_reviewed(sentence: Sentence) -> None:
    """Check a person's English like any other (terms enforced, facts kept: the fact ledger)
    without changing a letter of it: what it lacks is a note for the reviewer, never repaired or
    called fixed.  A fact whose only fault is its layout or diacritics ("2.200.112") counts as kept."""
    text = sentence.translation
    absent = {use.en for use in missing(sentence, text)}
    sentence.terms = [replace(use, enforced=use.en not in absent) for use in sentence.terms]
    carried, _ = check(sentence.facts, sentence.source, text)
    carried = [ok or restore(text, fact) is not None for fact, ok in zip(sentence.facts, carried, strict=True)]
    sentence.facts = settle(sentence.facts, carried)
    kept = [(f.start, f.end) for f in sentence.facts if f.status != "flagged"]
    sentence.spans = [replace(span, enforced=overlaps(span.start, span.end, kept)) for span in sentence.spans]
    lacked = dict.fromkeys(use.en for use in sentence.terms if use.en in absent)
    sentence.flags = [f"the reviewed English lacks the term: {english}" for english in lacked]
    lost = [fact for fact in sentence.facts if fact.status == "flagged"]
    sentence.flags += [f"the reviewed English lacks the {fact.kind}: {fact.english}" for fact in lost]


def _verify_facts(sentence: Sentence, first: str | None) -> None:
    """Each fact must be carried whole; restore it where certain, else flag it (and flag numbers
    the output has too many of).  A protected span is kept when its fact is."""
    facts = list(sentence.facts)
    for index, fact in enumerate(facts):
        restored = restore(sentence.translation, fact) if fact.repair else None
        if restored is not None:
            sentence.translation = restored
            facts[index] = replace(fact, status="restored")
    carried, extra = check(facts, sentence.source, sentence.translation)
    before = check(facts, sentence.source, first)[0] if first is not None else None
    sentence.facts = settle(facts, carried, before)
    sentence.flags += [fact.problem for fact in sentence.facts if fact.status == "flagged"] + extra
    kept = [(f.start, f.end) for f in sentence.facts if f.status != "flagged"]
    sentence.spans = [replace(span, enforced=overlaps(span.start, span.end, kept)) for span in sentence.spans]


def _recase(match: re.Match, english: str) -> str:
    """The glossary's letter case (a plural ending kept; a capital kept at the sentence start)."""
    found = match.group(0)
    if not found.lower().startswith(english.lower()):
        return found  # "allies" for "ally", or other spacing: already counted, left as written
    fixed = english + found[len(english) :]
    if match.start() == 0 and found[:1].isupper():
        fixed = fixed[:1].upper() + fixed[1:]
    return fixed


def term_counts(doc: Document) -> list[tuple[str, str, int, int]]:
    """``(vi, en, uses, enforced)`` for every term used in ``doc``, most used first."""
    uses: Counter[tuple[str, str]] = Counter()
    enforced: Counter[tuple[str, str]] = Counter()
    for sentence in doc.sentences():
        for use in sentence.terms:
            key = (use.vi, use.en)
            uses[key] += 1
            enforced[key] += use.enforced
    return [(vi, en, n, enforced[(vi, en)]) for (vi, en), n in uses.most_common()]
