import pytest

from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine

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
    assert sum(done) == len(SENTENCES)
    assert results[2].score == 0.0


def test_batches_are_sorted_by_length(copy_model, monkeypatch):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=2))
    calls = []
    original = engine._decode
    monkeypatch.setattr(
        engine, "_decode", lambda batch, *rest: calls.append([len(t) for t in batch]) or original(batch, *rest)
    )
    engine.translate(SENTENCES)
    assert sum(map(len, calls)) == 4 and all(len(call) <= 2 for call in calls)  # 4 non-empty sentences
    flat = [n for call in calls for n in call]
    assert flat == sorted(flat)
    assert all(len({DecodeOptions.bucket(n) for n in call}) == 1 for call in calls)


def test_a_sentence_translates_the_same_whatever_shares_its_batch(random_model):
    """The decoding cap comes from the sentence's own length, not from its batch's longest."""
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(batch_size=32))
    short = "Một câu ngắn."
    alone = engine.translate([short])[0]
    together = engine.translate([short, SENTENCES[3] * 3, SENTENCES[0]])[0]
    assert together.text == alone.text


def test_done_reports_each_sentence_once_as_its_batch_finishes(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(batch_size=1, beam_size=1))
    reports = []
    results = engine.translate(SENTENCES, done=lambda finished: reports.append(finished))
    assert len(reports) == 4  # one per batch of one; the empty sentence is not decoded
    assert sorted(i for batch in reports for i, _ in batch) == [0, 1, 3, 4]
    assert all(results[i] == t for batch in reports for i, t in batch)


def test_a_token_longer_than_the_model_takes_is_passed_through_whole(copy_model):
    engine = Engine(models.resolve(str(copy_model)), DecodeOptions(beam_size=1, max_input=20))
    blob = "x" * 40 + "Ab9" * 1000
    [result] = engine.translate([f"Mô hình mới. {blob} Hà Nội."])
    assert blob in result.text
    assert result.passed == len(blob)
    assert "Hà Nội" in result.text


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
    from translator.errors import ModelError

    package = models.resolve(str(random_model))
    (package.model_dir / "model.bin").write_bytes(b"garbage")
    with pytest.raises(ModelError, match="cannot load the model"):
        Engine(package)


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
