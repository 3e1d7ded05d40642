"""Where in a translation the English for a stretch of the source went: the model's attention.

A term the model did not write is placed where the model translated its
Vietnamese: the output is decoded again up to that point, the term is forced
there, and the model finishes the sentence after it (see
``translator.translate.sentences``).  That point is found from the attention the model
pays to the source while writing each output token: the run of output words
that attend most to the term's source tokens.  Attention is a noisy aligner,
so a run is taken where its words attend to the term more than to any other
source token (their argmax falls on the term); failing that, the one word that
attends to the term most, if it gives it a fair share of its attention.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_ATTENTION = 0.1  # the least share of a word's attention on a term for a word no argmax puts there


@dataclass(frozen=True)
class Alignment:
    """A source text and its translation as the model saw them: each token's character span
    in its text, and the attention of every target token over the source tokens."""

    source: list[tuple[int, int]]  # per source token: (start, end) in the source text
    target: list[tuple[int, int]]  # per target token: (start, end) in the target text
    weights: list[list[float]]  # target tokens × source tokens


def spans_of(surfaces: list[str]) -> list[tuple[int, int]]:
    """Character spans of consecutive token surfaces (each holding its own leading space),
    with the leading space left out of the span."""
    spans, position = [], 0
    for surface in surfaces:
        stripped = surface.lstrip()
        start = position + len(surface) - len(stripped)
        position += len(surface)
        spans.append((start, position))
    return spans


def anchor(alignment: Alignment, start: int, end: int) -> tuple[int, int] | None:
    """The character span in the target of the output words that translate
    ``source[start:end]``, or None when no output word attends to it most."""
    tokens = {i for i, (a, b) in enumerate(alignment.source) if a < end and b > start and b > a}
    if not tokens or not alignment.weights:
        return None
    words: list[list[int]] = []  # target tokens grouped into words (a word starts after a space)
    previous_end = -1
    for index, (a, _) in enumerate(alignment.target):
        if not words or a > previous_end:
            words.append([index])
        else:
            words[-1].append(index)
        previous_end = alignment.target[index][1]
    best: tuple[float, int, int] | None = None  # (mass, first word, last word)
    run_mass, run_start = 0.0, None
    mass = []  # per word: the attention its tokens pay to the term, on average
    for w, members in enumerate([*words, []]):
        rows = [alignment.weights[t] for t in members if t < len(alignment.weights)]
        on_term = any(max(range(len(row)), key=row.__getitem__) in tokens for row in rows if row)
        word_mass = sum(row[s] for row in rows for s in tokens if s < len(row))
        mass.append(word_mass / max(1, len(rows)))
        if on_term:
            run_start = w if run_start is None else run_start
            run_mass += word_mass
            continue
        if run_start is not None and (best is None or run_mass > best[0]):
            best = (run_mass, run_start, w - 1)
        run_mass, run_start = 0.0, None
    if best is None:  # no word attends to the term most: the word attending to it most, if clearly
        word = max(range(len(words)), key=mass.__getitem__)
        if mass[word] < MIN_ATTENTION:
            return None
        best = (mass[word], word, word)
    first, last = words[best[1]][0], words[best[2]][-1]
    return alignment.target[first][0], alignment.target[last][1]
