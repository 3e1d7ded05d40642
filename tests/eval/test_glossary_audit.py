"""`vietrans glossary audit`: which entries professional translators do not follow."""

import json

import pytest
from click.testing import CliRunner

from translator.cli import main
from translator.errors import InputError
from translator.eval.glossary_audit import audit
from translator.glossary import parse

GLOSSARY = parse(
    "vi\ten\tnote\tdomain\tcase\ten_adj\n"
    "Syria\tSyria\t\t\t\tSyrian\n"
    "ngoại giao\tdiplomacy\n"
    "Tổ chức Y tế Thế giới\tWorld Health Organization (WHO)\n"
)
SOURCES = [
    "Chính phủ Syria lên tiếng.",
    "Quân đội rút khỏi Syria.",
    "Ông cố vấn về chính sách ngoại giao.",
    "Tổ chức Y tế Thế giới cảnh báo.",
    "Trời mưa.",
]
REFERENCES = [
    "The Syrian government spoke.",  # the adjective counts
    "The army left Syria.",
    "He advised on foreign policy.",  # not "diplomacy": a disagreement
    "The World Health Organisation warned.",  # British spelling, no abbreviation: agrees
    "It rained.",
]


def test_worst_first_with_examples():
    records = audit(SOURCES, REFERENCES, GLOSSARY)
    assert [(r.entry.en, r.matched, r.agreed) for r in records] == [
        ("diplomacy", 1, 0),
        ("Syria", 2, 2),
        ("World Health Organization (WHO)", 1, 1),
    ]
    assert [r.examples for r in records] == [[(3, SOURCES[2], REFERENCES[2])], [], []]


@pytest.mark.parametrize(("sources", "references"), [(SOURCES, REFERENCES[:2]), (SOURCES[:2], REFERENCES)])
def test_a_parallel_text_not_aligned_is_refused(sources, references):
    with pytest.raises(InputError) as refused:
        audit(sources, references, GLOSSARY)
    assert str(refused.value) == f"the source has {len(sources)} lines, the reference {len(references)}: not aligned"


@pytest.mark.parametrize("examples", [0, 1, 3])
def test_examples_are_the_first_disagreeing_lines_up_to_the_limit(examples):
    glossary = parse("vi\ten\nngoại giao\tdiplomacy\n", "g.tsv")
    sources = ["Ngoại giao một.", "Ngoại giao hai.", "Ngoại giao ba.", "Ngoại giao bốn.", "Ngoại giao năm."]
    references = ["Foreign policy one.", "Diplomacy two.", "Foreign policy three.", "Relations four.", "Talks five."]
    [record] = audit(sources, references, glossary, examples)
    disagreeing = [(1, sources[0], references[0]), (3, sources[2], references[2]), (4, sources[3], references[3])]
    assert record.as_dict() == {
        "vi": "ngoại giao",
        "en": "diplomacy",
        "en_adj": "",
        "source": "g.tsv:2",
        "matched": 5,
        "agreed": 1,
        "agreement": 0.2,
        "examples": [{"line": n, "source": s, "reference": r} for n, s, r in disagreeing[:examples]],
    }


def test_equal_agreement_puts_the_most_matched_first_then_the_vietnamese_in_order():
    glossary = parse("vi\ten\nhòa bình\tpeace\nchiến tranh\twar\nbán dẫn\tsemiconductors\n")
    sources = ["hòa bình", "chiến tranh", "chiến tranh", "bán dẫn"]
    references = ["calm", "fighting", "conflict", "chips"]
    assert [r.entry.vi for r in audit(sources, references, glossary)] == ["chiến tranh", "bán dẫn", "hòa bình"]


def test_audit_command(tmp_path):
    src, ref, glossary = tmp_path / "t.vi", tmp_path / "t.en", tmp_path / "g.tsv"
    src.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REFERENCES) + "\n", encoding="utf-8")
    glossary.write_text("vi\ten\nngoại giao\tdiplomacy\n", encoding="utf-8")
    args = ["glossary", "audit", "--src", str(src), "--ref", str(ref), "-g", str(glossary), "--no-shipped"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output == (
        "1 entries matched 1 times; the reference uses their English 0 times (0%)\n"
        f"   0/1    ngoại giao → diplomacy  ({glossary}:2)\n"
        "          line 3: Ông cố vấn về chính sách ngoại giao.\n"
        "                   ref: He advised on foreign policy.\n"
    )
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)
    assert report == {
        "entries": 1,
        "matches": 1,
        "agreed": 0,
        "audit": [
            {
                "vi": "ngoại giao",
                "en": "diplomacy",
                "en_adj": "",
                "source": f"{glossary}:2",
                "matched": 1,
                "agreed": 0,
                "agreement": 0.0,
                "examples": [{"line": 3, "source": SOURCES[2], "reference": REFERENCES[2]}],
            }
        ],
    }
    shipped = CliRunner().invoke(main, ["glossary", "audit", "--src", str(src), "--ref", str(ref), "--json"])
    assert json.loads(shipped.output)["entries"] >= 2  # the shipped glossaries know Syria and the WHO


def test_agreement_is_a_share_and_the_last_parenthesis_is_the_abbreviation():
    glossary = parse("vi\ten\nngoại giao\tdiplomacy\nQuân Giải phóng\tPeople's Liberation Army (China) (PLA)\n")
    sources = ["Ngoại giao là chìa khóa.", "Bộ trưởng ngoại giao đến.", "Chính sách ngoại giao mới.",
               "Quân Giải phóng tập trận."]  # fmt: skip
    references = ["Diplomacy is key.", "The foreign minister arrived.", "A new diplomacy policy.",
                  "The PLA held drills."]  # fmt: skip
    records = {r.entry.en: r.as_dict() for r in audit(sources, references, glossary)}
    assert records["diplomacy"]["agreement"] == 0.6667 and records["diplomacy"]["matched"] == 3
    assert records["People's Liberation Army (China) (PLA)"]["agreed"] == 1  # "PLA" is the short form


def test_an_entry_twice_in_one_line_is_one_matched_line():
    glossary = parse("vi\ten\nTrung Quốc\tChina\n", "g.tsv")
    [record] = audit(["Trung Quốc và Trung Quốc.", "Trung Quốc."], ["China and China.", "Beijing."], glossary)
    assert (record.matched, record.agreed) == (2, 1)
