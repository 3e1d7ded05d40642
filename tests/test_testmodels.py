"""The test models themselves: what the tests built on them take for granted about their files.

(``../shared/notes/test-models.md``: random models stand in for timing, copy models for
structure; both must be shaped like the real families, or a test on them proves nothing.)"""

import json
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import FAMILY_NAMES
from translator.engines.families import TEST_MARKER
from translator.testmodels import ModelSize, build_model_dir, build_package


def _tokens(folder, side: str) -> list[str]:
    for name in (f"{side}_vocabulary.json", "shared_vocabulary.json"):
        if (folder / name).is_file():
            return json.loads((folder / name).read_text(encoding="utf-8"))
    raise AssertionError(f"no {side} vocabulary in {folder}")


def test_a_marian_folder_has_two_vocabularies_in_different_orders(tmp_path):
    """Only then does a test catch ids read through the wrong vocabulary."""
    folder = build_model_dir(tmp_path / "m", "marian", "copy")
    source, target = _tokens(folder, "source"), _tokens(folder, "target")
    assert target == source[:3] + source[:2:-1]  # the specials keep their places, the rest is reversed


def test_vietrans_models_shows_the_test_packages_version(tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    path = build_package(tmp_path / "p.argosmodel", "random", version="2.3")
    runner = CliRunner()
    assert runner.invoke(main, ["models", "install", str(path)], catch_exceptions=False).exit_code == 0
    listed = runner.invoke(main, ["models", "list"], catch_exceptions=False).output
    assert "vi→en\t2.3  (test model)" in listed


VOCABULARY = json.loads((Path(__file__).parent / "data" / "test_model_vocabulary.json").read_text(encoding="utf-8"))
"""The tokens of every test model built on the base corpus alone: the three specials, SentencePiece's 256 byte
pieces, then the pieces it learnt.  A changed corpus line or training option changes them (and with them what a
copy model can spell), so the whole list is kept here; a SentencePiece upgrade that changes it is worth seeing too."""


def _archive(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _metadata(kind: str, **changes) -> dict:
    return {
        "package_version": "0.1",
        "argos_version": "1.9",
        "from_code": "vi",
        "from_name": "Vietnamese",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "vietrans_test_model": True,
        "description": f"vietrans {kind} test model: NOT a translator",
        **changes,
    }


CONFIG = {
    "add_source_bos": False,
    "add_source_eos": True,
    "bos_token": "<s>",
    "decoder_start_token": "<s>",
    "eos_token": "</s>",
    "layer_norm_epsilon": None,
    "multi_query_attention": False,
    "unk_token": "<unk>",
}


@pytest.mark.parametrize(
    ("kind", "options", "metadata", "vocabulary"),
    [
        ("random", {}, _metadata("random"), VOCABULARY),
        ("copy", {}, _metadata("copy"), VOCABULARY),
        (
            "copy",
            {"version": "2.3", "target_prefix": "__en__"},
            _metadata("copy", package_version="2.3", target_prefix="__en__"),
            [*VOCABULARY, "__en__"],
        ),
        (  # padded up to the size asked for, as a real model's 32000 tokens would be
            "random",
            {"size": ModelSize(vocab=600)},
            _metadata("random"),
            VOCABULARY + [f"▁vt{i}" for i in range(600 - len(VOCABULARY))],
        ),
    ],
)
def test_a_package_is_exactly_these_files(tmp_path, kind, options, metadata, vocabulary):
    """What ``vietrans models install`` and the engine read: the folder named for its pair and kind, the
    metadata (marked a test model, and saying so), the README, the model that adds ``</s>`` itself."""
    path = build_package(tmp_path / "sub" / "p.argosmodel", kind, **options)
    assert path == tmp_path / "sub" / "p.argosmodel"
    files = _archive(path)
    root = f"translate-vi_en-vietrans-test-{kind}/"
    assert sorted(files) == [
        root + name
        for name in (
            "README.md",
            "metadata.json",
            "model/",
            "model/config.json",
            "model/model.bin",
            "model/shared_vocabulary.json",
            "sentencepiece.model",
        )
    ]
    assert files[root + "metadata.json"].decode() == json.dumps(metadata, indent=2)
    assert files[root + "README.md"].decode() == f"vietrans {kind} test model: NOT a translator\n"
    assert json.loads(files[root + "model/config.json"]) == CONFIG
    assert json.loads(files[root + "model/shared_vocabulary.json"]) == vocabulary


def test_a_package_for_another_pair_is_named_for_it(tmp_path):
    files = _archive(build_package(tmp_path / "p.argosmodel", "random", from_code="en", to_code="vi"))
    metadata = json.loads(files["translate-en_vi-vietrans-test-random/metadata.json"])
    assert (metadata["from_code"], metadata["to_code"]) == ("en", "vi")


def test_extra_texts_teach_the_tokenizer_their_words(tmp_path):
    """The copy model copies what its SentencePiece model can spell: a test's own words must become pieces."""
    files = _archive(build_package(tmp_path / "p.argosmodel", "copy", texts=["Đà Nẵng\n\nĐà Nẵng Đà Nẵng"]))
    vocabulary = json.loads(files["translate-vi_en-vietrans-test-copy/model/shared_vocabulary.json"])
    assert vocabulary[: len(VOCABULARY) - 1] != VOCABULARY[:-1]
    assert "▁Nẵng" in vocabulary and "▁Nẵng" not in VOCABULARY


def _weights(path: Path) -> bytes:
    return next(data for name, data in _archive(path).items() if name.endswith("/model/model.bin"))


def test_the_weights_are_determined_by_the_seed_and_the_kind(tmp_path):
    """A benchmark or a failing test must be rerun on the very same model."""
    built = {
        (kind, seed): _weights(build_package(tmp_path / f"{kind}{seed}.argosmodel", kind, seed=seed))
        for kind in ("random", "copy")
        for seed in (1234, 1234 + 1)
    }
    again = {kind: _weights(build_package(tmp_path / f"{kind}.argosmodel", kind)) for kind in ("random", "copy")}
    assert again == {"random": built["random", 1234], "copy": built["copy", 1234]}
    assert len(set(built.values())) == 4


def test_a_float_package_keeps_its_weights_unquantized(tmp_path):
    int8, float32 = (
        _weights(build_package(tmp_path / f"{q}.argosmodel", "random", quantization=q)) for q in ("int8", "float32")
    )
    assert len(float32) > 2 * len(int8)


def test_a_position_table_is_stored_when_asked_for(tmp_path):
    """Argos models store their position encodings; CTranslate2 then refuses longer inputs."""
    plain, table, longer = (
        _weights(build_package(tmp_path / f"{n}.argosmodel", "random", ModelSize(positions=n))) for n in (0, 64, 65)
    )
    assert len(table) > len(plain) + 64 * 64 * 4  # a float32 row of d_model values per position
    assert len(longer) - len(table) == 64 * 4  # (one table, which the encoder and the decoder share)


@pytest.mark.parametrize("build", [build_package, build_model_dir])
def test_an_unknown_kind_is_refused_by_name(tmp_path, build):
    args = (tmp_path / "x",) if build is build_package else (tmp_path / "x", "marian")
    with pytest.raises(ValueError) as raised:
        build(*args, kind="copies")
    assert str(raised.value) == "unknown test model kind: copies"
    assert not (tmp_path / "x").exists()


FAMILY_FOLDERS = {  # family -> its tokenizer files, its tokenizer_config.json, its vocabulary after the base one
    "marian": (
        ["source.spm", "source_vocabulary.json", "target.spm", "target_vocabulary.json"],
        {"tokenizer_class": "MarianTokenizer", "source_lang": "vi", "target_lang": "en"},
        VOCABULARY,
    ),
    "nllb": (
        ["sentencepiece.bpe.model", "shared_vocabulary.json"],
        {"tokenizer_class": "NllbTokenizerFast"},
        [*VOCABULARY, "vie_Latn", "eng_Latn", "fra_Latn", "deu_Latn"],
    ),
    "m2m100": (
        ["sentencepiece.bpe.model", "shared_vocabulary.json"],
        {"tokenizer_class": "M2M100Tokenizer"},
        [*VOCABULARY, "__vi__", "__en__", "__fr__", "__de__"],
    ),
    "madlad": (  # <2en> is a piece of its own, which SentencePiece puts right after the specials
        ["shared_vocabulary.json", "spiece.model"],
        {"tokenizer_class": "T5Tokenizer"},
        [*VOCABULARY[:3], "<2en>", *VOCABULARY[3:]],
    ),
}


@pytest.mark.parametrize("family", FAMILY_NAMES)
@pytest.mark.parametrize("kind", ["copy", "random"])
def test_a_model_folder_is_exactly_its_familys_files(tmp_path, family, kind):
    """What :mod:`translator.engines.families` recognises a family by, and the marker that keeps it a test model."""
    tokenizer_files, tokenizer_config, source_vocabulary = FAMILY_FOLDERS[family]
    folder = build_model_dir(tmp_path / family, family, kind)
    assert folder == tmp_path / family
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [TEST_MARKER, "config.json", "model.bin", "tokenizer_config.json", *tokenizer_files]
    )
    assert (folder / TEST_MARKER).read_text(encoding="utf-8") == f"vietrans {kind} test model: NOT a translator\n"
    assert json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8")) == tokenizer_config
    assert json.loads((folder / "config.json").read_text(encoding="utf-8")) == CONFIG | {"add_source_eos": False}
    assert _tokens(folder, "source") == source_vocabulary
    spm = {(folder / name).read_bytes() for name in tokenizer_files if not name.endswith(".json")}
    assert len(spm) == 1  # one SentencePiece model, under each name the family's tokenizer looks for


def test_a_model_folder_can_leave_out_its_tokenizer_config_and_add_eos_itself(tmp_path):
    folder = build_model_dir(tmp_path / "m", "m2m100", "copy", tokenizer_config=False, add_source_eos=True)
    assert not (folder / "tokenizer_config.json").exists()
    assert json.loads((folder / "config.json").read_text(encoding="utf-8")) == CONFIG


def test_a_model_folders_weights_are_determined_by_the_seed(tmp_path):
    weights = [
        (build_model_dir(tmp_path / str(i), "nllb", "random", seed=seed) / "model.bin").read_bytes()
        for i, seed in enumerate((1234, 1234, 7))
    ]
    assert weights[0] == weights[1] != weights[2]


def _variables(model_bin: bytes) -> dict[str, np.ndarray]:
    """A ``model.bin``'s variables by name, aliases resolved (CTranslate2's layout: a version, the spec's
    name and revision, then each variable's name, shape, type and bytes, then the aliases)."""
    at = 0

    def take(fmt: str) -> tuple:
        nonlocal at
        values = struct.unpack_from(fmt, model_bin, at)
        at += struct.calcsize(fmt)
        return values

    def string() -> str:
        nonlocal at
        (size,) = take("H")
        at += size
        return model_bin[at - size : at - 1].decode()

    take("I"), string(), take("I")
    variables = {}
    for _ in range(take("I")[0]):
        name, (rank,) = string(), take("B")
        shape, (dtype,), (size,) = take(f"{rank}I"), take("B"), take("I")
        variables[name] = np.frombuffer(model_bin[at : at + size], ("float32", "int8", "int16")[dtype]).reshape(shape)
        at += size
    aliases = {string(): string() for _ in range(take("I")[0])}
    return variables | {alias: variables[name] for alias, name in aliases.items()}


def test_a_random_model_is_a_sinusoidal_transformer_with_small_normal_weights(tmp_path):
    """Its shape is :data:`TINY`'s; every matrix drawn from N(0, 0.05) (a scale where a Transformer's
    output stays finite and varied), biases 0, layer norms the identity; a stored position table is
    the sinusoid Argos models store, from position 1."""
    path = build_package(tmp_path / "p.argosmodel", "random", ModelSize(positions=8), quantization="float32")
    weights = _variables(_weights(path))
    layers = {
        "self_attention/linear_0": (192, 64),
        "self_attention/linear_1": (64, 64),
        "ffn/linear_0": (128, 64),
        "ffn/linear_1": (64, 128),
    }
    layers = {f"{stack}/layer_0/{name}": shape for name, shape in layers.items() for stack in ("encoder", "decoder")}
    layers |= {
        "decoder/layer_0/attention/linear_0": (64, 64),
        "decoder/layer_0/attention/linear_1": (128, 64),
        "decoder/layer_0/attention/linear_2": (64, 64),
        "decoder/projection": (len(VOCABULARY), 64),
    }
    matrices = {f"{name}/weight": weights[f"{name}/weight"] for name in layers}
    matrices["encoder/embeddings_0/weight"] = weights["encoder/embeddings_0/weight"]
    matrices["decoder/embeddings/weight"] = weights["decoder/embeddings/weight"]
    assert {name: m.shape for name, m in matrices.items()} == {
        **{f"{name}/weight": shape for name, shape in layers.items()},
        "encoder/embeddings_0/weight": (len(VOCABULARY), 64),
        "decoder/embeddings/weight": (len(VOCABULARY), 64),
    }
    for name, matrix in matrices.items():
        assert abs(matrix.mean()) < 0.005 and 0.045 < matrix.std() < 0.055, name
    assert (weights["decoder/projection/weight"] == weights["decoder/embeddings/weight"]).all()  # tied
    assert (weights["encoder/embeddings_0/weight"] == weights["decoder/embeddings/weight"]).all()  # one vocabulary
    for name in layers:
        assert not weights[f"{name}/bias"].any(), name
    norms = [n.removesuffix("/gamma") for n in weights if n.endswith("/gamma")]
    assert len(norms) == 2 + 2 + 3  # each stack's final one, the encoder's two sub-layers', the decoder's three
    for name in norms:
        assert (weights[f"{name}/gamma"] == 1).all() and not weights[f"{name}/beta"].any(), name
    assert (weights["encoder/num_heads"], weights["decoder/num_heads"]) == (2, 2)
    angles = np.arange(1, 9)[:, None] / 10000 ** (np.arange(32) / 31)
    table = weights["encoder/position_encodings/encodings"]
    assert table.shape == (8, 64) and (table == weights["decoder/position_encodings/encodings"]).all()
    assert np.allclose(table, np.concatenate([np.sin(angles), np.cos(angles)], axis=1), atol=1e-6)
