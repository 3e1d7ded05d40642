import struct
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest

from tests.engines import raises_line
from translator.engines import Translation
from translator.engines import packages as models
from translator.engines.ct2 import (
    DecodeOptions,
    Engine,
    default_batch_size,
    model_positions,
    reached_cap,
    resolve_device,
)

SENTENCES = [
    "Mô hình ngôn ngữ lớn R1 của DeepSeek đã tuyên bố vượt qua mô hình o1.",
    "Ngắn.",
    "",
    "Các biện pháp kiểm soát xuất khẩu chip tiên tiến của Mỹ đang buộc nhiều nền kinh tế châu Á phải tính toán lại.",
    "Hà Nội, ngày 6/2/2025.",
]


def test_copy_model_returns_every_sentence_in_order_across_batches(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=2, beam_size=1))
    done = []
    results = engine.translate(SENTENCES, progress=done.append)
    assert [r.text for r in results] == SENTENCES
    assert done == [0, 2, 2, 1]  # nothing passed through, two batches of two, then the empty sentence
    assert results[2] == Translation("", 0.0)
    done.clear()
    engine.translate([s for s in SENTENCES if s], progress=done.append)
    assert done == [0, 2, 2]  # no empty sentence: nothing more


def test_batches_are_sorted_by_length(copy_model, monkeypatch):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=2))
    calls = []
    original = engine._run
    monkeypatch.setattr(
        engine, "_run", lambda batch, *rest: calls.append([len(t) for t in batch]) or original(batch, *rest)
    )
    engine.translate(SENTENCES)
    assert [len(call) for call in calls] == [2, 2]  # 4 non-empty sentences, in full batches
    flat = [n for call in calls for n in call]
    assert flat == sorted(flat, reverse=True)  # longest first


def test_a_sentence_translates_the_same_whatever_shares_its_batch(random_model):
    """The decoding cap comes from the sentence's own length, not from its batch's longest."""
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(batch_size=32))
    short = "Một câu ngắn."
    alone = engine.translate([short])[0]
    together = engine.translate([short, SENTENCES[3] * 3, SENTENCES[0]])[0]
    assert together.text == alone.text


def _varied(count: int) -> list[str]:
    """Sentences of every length from 1 to ``count`` words."""
    words = " ".join(SENTENCES).split()
    return [" ".join(words[i % 7 : i % 7 + n]) for i, n in enumerate(range(1, count + 1))]


@pytest.mark.parametrize("batch_size", [3, 32])
def test_outputs_are_those_of_each_sentence_decoded_alone(random_model, batch_size):
    """Byte for byte, scores too, in batches of any size.  The random model never stops, so
    every sentence runs to its cap: those batched with longer ones are decoded again."""
    package = models.resolve(str(random_model))
    sentences = _varied(40)
    alone = Engine(package, DecodeOptions(batch_size=1)).translate(sentences)
    batched = Engine(package, DecodeOptions(batch_size=batch_size)).translate(sentences)
    assert batched == alone
    safer_alone = Engine(package, DecodeOptions(batch_size=1)).translate(sentences[::4], safer=True)
    assert Engine(package, DecodeOptions(batch_size=batch_size)).translate(sentences[::4], safer=True) == safer_alone


def test_a_batch_is_decoded_once_when_no_sentence_reaches_its_cap(copy_model):
    """The copy model stops after the input: free batches of mixed lengths take one call each.  (Beam 1:
    a copy model's second-best hypotheses may run on to the cap, depending on the tokenizer it was
    trained with, and those are decoded again by design.)"""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=32, beam_size=1))
    calls = []
    real = engine._translator

    class Counting:  # the real translator, its calls counted
        def translate_batch(self, batch, **kwargs):
            calls.append(len(batch))
            return real.translate_batch(batch, **kwargs)

    engine._translator = Counting()
    sentences = _varied(30)
    results = engine.translate(sentences)
    assert calls == [30]
    assert [r.text for r in results] == sentences


def test_a_sentence_that_reaches_its_own_cap_is_decoded_again_with_it(copy_model):
    """Copies longer than their cap (length ratio 0.5) are cut at their own cap, not their batch's."""
    options = DecodeOptions(batch_size=32, beam_size=2, length_ratio=0.5)
    package = models.resolve(str(copy_model))
    sentences = _varied(45)
    alone = Engine(package, DecodeOptions(batch_size=1, beam_size=2, length_ratio=0.5)).translate(sentences)
    assert Engine(package, options).translate(sentences) == alone
    assert any(len(r.text) < len(s) for r, s in zip(alone, sentences, strict=True))  # some did reach it


def test_reached_cap_is_the_last_step_of_the_search():
    """A search capped at 10 makes steps 0–9; a hypothesis ending with the end token at step s
    has s tokens, one ended by the cap has 10."""
    assert not reached_cap([["a"] * 8, ["b"] * 5], 10)
    assert reached_cap([["a"] * 8, ["b"] * 9], 10)
    assert reached_cap([["a"] * 10], 10)
    assert not reached_cap([], 10)


@pytest.mark.parametrize(("size", "batches"), [(1, [[3], [0], [4], [1]]), (2, [[3, 0], [4, 1]])])
def test_done_reports_each_sentence_once_as_its_batch_finishes(copy_model, size, batches):
    """One report per batch, longest first, its sentences in the batch's order; the empty sentence
    is not decoded."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=size, beam_size=1))
    reports = []
    results = engine.translate(SENTENCES, done=lambda finished: reports.append(finished))
    assert reports == [[(i, results[i]) for i in batch] for batch in batches]


BLOB = "x" * 40 + "Ab9" * 1000


@pytest.mark.parametrize(
    ("sentence", "pieces"),
    [(f"Mô hình mới. {BLOB} Hà Nội.", 3), (f"{BLOB} Hà Nội.", 2), (f"Mô hình mới. {BLOB}", 2)],
)
def test_a_token_longer_than_the_model_takes_is_passed_through_whole(copy_model, sentence, pieces):
    """Wherever it stands, the blob is kept as written and the words around it translated (copied)."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1, max_input=20))
    assert engine.translate([sentence]) == [Translation(sentence, 0.0, pieces, len(BLOB))]


def test_random_model_output_is_capped_and_scored(random_model):
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(length_ratio=1.0, max_length=20))
    [result] = engine.translate(["Một câu."])
    assert result.text and result.score < 0
    assert len(engine.tokenize(result.text)) <= 20 + 1  # re-tokenising the text may add a leading "▁"


def test_target_prefix_is_sent_and_stripped(tmp_path):
    from translator.testmodels import build_package

    package = models.resolve(str(build_package(tmp_path / "p.argosmodel", "copy", target_prefix="__en__")))
    assert package.target_lead == ("__en__",)
    engine = Engine(package)
    tokens = engine.tokenize("Xin chào thế giới.")
    # The copy model's first output position is taken by the prefix, so it copies from the second token on.
    [result] = engine.translate(["Xin chào thế giới."])
    assert "__en__" not in result.text
    assert result.text == engine._sp.decode_pieces(tokens[1:]).strip()


def test_unloadable_model_is_a_model_error(random_model):
    import ctranslate2

    from translator.errors import ModelError

    package = models.resolve(str(random_model))
    (package.model_dir / "model.bin").write_bytes(b"garbage")
    with pytest.raises(RuntimeError) as refused:  # CTranslate2's own words, whatever its version
        ctranslate2.Translator(str(package.model_dir))
    reason = str(refused.value).splitlines()[0]
    with raises_line(ModelError, f"{package.path}: cannot load the model ({reason})"):
        Engine(package)


def test_a_forced_start_ends_a_word_the_model_would_run_on(random_model):
    """The random model repeats a forced start's last piece ("Hanoi" + "i" "i" …): pieces that would
    glue onto the given word are dropped; pieces that start a word ("A" + "▁A" …) are kept."""
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(beam_size=1, max_length=8))
    sources = ["Hà Nội, ngày 6/2/2025.", "Ba.", "Hai câu dài hơn."]
    texts = [t.text for t in engine.translate(sources, prefixes=["Hanoi", "A", ""])]
    assert texts == ["Hanoi", "A A A A A A A A A", engine.translate(sources[2:])[0].text]


def test_a_long_sentence_is_cut_into_full_pieces(copy_model):
    """Pieces of at most ``max_input`` tokens, each filled as far as its words allow: as few
    cuts as there can be, and every word kept in order."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(max_input=12))
    words = [f"từ{i % 7}" for i in range(40)]
    sizes = [len(engine.tokenize(w)) for w in words]
    pieces = engine._pieces(" ".join(words))
    assert all(isinstance(p, list) and len(p) <= 12 for p in pieces)
    start = 0
    for piece in pieces[:-1]:  # each piece stops only where the next word would not fit
        taken = next(n for n in range(start, len(words) + 1) if sum(sizes[start:n]) == len(piece))
        assert taken < len(words) and len(piece) + sizes[taken] > 12
        start = taken
    assert engine.translate([" ".join(words)])[0].text == " ".join(words)


@pytest.mark.parametrize("mark", [",", ";"])
def test_a_long_sentence_is_cut_after_a_clause_mark_once_three_quarters_are_filled(copy_model, mark):
    """Past 75% of the limit, a word ending a clause ends its piece (the model reads whole clauses)."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(max_input=40))
    words = [f"từ{i % 7}" for i in range(80)]
    sizes = [len(engine.tokenize(w)) for w in words]
    marked = [len(engine.tokenize(w + mark)) for w in words]
    at = next(n for n in range(len(words)) if 0.75 * 40 < sum(sizes[:n]) + marked[n] <= 40)  # first past 75%
    words[at] += mark
    pieces = engine._pieces(" ".join(words))
    assert pieces[0] == engine.tokenize(" ".join(words[: at + 1]))


def _long_sentence(words: int) -> str:
    """One sentence of at least ``words`` words: clauses joined by commas, as a news sentence
    that lists things runs on."""
    clauses = [s.rstrip(".") for s in SENTENCES if s]
    text = ""
    while len(text.split()) < words:
        text += (", " if text else "") + clauses[len(text) % len(clauses)]
    return text + "."


def test_a_sentence_longer_than_the_model_positions_is_cut_to_fit(tmp_path):
    """A model with 64 position encodings (Argos models store 256): no piece and no output goes
    past them, so CTranslate2 never fails the batch ("No position encodings are defined for
    positions >= 64"), whatever shares it."""
    from translator.testmodels import ModelSize, build_package

    package = models.resolve(str(build_package(tmp_path / "p.argosmodel", "random", ModelSize(positions=64))))
    assert model_positions(package.model_dir) == (64, 64)
    engine = Engine(package, DecodeOptions(batch_size=4))
    long = _long_sentence(120)
    assert len(engine.tokenize(long)) > 64
    pieces = engine._pieces(long)
    assert len(pieces) > 1
    assert all(len(engine._lead) + len(p) + len(engine._end) <= 64 and engine._cap(len(p)) <= 64 for p in pieces)
    results = engine.translate([long, "Ngắn.", SENTENCES[3]])  # the random model runs to every cap
    assert results[0].pieces == len(pieces) and all(r.text for r in results)
    assert engine.align([(long, long), ("Ngắn.", "Short.")])[0] is None


def test_only_pairs_the_model_can_take_are_aligned(random_model):
    """Without a position table the limits are the options': a source of at most ``max_input``
    tokens and a translation of at most ``max_length`` (both 7 here, and "Một câu." is 7 tokens)."""
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(max_length=7, max_input=7))
    fits, longer = "Một câu.", "một hai ba"  # 7 and 9 tokens
    assert [len(engine.tokenize(text)) for text in (fits, longer)] == [7, 9]
    pairs = [(fits, fits), (fits, longer), (longer, fits), ("", fits), (fits, "")]
    assert [alignment is not None for alignment in engine.align(pairs)] == [True, False, False, False, False]


def test_a_model_without_a_position_table_has_no_such_limit(random_model):
    package = models.resolve(str(random_model))
    assert model_positions(package.model_dir) == (None, None)
    assert Engine(package, DecodeOptions(max_input=300)).max_input == 300


REAL_MODEL = Path(__file__).resolve().parents[3] / "shared" / "models" / "translate-vi_en-ted_small.argosmodel"


@pytest.mark.skipif(not REAL_MODEL.exists(), reason="the shared real model is not here")
def test_the_real_model_translates_a_170_word_sentence():
    """The sentence that failed the whole batch: its pieces fit the model's 256 positions."""
    package = models.resolve(str(REAL_MODEL))
    assert model_positions(package.model_dir) == (256, 256)
    engine = Engine(package)
    long = _long_sentence(170)
    [result] = engine.translate([long])
    assert result.pieces > 1 and len(result.text.split()) > 50


def test_a_sentence_that_runs_on_is_decoded_again_in_the_next_batch(random_model):
    """Longest first: a sentence decoded past its own cap in a batch of longer ones joins the
    next batch, whose cap is its own, rather than costing a call of its own."""
    options = DecodeOptions(batch_size=4, length_ratio=0.5)  # caps short of where the random model stops
    engine = Engine(models.resolve(str(random_model)), options)
    by_band: dict[int, list[str]] = {}
    for sentence in _varied(40):
        by_band.setdefault(DecodeOptions.bucket(len(engine.tokenize(sentence))), []).append(sentence)
    bands = sorted(by_band)
    low, high = next(
        (by_band[a], by_band[b]) for a, b in pairwise(bands) if len(by_band[a]) >= 5 and len(by_band[b]) >= 3
    )
    sentences = high[:3] + low[:5]  # batches: 3 high + 1 low (runs on to the high cap), 4 low
    calls = []
    original = engine._run
    engine._run = lambda batch, *rest: calls.append(len(batch)) or original(batch, *rest)
    results = engine.translate(sentences)
    assert calls == [4, 5]
    assert results == Engine(engine.package, replace(options, batch_size=1)).translate(sentences)


class _ShortOfMemory:
    """A translator that runs out of memory on batches bigger than ``fits`` (0: on every batch)
    or fails otherwise, and else decodes with the real one."""

    def __init__(self, real, fits: int, error: BaseException) -> None:
        self.real, self.fits, self.error, self.sizes = real, fits, error, []

    def translate_batch(self, batch, **kw):
        self.sizes.append(len(batch))
        if len(batch) > self.fits:
            raise self.error
        return self.real.translate_batch(batch, **kw)


@pytest.mark.parametrize(
    "error", [RuntimeError("CUDA failed with error out of memory"), MemoryError(), RuntimeError("Out Of Memory")]
)
def test_out_of_memory_decodes_the_batch_again_in_halves_with_the_same_outputs(copy_model, error):
    """Running short of memory costs speed, never sentences: the batch is split until it fits."""
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=4, beam_size=1))
    short = engine._translator = _ShortOfMemory(engine._translator, 1, error)
    assert [r.text for r in engine.translate(SENTENCES)] == SENTENCES
    assert short.sizes == [4, 2, 1, 1, 2, 1, 1]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (MemoryError(), "out of memory on a single sentence; try --device cpu or a shorter --window"),
        (
            RuntimeError("CUDA out of memory"),
            "out of memory on a single sentence; try --device cpu or a shorter --window",
        ),
        (RuntimeError("device-side assert triggered"), "device-side assert triggered"),
    ],
)
def test_an_error_that_splitting_cannot_cure_is_raised_once(copy_model, error, message):
    """One sentence out of memory is a model error that says what to try; any other failure is
    raised as it is, at once, not retried in halves (the pipeline fails that window's files)."""
    from translator.errors import ModelError

    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=4, beam_size=1))
    short = engine._translator = _ShortOfMemory(engine._translator, 0, error)
    with pytest.raises((ModelError, RuntimeError)) as raised:
        engine.translate(SENTENCES)
    assert str(raised.value) == message
    assert isinstance(raised.value, ModelError) == ("single sentence" in message)
    assert short.sizes == ([4, 2, 1] if "single sentence" in message else [4])


def _text(value: str) -> bytes:
    data = value.encode("utf-8") + b"\x00"
    return struct.pack("H", len(data)) + data


def _model_bin(version: int, positions: int = 256) -> bytes:
    """A model.bin in CTranslate2's layout: an encoder position table the decoder shares by alias."""
    table = struct.pack("II", positions, 8) + struct.pack("B", 0) + struct.pack("I", 4) + b"\x00" * 4
    return (
        struct.pack("I", version)
        + _text("TransformerSpec")
        + struct.pack("I", 1)
        + struct.pack("I", 1)
        + _text("encoder/position_encodings/encodings")
        + struct.pack("B", 2)
        + table
        + struct.pack("I", 1)
        + _text("decoder/position_encodings/encodings")
        + _text("encoder/position_encodings/encodings")
    )


@pytest.mark.parametrize(
    ("data", "positions"),
    [
        (_model_bin(6), (256, 256)),
        (_model_bin(4, 512), (512, 512)),
        (_model_bin(3), (None, None)),  # an older layout, read differently
        (_model_bin(6)[:40], (None, None)),  # cut short
        (_model_bin(6).replace(b"TransformerSpec", b"\xff" * 15), (None, None)),  # a name not in UTF-8
        (b"", (None, None)),
    ],
)
def test_the_position_limit_is_read_from_the_model_file_or_there_is_none(tmp_path, data, positions):
    """A model.bin read wrongly must not cut sentences short: a file this reader does not know means no limit."""
    (tmp_path / "model.bin").write_bytes(data)
    assert model_positions(tmp_path) == positions


def test_a_missing_model_file_has_no_position_limit(tmp_path):
    assert model_positions(tmp_path) == (None, None)


@pytest.mark.parametrize(("device", "size"), [("cpu", 32), ("cuda", 64)])
def test_a_named_device_is_taken_as_named_and_sets_the_batch_size(device, size):
    assert resolve_device(device) == device
    assert default_batch_size(device) == size
