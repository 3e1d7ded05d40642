"""``vietrans serve``: parse the options, build the settings, run uvicorn (the server: translator.server)."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.options import (
    backend,
    cache_option,
    cleaning_options,
    decode_options,
    download_option,
    engine_options,
    export_options,
    fetch_options,
    glossary_option,
    max_size_option,
    no_cache_option,
    no_glossary_option,
    ray_options,
    retries_option,
    span_options,
    terms_option,
)
from translator.errors import VietransError


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every network).")
@click.option("--port", type=click.IntRange(0, 65535), default=5000, show_default=True, help="Port to listen on.")
@click.option(
    "--api-keys",
    "api_keys",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of API keys, one a line: every API call and page then needs one.",
)
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the server keeps its glossary, DeepL glossaries and job history  [default: ~/.cache/vietrans/server]",
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
@cleaning_options
@decode_options
@cache_option
@no_cache_option
@download_option
@glossary_option
@terms_option
@no_glossary_option
@span_options
@max_size_option
@retries_option
@export_options
@ray_options
@fetch_options
def serve(
    host,
    port,
    api_keys,
    data_dir,
    rate_limit,
    no_urls,
    engines,
    keep_all,
    skip_non_vietnamese,
    decode,
    cache_path,
    no_cache,
    download,
    glossaries,
    terms,
    no_glossary,
    spans,
    max_mb,
    retries,
    export,
    ray_address,
    workers,
    fetch,
    feed,
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
        keep_all=keep_all,
        skip_non_vietnamese=skip_non_vietnamese,
        export=export,
        backend=backend(ray_address, workers, quiet=True),
        fetch=fetch,
        feed=feed,
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
