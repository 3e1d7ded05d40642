"""``vietrans serve``: its options, and its errors as one line before anything starts."""

from __future__ import annotations

from click.testing import CliRunner

from translator.cli import main


def test_help_names_the_apis_and_the_safety_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in (
        "--host",
        "--port",
        "--api-keys",
        "--max-size",
        "--rate-limit",
        "--model",
        "--glossary",
        "--terms",
        "--beam-size",
        "--device",
        "--no-protect",
        "--date-style",
        "--retries",
        "--no-glossary",
        "--no-urls",
    ):
        assert option in result.output


def test_an_unreadable_or_empty_keys_file_is_one_line(tmp_path):
    missing = CliRunner().invoke(main, ["serve", "--api-keys", str(tmp_path / "keys.txt")])
    assert missing.exit_code == 3
    assert missing.output.startswith("vietrans: error: ") and "cannot read the API keys" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("# no keys yet\n\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--api-keys", str(empty)])
    assert result.exit_code == 3 and "no API keys in the file" in result.output
    assert "Traceback" not in result.output


def test_no_model_is_one_line_before_the_server_starts(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--model", str(tmp_path / "none.argosmodel"), "--no-download"])
    assert result.exit_code == 4 and result.output.startswith("vietrans: error: ")


def test_the_options_reach_the_server(copy_model, tmp_path, monkeypatch):
    # uvicorn.run would serve until stopped: here it only keeps the app it was given (what it would serve).
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: served.update(app=app, host=host, port=port))
    keys = tmp_path / "keys.txt"
    keys.write_text("k1\n# old\nk2\n", encoding="utf-8")
    arguments = [
        "serve",
        "--model",
        str(copy_model),
        "--port",
        "5077",
        "--api-keys",
        str(keys),
        "--date-style",
        "iso",
        "--retries",
        "0",
        "--terms",
        "off",
        "--beam-size",
        "3",
        "--rate-limit",
        "5",
        "--data-dir",
        str(tmp_path),
        "--no-urls",
    ]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    service = served["app"].state.service
    assert (served["host"], served["port"]) == ("127.0.0.1", 5077)
    assert service.options.spans.date_style == "iso" and service.options.retries == 0
    assert service.options.terms == "off" and service.options.decode.beam_size == 3
    assert served["app"].state.guard.keys == frozenset({"k1", "k2"}) and served["app"].state.guard.rate_limit == 5
    assert service.settings.fetch_urls is False
    assert service.package.is_test  # the model was found before the server would start
