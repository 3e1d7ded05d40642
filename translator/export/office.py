"""LibreOffice as a converter: an English Word document rendered as PDF or OpenDocument.

vietrans writes Word itself; PDF and ODT it leaves to LibreOffice (``soffice --headless
--convert-to``) where one is installed (Debian: ``libreoffice-writer-nogui``).  Each
conversion runs in its own temporary folder with its own user profile
(``-env:UserInstallation``), so conversions running at once never share LibreOffice's lock
files; a conversion that takes longer than ``timeout`` seconds is stopped.  The call blocks:
a server runs it in a worker thread.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

from translator.errors import OutputError

CONVERTS_TO = ("pdf", "odt")
TIMEOUT = 180.0  # seconds for one conversion (LibreOffice's first start in a new profile is the slow part)
_AT_ONCE = threading.BoundedSemaphore(2)  # each conversion is a whole LibreOffice process


def find_soffice() -> str | None:
    """LibreOffice's command, or None where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(data: bytes, suffix: str, to: str, timeout: float = TIMEOUT) -> bytes:
    """The document ``data`` (a file ending ``suffix``, e.g. ``.docx``) converted to ``to`` (pdf, odt)."""
    if to not in CONVERTS_TO:
        raise OutputError(f"LibreOffice conversion to {to} is not offered (only {', '.join(CONVERTS_TO)})")
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(f"writing {to} needs LibreOffice (soffice), which is not installed")
    with _AT_ONCE, tempfile.TemporaryDirectory(prefix="vietrans-office-") as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        env = {**os.environ, "HOME": str(work)}
        # Its own process group: a conversion stopped for time takes LibreOffice's helpers with it.
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
        )
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise OutputError(f"LibreOffice took longer than {timeout:g} s to write {to}; stopped") from None
        result = work / "out" / f"document.{to}"
        if process.returncode != 0 or not result.is_file():
            said = (err or out).decode("utf-8", "replace").strip().splitlines()
            raise OutputError(f"LibreOffice could not write {to}" + (f": {said[-1]}" if said else ""))
        return result.read_bytes()
