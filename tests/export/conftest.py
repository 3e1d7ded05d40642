"""Export tests' fixtures: a stand-in LibreOffice, so conversions run (and are checked) where none is installed."""

from __future__ import annotations

import pytest

_FAKE = r"""#!/bin/sh
# A stand-in for LibreOffice: notes how it was called, then does what FAKE_MODE says.
printf '%s\n' "$@" "HOME=$HOME" > "$FAKE_LOG"
echo "start" >> "$FAKE_LOG.events"
for last; do :; done                      # the file to convert
to=$(printf '%s\n' "$@" | sed -n '/^--convert-to$/{n;p}')
out=$(printf '%s\n' "$@" | sed -n '/^--outdir$/{n;p}')
case "$FAKE_MODE" in
  ok) mkdir -p "$out" && { printf 'converted '; cat "$last"; } > "$out/document.$to"
      i=0  # with FAKE_GATHER=N, wait (3 s at most) until N conversions have started
      while [ "$(grep -c start "$FAKE_LOG.events")" -lt "${FAKE_GATHER:-0}" ] && [ $i -lt 30 ]; do
        sleep 0.1; i=$((i+1))
      done ;;
  said) echo "javaldx: could not find a Java Runtime" >&2; echo "Error: source file could not be loaded" >&2; exit 1 ;;
  stdout) echo "convert: starting"; echo "Error: no export filter for pdf"; exit 0 ;;
  partial) mkdir -p "$out" && echo "half" > "$out/document.pdf"; echo "Error: disk full" >&2; exit 1 ;;
  silent) exit 77 ;;
  hangs) sleep 60 & echo $! > "$FAKE_LOG.helper"; wait ;;
esac
echo "end" >> "$FAKE_LOG.events"
"""


@pytest.fixture
def fake_office(tmp_path, monkeypatch):
    """``soffice`` on PATH is the stand-in above; returns where it notes its calls."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    (bin_folder / "soffice").write_text(_FAKE)
    (bin_folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_folder}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "called"))
    return tmp_path / "called"
