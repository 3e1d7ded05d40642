import json
from pathlib import Path

import pytest

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


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "d.jsonl"
    doc = {
        "text": "TP. Hồ Chí Minh mưa. Hà Nội nắng.",
        "sentences": ["TP. Hồ Chí Minh mưa.", "Hà Nội nắng."],
        "multi_sentence_suspect": [],
    }
    data.write_text(json.dumps(doc, ensure_ascii=False) + "\n\n", encoding="utf-8")  # a blank line is no document
    return data


def test_main_prints_every_peer(tmp_path, capsys, monkeypatch):
    """The JSON report and the table, whole (speeds aside): vietrans keeps "TP." inside the
    sentence, the regex baseline splits after it."""
    from translator.eval import segmentation
    from translator.segment import split_sentences

    monkeypatch.setattr(segmentation, "peers", lambda: {"vietrans": split_sentences, "regex-baseline": regex_split})
    data = _data(tmp_path)
    assert main([str(data), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    speeds = {name: row.pop("sentences_per_s") for name, row in scores.items()}
    assert scores == {
        "vietrans": {"precision": 1.0, "recall": 1.0, "f1": 1.0},
        "regex-baseline": {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)},
    }
    assert all(speed > 0 for speed in speeds.values())
    assert main([str(data)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert [line[:-10] for line in table[1:]] == [
        "splitter               precision  recall      F1     tp    fp    fn",
        "vietrans                  1.0000  1.0000  1.0000      1     0     0",
        "regex-baseline            0.5000  1.0000  0.6667      1     1     0",
    ]
    assert table[0] == "d.jsonl: 1 documents" and table[1].endswith("    sent/s")


def test_the_peers_are_every_splitter_installed(capsys, monkeypatch):
    """underthesea joins the comparison where it is installed, and is named where it is not."""
    import sys
    import types

    from translator.eval.segmentation import peers

    monkeypatch.setitem(sys.modules, "underthesea", None)  # not installed: importing it fails
    assert list(peers()) == ["vietrans", "nltk-punkt-untrained", "regex-baseline"]
    assert capsys.readouterr().err == (
        "(underthesea is not installed: pip install 'vietrans[eval]' to compare with it)\n"
    )
    installed = types.ModuleType("underthesea")
    installed.sent_tokenize = regex_split
    monkeypatch.setitem(sys.modules, "underthesea", installed)
    assert list(peers()) == ["vietrans", "nltk-punkt-untrained", "regex-baseline", "underthesea"]
    assert peers()["underthesea"] is regex_split
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "expected"),
    [
        (0, 0, 0, (1.0, 1.0, 1.0)),  # nothing to find, nothing found: perfect
        (0, 2, 3, (0.0, 0.0, 0.0)),
        (3, 1, 0, (0.75, 1.0, pytest.approx(6 / 7))),
        (1, 0, 3, (1.0, 0.25, 0.4)),
    ],
)
def test_precision_recall_and_f1(tp, fp, fn, expected):
    score = Score(tp, fp, fn)
    assert (score.precision, score.recall, score.f1) == expected


def test_empty_pieces_of_a_split_are_no_sentences():
    doc = {"text": "Một. Hai.", "sentences": ["Một.", "Hai."]}
    score = Score()
    score_document(doc, ["", "Một.", "  ", "Hai.", "\n"], score)
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)


def test_a_splitter_that_changes_the_text_is_named():
    with pytest.raises(ValueError) as refused:
        score_document({"text": "Một. Hai.", "sentences": ["Một.", "Hai."]}, ["Một.", "Ba."], Score())
    assert str(refused.value) == "splitter changed the text near 'Ba.'"


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
