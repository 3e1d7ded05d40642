"""Which files a run reads: files, folders (recursively) and globs, each once; URLs as given.

The pipeline plans one job per article found here; what counts as an article (its suffix, not
an editor's lock file or one of vietrans's own outputs) is decided in one place, :func:`is_article`.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from translator.errors import InputError
from translator.export import OUTPUT_SUFFIXES
from translator.read import SUFFIXES
from translator.read.fetch import is_url

STDIN = "-"


def expand_inputs(inputs: Sequence[str]) -> list[tuple[str, Path | None]]:
    """Files, folders (recursively, by suffix) and globs → ``(input, root)`` pairs.

    ``root`` is the folder an input was found under (a folder given, or a glob's
    leading folders), so outputs can mirror the tree below it.  Folders and globs
    skip the same files (:func:`is_article`); symbolic links to folders are not
    followed (no loops).  A file named twice is done once.
    """
    found: list[tuple[str, Path | None]] = []
    for item in inputs:
        path = Path(item)
        if item == STDIN or is_url(item) or path.is_file() or (not path.exists() and not glob.has_magic(item)):
            found.append((item, None))  # a missing file is reported when it is read
        elif path.is_dir():
            articles = [(str(p), path) for p in _walk(path)]
            if not articles:
                raise InputError(f"{path}: no articles ({', '.join(SUFFIXES)}) in this folder")
            found.extend(articles)
        else:
            matches = [p for p in sorted(glob.glob(item, recursive=True)) if Path(p).is_file() and is_article(Path(p))]
            if not matches:
                raise InputError(f"{item}: no articles ({', '.join(SUFFIXES)}) match this pattern")
            found.extend((p, _glob_root(item)) for p in matches)
    seen: set[str | Path] = set()
    unique = []
    for item, root in found:
        key = item if item == STDIN or is_url(item) else Path(item).resolve()
        if key not in seen:
            unique.append((item, root))
            seen.add(key)
    return unique


def _glob_root(pattern: str) -> Path:
    """The folders of a glob before its first wildcard: ``in/**/*.txt`` → ``in``."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if glob.has_magic(part)), len(parts) - 1)
    return Path(*parts[:fixed]) if fixed else Path()


# Files editors keep beside a document while it is open: Word's owner file "~$name.docx",
# LibreOffice's ".~lock.name#", Emacs's "#name#" and "name~" backups.
_EDITOR_TEMP = ("~$", ".~lock.", "#")


def is_article(path: Path) -> bool:
    """A file a folder or a glob brings in: an article suffix, not hidden, not an editor's
    lock or backup file, not one of vietrans's own outputs."""
    name = path.name
    return (
        not name.startswith((".", *_EDITOR_TEMP))
        and not name.endswith("~")
        and path.suffix.lower() in SUFFIXES
        and not name.endswith(OUTPUT_SUFFIXES)
    )


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if is_article(path):
                yield path
