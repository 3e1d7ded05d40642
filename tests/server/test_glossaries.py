"""The server's glossary store as its endpoints see it: DeepL glossaries by id, the editor's search,
uploads named as the client named them (the store itself, no server: these are its promises)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from translator.errors import GlossaryError
from translator.server.glossaries import Glossaries

ENTRIES = "con mèo\tthe cat\nngủ trưa|ngủ ngày\tnaps\n"
ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def _info(store: Glossaries, name: str = "newsroom") -> dict:
    return store.create(name, ENTRIES, "tsv", "VI", "EN-US")


def test_a_deepl_glossary_is_its_whole_info_and_its_entries_one_per_variant(tmp_path: Path):
    """The info DeepL's clients read (lower-case languages, a UTC time in milliseconds, every variant
    counted), kept under a data folder the store makes itself."""
    store = Glossaries(tmp_path / "fresh" / "data", shipped=False)
    info = _info(store)
    glossary_id, created = info.pop("glossary_id"), info.pop("creation_time")
    assert ID.fullmatch(glossary_id) and TIME.fullmatch(created), (glossary_id, created)
    assert info == {"name": "newsroom", "ready": True, "source_lang": "vi", "target_lang": "en-us", "entry_count": 3}
    whole = {"glossary_id": glossary_id, "creation_time": created, **info}
    assert (store.info(glossary_id), store.all()) == (whole, [whole])
    assert store.entries(glossary_id) == "con mèo\tthe cat\nngủ trưa\tnaps\nngủ ngày\tnaps\n"


def test_a_deleted_glossary_is_gone_with_both_its_files(tmp_path: Path):
    store = Glossaries(tmp_path, shipped=False)
    kept, gone = _info(store, "kept")["glossary_id"], _info(store, "gone")["glossary_id"]
    store.delete(gone)
    assert sorted(p.name for p in (tmp_path / "deepl").iterdir()) == [f"{kept}.json", f"{kept}.tsv"]
    assert [info["name"] for info in store.all()] == ["kept"]


def test_glossaries_are_listed_oldest_first_and_only_the_servers_own(tmp_path: Path):
    """Listed by creation time (not by their random ids); a stray JSON file in the folder is no glossary."""
    store = Glossaries(tmp_path, shipped=False)
    ids = sorted(_info(store, name)["glossary_id"] for name in ("a", "b", "c"))
    for n, glossary_id in enumerate(ids):  # the last id the oldest: id order is the reverse of time order
        path = tmp_path / "deepl" / f"{glossary_id}.json"
        info = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**info, "creation_time": f"2026-01-0{9 - n}T00:00:00.000Z"}), encoding="utf-8")
    (tmp_path / "deepl" / "notes.json").write_text("{}", encoding="utf-8")
    assert [info["glossary_id"] for info in store.all()] == ids[::-1]
    assert Glossaries(tmp_path / "none", shipped=False).all() == []


ONE_COLUMN = "2: one column; a glossary row needs a Vietnamese and an English term"
HEADER = "1: the header must name vi and en, then any of note, domain, case, en_adj, match"
UNKNOWN = ["", "nope", "NOPE-ID", "deleted", "../deepl/{id}", "{id}x", "{ID}"]


@pytest.mark.parametrize(
    ("unknown", "call"),
    [(u, c) for u in UNKNOWN for c in ("info", "entries", "delete", "for_request") if u or c != "for_request"],
)  # for a request "" is no glossary asked (below)
def test_an_id_that_is_no_glossary_of_the_server_is_unknown(tmp_path: Path, unknown: str, call: str):
    """KeyError, which the endpoints answer as 404 / 400: no file outside the folder, no other case, no
    glossary once deleted."""
    store = Glossaries(tmp_path, shipped=False)
    real = _info(store)["glossary_id"]
    deleted = _info(store)["glossary_id"]
    store.delete(deleted)
    asked = {"deleted": deleted}.get(unknown, unknown.replace("{id}", real).replace("{ID}", real.upper()))
    with pytest.raises(KeyError):
        getattr(store, call)(asked)


def test_a_request_gets_the_servers_glossaries_with_its_deepl_glossary_on_top(tmp_path: Path):
    """``--no-glossary`` turns off the server's glossaries, never the one a request names."""
    store = Glossaries(tmp_path, shipped=False)
    store.add({"vi": "phở", "en": "pho"}, replace=False)
    glossary_id = _info(store)["glossary_id"]

    def terms(glossary) -> list[tuple[str, str]]:
        return [(e.vi, e.en) for e in glossary]

    server = [("phở", "pho")]
    named = [("con mèo", "the cat"), ("ngủ trưa", "naps")]
    assert terms(store.for_request(None)) == terms(store.for_request("")) == server
    assert terms(store.for_request(glossary_id)) == server + named
    off = Glossaries(tmp_path, shipped=False, enabled=False)
    assert (off.for_request(None), terms(off.for_request(glossary_id))) == (None, named)


@pytest.mark.parametrize("folder", ["desk", "a:b"])
def test_the_editors_search_answers_whole_entries_saying_which_it_may_change(tmp_path: Path, folder: str):
    """Every field the editor shows; a ``--glossary`` file's entry is shown, named by its file, and
    not editable (a colon in a folder's name is no line number: the file is still named)."""
    given = tmp_path / folder / "desk.tsv"
    given.parent.mkdir()
    row = "Nhà Trắng\tthe White House\tUS\tpolitics\tsensitive\n"
    given.write_text(f"vi\ten\tnote\tdomain\tcase\n{row}", encoding="utf-8")
    store = Glossaries(tmp_path / folder / "data", files=(given,), shipped=False)
    fields = {"vi": "cà phê sữa đá|cafe sữa đá", "en": "iced coffee", "note": "drink", "domain": "food"}
    store.add({**fields, "case": "", "adj": "iced-coffee", "match": "short-name"}, replace=False)
    desk = {
        "vi": "Nhà Trắng", "en": "the White House", "note": "US", "domain": "politics", "case": "sensitive",
        "adj": "", "match": "", "source": "desk.tsv", "editable": False,
    }  # fmt: skip
    own = {
        **fields, "vi": "cà phê sữa đá | cafe sữa đá", "case": "", "adj": "iced-coffee", "match": "short-name",
        "source": "glossary.tsv", "editable": True,
    }  # fmt: skip
    assert store.search("") == store.search(" \n") == [desk, own]
    assert (store.search("cafe sữa đá"), store.search("Nhà Trắng")) == ([own], [desk])
    assert Glossaries(tmp_path / folder / "data", shipped=False, enabled=False).search("") == []


@pytest.mark.parametrize(
    ("data", "fmt", "name", "message"),
    [
        (b"vi,en\nonly\n", None, "bad.csv", f"bad.csv:{ONE_COLUMN}"),
        (b"vi,en\nonly\n", "csv", "/srv/in/up.tsv", f"up.tsv:{ONE_COLUMN}"),
        (b"vi\ten\nonly\n", None, "c:bad.txt", "c:bad.txt:2: both the Vietnamese and the English term are needed"),
        (b"vi,en\nonly\n", None, "", f"upload:{HEADER}"),
        (b"<xliff/>", None, "t.XML", "t.XML: not a TBX file (its root element is <xliff>)"),
        (b"<xliff/>", None, "t.tbx", "t.tbx: not a TBX file (its root element is <xliff>)"),
    ],
)  # fmt: skip
def test_a_refused_upload_is_named_as_the_client_named_it(tmp_path: Path, data, fmt, name, message):
    """The reader's format from the name (.csv, .tbx/.xml, else TSV) unless one is given; the server's
    scratch file is never named, and never left behind."""
    store = Glossaries(tmp_path, shipped=False)
    with pytest.raises(GlossaryError) as refused:
        store.import_data(data, fmt, name)
    assert (str(refused.value), list((tmp_path / "uploads").iterdir())) == (message, [])


def test_an_upload_adds_every_entry_replacing_and_the_export_is_the_servers_file(tmp_path: Path):
    store = Glossaries(tmp_path, shipped=False)
    header = b"vi\ten\tnote\tdomain\tcase\ten_adj\tmatch\n"
    assert store.export("tsv") == header  # no file yet: an empty glossary
    store.add({"vi": "phở", "en": "noodle soup"}, replace=False)
    assert store.import_data("vi,en\nphở,pho\nbún chả,grilled pork\n".encode(), None, "food.CSV") == 2
    assert store.export("tsv") == header + "phở\tpho\nbún chả\tgrilled pork\n".encode()
    assert store.remove("phở") == 1


@pytest.mark.parametrize(
    ("entries", "fmt", "expected"),
    [
        ("con chó,the dog\n", "csv", "con chó\tthe dog\n"),
        ("con chó\tthe dog\n", "csv", "con chó\tthe dog\n"),
        ("con chó\tthe dog\n", "tsv", "con chó\tthe dog\n"),
    ],
)
def test_a_deepl_glossary_comes_as_tsv_or_csv(tmp_path: Path, entries: str, fmt: str, expected: str):
    store = Glossaries(tmp_path, shipped=False)
    assert store.entries(store.create("g", entries, fmt, "vi", "en")["glossary_id"]) == expected


def test_a_deepl_glossary_in_another_format_is_refused_in_one_line(tmp_path: Path):
    with pytest.raises(GlossaryError) as refused:
        Glossaries(tmp_path, shipped=False).create("g", "con chó\tthe dog\n", "xlsx", "vi", "en")
    message = "entries_format must be tsv or csv, not 'xlsx'"
    assert (str(refused.value), (tmp_path / "deepl").exists()) == (message, False)
