"""The model's own failures, detected per sentence: the reviewer's flags.

An empty output, an output that copies the Vietnamese source, a loop that
repeats a token ("pre- pre- pre-"), an output far longer than its source,
or a low model score.  Empty, looping and overlong outputs are worth one
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
RETRYABLE = ("empty translation", "repetition loop", "much longer than the source")
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
    if score is not None and score < LOW_SCORE:
        found.append("low model score")
    return found


def retryable(flags: list[str]) -> bool:
    return any(flag in RETRYABLE for flag in flags)
