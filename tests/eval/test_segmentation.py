import json

from translator.eval.segmentation import Score, main, regex_split, score_document


def test_scoring_counts_boundaries_and_ignores_suspects_and_headlines():
    doc = {
        "text": "Tiêu đề Câu một. Câu hai có hai câu. Thật. Câu ba.",
        "sentences": ["Tiêu đề", "Câu một.", "Câu hai có hai câu. Thật.", "Câu ba."],
        "multi_sentence_suspect": [2],
    }
    perfect = Score()
    score_document(doc, ["Tiêu đề", "Câu một.", "Câu hai có hai câu.", "Thật.", "Câu ba."], perfect)
    assert (perfect.tp, perfect.fp, perfect.fn) == (2, 0, 0)  # headline and in-suspect boundaries not counted
    missed = Score()
    score_document(doc, ["Tiêu đề Câu một. Câu hai có hai câu. Thật.", "Câu ba."], missed)
    assert (missed.tp, missed.fp, missed.fn) == (1, 0, 1)
    extra = Score()
    score_document(
        {**doc, "multi_sentence_suspect": []}, ["Tiêu đề", "Câu một.", "Câu hai có hai câu.", "Thật.", "Câu ba."], extra
    )
    assert (extra.tp, extra.fp, extra.fn) == (2, 1, 0)
    assert round(extra.precision, 3) == 0.667 and extra.recall == 1.0


def test_regex_baseline():
    assert regex_split("Một. Hai! ba. Đúng?") == ["Một.", "Hai! ba.", "Đúng?"]


def test_main_prints_every_peer(tmp_path, capsys):
    data = tmp_path / "d.jsonl"
    doc = {
        "text": "TP. Hồ Chí Minh mưa. Hà Nội nắng.",
        "sentences": ["TP. Hồ Chí Minh mưa.", "Hà Nội nắng."],
        "multi_sentence_suspect": [],
    }
    data.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main([str(data), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert {key: value for key, value in scores["vietrans"].items() if key != "sentences_per_s"} == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert set(scores["vietrans"]) == {"precision", "recall", "f1", "sentences_per_s"}
    assert scores["nltk-punkt-untrained"]["f1"] < 1.0  # splits after "TP."
    assert {"regex-baseline", "nltk-punkt-untrained"} <= set(scores)
    assert main([str(data)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0] == "d.jsonl: 1 documents"
    assert table[1].split() == ["splitter", "precision", "recall", "F1", "tp", "fp", "fn", "sent/s"]
    assert table[2].split()[:7] == ["vietrans", "1.0000", "1.0000", "1.0000", "1", "0", "0"]  # one boundary


def test_a_headline_left_joined_to_the_next_sentence_costs_nothing():
    """The boundary after a unit without final punctuation (a headline) is neutral: missing it is no
    error, and the boundaries after it still count."""
    doc = {
        "text": "Tiêu đề Câu một. Câu hai. Câu ba.",
        "sentences": ["Tiêu đề", "Câu một.", "Câu hai.", "Câu ba."],
    }
    score = Score()
    score_document(doc, ["Tiêu đề Câu một.", "Câu hai.", "Câu ba."], score)
    assert (score.tp, score.fp, score.fn) == (2, 0, 0)


def test_a_sentence_that_repeats_is_found_at_each_of_its_places():
    """A cry repeated word for word: each copy is its own boundary (found searching on from the
    sentence before it), so a perfect split scores all four."""
    units = ["Khói bốc lên.", "Cháy rồi!", "Mọi người chạy.", "Cháy rồi!", "Hết."]
    score = Score()
    score_document({"text": " ".join(units), "sentences": units}, units, score)
    assert (score.tp, score.fp, score.fn) == (4, 0, 0)
