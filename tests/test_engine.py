import pytest

from translator import models
from translator.engine import DecodeOptions, Engine

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
    assert len(calls) == 2  # 4 non-empty sentences, 2 per call
    flat = [n for call in calls for n in call]
    assert flat == sorted(flat)


def test_random_model_output_is_capped_and_scored(random_model):
    engine = Engine(models.resolve(str(random_model)), DecodeOptions(length_ratio=1.0, max_length=20))
    [result] = engine.translate(["Một câu."])
    assert result.text and result.score < 0
    assert len(engine.tokenize(result.text)) <= 20


def test_target_prefix_is_sent_and_stripped(tmp_path):
    from translator.testmodels import build_package

    package = models.resolve(str(build_package(tmp_path / "p.argosmodel", "copy", target_prefix="__en__")))
    assert package.target_prefix == "__en__"
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
