"""What the benchmarks share: their command line, FLORES-200 devtest from ../shared, test models.

Every benchmark takes ``--smoke``: a tiny model and a few sentences of ``examples/``, so that it
runs in seconds without ../shared; the test suite runs each one so (tests/test_benchmarks.py),
so a benchmark that no longer runs fails CI instead of rotting.  Its figures mean nothing.
"""

from __future__ import annotations

import argparse
import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLORES = SHARED / "data" / "flores200-devtest"
REAL_MODEL = SHARED / "models" / "translate-vi_en-ted_small.argosmodel"
EXAMPLE = ROOT / "examples" / "chip-export-controls.txt"


def parser(doc: str) -> argparse.ArgumentParser:
    """A benchmark's command line (its description from ``doc``), with ``--smoke``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a tiny model and input: checks the script runs, fast")
    return parser


def example_lines() -> list[str]:
    """The paragraphs of the example article: smoke runs' input."""
    return [line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def work_folder(prefix: str) -> Path:
    """A fresh folder for a run; unpacked models and the translation memory go there too.
    Removed when the run ends (its figures are printed, not stored there)."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    os.environ["VIETRANS_CACHE_DIR"] = str(work / "cache")
    return work


def flores_and_base_model(prefix: str, smoke: bool = False) -> tuple[Path, Path, str]:
    """``(work folder, .argosmodel, Vietnamese text)``: a fresh work folder and a random
    transformer-base-size model (6+6 layers, d=512, int8, ~32k vocabulary) whose SentencePiece
    model is trained on FLORES, so sentences tokenise to realistic lengths.  Exits with a message
    when ../shared is absent.  ``smoke``: a tiny model and the example article instead."""
    from translator.testmodels import BASE, TINY, build_package

    work = work_folder(prefix)
    if smoke:
        text = "\n".join(example_lines())
        return work, build_package(work / "tiny.argosmodel", "random", TINY, texts=[text]), text
    if not FLORES.exists():
        sys.exit(f"skipped: {FLORES} is not present")
    vietnamese = (FLORES / "vie_Latn.devtest").read_text(encoding="utf-8")
    english = (FLORES / "eng_Latn.devtest").read_text(encoding="utf-8")
    return work, build_package(work / "base.argosmodel", "random", BASE, texts=[vietnamese, english]), vietnamese
