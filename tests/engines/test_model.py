"""A model on disk names itself (exports print its label) and fingerprints itself (its identity keys
the translation memory): which changes make it another model, and which do not."""

from dataclasses import replace
from pathlib import Path

import pytest

from translator.backends import Backend
from translator.engines.ct2 import DecodeOptions, Engine
from translator.engines.model import ModelPackage

MIB = 1 << 20
TEST = "(TEST MODEL: output is not a translation)"


def _package(folder: Path, family: str = "argos", weights: int = 3 * MIB) -> ModelPackage:
    """A model of ``weights`` bytes of zeros (identity only reads files; nothing is decoded)."""
    (folder / "model").mkdir(parents=True)
    (folder / "model" / "model.bin").write_bytes(bytes(weights))
    (folder / "model" / "config.json").write_text("{}")
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(name.encode())
    return ModelPackage(
        folder, "translate-vi_en", "vi", "en", "1.9", family=family, model_dir=folder / "model",
        source_tokenizer=folder / "source.spm", target_tokenizer=folder / "target.spm",
    )  # fmt: skip


def _flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("changed", "label"),
    [
        ({}, "translate-vi_en 1.9"),
        ({"is_test": True}, f"translate-vi_en 1.9 {TEST}"),
        ({"family": "nllb", "name": "nllb-200"}, "nllb-200 (nllb)"),
        ({"family": "nllb", "name": "nllb-200", "is_test": True}, f"nllb-200 (nllb) {TEST}"),
    ],
)  # fmt: skip
def test_the_label_names_the_model_and_says_when_it_is_a_test_model(changed, label):
    assert replace(ModelPackage(Path("m"), "translate-vi_en", "vi", "en", "1.9"), **changed).label == label


@pytest.mark.parametrize(
    ("where", "counts"),
    [
        (0, True),
        (MIB - 1, True),  # the last byte of the first MiB
        (MIB, False),  # the middle is not read: a model of gigabytes is fingerprinted at once
        (2 * MIB - 1, False),
        (2 * MIB, True),  # the first byte of the last MiB
        (3 * MIB - 1, True),
    ],
)
def test_the_identity_reads_the_first_and_last_mib_of_the_weights(tmp_path, where, counts):
    package = _package(tmp_path)
    before = package.identity
    _flip(package.model_dir / "model.bin", where)
    assert (package.identity != before) is counts
    assert len(before) == 16 and int(before, 16) >= 0


@pytest.mark.parametrize("family", ["argos", "nllb"])
def test_the_identity_is_the_weights_tokenizers_and_tokens_not_where_the_model_lies(tmp_path, family):
    """The same files elsewhere (a converted folder under another name): the same model.  Any other
    weights, tokenizer, token around a sentence, or (Argos) name and version: another model."""
    package = _package(tmp_path / "one", family)
    moved = _package(tmp_path / "two" / "renamed", family)
    moved = replace(moved, name="renamed") if family != "argos" else moved
    assert moved.identity == package.identity
    variants = [
        replace(package, target_lead=("eng_Latn",)),
        replace(package, target_tokenizer=package.source_tokenizer),
    ]
    if family == "argos":
        variants += [replace(package, name="translate-vi_en-other"), replace(package, version="2.0")]
    else:
        variants += [replace(package, source_lead=("vie_Latn",)), replace(package, source_end=("</s>",))]
        variants.append(replace(package, family="m2m100"))
    identities = [package.identity, *(variant.identity for variant in variants)]
    changes = [("model/model.bin", bytes(3 * MIB + 1)), ("source.spm", b"other"), ("target.spm", b"other")]
    for name, data in changes + ([("model/config.json", b'{"a": 1}')] if family != "argos" else []):
        (moved.path / name).write_bytes(data)  # one file more changed each time
        identities.append(moved.identity)
    assert len(set(identities)) == len(identities)


def test_the_context_is_the_identity_and_the_options_that_shape_outputs(tmp_path):
    package = _package(tmp_path)
    options = DecodeOptions(beam_size=4, threads=3)
    assert package.context(options) == f"{package.identity}|beam=4;ratio=1.5;max=512;score=token"


def test_a_package_opens_its_engine_here_by_default(random_model):
    from translator.engines import packages as models

    package = models.resolve(str(random_model))
    options = DecodeOptions(beam_size=1)
    for engine in (package.open(options), package.open(options, Backend())):
        assert isinstance(engine, Engine) and (engine.package, engine.options) == (package, options)
