"""Build small, valid Argos Translate packages for tests and benchmarks.

No real vi→en model can be downloaded where vietrans is developed, so tests
build their own: a CTranslate2 Transformer written from numpy arrays (no
torch) plus a SentencePiece model trained on a few lines.  Two kinds exist:

* ``random``: random weights.  Its output is gibberish and it never stops
  by itself, so it exercises structure, batching, timing and failure paths.
* ``copy``: hand-set weights whose output is its input.  It makes glossary
  and span handling testable end to end.

:func:`build_model_dir` writes the same two kinds as CTranslate2 model folders
of the other families (:mod:`translator.engines.families`): Marian with
separate source and target vocabularies (in different orders, so that only
tokens, never ids, carry over), NLLB-200 and M2M-100 with their language
tokens, MADLAD-400 with its ``<2en>``.

Every model built here says so (``"vietrans_test_model": true`` in a package's
``metadata.json``; a ``VIETRANS_TEST_MODEL`` file in a model folder) and exports
made with it carry a warning: a test model must never pass for a translator.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from translator.engines.packages import TEST_MODEL_KEY

# Every precomposed Vietnamese letter, so the SentencePiece model knows them.
_VI_LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
_BASE_CORPUS = [
    _VI_LETTERS,
    _VI_LETTERS.upper(),
    "0123456789 .,;:!?()[]{}\"'“”‘’«»…–—-/\\|@#$%&*+=<>_~^`",
    "Trí tuệ nhân tạo đang thay đổi thế giới.",
    "Mô hình ngôn ngữ lớn cần nhiều dữ liệu và chip tiên tiến.",
    "Mỹ và Trung Quốc cạnh tranh trong cuộc đua công nghệ.",
    "Liên minh châu Âu ban hành quy định mới về bảo vệ dữ liệu.",
    "The United States and China compete in the technology race.",
    "Artificial intelligence is changing the world.",
]


@dataclass(frozen=True)
class ModelSize:
    """Shape of a test Transformer."""

    layers: int = 1
    d_model: int = 64
    heads: int = 2
    ffn: int = 128
    vocab: int = 0  # pad the CTranslate2 vocabulary up to this size (0: no padding)
    pieces: int = 2000  # SentencePiece vocabulary asked for (fewer if the text is small)
    positions: int = 0  # a table of this many position encodings, as Argos models store (0: made as needed)


TINY = ModelSize()
BASE = ModelSize(layers=6, d_model=512, heads=8, ffn=2048, vocab=32000, pieces=8000)


def build_package(
    dest: Path,
    kind: str = "random",
    size: ModelSize = TINY,
    texts: list[str] | None = None,
    *,
    from_code: str = "vi",
    to_code: str = "en",
    quantization: str = "int8",
    seed: int = 1234,
    version: str = "0.1",
    target_prefix: str = "",
) -> Path:
    """Write a ``.argosmodel`` file at ``dest`` and return its path.

    ``texts`` are extra lines for the SentencePiece training; the copy model
    copies exactly what its SentencePiece model can spell (byte fallback
    covers the rest).
    """
    if kind not in ("random", "copy"):
        raise ValueError(f"unknown test model kind: {kind}")
    dest = Path(dest)
    name = f"translate-{from_code}_{to_code}-vietrans-test-{kind}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / name
        root.mkdir()
        pieces = _train_sentencepiece(root / "sentencepiece.model", texts or [], size.pieces)
        vocab = _vocabulary(pieces, [target_prefix] if target_prefix else [], size)
        spec = _spec(kind, vocab, vocab, size, seed)
        spec.config.add_source_eos = True
        _save_spec(spec, vocab, vocab, root / "model", quantization)
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": from_code,
            "from_name": "Vietnamese",
            "to_code": to_code,
            "to_name": "English",
            "type": "translate",
            TEST_MODEL_KEY: True,
            "description": f"vietrans {kind} test model: NOT a translator",
        }
        if target_prefix:
            metadata["target_prefix"] = target_prefix
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(metadata["description"] + "\n", encoding="utf-8")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(Path(tmp)).as_posix())
    return dest


# Per family: its tokenizer files, the tokenizer_config.json its Hugging Face tokenizer writes,
# its language tokens, and whether its converted config leaves "</s>" to the caller.
_FAMILY_FILES = {
    "marian": (("source.spm", "target.spm"), "MarianTokenizer"),
    "nllb": (("sentencepiece.bpe.model",), "NllbTokenizerFast"),
    "m2m100": (("sentencepiece.bpe.model",), "M2M100Tokenizer"),
    "madlad": (("spiece.model",), "T5Tokenizer"),
}


def build_model_dir(
    dest: Path,
    family: str,
    kind: str = "copy",
    size: ModelSize = TINY,
    texts: list[str] | None = None,
    *,
    tokenizer_config: bool = True,
    add_source_eos: bool = False,
    seed: int = 1234,
) -> Path:
    """Write a CTranslate2 model folder of ``family`` at ``dest`` (with its tokenizer files and
    a ``VIETRANS_TEST_MODEL`` marker) and return it.  ``tokenizer_config`` False leaves the
    family to be recognised from the files and vocabulary alone; ``add_source_eos`` writes the
    config of a model converted from Marian or fairseq checkpoints (the model adds ``</s>``)."""
    from translator.engines.families import FAMILIES, TEST_MARKER

    if kind not in ("random", "copy"):
        raise ValueError(f"unknown test model kind: {kind}")
    files, tokenizer_class = _FAMILY_FILES[family]
    dest = Path(dest)
    languages = list(FAMILIES[family].language_tokens)
    if family in ("nllb", "m2m100"):  # multilingual: other languages' tokens are there too
        languages += ["fra_Latn", "deu_Latn"] if family == "nllb" else ["__fr__", "__de__"]
    with tempfile.TemporaryDirectory() as tmp:
        spm_path = Path(tmp) / "tokenizer.model"
        pieces = _train_sentencepiece(spm_path, texts or [], size.pieces, [t for t in languages if t.startswith("<")])
        source_vocab = _vocabulary(pieces, languages, size)
        # Marian keeps two vocabularies: the target's in another order, so only the tokens carry over.
        target_vocab = source_vocab[:3] + source_vocab[:2:-1] if family == "marian" else source_vocab
        spec = _spec(kind, source_vocab, target_vocab, size, seed)
        spec.config.add_source_eos = add_source_eos
        _save_spec(spec, source_vocab, target_vocab, dest, "int8")  # (the converter empties dest first)
        for name in files:
            (dest / name).write_bytes(spm_path.read_bytes())
    if tokenizer_config:
        config = {"tokenizer_class": tokenizer_class}
        if family == "marian":
            config |= {"source_lang": "vi", "target_lang": "en"}
        (dest / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    (dest / TEST_MARKER).write_text(f"vietrans {kind} test model: NOT a translator\n", encoding="utf-8")
    return dest


def _vocabulary(pieces: list[str], extra: list[str], size: ModelSize) -> list[str]:
    """The model's tokens: the specials, the SentencePiece pieces, ``extra`` (language tokens), padding."""
    specials = ["<unk>", "<s>", "</s>"]
    vocab = specials + [p for p in pieces if p not in specials] + [t for t in extra if t not in pieces]
    if size.vocab > len(vocab):
        vocab += [f"▁vt{i}" for i in range(size.vocab - len(vocab))]
    return vocab


def _spec(kind: str, source_vocab: list[str], target_vocab: list[str], size: ModelSize, seed: int):
    rng = np.random.default_rng(seed)
    if kind == "copy":
        return _copy_spec(source_vocab, target_vocab, rng)
    return _random_spec(source_vocab, target_vocab, size, rng)


def _train_sentencepiece(model_path: Path, texts: list[str], vocab_size: int, symbols: list[str] = ()) -> list[str]:
    import sentencepiece as spm

    lines = [line for text in _BASE_CORPUS + texts for line in text.splitlines() if line.strip()]
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        byte_fallback=True,
        bos_id=-1,
        eos_id=1,
        unk_id=0,
        pad_id=-1,
        user_defined_symbols=list(symbols),
        minloglevel=2,
    )
    model_path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _linear(layer, weight: np.ndarray, bias: np.ndarray | None = None) -> None:
    layer.weight = weight.astype(np.float32)
    layer.bias = (bias if bias is not None else np.zeros(weight.shape[0])).astype(np.float32)


def _norm(layer, d: int) -> None:
    layer.gamma = np.ones(d, dtype=np.float32)
    layer.beta = np.zeros(d, dtype=np.float32)


def _fill(spec, d: int, f: int, fn) -> None:
    """Give every sub-layer of both stacks weights from ``fn(shape)``."""
    for layer in spec.encoder.layer:
        _norm(layer.self_attention.layer_norm, d)
        _linear(layer.self_attention.linear[0], fn((3 * d, d)))
        _linear(layer.self_attention.linear[1], fn((d, d)))
    for layer in spec.decoder.layer:
        _norm(layer.self_attention.layer_norm, d)
        _linear(layer.self_attention.linear[0], fn((3 * d, d)))
        _linear(layer.self_attention.linear[1], fn((d, d)))
        _norm(layer.attention.layer_norm, d)
        _linear(layer.attention.linear[0], fn((d, d)))
        _linear(layer.attention.linear[1], fn((2 * d, d)))
        _linear(layer.attention.linear[2], fn((d, d)))
    for layer in list(spec.encoder.layer) + list(spec.decoder.layer):
        _norm(layer.ffn.layer_norm, d)
        _linear(layer.ffn.linear_0, fn((f, d)))
        _linear(layer.ffn.linear_1, fn((d, f)))
    _norm(spec.encoder.layer_norm, d)
    _norm(spec.decoder.layer_norm, d)


def _random_spec(source_vocab: list[str], target_vocab: list[str], size: ModelSize, rng: np.random.Generator):
    from ctranslate2.specs import transformer_spec

    d = size.d_model
    spec = transformer_spec.TransformerSpec.from_config(size.layers, size.heads)
    _fill(spec, d, size.ffn, lambda shape: rng.normal(0, 0.05, shape))
    if size.positions:  # CTranslate2 refuses inputs and outputs longer than a stored table
        angles = np.arange(1, size.positions + 1)[:, None] / 10000 ** (np.arange(d // 2) / (d // 2 - 1))
        table = np.concatenate([np.sin(angles), np.cos(angles)], axis=1).astype(np.float32)
        spec.encoder.position_encodings.encodings = table
        spec.decoder.position_encodings.encodings = table
    vectors = {token: rng.normal(0, 0.05, d) for token in dict.fromkeys(source_vocab + target_vocab)}
    spec.encoder.embeddings[0].weight = np.array([vectors[t] for t in source_vocab], dtype=np.float32)
    target = np.array([vectors[t] for t in target_vocab], dtype=np.float32)
    spec.decoder.embeddings.weight = target
    _linear(spec.decoder.projection, target)
    return spec


def _copy_spec(
    source_vocab: list[str], target_vocab: list[str], rng: np.random.Generator, d: int = 512, max_len: int = 1024
):
    """A one-layer Transformer whose output is its input (see module docstring): output position
    t reads source position t, and the target token spelled like the source token there wins."""
    from ctranslate2.specs import transformer_spec

    half = d // 2
    spec = transformer_spec.TransformerSpec.from_config(1, 1)
    _fill(spec, d, 4, np.zeros)
    tokens = {token: rng.normal(size=half) for token in dict.fromkeys(source_vocab + target_vocab)}
    positions = rng.normal(size=(max_len, half))
    positions /= np.linalg.norm(positions, axis=1, keepdims=True)

    def embeddings(vocab: list[str]) -> np.ndarray:
        table = np.zeros((len(vocab), d), dtype=np.float32)
        table[:, :half] = [tokens[t] / np.linalg.norm(tokens[t]) for t in vocab]
        return table

    encodings = np.zeros((max_len, d), dtype=np.float32)
    encodings[:, half:] = positions
    spec.encoder.embeddings[0].weight = embeddings(source_vocab)
    spec.decoder.embeddings.weight = embeddings(target_vocab)
    for stack in (spec.encoder, spec.decoder):
        stack.scale_embeddings = False
        stack.position_encodings.encodings = encodings
    attention = spec.decoder.layer[0].attention
    keep_positions = np.zeros((d, d))
    keep_positions[half:, half:] = np.eye(half)
    keep_tokens = np.zeros((d, d))
    keep_tokens[:half, :half] = np.eye(half)
    _linear(attention.linear[0], 10.0 * keep_positions)
    _linear(attention.linear[1], np.concatenate([keep_positions, keep_tokens]))
    _linear(attention.linear[2], 50.0 * keep_tokens)
    _linear(spec.decoder.projection, embeddings(target_vocab))
    return spec


def _save_spec(spec, source_vocab: list[str], target_vocab: list[str], out: Path, quantization: str) -> None:
    from ctranslate2.converters.converter import Converter

    class _SpecConverter(Converter):
        def _load(self):
            spec.register_source_vocabulary(source_vocab)
            spec.register_target_vocabulary(target_vocab)
            return spec

    _SpecConverter().convert(str(out), quantization=quantization, force=True)
