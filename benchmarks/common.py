"""What the benchmarks share: FLORES-200 devtest from ../shared and a transformer-base-size test model."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

FLORES = Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-devtest"


def flores_and_base_model(prefix: str) -> tuple[Path, Path, str]:
    """``(work folder, .argosmodel, Vietnamese FLORES text)``: a fresh work folder (the memory and
    unpacked models go there too) and a random transformer-base-size model (6+6 layers, d=512,
    int8, ~32k vocabulary) whose SentencePiece model is trained on FLORES, so sentences tokenise
    to realistic lengths.  Exits with a message when ../shared is absent."""
    if not FLORES.exists():
        sys.exit(f"skipped: {FLORES} is not present")
    work = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["VIETRANS_CACHE_DIR"] = str(work / "cache")
    from translator.testmodels import BASE, build_package

    vietnamese = (FLORES / "vie_Latn.devtest").read_text(encoding="utf-8")
    english = (FLORES / "eng_Latn.devtest").read_text(encoding="utf-8")
    return work, build_package(work / "base.argosmodel", "random", BASE, texts=[vietnamese, english]), vietnamese
