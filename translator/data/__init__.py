"""Word lists the stages read (one phrase a line, ``#`` starts a comment)."""

from __future__ import annotations

import unicodedata
from importlib import resources


def word_list(name: str) -> frozenset[str]:
    """A data file's phrases, lower case, NFC."""
    text = resources.files("translator.data").joinpath(name).read_text("utf-8")
    return frozenset(
        unicodedata.normalize("NFC", line.strip().lower())
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )
