"""Property-based tests (hypothesis) and a bounded fuzz run over the reader and the splitter."""

import random
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from tests.export.test_docx import read_pairs
from translator.document import Block, BlockKind, Document, Sentence
from translator.errors import InputError
from translator.export.docx import render as render_docx
from translator.glossary import Entry, Glossary
from translator.glossary.files import export, import_file
from translator.pipeline import segment
from translator.read import parse_blocks, read_data

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
WORD = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789", min_size=1, max_size=8)
PUNCT = st.sampled_from(["", ".", ",", "!", "?", "…", ":", ";", "”", "“", ")", "("])
LINE = st.lists(st.tuples(WORD, PUNCT), min_size=1, max_size=12).map(lambda ws: " ".join(w + p for w, p in ws))
TEXT = st.lists(st.tuples(LINE, st.sampled_from(["\n", "\n\n", "\n \n"])), min_size=1, max_size=8).map(
    lambda parts: "".join(line + sep for line, sep in parts)
)


def _chars(text: str) -> str:
    return re.sub(r"\s", "", text)


@given(TEXT)
def test_reading_never_loses_or_reorders_characters(text):
    assert _chars("".join(b.text for b in parse_blocks(text))) == _chars(text)


@given(TEXT)
def test_segmenting_a_document_keeps_every_character_in_order(text):
    doc = segment(Document(blocks=parse_blocks(text)))
    assert _chars("".join(s.source for s in doc.sentences())) == _chars(text)


ENTRY = st.builds(
    lambda vi, en, note, domain, case: Entry(vi[0], en, tuple(vi), note, domain, case),
    st.lists(LINE.map(str.strip).filter(bool), min_size=1, max_size=3, unique=True),
    LINE.map(lambda s: s.strip() or "x"),
    st.sampled_from(["", "a note", "ghi chú"]),
    st.sampled_from(["", "ai", "geopolitics"]),
    st.sampled_from(["", "sensitive", "insensitive"]),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=40)
@given(st.lists(ENTRY, min_size=1, max_size=6), st.sampled_from(["tsv", "csv", "tbx"]))
def test_glossary_export_import_round_trip(tmp_path_factory, entries, fmt):
    path = tmp_path_factory.mktemp("g") / f"g.{fmt}"
    path.write_bytes(export(Glossary(entries), fmt))
    back = import_file(path, fmt)
    assert [(e.variants, e.en, e.note, e.domain, e.case) for e in back.entries] == [
        (e.variants, e.en, e.note, e.domain, e.case) for e in entries
    ]


PAIR = st.tuples(LINE, LINE)


@settings(max_examples=25, deadline=None)
@given(st.lists(PAIR, min_size=1, max_size=8))
def test_docx_written_and_read_back_gives_the_same_pairs(pairs):
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "x", [Sentence(vi, en) for vi, en in pairs])])
    assert read_pairs(render_docx(doc)) == pairs


def test_fuzz_reader_and_splitter():
    """Random and mutated inputs for 20 seconds at most: only InputError may come out, never a crash."""
    rng = random.Random(20261129)
    seeds = [EXAMPLE.read_bytes(), "Tiêu đề\n\nĐoạn “một”. TP. HCM, 4,33 tỷ USD... v.v. Ông A. Nói!?".encode()]
    deadline = time.monotonic() + 20
    runs = 0
    while time.monotonic() < deadline and runs < 3000:
        if rng.random() < 0.3:
            data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
        else:
            data = bytearray(rng.choice(seeds))
            for _ in range(rng.randint(1, 20)):
                at = rng.randrange(len(data) or 1)
                operation = rng.random()
                if operation < 0.4 and data:
                    data[at % len(data)] = rng.getrandbits(8)
                elif operation < 0.7:
                    data[at:at] = rng.choice([b".", b"\n", b" ", b"\xe2\x80\x9c", b"...", b"\x00", b"TP.", b"|"])
                else:
                    del data[at : at + rng.randint(1, 30)]
            data = bytes(data)
        suffix = rng.choice([".txt", ".md", ".html"])
        try:
            doc = segment(read_data(data, f"fuzz{suffix}", suffix))
        except InputError as err:
            message = str(err)
            assert message.startswith(f"fuzz{suffix}: ") and "\n" not in message  # one line, naming the file
        else:
            _check_document(doc)
        runs += 1
    assert runs > 50


def _check_document(doc) -> None:
    """What every document read must be: NFC text, no control characters, every sentence a
    piece of its block's text, in order, none empty."""
    import unicodedata

    from translator.read import CONTROL_CHARS

    for block in doc.blocks:
        assert block.text and unicodedata.is_normalized("NFC", block.text)
        assert not CONTROL_CHARS.search(block.text)
        position = 0
        for sentence in block.sentences:
            assert sentence.source.strip()
            at = block.text.find(sentence.source, position)
            assert at >= 0, (sentence.source, block.text)
            position = at + len(sentence.source)
