"""A row's status as desks write it: Vietnamese or English words, with or without diacritics,
check marks, or the review table's drop-down (``translator.export.rows.STATUS_CHOICES``).

A status is matched whole (after folding case, diacritics, punctuation and emoji variation
selectors), never by a word inside it: "chưa đạt" (not yet passed) must not read as "đạt"
(passed), nor "cần sửa" (needs fixing) as "sửa" (fixed).  A status made of parts ("✅ Đạt",
"Đã duyệt / approved", "OK (approved)") counts when every part agrees.
"""

from __future__ import annotations

import unicodedata

import regex as re

APPROVED = "approved"
CORRECTED = "corrected"
_CHECKS = "✓✔✅☑🗸👍"
_PHRASES = {
    APPROVED: {
        "approved",
        "approve",
        "ok",
        "okay",
        "yes",
        "y",
        "done",
        "accepted",
        "accept",
        "reviewed",
        "final",
        "good",
        "fine",
        "pass",
        "passed",
        "checked",
        "x",
        "da duyet",  # Đã duyệt: approved
        "duyet",  # Duyệt
        "dat",  # Đạt: passed
        "da dat",
        "dong y",  # Đồng ý: agreed
        "chap nhan",  # Chấp nhận: accepted
        "on",  # Ổn: fine
        "tot",  # Tốt: good
        "duoc",  # Được: OK
        "dung",  # Đúng: right
        "da kiem tra",  # Đã kiểm tra: checked
        "ok roi",  # OK rồi
        "xong",  # Xong: done
    },
    CORRECTED: {
        "corrected",
        "edited",
        "fixed",
        "changed",
        "revised",
        "da sua",  # Đã sửa: corrected
        "sua",  # Sửa
        "da chinh",  # Đã chỉnh
        "chinh sua",  # Chỉnh sửa
        "da chinh sua",
        "hieu dinh",  # Hiệu đính: edited
        "da hieu dinh",
    },
}
_SEPARATORS = re.compile(r"\s*(?:[/|;,()\[\]–—]|\s-\s)\s*")


def fold(status: str) -> str:
    """Lower case without diacritics (đ → d) or punctuation at the ends, one space between words."""
    text = unicodedata.normalize("NFD", status.replace("Đ", "D").replace("đ", "d").lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn" and c != "\ufe0f")
    return " ".join(text.strip(" .!:-*'\"").split())


def meaning(status: str) -> str | None:
    """``approved``, ``corrected``, "" for no status, or None for a status vietrans cannot act on
    ("needs work", "chưa đạt")."""
    folded = fold(status)
    if not folded:
        return ""
    parts = [p for p in _SEPARATORS.split(folded) if p]
    found = set()
    for part in parts:
        part = part.strip(" .!:-*")
        checks = [c for c in part if c in _CHECKS]
        rest = fold("".join(c for c in part if c not in _CHECKS))
        if checks and not rest:
            found.add(APPROVED)
            continue
        kinds = [kind for kind, phrases in _PHRASES.items() if rest in phrases]
        if not kinds:
            return None
        found.add(kinds[0])
    if len(found) == 1:
        return found.pop()
    return None  # "approved" and "corrected" at once: a person's word, not guessed at
