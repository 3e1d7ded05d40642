"""The model's own failures, detected per sentence: the reviewer's flags.

An empty output, an output that copies the Vietnamese source or is still
Vietnamese, a loop that repeats a token ("pre- pre- pre-"), an output far
longer or far shorter than its source (a sentence left half translated), or a
low model score.  Empty, looping, overlong and short outputs are worth one
retry with safer decoding; what is still wrong after it is flagged.
"""

from __future__ import annotations

import regex as re

# Set from a real model's output on FLORES devtest (README, "Flags"): the mean log-probability per
# token (translator.engines.Translation.score).  Of outputs below -1.4, 93% were unusable when read
# against the references; of outputs read as conveying the gist, 13% fell below it.
LOW_SCORE = -1.4
# Output characters per source character beyond which output is "much longer": no human reference
# in FLORES devtest goes beyond 1.85 (the real model's outputs: 1.5).
LENGTH_RATIO = 2.0
# Below these shares of the source's characters or words an output has left something out: no
# human reference in FLORES devtest goes below 0.53 of the characters or 0.42 of the words.
SHORT_CHARS, SHORT_WORDS, SHORT_FROM = 0.5, 0.4, 8  # (only sources of SHORT_FROM words or more)
# An output with this share of its lower-case words in Vietnamese spelling is still Vietnamese
# (names keep their marks, and are capitalised).
VIETNAMESE_SHARE = 0.2
RETRYABLE = ("empty translation", "repetition loop", "much longer than the source", "much shorter than the source")
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
_LOOP = re.compile(r"(\S{1,20}?)(?:\s*\1){3,}|(\S+\s+\S+)(?:\s+\2){2,}")


def problems(source: str, translation: str, score: float | None) -> list[str]:
    """What is wrong with one translation, in words a reviewer reads."""
    if not source.strip():
        return []
    if not translation.strip():
        return ["empty translation"]
    found = []
    if translation.strip() == source.strip() and _VIETNAMESE.search(source):
        found.append("copied from the source")
    if _LOOP.search(translation):
        found.append("repetition loop")
    if len(translation) > LENGTH_RATIO * len(source) + 20:
        found.append("much longer than the source")
    words = len(source.split())
    if words >= SHORT_FROM and (
        len(translation) < SHORT_CHARS * len(source) or len(translation.split()) < SHORT_WORDS * words
    ):
        found.append("much shorter than the source")
    if "copied from the source" not in found and still_vietnamese(translation):
        found.append("still Vietnamese")
    if score is not None and score < LOW_SCORE:
        found.append("low model score")
    return found


def still_vietnamese(translation: str) -> bool:
    """Whether an output is (much of it) still in Vietnamese: three or more of its lower-case
    words, and a fair share of them, spelt with Vietnamese letters."""
    lower = [w for w in re.findall(r"[\p{L}\p{M}]+", translation) if w[0].islower()]
    marked = sum(1 for w in lower if _VIETNAMESE.search(w))
    return marked >= 3 and marked >= VIETNAMESE_SHARE * len(lower)


def retryable(flags: list[str]) -> bool:
    return any(flag in RETRYABLE for flag in flags)
