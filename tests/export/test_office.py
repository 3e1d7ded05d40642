"""LibreOffice as a converter: what is refused, and why, in one line."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from translator.errors import OutputError
from translator.export import office


def test_a_conversion_it_does_not_offer_is_refused_naming_those_it_does():
    with pytest.raises(OutputError) as refused:
        office.convert(b"", ".docx", "rtf")
    assert str(refused.value) == "LibreOffice conversion to rtf is not offered (only pdf, odt)"


def test_without_libreoffice_a_pdf_is_refused_saying_what_is_missing(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(OutputError) as refused:
        office.convert(b"", ".docx", "pdf")
    assert str(refused.value) == "writing pdf needs LibreOffice (soffice), which is not installed"


def test_a_conversion_runs_libreoffice_headless_in_its_own_profile_and_home_and_returns_its_file(
    fake_office, monkeypatch
):
    """The command LibreOffice gets, argument by argument; the converted file's bytes come back and
    the private folder (profile, copies) is gone afterwards."""
    monkeypatch.setenv("FAKE_MODE", "ok")
    assert office.convert(b"DOCX BYTES", ".docx", "pdf") == b"converted DOCX BYTES"
    called = fake_office.read_text().splitlines()
    work = called[-2].rsplit("/", 1)[0]  # the source's folder: the conversion's own temporary folder
    assert called == [
        f"-env:UserInstallation=file://{work}/profile",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        f"{work}/out",
        f"{work}/document.docx",
        f"HOME={work}",
    ]
    assert "/vietrans-office-" in work and not os.path.exists(work)


@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("said", "LibreOffice could not write pdf: Error: source file could not be loaded"),  # its last line
        ("stdout", "LibreOffice could not write pdf: Error: no export filter for pdf"),  # exit 0 but no file
        ("partial", "LibreOffice could not write pdf: Error: disk full"),  # a file, but it failed
        ("silent", "LibreOffice could not write pdf"),
    ],
)
def test_a_failed_conversion_says_so_in_one_line_with_the_last_thing_libreoffice_said(
    fake_office, monkeypatch, mode: str, said: str
):
    monkeypatch.setenv("FAKE_MODE", mode)
    with pytest.raises(OutputError) as refused:
        office.convert(b"x", ".docx", "pdf")
    assert str(refused.value) == said


def test_a_conversion_that_takes_too_long_is_stopped_with_its_helpers(fake_office, monkeypatch):
    monkeypatch.setenv("FAKE_MODE", "hangs")
    started = time.monotonic()
    with pytest.raises(OutputError) as refused:
        office.convert(b"x", ".docx", "pdf", timeout=1.0)
    assert str(refused.value) == "LibreOffice took longer than 1 s to write pdf; stopped"
    assert time.monotonic() - started < 10
    helper = int(fake_office.with_name("called.helper").read_text())
    assert _gone(helper)


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (waiting a little for it to be reaped)."""
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z"):
            return True  # killed, waiting for its parent to reap it
        time.sleep(0.1)
    return False


def test_no_more_than_two_conversions_run_at_once(fake_office, monkeypatch):
    """Each is a whole LibreOffice: a third waits for one of the two to finish."""
    monkeypatch.setenv("FAKE_MODE", "ok")
    monkeypatch.setenv("FAKE_GATHER", "3")  # each waits for a third to start: two at once, whatever the load
    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(lambda n: office.convert(b"%d" % n, ".docx", "pdf"), range(3))) == [
            b"converted 0",
            b"converted 1",
            b"converted 2",
        ]
    events = fake_office.with_name("called.events").read_text().split()
    running = [events[: i + 1].count("start") - events[: i + 1].count("end") for i in range(len(events))]
    assert (sorted(events), max(running)) == (["end"] * 3 + ["start"] * 3, 2)


def test_libreoffice_is_found_under_its_other_name(tmp_path, monkeypatch):
    (tmp_path / "libreoffice").write_text("#!/bin/sh\n")
    (tmp_path / "libreoffice").chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert office.find_soffice() == str(tmp_path / "libreoffice")
