import json

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED
from translator import models
from translator.cli import main
from translator.engine import DecodeOptions, Engine
from translator.errors import InputError
from translator.eval.quality import evaluate
from translator.glossary import parse

SOURCES = ["Các biện pháp kiểm soát xuất khẩu của Mỹ.", "Hà Nội mưa.", "Mô hình ngôn ngữ lớn R1 ra mắt."]
GLOSSARY = parse("vi\ten\nkiểm soát xuất khẩu\texport controls\nmô hình ngôn ngữ lớn\tlarge language model\n")


def test_mechanics_with_the_copy_model(copy_model):
    """The copy model's output is its input: against the sources as references it scores perfectly
    without the glossary; with it, the injected English lowers BLEU but every term is there."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    results = evaluate(SOURCES, SOURCES, engine, GLOSSARY)
    plain, enforced = results["without glossary"], results["with glossary"]
    assert plain.bleu == pytest.approx(100) and plain.ter == pytest.approx(0)
    assert plain.term_accuracy == 0 and plain.terms == 2
    assert enforced.term_accuracy == 1 and enforced.bleu < 100
    assert "nrefs:1" in plain.signatures["bleu"]
    with pytest.raises(InputError, match="not aligned"):
        evaluate(SOURCES, SOURCES[:2], engine, None)


@pytest.mark.skipif(not (SHARED / "data" / "flores200-devtest").exists(), reason="../shared is not present")
def test_eval_command_on_flores(copy_model):
    flores = SHARED / "data" / "flores200-devtest"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--src",
            str(flores / "vie_Latn.devtest"),
            "--ref",
            str(flores / "eng_Latn.devtest"),
            "--model",
            str(copy_model),
            "--limit",
            "12",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sentences"] == 12 and "TEST MODEL" in report["model"]
    assert {"bleu", "chrf++", "ter", "term_accuracy"} <= set(report["with glossary"])
