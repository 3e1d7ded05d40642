"""Shared fixtures: isolated package folders and test models built at test time.

argostranslate reads its folders from the environment when first imported,
so the environment is set before any test imports it; each test then gets a
fresh package folder of its own.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests judge behaviour, not speed: on a loaded 2-core runner (CI, a mutation run) input
# generation and examples are slow, and Hypothesis's timing checks would fail them for it.
settings.register_profile("vietrans", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("vietrans")

_HOME = Path(tempfile.mkdtemp(prefix="vietrans-tests-"))
# Removed when the test process ends (not when a session does: a process may run pytest more than
# once, and the environment keeps pointing here); only by the process that made it, not by a child
# forked from it (a mutation run's) that exits while its parent goes on.
_MAKER = os.getpid()


@atexit.register
def _remove_home() -> None:
    if os.getpid() == _MAKER:
        shutil.rmtree(_HOME, ignore_errors=True)


os.environ.update(
    HOME=str(_HOME),
    XDG_DATA_HOME=str(_HOME / "data"),
    XDG_CONFIG_HOME=str(_HOME / "config"),
    XDG_CACHE_HOME=str(_HOME / "cache"),
    ARGOS_PACKAGES_DIR=str(_HOME / "packages"),
    VIETRANS_CACHE_DIR=str(_HOME / "vietrans-cache"),
    VIETRANS_OFFLINE="1",  # no test may reach for the network
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_6c5cff5d7447aa21.txt"
EXAMPLE = ROOT / "examples" / "chip-export-controls.txt"
DATA = ROOT / "tests" / "data"  # fixtures: saved pages, site structures, term lists


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under a mutation run, a mutant's quickest tests go first.

    mutmut runs the tests that reach a mutant with ``-x``, in no particular order; most mutants
    fail their first test, so starting with the cheapest (by the durations its statistics pass
    recorded) makes a killed mutant cost seconds instead of a Ray or LibreOffice test.
    """
    stats = Path("mutmut-stats.json")  # mutmut runs pytest inside mutants/
    if os.environ.get("MUTANT_UNDER_TEST", "") in {"", "stats", "fail", "list_all_tests"} or not stats.is_file():
        return
    durations = json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})
    items.sort(key=lambda item: durations.get(item.nodeid, float("inf")))


@pytest.fixture(autouse=True)
def package_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty Argos package folder for every test."""
    from argostranslate import settings

    folder = tmp_path / "argos-packages"
    folder.mkdir()
    monkeypatch.setattr(settings, "package_data_dir", folder)
    monkeypatch.setattr(settings, "package_dirs", [folder])
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.setenv("VIETRANS_CACHE_DIR", str(tmp_path / "vietrans-cache"))
    return folder


def _corpus() -> list[str]:
    return [EXAMPLE.read_text(encoding="utf-8")] + ([SEED.read_text(encoding="utf-8")] if SEED.exists() else [])


@pytest.fixture(scope="session")
def random_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random-weight .argosmodel: valid, fast, gibberish output."""
    from translator.testmodels import build_package

    return build_package(tmp_path_factory.mktemp("models") / "random.argosmodel", "random")


@pytest.fixture(scope="session")
def copy_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .argosmodel whose output is its input."""
    from translator.testmodels import build_package

    return build_package(tmp_path_factory.mktemp("models") / "copy.argosmodel", "copy", texts=_corpus())


@pytest.fixture(scope="session")
def family_models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy model folder of each CTranslate2 family (translator.engines.families)."""
    from translator.testmodels import build_model_dir

    root = tmp_path_factory.mktemp("families")
    return {name: build_model_dir(root / name, name, "copy", texts=_corpus()) for name in FAMILY_NAMES}


@pytest.fixture(scope="session")
def nllb_copy(family_models: dict[str, Path]) -> Path:
    return family_models["nllb"]


FAMILY_NAMES = ("marian", "nllb", "m2m100", "madlad")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice(source: Path, to: str, outdir: Path) -> Path:
    """Open ``source`` in LibreOffice (headless) and save it as ``to`` in ``outdir``, as a user would."""
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", to, "--outdir", str(outdir), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(outdir), "PATH": "/usr/bin:/bin"},
    )
    return outdir / f"{source.stem}.{to}"


def needs_seed() -> pytest.MarkDecorator:
    return pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not present")
