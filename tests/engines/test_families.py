"""CTranslate2 model folders of other families: recognised, given the right tokens, enforced end to end.

The models are copy models (translator.testmodels.build_model_dir): a model fed the wrong
tokens shows it, because its output is what it was given (a missing language token shifts
every word, a missing "</s>" never stops, ids read through the wrong vocabulary garble).
"""

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE, FAMILY_NAMES
from tests.translate.test_sentences import GLOSSARY, PLAIN, TERM, _sentences
from translator.cli import main
from translator.engines import EngineSpec
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine
from translator.engines.families import TEST_MARKER
from translator.errors import ExitCode, ModelError
from translator.pipeline import Options, translate_files
from translator.testmodels import build_model_dir
from translator.translate.sentences import SentenceTranslator

SENTENCES = ["Trí tuệ nhân tạo đang thay đổi thế giới.", "Mỹ và Trung Quốc năm 2025.", "Ngắn."]
KNOWN = "marian|nllb|m2m100|madlad"
TOKENS = {  # what each family's model must be given around a sentence, and what its output starts with
    "marian": ((), ("</s>",), ()),
    "nllb": (("vie_Latn",), ("</s>",), ("eng_Latn",)),
    "m2m100": (("__vi__",), ("</s>",), ("__en__",)),
    "madlad": (("<2en>",), ("</s>",), ()),
}


@pytest.mark.parametrize("family", FAMILY_NAMES)
def test_each_family_is_recognised_and_given_its_tokens(family, family_models):
    package = models.resolve(str(family_models[family]))
    assert package.family == family and package.is_test and "TEST MODEL" in package.label
    assert (package.source_lead, package.source_end, package.target_lead) == TOKENS[family]
    results = Engine(package, DecodeOptions(beam_size=1)).translate(SENTENCES)
    if family == "madlad":  # no target prefix: the copy model copies <2en> too, showing what it was given
        assert [r.text for r in results] == [f"<2en> {s}" for s in SENTENCES]
    else:
        assert [r.text for r in results] == SENTENCES


@pytest.mark.parametrize("family", ["marian", "nllb", "madlad"])
def test_the_family_is_recognised_from_files_and_vocabulary_alone(family, tmp_path):
    folder = build_model_dir(tmp_path / family, family, "random", tokenizer_config=False)
    assert models.resolve(str(folder)).family == family


def test_an_end_token_the_model_adds_itself_is_not_added_twice(tmp_path):
    folder = build_model_dir(tmp_path / "m2m", "m2m100", "copy", add_source_eos=True)
    package = models.resolve(str(folder))
    assert package.source_end == ()
    assert Engine(package, DecodeOptions(beam_size=1)).translate(SENTENCES)[0].text == SENTENCES[0]


def test_model_family_overrides_and_its_errors(tmp_path, family_models):
    folder = build_model_dir(tmp_path / "plain", "madlad", "random", tokenizer_config=False)
    vocab = json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (folder / "shared_vocabulary.json").write_text(json.dumps([t for t in vocab if t != "<2en>"]), encoding="utf-8")
    nllb = family_models["nllb"]
    refused = {
        (folder, None): f"{folder}: cannot tell which model family this is; give --model-family {KNOWN}",
        (folder, "madlad"): f"{folder}: this madlad model has no <2en> token (it does not translate vi→en)",
        (nllb, "marian"): f"{nllb}: a marian model needs its tokenizer beside it (source.spm and target.spm)",
        # either file will do
        (nllb, "madlad"): f"{nllb}: a madlad model needs its tokenizer beside it (spiece.model or sentencepiece.model)",
        (nllb, "opennmt"): "unknown model family 'opennmt'; known: marian, nllb, m2m100, madlad",
        (nllb, "argos"): f"{nllb}: not an Argos package (no metadata.json)",
    }
    for (path, family), message in refused.items():
        with pytest.raises(ModelError) as raised:
            models.resolve(str(path), family)
        assert str(raised.value) == message
    assert models.resolve(str(family_models["nllb"]), "nllb").family == "nllb"


def test_a_marian_model_of_another_pair_is_refused(tmp_path):
    folder = build_model_dir(tmp_path / "opus-mt-en-de", "marian", "random")
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "en", "target_lang": "de"}), encoding="utf-8"
    )
    with pytest.raises(ModelError) as raised:
        models.resolve(str(folder))
    assert str(raised.value) == f"{folder}: translates en→de, vietrans needs vi→en"


def test_identity_follows_the_model_not_the_folder_name(tmp_path, family_models):
    original = models.resolve(str(family_models["m2m100"]))
    moved = shutil.copytree(family_models["m2m100"], tmp_path / "renamed")
    assert models.resolve(str(moved)).identity == original.identity
    (moved / "sentencepiece.bpe.model").write_bytes((family_models["marian"] / "source.spm").read_bytes() + b"\0")
    assert models.resolve(str(moved)).identity != original.identity
    identities = {models.resolve(str(family_models[f])).identity for f in FAMILY_NAMES}
    assert len(identities) == len(FAMILY_NAMES)
    (moved / TEST_MARKER).unlink()
    assert "TEST MODEL" not in models.resolve(str(moved)).label


@pytest.mark.parametrize("family", ["marian", "nllb"])
def test_repair_places_terms_through_a_family_models_attention(family, family_models):
    """Alignment skips the language token's column: the term lands where its Vietnamese was."""
    engine = Engine(models.resolve(str(family_models[family])), DecodeOptions(beam_size=1))
    sentences = _sentences(TERM, PLAIN, glossary=GLOSSARY)
    SentenceTranslator(lambda: engine, "test").translate(sentences)
    assert sentences[0].translation.startswith("Các biện pháp export controls")
    assert sentences[0].terms[0].enforced and sentences[1].translation == PLAIN


def test_switching_engines_never_serves_another_engines_translations(copy_model, nllb_copy, tmp_path):
    memory = tmp_path / "tm.sqlite3"
    runs = [
        translate_files(
            [EXAMPLE], tmp_path / f"out{i}", Options(formats=("md",), engine=EngineSpec(model=str(m)), cache=memory)
        )
        for i, m in enumerate((copy_model, nllb_copy, nllb_copy))
    ]
    assert runs[1].cached == 0 and runs[1].translated == runs[1].sentences
    assert runs[2].translated == 0 and runs[2].cached == runs[2].sentences


def test_the_cli_translates_with_a_model_folder(nllb_copy, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["translate", str(EXAMPLE), "-o", str(out), "-f", "md", "--model", str(nllb_copy), "-q", "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "nllb (nllb)" in text and "TEST MODEL" in text
    wrong = CliRunner().invoke(
        main, ["translate", str(EXAMPLE), "-o", str(out), "--model", str(nllb_copy), "--model-family", "marian"]
    )
    assert wrong.exit_code == ExitCode.MODEL and wrong.output.count("\n") == 1
    assert "needs its tokenizer beside it" in wrong.output


def test_text_vocabularies_and_broken_json_files(tmp_path):
    """Older converters wrote vocabularies as text, one token a line; a broken JSON file is one line."""
    folder = build_model_dir(tmp_path / "nllb", "nllb", "random", tokenizer_config=False)
    vocab = json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (folder / "shared_vocabulary.json").unlink()
    (folder / "shared_vocabulary.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    assert models.resolve(str(folder)).family == "nllb"
    (folder / "tokenizer_config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        models.resolve(str(folder))
    assert str(raised.value) == f"{folder / 'tokenizer_config.json'}: not valid JSON"


def test_a_family_needs_a_model_folder(copy_model, tmp_path):
    with pytest.raises(ModelError, match="--model-family nllb needs a CTranslate2 model folder"):
        models.resolve(str(copy_model), "nllb")
    with pytest.raises(ModelError, match="not a CTranslate2 model folder"):
        models.resolve(str(tmp_path), "nllb")


def test_a_hugging_face_folder_not_yet_converted_says_how(tmp_path):
    (tmp_path / "config.json").write_text('{"architectures": ["MarianMTModel"]}', encoding="utf-8")
    (tmp_path / "pytorch_model.bin").write_bytes(b"weights")
    with pytest.raises(ModelError, match=r"not a CTranslate2 model folder.*ct2-transformers-converter"):
        models.resolve(str(tmp_path))


def test_the_tokenizer_class_decides_over_the_vocabulary(tmp_path, family_models):
    """An M2M-100 folder whose vocabulary also has NLLB's tokens is M2M-100 by its tokenizer_config.json."""
    folder = shutil.copytree(family_models["m2m100"], tmp_path / "m2m")
    vocab = json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (folder / "shared_vocabulary.json").write_text(json.dumps([*vocab, "vie_Latn", "eng_Latn"]), encoding="utf-8")
    assert models.resolve(str(folder)).family == "m2m100"
    (folder / "tokenizer_config.json").write_text("[]", encoding="utf-8")  # not an object: no class to go by
    assert models.resolve(str(folder)).family == "nllb"  # the vocabulary then decides (NLLB's tokens come first)


def test_detection_from_separate_vocabularies_and_stray_files(tmp_path):
    folder = build_model_dir(tmp_path / "nllb", "nllb", "random", tokenizer_config=False)
    vocab = json.loads((folder / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (folder / "shared_vocabulary.json").unlink()  # source and target vocabularies, each with its own language
    (folder / "source_vocabulary.json").write_text(json.dumps([t for t in vocab if t != "eng_Latn"]), encoding="utf-8")
    (folder / "target_vocabulary.json").write_text(json.dumps([t for t in vocab if t != "vie_Latn"]), encoding="utf-8")
    (folder / "source.spm").write_bytes(b"a stray file")  # one of Marian's two files is not Marian
    assert models.resolve(str(folder)).family == "nllb"
    (folder / "target.spm").write_bytes(b"and the other")
    (folder / "tokenizer_config.json").write_text('{"tokenizer_class": "NllbTokenizerFast"}', encoding="utf-8")
    assert models.resolve(str(folder)).family == "nllb"  # the fast tokenizer's class names the family too


@pytest.mark.parametrize("vocabulary", ['["<unk>", "<s>", "</s>"]', None])
def test_a_folder_without_language_tokens_or_any_vocabulary_names_every_family(tmp_path, vocabulary):
    folder = build_model_dir(tmp_path / "plain", "madlad", "random", tokenizer_config=False)
    if vocabulary is None:
        (folder / "shared_vocabulary.json").unlink()
    else:
        (folder / "shared_vocabulary.json").write_text(vocabulary, encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        models.resolve(str(folder))
    assert str(raised.value) == f"{folder}: cannot tell which model family this is; give --model-family {KNOWN}"


def test_a_marian_pair_in_three_letter_codes(tmp_path):
    folder = build_model_dir(tmp_path / "opus-mt-vie-eng", "marian", "random")
    config = {"tokenizer_class": "MarianTokenizer", "source_lang": "vie", "target_lang": "eng"}
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    assert models.resolve(str(folder)).family == "marian"


def test_the_command_line_offers_every_family():
    from translator.cli.options import MODEL_FAMILIES
    from translator.engines.families import FAMILIES

    assert ("argos", *FAMILIES) == MODEL_FAMILIES


def test_a_marian_models_english_side_uses_its_own_tokenizer(tmp_path):
    """Marian models ship two SentencePiece models; the English one cuts what the model writes
    (and what it is made to write when a term is placed), not the Vietnamese one."""
    import sentencepiece

    from translator.testmodels import build_model_dir
    from translator.translate.align import spans_of

    folder = build_model_dir(tmp_path / "marian", "marian", "copy")
    english = "The export controls on advanced chips took effect on Monday, officials said.\n" * 20
    (tmp_path / "en.txt").write_text(english, encoding="utf-8")
    sentencepiece.SentencePieceTrainer.train(
        input=str(tmp_path / "en.txt"), model_prefix=str(tmp_path / "en"), vocab_size=40, model_type="bpe"
    )
    shutil.copy(tmp_path / "en.model", folder / "target.spm")
    engine = Engine(models.resolve(str(folder)), DecodeOptions(beam_size=1))
    target = "The export controls took effect."
    [alignment] = engine.align([("Lệnh kiểm soát có hiệu lực.", target)])
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm")).encode(
        target, out_type="proto"
    )
    assert alignment.target == spans_of([p.surface for p in pieces.pieces])
    source_pieces = engine.tokenize(target)
    assert len(source_pieces) != len(pieces.pieces)  # (the two tokenizers do cut it differently)


def test_the_end_token_is_the_one_the_models_config_names(tmp_path):
    """A model whose end-of-sentence token is not ``</s>`` is given its own (CTranslate2's config.json)."""
    folder = build_model_dir(tmp_path / "marian", "marian", "random")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    (folder / "config.json").write_text(json.dumps({**config, "eos_token": "<eos>"}), encoding="utf-8")
    assert models.resolve(str(folder)).source_end == ("<eos>",)


def test_translate_says_in_one_whole_line_why_a_model_folder_cannot_be_used(tmp_path, family_models):
    """`--model FOLDER [--model-family F]` that cannot translate vi→en: the folder and the way on, exit 4."""
    unknown = build_model_dir(tmp_path / "plain", "madlad", "random", tokenizer_config=False)
    vocab = json.loads((unknown / "shared_vocabulary.json").read_text(encoding="utf-8"))
    (unknown / "shared_vocabulary.json").write_text(json.dumps([t for t in vocab if t != "<2en>"]), encoding="utf-8")
    english = shutil.copytree(family_models["marian"], tmp_path / "opus-mt-en-de")
    (english / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "en", "target_lang": "de"}), encoding="utf-8"
    )
    broken = shutil.copytree(family_models["nllb"], tmp_path / "broken")
    (broken / "tokenizer_config.json").write_text("{not json", encoding="utf-8")
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "config.json").write_text("{}", encoding="utf-8")
    nllb = family_models["nllb"]
    for folder, family, message in [
        (unknown, [], f"{unknown}: cannot tell which model family this is; give --model-family "
                      "marian|nllb|m2m100|madlad"),
        (unknown, ["madlad"], f"{unknown}: this madlad model has no <2en> token (it does not translate vi→en)"),
        (nllb, ["marian"], f"{nllb}: a marian model needs its tokenizer beside it (source.spm and target.spm)"),
        (nllb, ["madlad"], f"{nllb}: a madlad model needs its tokenizer beside it "
                           "(spiece.model or sentencepiece.model)"),
        (english, [], f"{english}: translates en→de, vietrans needs vi→en"),
        (broken, [], f"{broken / 'tokenizer_config.json'}: not valid JSON"),
        (bare, [], f"{bare}: not a CTranslate2 model folder (no model.bin and config.json); "
                   "a Hugging Face model is converted with ct2-transformers-converter (README, Other engines)"),
    ]:  # fmt: skip
        args = ["translate", str(EXAMPLE), "-o", str(tmp_path / "out"), "--model", str(folder)]
        result = CliRunner().invoke(main, args + [f"--model-family={f}" for f in family])
        assert (result.exit_code, result.output) == (ExitCode.MODEL, f"vietrans: error: {message}\n"), message
