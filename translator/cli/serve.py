"""``vietrans serve``: parse the options, build the settings, run uvicorn (the server: translator.server)."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.options import (
    cache_option,
    decode_options,
    download_option,
    engine_options,
    glossary_option,
    no_glossary_option,
    retries_option,
    span_options,
    terms_option,
)
from translator.errors import VietransError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True)
@click.option(
    "--api-keys",
    "api_keys",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of API keys, one a line: every API call and page then needs one.",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the server keeps its glossary and DeepL glossaries  [default: ~/.cache/vietrans/server]",
)
@click.option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(0.001),
    default=20,
    show_default=True,
    help="The largest upload, in MB (a larger one is refused with 413).",
)
@click.option(
    "--rate-limit",
    type=click.IntRange(0),
    default=600,
    show_default=True,
    help="Requests per key (or client) per minute; 0: no limit.",
)
@click.option(
    "--no-urls",
    is_flag=True,
    help="Never fetch the URLs and feeds clients name (advised when --host opens the server to a network).",
)
@engine_options()
@decode_options
@cache_option
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation memory (no reviews then).")
@glossary_option
@terms_option
@no_glossary_option
@span_options
@retries_option
@download_option
def serve(
    host,
    port,
    api_keys,
    data_dir,
    max_mb,
    rate_limit,
    no_urls,
    engines,
    decode,
    cache_path,
    no_cache,
    glossaries,
    terms,
    no_glossary,
    spans,
    retries,
    download,
) -> None:
    """Serve the web app and the LibreTranslate- and DeepL-compatible APIs (needs vietrans[server])."""
    try:
        import uvicorn

        from translator.server.app import create_app
    except ImportError as err:
        raise VietransError(
            f"the server needs its extra: pip install 'vietrans[server]' ({err.name} is missing)"
        ) from None
    from translator.pipeline import Options, load_model
    from translator.server.security import read_keys
    from translator.server.service import ServerSettings, Service

    options = Options(
        engine=engines,
        decode=decode,
        download=download,
        progress=False,
        cache=cache_path,
        use_cache=not no_cache,
        glossaries=tuple(glossaries),
        use_glossary=not no_glossary,
        terms=terms,
        spans=spans,
        retries=retries,
        max_mb=max_mb,
    )
    hosts = ("*",) if host in ("0.0.0.0", "::") else tuple(dict.fromkeys((host, "127.0.0.1", "localhost", "[::1]")))
    settings = ServerSettings(
        options=options,
        data_dir=data_dir,
        api_keys=read_keys(api_keys) if api_keys else frozenset(),
        max_upload_mb=max_mb,
        rate_limit=rate_limit,
        hosts=hosts,
        fetch_urls=not no_urls,
    )
    service = Service(settings, load_model(options))
    click.echo(f"vietrans: serving on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(settings, service), host=host, port=port, log_level="warning")
