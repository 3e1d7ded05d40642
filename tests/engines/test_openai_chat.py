"""The OpenAI-compatible chat engine against a real HTTP server on 127.0.0.1 (a scripted stand-in
for the LLM: tests/engines/chat_server.py), driven by the real ``openai`` client."""

import json
import re
import socket

import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLE
from tests.engines import raises_line
from tests.engines.chat_server import ChatServer
from translator.cli import main
from translator.engines import EngineSpec, Request, Translation, load
from translator.engines import packages as models
from translator.engines.openai_chat import lined_up, parse_reply
from translator.errors import ExitCode, ModelError, NetworkError
from translator.pipeline import Options, translate_files

pytest.importorskip("openai")

PARAGRAPH = "Doanh thu đạt 627,6 tỷ USD. Mức tăng là 19,1%. Trí tuệ nhân tạo phát triển."


def _spec(server: ChatServer, **kw) -> EngineSpec:
    return EngineSpec("openai", "stand-in", base_url=server.url, **kw)


def _translate(tmp_path, spec: EngineSpec, text: str = PARAGRAPH, name: str = "bai", **kw):
    source = tmp_path / f"{name}.txt"
    source.write_text(f"Tiêu đề bài báo\n\n{text}\n", encoding="utf-8")
    options = Options(formats=("jsonl",), engine=spec, progress=False, cache=tmp_path / "tm.sqlite3", **kw)
    result = translate_files([source], tmp_path / "out", options)
    rows = [json.loads(line) for line in (tmp_path / "out" / f"{name}.jsonl").read_text().splitlines()]
    return result, [row for row in rows if row.get("source")]


SYSTEM = (
    "You are a professional translator of Vietnamese news into English for English-speaking readers. "
    "Translate each numbered sentence faithfully and completely into fluent English, using the other "
    "sentences only as context: never merge, split, drop, summarise or explain sentences, and never "
    "add anything. Keep names of people and places as the instructions give them."
)
PROMPT = [  # the paragraph's user message, line by line
    "Translate the 3 numbered Vietnamese sentence(s) below, from one paragraph of a news article, into English.",
    'Answer with JSON only: {"translations": [{"id": 1, "text": "..."}, ...]}, exactly one entry per sentence, '
    "in order.",
    "Glossary: translate these terms exactly so:",
    "- Trí tuệ nhân tạo → artificial intelligence (AI)",
    "Write these exactly as given:",
    "- 627,6 tỷ USD → 627.6 billion USD",
    "- 19,1% → 19.1%",
    "Sentences:",
    "1. Doanh thu đạt 627,6 tỷ USD.",
    "2. Mức tăng là 19,1%.",
    "3. Trí tuệ nhân tạo phát triển.",
]
TARGETS = [
    "EN: Doanh thu đạt 627.6 billion USD.",
    "EN: Mức tăng là 19.1%.",
    "EN: artificial intelligence (AI) phát triển.",  # the glossary went into the instructions
]


def _json_schema(count: int) -> dict:
    """The response_format a server with strict structured output is sent (as it reads the JSON):
    an object holding exactly ``count`` entries of an id and a text, nothing else allowed."""
    entry = (
        '{"type": "object", "properties": {"id": {"type": "integer"}, "text": {"type": "string"}}, '
        '"required": ["id", "text"], "additionalProperties": false}'
    )
    translations = f'{{"type": "array", "items": {entry}, "minItems": {count}, "maxItems": {count}}}'
    return json.loads(
        '{"type": "json_schema", "json_schema": {"name": "translations", "strict": true, "schema": '
        f'{{"type": "object", "properties": {{"translations": {translations}}}, "required": ["translations"], '
        '"additionalProperties": false}}}'
    )


def _body(user: str, response_format: dict | None) -> dict:
    """The whole JSON body a server receives for one request (no response_format: none is sent)."""
    body = {
        "model": "stand-in",
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        "temperature": 0,
    }
    return body if response_format is None else {**body, "response_format": response_format}


def _title() -> str:
    """The title's user message: a paragraph of one sentence, no terms, no spans."""
    return (
        "Translate the 1 numbered Vietnamese sentence(s) below, from one paragraph of a news article, into English.\n"
        'Answer with JSON only: {"translations": [{"id": 1, "text": "..."}, ...]}, exactly one entry per sentence, '
        "in order.\nSentences:\n1. Tiêu đề bài báo"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_paragraph_goes_in_one_request_and_comes_back_line_by_line(tmp_path):
    with ChatServer() as server:
        result, rows = _translate(tmp_path, _spec(server))
    assert len(server.requests) == 2  # the title, then the paragraph's three sentences at once
    prompt = next(m for m in server.user_messages() if "the 3 numbered" in m)
    assert prompt.splitlines() == PROMPT  # the glossary and the spans go into the instructions, not the text
    bodies = sorted(server.requests, key=lambda body: body["messages"][-1]["content"] != prompt)
    assert bodies == [_body(prompt, _json_schema(3)), _body(_title(), _json_schema(1))]  # nothing else is sent
    assert [r["target"] for r in rows[1:]] == TARGETS
    assert result.translated == 4 and [r["flags"] for r in rows] == [["still Vietnamese"], [], [], []]  # (the echo)


def test_with_terms_off_no_glossary_term_is_sent(tmp_path):
    """--terms off: terms are only checked; the model is never told them."""
    with ChatServer("ignore_terms") as server:
        _, rows = _translate(tmp_path, _spec(server), terms="off")
    assert not any("Glossary" in m or "artificial intelligence" in m for m in server.user_messages())
    assert rows[-1]["flags"] == ["term not enforced: artificial intelligence (AI)", "still Vietnamese"]  # still checked


def test_the_safer_retry_sends_each_sentence_alone(tmp_path):
    with ChatServer() as server:
        engine = load(_spec(server)).open()
        requests = [Request(s, paragraph=0) for s in ("Câu một.", "Câu hai.", "Câu ba.")]
        expected = [Translation(text, None) for text in ("EN: Câu một.", "EN: Câu hai.", "EN: Câu ba.")]
        assert engine.translate(requests) == expected and len(server.requests) == 1  # a paragraph at once
        assert engine.translate(requests, safer=True) == expected
        engine.close()
    assert len(server.requests) == 4 and all("the 1 numbered" in m for m in server.user_messages()[1:])


def test_terms_the_model_ignores_are_flagged(tmp_path):
    with ChatServer("ignore_terms") as server:
        _, rows = _translate(tmp_path, _spec(server))
    assert [(r["target"], r["flags"]) for r in rows[1:]] == [
        ("EN: Doanh thu đạt 627.6 billion USD.", []),
        ("EN: Mức tăng là 19.1%.", []),
        ("EN: Trí tuệ nhân tạo phát triển.", ["term not enforced: artificial intelligence (AI)", "still Vietnamese"]),
    ]


@pytest.mark.parametrize("mode", ["merge", "shift", "plain"])
def test_a_reply_that_does_not_line_up_is_asked_again_sentence_by_sentence(mode, tmp_path):
    """merge: a number missing; shift: the right count, but each sentence's numbers in its neighbour's;
    plain: running text, which is taken as the answer only where one sentence was asked."""
    with ChatServer(mode) as server:
        _, rows = _translate(tmp_path, _spec(server))
    singles = [m for m in server.user_messages() if "the 1 numbered" in m]
    assert len(server.requests) == 2 + 3 and len(singles) == 4  # the title, the paragraph, then each sentence
    assert [r["target"] for r in rows[1:]] == TARGETS


@pytest.mark.parametrize("mode", ["fenced", "numbered"])
def test_replies_in_a_code_fence_or_as_a_numbered_list_are_read(mode, tmp_path):
    with ChatServer(mode) as server:
        _, rows = _translate(tmp_path, _spec(server))
    assert len(server.requests) == 2 and [r["target"] for r in rows[1:]] == TARGETS


def test_a_server_without_json_schema_is_asked_for_json_once_refused(tmp_path):
    with ChatServer("no_schema") as server:
        _, rows = _translate(tmp_path, _spec(server, concurrency=1))
    formats = [body.get("response_format") for body in server.requests]
    assert formats == [_json_schema(1), {"type": "json_object"}, {"type": "json_object"}]  # refused once, remembered
    assert [r["target"] for r in rows[1:]] == TARGETS


def test_a_server_without_structured_output_is_asked_plainly(tmp_path):
    """Refused twice for the format: then no response_format at all, and the JSON read from the text."""
    with ChatServer("no_format") as server:
        _, rows = _translate(tmp_path, _spec(server, concurrency=1))
    assert server.requests[2:] == [_body(_title(), None), _body("\n".join(PROMPT), None)]
    assert [body.get("response_format") for body in server.requests[:2]] == [_json_schema(1), {"type": "json_object"}]
    assert [r["target"] for r in rows[1:]] == TARGETS


@pytest.mark.parametrize("mode", ["truncated", "no_choices", "no_entries", "empty_list"])
def test_a_reply_cut_off_or_without_an_answer_is_not_used(mode, tmp_path):
    """Cut off, no answer at all in a 200 reply, or JSON with no translation in it (never taken
    for the translation itself): an empty, flagged row, never kept in the memory."""
    with ChatServer(mode) as server:
        _, rows = _translate(tmp_path, _spec(server))
        again, _ = _translate(tmp_path, _spec(server), force=True)
    assert [(r["target"], r["flags"]) for r in rows] == [
        ("", ["empty translation"]),
        ("", ["money not kept: 627,6 tỷ USD → 627.6 billion USD", "empty translation"]),
        ("", ["percent not kept: 19,1% → 19.1%", "empty translation"]),
        ("", ["term not enforced: artificial intelligence (AI)", "empty translation"]),
    ]
    assert again.cached == 0  # nothing empty was kept: the next run asks again


def test_paragraphs_are_sent_concurrently_up_to_the_limit(tmp_path):
    text = "\n\n".join(f"Đoạn {i} nói về chip. Câu thứ hai của đoạn {i}." for i in range(8))
    with ChatServer() as server:
        _translate(tmp_path, _spec(server, concurrency=3), text)
    assert len(server.requests) == 9 and 2 <= server.peak <= 3


def test_a_busy_server_is_retried_with_back_off(tmp_path):
    with ChatServer("busy", failures=2) as server:
        _, rows = _translate(tmp_path, _spec(server, concurrency=1, retries=3))
    assert len(server.requests) == 4 and rows[1]["target"] == "EN: Doanh thu đạt 627.6 billion USD."


def test_a_server_that_does_not_answer_in_time_stops_the_run_with_one_line(tmp_path):
    with (
        ChatServer("slow", delay=3) as server,
        raises_line(
            NetworkError,
            f"the LLM server at {server.url} did not answer within 0.3 s (1 retries); "
            "try a longer --timeout or a lower --concurrency",
        ),
    ):
        _translate(tmp_path, _spec(server, timeout=0.3, retries=1, concurrency=1))
    assert len(server.requests) == 2  # the title tried, then once more; then the run stops


def test_a_dead_server_is_one_line_and_the_network_exit_code(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}/v1"
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        ["translate", str(EXAMPLE), "-o", str(out), "-q", "--engine", f"openai:stand-in@{url}", "--no-cache"],
        env={"OPENAI_API_KEY": ""},
    )
    assert result.exit_code == ExitCode.NETWORK
    assert result.output == f"vietrans: error: cannot reach the LLM server at {url}; is it running?\n"
    assert not out.exists() or not list(out.iterdir())


def test_the_key_comes_from_the_named_environment_variable(tmp_path, monkeypatch):
    with ChatServer(key="s3cret") as server:
        with raises_line(NetworkError, f"the LLM server at {server.url} refused the key; set VIETRANS_LLM_KEY"):
            _translate(tmp_path, _spec(server, api_key_env="VIETRANS_LLM_KEY", retries=0))
        monkeypatch.setenv("VIETRANS_LLM_KEY", "s3cret")
        _, rows = _translate(tmp_path, _spec(server, api_key_env="VIETRANS_LLM_KEY"), force=True)
    assert rows[1]["target"] == "EN: Doanh thu đạt 627.6 billion USD."


def test_an_unknown_model_name_is_a_model_error(tmp_path):
    with (
        ChatServer() as server,
        raises_line(ModelError, f"the LLM server at {server.url} has no model 'nope' (model 'nope' not found)"),
    ):
        _translate(tmp_path, EngineSpec("openai", "nope", base_url=server.url, retries=0))


def test_the_memory_keys_on_server_model_and_instructions(tmp_path):
    with ChatServer() as server:
        first, _ = _translate(tmp_path, _spec(server))
        again, _ = _translate(tmp_path, _spec(server), force=True)
        assert first.translated == 4 and again.cached == 4 and len(server.requests) == 2
        glossary = tmp_path / "mine.tsv"
        glossary.write_text("vi\ten\ndoanh thu\trevenue\n", encoding="utf-8")
        changed, rows = _translate(tmp_path, _spec(server), glossaries=(glossary,), force=True)
        assert changed.translated == 1 and changed.cached == 3  # only the sentence the new term is in
        assert rows[1]["target"] == "EN: revenue đạt 627.6 billion USD."
    with ChatServer() as other:  # another server address: another engine
        moved, _ = _translate(tmp_path, _spec(other), force=True)
    assert moved.translated == 4


def test_outputs_name_the_engine(tmp_path):
    with ChatServer() as server:
        source = tmp_path / "bai.txt"
        source.write_text(PARAGRAPH + "\n", encoding="utf-8")
        translate_files([source], tmp_path / "out", Options(formats=("md",), engine=_spec(server), progress=False))
    text = (tmp_path / "out" / "bai.bilingual.md").read_text(encoding="utf-8")
    assert f"stand-in at {server.url} (OpenAI-compatible chat)" in text and "TEST MODEL" not in text


def test_the_engine_is_refused_on_ray_and_without_a_model_or_server():
    from translator.backends import Backend

    model = load(EngineSpec("openai", "m", base_url="http://127.0.0.1:1/v1"))
    with raises_line(ModelError, "--ray runs CTranslate2 models; an LLM server is scaled with --concurrency"):
        model.open(None, Backend("ray"))
    with raises_line(ModelError, "the openai engine needs a model and a server: --llm-model NAME --base-url URL"):
        load(EngineSpec("openai", None, base_url="http://127.0.0.1:1/v1"))
    with raises_line(ModelError, "--base-url 127.0.0.1:8080: give the server's address, e.g. http://127.0.0.1:8080/v1"):
        load(EngineSpec("openai", "m", base_url="127.0.0.1:8080"))


def test_without_the_openai_package_the_error_says_how_to_install_it(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "openai", None)
    with raises_line(ModelError, "the openai engine needs the openai package: pip install 'vietrans[llm]'"):
        load(EngineSpec("openai", "m", base_url="http://127.0.0.1:1/v1")).open()


def test_engine_specs_from_the_command_line():
    spec = EngineSpec.parse("openai:qwen2.5:7b@http://127.0.0.1:11434/v1", concurrency=2, llm_model="other")
    assert spec == EngineSpec("openai", "qwen2.5:7b", base_url="http://127.0.0.1:11434/v1", concurrency=2)
    bare = EngineSpec.parse("openai", llm_model="m", base_url="http://h/v1", timeout=5.0)
    assert bare == EngineSpec("openai", "m", base_url="http://h/v1", timeout=5.0)
    assert EngineSpec.parse("ctranslate2:/models/nllb", model="other") == EngineSpec(model="/models/nllb")
    assert EngineSpec.parse("ctranslate2", model="x.argosmodel", family="nllb", retries=1) == EngineSpec(
        model="x.argosmodel", family="nllb", retries=1
    )
    assert [EngineSpec.parse(text, model=None).describe() for text in ("ctranslate2", "ctranslate2:m")] == [
        "ctranslate2",
        "ctranslate2:m",
    ]
    assert EngineSpec().problem() == "" and EngineSpec(model="x", base_url="ftp://h").problem() == ""
    with raises_line(ModelError, "the openai engine needs a model and a server: --llm-model NAME --base-url URL"):
        EngineSpec.parse("openai:@http://h/v1")  # a server, no model
    with raises_line(ModelError, "the openai engine needs a model and a server: --llm-model NAME --base-url URL"):
        EngineSpec.parse("openai:m")  # a model, no server
    with raises_line(ModelError, "unknown engine 'deepl'; use ctranslate2, openai (see vietrans translate --help)"):
        EngineSpec.parse("deepl")
    assert EngineSpec.parse(spec.describe()) == EngineSpec("openai", "qwen2.5:7b", base_url=spec.base_url)


def test_parse_reply_needs_every_number_once():
    assert parse_reply('{"translations": [{"id": 1, "text": "A"}, {"id": 2, "text": "B"}]}', 2) == ["A", "B"]
    assert parse_reply('["A", "B"]', 2) == ["A", "B"]
    assert parse_reply("1. A\n2) B", 2) == ["A", "B"]
    assert parse_reply('{"translations": [{"id": 2, "text": "B"}, {"id": 1, "text": "A"}]}', 2) is None
    assert parse_reply('{"translations": [{"id": 1, "text": "A"}, {"id": 2, "text": " "}]}', 2) is None
    assert parse_reply('{"translations": [{"id": 1, "text": "A"}]}', 2) is None
    assert parse_reply("not json", 1) is None
    assert parse_reply('{"translations": [{"id": 1, "text": null}]}', 1) is None  # no text is no translation
    assert parse_reply('{"translations": [{"id": 1, "text": 7}]}', 1) is None
    assert parse_reply('["A", {"id": 2, "text": "B"}]', 2) is None  # neither all text nor all entries
    assert parse_reply('```json\n{"translations": ["A"]}\n```', 1) == ["A"]


def test_lined_up_sees_numbers_in_the_wrong_sentence():
    requests = [Request("a", spans=(("5", "5"),)), Request("b", spans=(("7", "7"),)), Request("c")]
    assert lined_up(requests, ["has 5", "has 7", "c"])
    assert not lined_up(requests, ["c", "has 5", "has 7"])
    assert lined_up(requests, ["has five", "has seven", "c"])  # lost, not moved: kept (and flagged later)
    later = [Request("a"), Request("b", spans=(("5", "5"),)), Request("c", spans=(("7", "7"),))]
    assert not lined_up(later, ["a", "has 7", "has 5"])  # a sentence without spans first: the rest still checked


def test_eval_compares_engines_side_by_side(copy_model, tmp_path):
    src, ref = tmp_path / "t.vi", tmp_path / "t.en"
    lines = ["Trí tuệ nhân tạo phát triển.", "Năm 2024 có 5 công ty."]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ref.write_text("Artificial intelligence grows.\nIn 2024 there were 5 companies.\n", encoding="utf-8")
    with ChatServer() as server:
        spec = f"openai:stand-in@{server.url}"
        args = [
            "eval",
            "--src",
            str(src),
            "--ref",
            str(ref),
            "-q",
            "--engine",
            spec,
            "--engine",
            f"ctranslate2:{copy_model}",
        ]
        result = CliRunner().invoke(main, [*args, "--json"])
        table = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    llm = f"openai:stand-in@{server.url}"
    assert f"{llm}: terms=instructions, retries=1" in report and f"{llm}: no glossary, retries=1" in report
    assert report[f"{llm}: terms=instructions, retries=1"]["term_accuracy"] == 1.0
    assert report[f"{llm}: no glossary, retries=1"]["terms"] == 0
    ct2 = [k for k in report if k.startswith("ctranslate2:")]
    assert len(ct2) == 4 and report[ct2[0]]["sentences_per_s"] > 0  # no glossary + three strategies
    assert set(report["models"]) == {llm, f"ctranslate2:{copy_model}"}
    assert table.exit_code == 0 and "sent/s" in table.output
    assert sum(line.startswith((llm, "ctranslate2:")) for line in table.output.splitlines()) == 6


def test_ctranslate2_is_still_the_default_engine(copy_model):
    assert load(EngineSpec(model=str(copy_model))) == models.resolve(str(copy_model))


def test_a_refusal_that_is_not_about_the_format_is_one_line_not_a_downgrade(tmp_path):
    with (
        ChatServer("too_long") as server,
        raises_line(ModelError, "the LLM server refused the request: the request exceeds the available context size"),
    ):
        _translate(tmp_path, _spec(server, concurrency=1))
    assert all(b["response_format"]["type"] == "json_schema" for b in server.requests)  # never asked more plainly


def test_a_server_that_keeps_failing_is_one_line_with_its_message(tmp_path):
    with (
        ChatServer("busy", failures=99) as server,
        raises_line(NetworkError, f"the LLM server at {server.url} failed: server busy, try again"),
    ):
        _translate(tmp_path, _spec(server, concurrency=1, retries=1))
    assert len(server.requests) == 2


def test_the_identity_is_the_server_model_and_prompt():
    def identity(url, name="m"):
        return load(EngineSpec("openai", name, base_url=url)).identity

    assert identity("http://127.0.0.1:8080/v1") == identity("http://127.0.0.1:8080/v1/")
    assert (
        len(
            {
                identity("http://127.0.0.1:8080/v1"),
                identity("http://127.0.0.1:8081/v1"),
                identity("http://127.0.0.1:8080/v1", "n"),
            }
        )
        == 3
    )
    model = load(EngineSpec("openai", "m", base_url="http://h/v1", concurrency=0))
    assert model.concurrency == 1 and model.context(None).startswith(model.identity)


def test_the_model_names_itself_by_model_server_and_prompt():
    model = load(EngineSpec("openai", "qwen", base_url="http://h/v1"))
    assert (model.name, model.version, model.label, model.family, model.is_test, model.instructed) == (
        "qwen",
        "prompt 1",
        "qwen at http://h/v1 (OpenAI-compatible chat)",
        "openai",
        False,
        True,
    )
    assert re.fullmatch(r"[0-9a-f]{16}", model.identity) and model.context(None) == f"{model.identity}|chat"


def test_a_server_that_refused_once_is_not_asked_again():
    """The second call fails with the first one's line, at once: no request is sent."""
    line = "the LLM server refused the request: the request exceeds the available context size"
    with ChatServer("too_long") as server:
        engine = load(_spec(server, concurrency=1)).open()
        for _ in range(2):
            with raises_line(ModelError, line):
                engine.translate([Request("Câu một.")])
        engine.close()
    assert len(server.requests) == 1


def test_a_servers_error_message_is_found_wherever_it_puts_it():
    from translator.engines.openai_chat import _message

    class Failure(Exception):
        def __init__(self, text="", body=None):
            super().__init__(text)
            self.body = body

    assert _message(Failure("x", {"error": {"message": "nested\nmore"}})) == "nested"
    assert _message(Failure("x", {"error": "plain"})) == "plain"
    assert _message(Failure("x", {"message": "top"})) == "top"
    assert _message(Failure("outer", {"error": {"message": ""}})) == "outer"  # an empty message says nothing
    assert _message(Failure("first line\nsecond", None)) == "first line"
    assert _message(Failure("", None)) == "Failure"
    assert _message(TimeoutError("no body at all\nmore")) == "no body at all"  # an error of no HTTP reply
