"""The test models themselves: what the tests built on them take for granted about their files.

(``../shared/notes/test-models.md``: random models stand in for timing, copy models for
structure; both must be shaped like the real families, or a test on them proves nothing.)"""

import json
import zipfile

from tests.conftest import FAMILY_NAMES
from translator.engines.families import FAMILIES, TEST_MARKER, vocabulary
from translator.testmodels import build_model_dir, build_package


def _tokens(folder, side: str) -> list[str]:
    for name in (f"{side}_vocabulary.json", "shared_vocabulary.json"):
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    raise AssertionError(f"no {side} vocabulary in {folder}")


def test_a_marian_folder_has_two_vocabularies_in_different_orders(tmp_path):
    """Only then does a test catch ids read through the wrong vocabulary."""
    folder = build_model_dir(tmp_path / "m", "marian", "copy")
    source, target = _tokens(folder, "source"), _tokens(folder, "target")
    assert sorted(source) == sorted(target) and source != target
    assert source[:3] == target[:3]  # the specials keep their places
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    assert (config["source_lang"], config["target_lang"]) == ("vi", "en")


def test_multilingual_folders_hold_other_languages_tokens_too(tmp_path):
    """A real NLLB or M2M-100 model knows 200 or 100 languages: a wrong language token must be possible."""
    others = {"nllb": {"fra_Latn", "deu_Latn"}, "m2m100": {"__fr__", "__de__"}, "madlad": set(), "marian": set()}
    for family in FAMILY_NAMES:
        folder = build_model_dir(tmp_path / family, family, "random")
        tokens = vocabulary(folder, "source")
        assert set(FAMILIES[family].language_tokens) | others[family] <= tokens, family
        assert (folder / TEST_MARKER).read_text(encoding="utf-8").endswith("NOT a translator\n")


def test_a_package_with_a_target_prefix_knows_the_prefix_token(tmp_path):
    path = build_package(tmp_path / "p.argosmodel", "copy", target_prefix="__en__")
    with zipfile.ZipFile(path) as archive:
        [vocab] = [n for n in archive.namelist() if n.endswith("model/shared_vocabulary.json")]
        assert "__en__" in json.loads(archive.read(vocab))
        metadata = json.loads(archive.read(next(n for n in archive.namelist() if n.endswith("/metadata.json"))))
    assert metadata["target_prefix"] == "__en__"


def test_vietrans_models_shows_the_test_packages_version(tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    path = build_package(tmp_path / "p.argosmodel", "random", version="2.3")
    runner = CliRunner()
    assert runner.invoke(main, ["models", "install", str(path)], catch_exceptions=False).exit_code == 0
    listed = runner.invoke(main, ["models", "list"], catch_exceptions=False).output
    assert "vi→en\t2.3  (test model)" in listed
