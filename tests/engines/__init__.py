"""Tests of the engines; ``raises_line`` is how they expect an error: the one whole line a user reads."""

import re

import pytest


def raises_line(error: type[Exception], line: str):
    """``pytest.raises`` for exactly ``line``, nothing more or less (a mutant that changes any of it fails)."""
    return pytest.raises(error, match=f"^{re.escape(line)}$")
