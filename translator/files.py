"""Write files the way a careful program does: whole or not at all.

Every file vietrans writes (reports, glossaries, exports of the memory)
goes through :func:`write_bytes`: the bytes land in a temporary file beside
the target, which is renamed into place, so an interrupted run never leaves
half a file.  The result has the mode an ordinary write would give it (the
umask's, or the mode the file already had), an edit of a symbolic link
changes the file it points to, and the temporary name is short, so a
target whose name is near the file system's 255-byte limit still works.
Files are read through :func:`read_bytes`, which says in one line why one cannot be.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from pathlib import Path

from translator.errors import OutputError, VietransError

NAME_MAX = 255  # bytes in one file name on every common file system


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _temp_prefix(target: Path) -> str:
    """``.vt-<hash of the name>-``: ties a temporary file to its target in a short name."""
    return ".vt-" + hashlib.sha256(target.name.encode()).hexdigest()[:10] + "-"


def write_bytes(data: bytes, target: Path, force: bool = False) -> Path:
    """Write ``data`` to ``target`` through a temporary file renamed into place.

    Refuses an existing target unless ``force``; refuses a folder always.
    Temporary files left by a killed run for the same target are removed first.
    """
    target = Path(target)
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise OutputError(f"{target} is a folder, not a file")
    if target.exists() and not force:
        raise OutputError(f"{target} exists; add --force to overwrite it")
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o666 & ~_umask()
        target.parent.mkdir(parents=True, exist_ok=True)
        prefix = _temp_prefix(target)
        for stale in target.parent.glob(prefix + "*.part"):
            stale.unlink(missing_ok=True)
        tmp = target.parent / f"{prefix}{secrets.token_hex(4)}.part"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise OutputError(f"{target.parent}: a file is in the way of the output folder") from None
    except NotADirectoryError:
        raise OutputError(f"{target}: a part of the path is a file, not a folder") from None
    except OSError as err:
        raise OutputError(f"{target}: cannot write ({err.strerror})") from None
    return target


def fit_name(name: str, keep: str = "") -> str:
    """``name`` shortened (a short hash standing for what was cut) so that ``name`` fits
    in :data:`NAME_MAX` bytes; ``keep`` is a suffix that must survive whole."""
    stem = name[: len(name) - len(keep)] if keep and name.endswith(keep) else name
    suffix = name[len(stem) :]
    if len(name.encode()) <= NAME_MAX:
        return name
    tag = "~" + hashlib.sha256(name.encode()).hexdigest()[:8]
    room = NAME_MAX - len(suffix.encode()) - len(tag)
    cut = stem.encode()[:room].decode("utf-8", errors="ignore")
    return cut + tag + suffix


def read_bytes(path: Path, error: type[VietransError], kind: str) -> bytes:
    """A file's bytes, or ``error`` with one line saying why not (``kind``: what the file should be)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not {kind}") from None
    except OSError as err:
        raise error(f"{path}: cannot read ({err.strerror})") from None
