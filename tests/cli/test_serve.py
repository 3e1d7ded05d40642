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


def test_serve_and_translate_share_every_engine_glossary_cleaning_and_export_option():
    # The two commands cannot drift apart: each option is either shared or on the documented list of one.
    from translator.cli.options import SERVE_ONLY, TRANSLATE_ONLY
    from translator.cli.serve import serve
    from translator.cli.translate import translate

    def options(command) -> dict[str, tuple]:
        return {p.name: (tuple(p.opts), getattr(p, "default", None)) for p in command.params}

    served, translated = options(serve), options(translate)
    assert set(translated) - set(served) == TRANSLATE_ONLY
    assert set(served) - set(translated) == SERVE_ONLY
    for name in set(served) & set(translated):
        assert served[name] == translated[name], name  # the same flags, the same defaults
    for name in ("ray_address", "workers", "keep_all", "non_vietnamese", "layout", "paper", "delay", "since"):
        assert name in served


def test_the_cleaning_export_and_fetch_options_reach_the_server(copy_model, tmp_path, monkeypatch):
    import uvicorn

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **kw: served.update(app=app))
    arguments = ["serve", "--model", str(copy_model), "--data-dir", str(tmp_path), "--keep-all"]
    arguments += ["--non-vietnamese", "skip", "--layout", "landscape", "--paper", "letter", "--delay", "0.5"]
    arguments += ["--limit", "3", "--ignore-robots"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 0, result.output
    options = served["app"].state.service.options
    assert options.keep_all and options.skip_non_vietnamese
    assert (options.export.layout, options.export.paper) == ("landscape", "letter")
    assert options.fetch.delay == 0.5 and not options.fetch.robots and options.feed.limit == 3
    assert options.backend.name == "local"
    bad = CliRunner().invoke(main, ["serve", "--model", str(copy_model), "--workers", "2"])
    assert bad.exit_code == 2 and "--workers goes with --ray" in bad.output
