import json

import pytest
from click.testing import CliRunner

from tests.conftest import SHARED, needs_seed
from translator.cli import main
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine
from translator.errors import ExitCode, InputError
from translator.eval.quality import Setup, evaluate, flag_kind, setups_for
from translator.glossary import parse

SOURCES = ["Các biện pháp kiểm soát xuất khẩu của Mỹ.", "Hà Nội mưa.", "Mô hình ngôn ngữ lớn R1 ra mắt."]
GLOSSARY = parse("vi\ten\nkiểm soát xuất khẩu\texport controls\nmô hình ngôn ngữ lớn\tlarge language model\n")


REPORT_KEYS = [
    "bleu", "chrf++", "ter", "term_bleu", "term_chrf++", "term_accuracy", "terms", "term_sentences", "spans",
    "spans_kept", "facts", "facts_kept", "facts_missing_unflagged", "ledger", "flagged", "flags", "retried",
    "retry_kept", "placed", "placed_kept", "seconds", "sentences_per_s", "signatures",
]  # fmt: skip
SCORES = {"bleu", "chrf++", "ter", "term_bleu", "term_chrf++", "signatures", "seconds", "sentences_per_s"}
COUNTS_WHEN_COPIED = {  # the report's counts, the same for every setup unless a setup says otherwise
    "term_accuracy": 0.0, "terms": 2, "term_sentences": 2, "spans": 0, "spans_kept": 0, "facts": 5, "facts_kept": 5,
    "facts_missing_unflagged": 0, "ledger": {}, "flagged": 3, "flags": {"copied from the source": 3}, "retried": 0,
    "retry_kept": 0, "placed": 0, "placed_kept": 0,
}  # fmt: skip


@needs_seed()  # the copy model's vocabulary, so its output, is trained on the seed article too
def test_every_strategy_scored_on_the_same_sentences(copy_model):
    """The copy model's output is its input: against the sources as references, ``off`` scores
    perfectly and finds no term (they stay Vietnamese); ``inject`` puts every term in, at a cost in
    BLEU; ``repair`` places only the terms that were missing, decoding only those sentences again."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    setups = [Setup("off", 0), Setup("inject", 0), Setup("repair", 0), Setup(None, 0)]
    results = evaluate(SOURCES, SOURCES, lambda: engine, GLOSSARY, setups)
    assert list(results) == [s.name for s in setups]
    off, inject, repair, plain = (results[s.name] for s in setups)
    counts = {name: {k: v for k, v in r.as_dict().items() if k not in SCORES} for name, r in results.items()}
    assert counts == {
        "terms=off, retries=0": {
            **COUNTS_WHEN_COPIED,
            "flags": {"copied from the source": 3, "term not enforced": 2},
        },
        "terms=inject, retries=0": {**COUNTS_WHEN_COPIED, "term_accuracy": 1.0, "facts_kept": 4},
        "terms=repair, retries=0": {
            **COUNTS_WHEN_COPIED,
            "term_accuracy": 1.0,
            "facts_kept": 3,
            "facts_missing_unflagged": 1,
            "flagged": 2,
            "flags": {"copied from the source": 1, "much shorter than the source": 1},
            "placed": 2,  # not "Hà Nội mưa."
            "placed_kept": 2,
        },
        "no glossary, retries=0": {**COUNTS_WHEN_COPIED, "term_accuracy": None, "terms": 0, "term_sentences": 0},
    }
    assert (off.bleu, off.chrf, off.ter, off.term_bleu, off.term_chrf) == pytest.approx((100, 100, 0, 100, 100))
    assert (plain.bleu, plain.chrf, plain.ter) == pytest.approx((100, 100, 0))
    assert (plain.term_bleu, plain.term_chrf) == (None, None)
    assert inject.bleu < 100 and repair.bleu < 100 and inject.term_chrf < 100
    assert [signature.split("|")[0] for signature in off.signatures.values()] == ["nrefs:1"] * 3
    assert list(off.signatures) == ["bleu", "chrf++", "ter"]


@needs_seed()  # the copy model's vocabulary, so its output, is trained on the seed article too
def test_a_placed_output_not_kept_counts_as_placed_only(copy_model):
    """With the shipped glossary as well, one of the three sentences decoded again with a term
    in place is worse than its first output: the report says 3 placed, 2 kept."""
    from translator.glossary import load_all

    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    results = evaluate(SOURCES, SOURCES, lambda: engine, load_all([]).merged(GLOSSARY), [Setup("repair", 0)])
    assert {k: v for k, v in results["terms=repair, retries=0"].as_dict().items() if k not in SCORES} == {
        **COUNTS_WHEN_COPIED,
        "term_accuracy": 0.5, "terms": 4, "term_sentences": 3, "facts_kept": 2, "facts_missing_unflagged": 2,
        "flagged": 2, "flags": {"term not enforced": 1, "copied from the source": 1, "much shorter than the source": 1},
        "placed": 3, "placed_kept": 2,
    }  # fmt: skip


@pytest.mark.parametrize(("sources", "references"), [(SOURCES, SOURCES[:2]), (SOURCES[:2], SOURCES)])
def test_a_test_set_not_aligned_is_refused(sources, references):
    with pytest.raises(InputError) as refused:
        evaluate(sources, references, lambda: None, None, [Setup("off", 0)])
    assert str(refused.value) == f"the source has {len(sources)} lines, the reference {len(references)}: not aligned"


def test_progress_counts_each_sentence_of_each_setup(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1))
    counted = []
    evaluate(SOURCES, SOURCES, lambda: engine, GLOSSARY, [Setup("off", 0), Setup(None, 1)], progress=counted.append)
    assert sum(counted) == 2 * len(SOURCES)


def test_a_missing_test_set_is_one_line(copy_model, tmp_path):
    src, ref = tmp_path / "t.vi", tmp_path / "t.en"
    ref.write_text("Hanoi.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--src", src, "--ref", ref, "--model", copy_model, "-q"])
    assert (result.exit_code, result.output) == (ExitCode.INPUT, f"vietrans: error: {src}: no such file\n")


@pytest.mark.skipif(not (SHARED / "data" / "flores200-devtest").exists(), reason="../shared is not present")
def test_eval_command_on_flores(copy_model, tmp_path):
    dump = tmp_path / "sentences.jsonl"
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
            "--terms",
            "repair",
            "--terms",
            "off",
            "--retries",
            "0",
            "--retries",
            "1",
            "--dump",
            str(dump),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["sentences"] == 12 and "TEST MODEL" in report["model"]
    rows = [k for k in report if k.startswith(("terms=", "no glossary"))]
    assert rows == [
        "no glossary, retries=0",  # the baseline, first
        "no glossary, retries=1",
        "terms=repair, retries=0",
        "terms=repair, retries=1",
        "terms=off, retries=0",
        "terms=off, retries=1",
    ]
    assert set(report) == {"models", "model", "sentences", *rows}
    assert all(list(report[row]) == REPORT_KEYS for row in rows)
    assert report[rows[0]]["terms"] == 0 and report[rows[2]]["terms"] > 0
    lines = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    record = ["setup", "line", "source", "reference", "output", "score", "flags", "terms", "spans", "facts"]
    assert len(lines) == 12 * 6 and all(list(line) == record for line in lines)
    assert [r["line"] for r in lines[:12]] == list(range(1, 13))


@needs_seed()  # the copy model's vocabulary, so its output, is trained on the seed article too
def test_eval_table(copy_model, tmp_path):
    src, ref = tmp_path / "t.vi", tmp_path / "t.en"
    src.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    ref.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--src", str(src), "--ref", str(ref), "--model", str(copy_model), "-q"])
    assert result.exit_code == 0, result.output
    rows = [line.split(",")[0] for line in result.output.splitlines() if line.startswith(("terms=", "no glossary"))]
    assert rows == ["no glossary", "terms=repair", "terms=inject", "terms=off"]  # a baseline and every strategy
    flags = [line for line in result.output.splitlines() if line.startswith("flags (")]
    assert flags == [  # most frequent first; off lacks the example's two terms and "Mỹ" of the shipped glossary
        "flags (no glossary, retries=1): copied from the source 3",
        "flags (terms=repair, retries=1): term not enforced 1, copied from the source 1, still Vietnamese 1",
        "flags (terms=inject, retries=1): copied from the source 3",
        "flags (terms=off, retries=1): term not enforced 3, copied from the source 3",
    ]


def test_an_aligned_blank_line_stays_blank(copy_model, tmp_path):
    """Test sets keep a blank line on both sides to stay aligned: it is scored as an empty output,
    never handed to the model (which gives nothing back for it: a KeyError once)."""
    src, ref, dump = tmp_path / "t.vi", tmp_path / "t.en", tmp_path / "d.jsonl"
    src.write_text(f"{SOURCES[0]}\n\n{SOURCES[1]}\n", encoding="utf-8")
    ref.write_text(f"{SOURCES[0]}\n\n{SOURCES[1]}\n", encoding="utf-8")
    args = ["eval", "--src", str(src), "--ref", str(ref), "--model", str(copy_model), "-q", "--terms", "off"]
    result = CliRunner().invoke(main, [*args, "--dump", str(dump), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sentences"] == 3
    lines = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [r["output"] for r in lines if r["line"] == 2] == ["", ""]  # one per setup, still aligned
    assert [r["output"] for r in lines if r["line"] == 3] == [SOURCES[1], SOURCES[1]]


def test_term_scores_count_only_lines_with_a_glossary_term():
    """ "chrF++ on lines with a term" is about terms: a line with only a number is not one of them."""
    from translator.document import Sentence
    from translator.eval.quality import score
    from translator.facts.spans import find
    from translator.glossary.terms import TermUse

    termed = Sentence("Trí tuệ nhân tạo phát triển.", "Artificial intelligence grows.")
    termed.terms = [TermUse("Trí tuệ nhân tạo", "artificial intelligence", enforced=True)]
    numbered = Sentence("Doanh thu đạt 4,33 tỷ USD.", "Revenue was 4.33 billion USD.")
    numbered.spans = find(numbered.source)
    assert termed.terms and numbered.spans and not numbered.terms
    scores = score([termed, numbered], ["Artificial intelligence grows.", "Sales hit $4.33bn."])
    assert scores.term_sentences == 1
    assert scores.term_chrf == 100.0  # the term line alone, translated exactly
    assert {k: v for k, v in scores.as_dict().items() if k not in SCORES} == {
        "term_accuracy": 1.0, "terms": 1, "term_sentences": 1, "spans": 1, "spans_kept": 0, "facts": 1,
        "facts_kept": 1, "facts_missing_unflagged": 0, "ledger": {}, "flagged": 0, "flags": {}, "retried": 0,
        "retry_kept": 0, "placed": 0, "placed_kept": 0,
    }  # fmt: skip


def test_flags_count_sentences_by_kind_most_first_then_as_first_seen():
    """A kind counts once a sentence however often it is flagged there; equal counts keep the
    order they were first seen in, the same in every run."""
    from translator.document import Sentence
    from translator.eval.quality import score

    flagged = [
        ["term not enforced: A", "term not enforced: B", "still Vietnamese", "copied from the source"],
        ["number not kept: 2 → 3", "low model score"],
        ["low model score"],
        [],
    ]
    sentences = [Sentence("Hà Nội.", "Hanoi.", flags=flags) for flags in flagged]
    scores = score(sentences, ["Hanoi."] * 4)
    assert list(scores.flags.items()) == [
        ("low model score", 2),
        ("term not enforced", 1),
        ("still Vietnamese", 1),
        ("copied from the source", 1),
        ("number not kept", 1),
    ]
    assert scores.flagged == 3


def test_the_report_names_each_score():
    """``vietrans eval --json`` writes each setup's scores under their names, rounded: every one of them."""
    from translator.eval.quality import Scores

    scores = Scores(
        bleu=31.234, chrf=55.678, ter=60.0, signatures={"bleu": "nrefs:1"}, term_sentences=3, term_bleu=12.345,
        term_chrf=40.004, terms=6, terms_found=4, spans=9, spans_kept=8, flagged=2, flags={"money not kept": 1},
        retried=5, retry_kept=1, placed=7, placed_kept=6, facts=11, facts_kept=10, facts_missing_unflagged=1,
        ledger={"money": {"found": 2, "kept": 1}}, seconds=4.004, sentences=10,
    )  # fmt: skip
    assert scores.as_dict() == {
        "bleu": 31.23, "chrf++": 55.68, "ter": 60.0, "term_bleu": 12.35, "term_chrf++": 40.0,
        "term_accuracy": 0.6667, "terms": 6, "term_sentences": 3, "spans": 9, "spans_kept": 8,
        "facts": 11, "facts_kept": 10, "facts_missing_unflagged": 1, "ledger": {"money": {"found": 2, "kept": 1}},
        "flagged": 2, "flags": {"money not kept": 1}, "retried": 5, "retry_kept": 1, "placed": 7, "placed_kept": 6,
        "seconds": 4.0, "sentences_per_s": 2.5, "signatures": {"bleu": "nrefs:1"},
    }  # fmt: skip
    unscored = Scores(bleu=0.0, chrf=0.0, ter=0.0, signatures={}).as_dict()
    assert (unscored["term_bleu"], unscored["term_accuracy"], unscored["sentences_per_s"]) == (None, None, None)


@pytest.mark.parametrize(
    ("flag", "kind"),
    [
        ("term not enforced: Europe", "term not enforced"),
        ("number not kept: 2 → 3", "number not kept"),
        ("money not kept: 4,33 tỷ USD → 4.33 billion USD", "money not kept"),
        ("very long sentence, translated in 3 pieces", "translated in pieces"),
        ("much shorter than the source", "much shorter than the source"),
        ("the reviewed English lacks the date: 6 February 2025", "the reviewed English lacks the date"),
        ("impossible date, left as written: 31/2/2025", "impossible date"),
        ("low model score", "low model score"),
    ],
)
def test_a_flag_is_counted_by_its_kind(flag, kind):
    # the report's "flags" count kinds: the particulars (which term, which number) are left out
    assert flag_kind(flag) == kind


@pytest.mark.parametrize(
    ("arguments", "rows"),
    [
        (("", False), ["no glossary", "terms=repair", "terms=inject", "terms=off"]),
        (("", True), ["no glossary", "terms=instructions"]),
        (("", False, ("off",), (1,), False, False), ["terms=off"]),
        (("", False, (), (1,), True), ["no glossary"]),
        (("", True, (), (1,), True), ["no glossary"]),
    ],
)
def test_the_rows_for_one_engine(arguments, rows):
    # without --no-glossary: the baseline, then each strategy (an instructed engine has one); with it, one row
    assert [setup.name for setup in setups_for(*arguments)] == [f"{row}, retries=1" for row in rows]


def test_each_row_for_each_retry_setting_named_by_its_engine():
    names = [setup.name for setup in setups_for("argos", False, ("off",), (0, 1))]
    assert names == [
        "argos: no glossary, retries=0",
        "argos: no glossary, retries=1",
        "argos: terms=off, retries=0",
        "argos: terms=off, retries=1",
    ]
