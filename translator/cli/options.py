"""Options several commands share: engines, glossaries, term strategy, formats, the memory.

Declared once here so that ``translate``, ``eval``, ``review apply`` and ``glossary suggest``
offer the same choices; only click is imported, the library only when an option is used.
"""

from __future__ import annotations

import functools
from pathlib import Path

import click

from translator import TERM_STRATEGIES


def _declared(options, command):
    """``command`` with ``options`` declared on it, in their order in ``--help``."""
    for option in reversed(options):
        command = option(command)
    return command


def _choice(flag: str, choices: tuple[str, ...], help: str | None = None):
    """An option choosing one of ``choices``, the first by default."""
    return click.option(flag, type=click.Choice(choices), default=choices[0], show_default=True, help=help)


def _number(flag: str, kind: click.ParamType, default: float, help: str):
    """A numeric option with a default shown in ``--help``."""
    return click.option(flag, type=kind, default=default, show_default=True, help=help)


def parse_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from translator.export import FORMATS

    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"{','.join(unknown) or value!r}: choose from {', '.join(FORMATS)}")
    return names


# translator.engines.families.FAMILIES and Argos, written out so that start-up imports nothing more
# (a test keeps the two lists the same)
MODEL_FAMILIES = ("argos", "marian", "nllb", "m2m100", "madlad")
family_option = click.option(
    "--model-family",
    type=click.Choice(MODEL_FAMILIES),
    help="The family of a --model folder, where its files do not tell.",
)
_ENGINE_OPTIONS = (
    click.option(
        "-m",
        "--model",
        help="A .argosmodel file, a package folder or an installed package's name, or a CTranslate2 "
        "model folder (OPUS-MT, NLLB-200, M2M-100, MADLAD-400).",
    ),
    family_option,
    click.option("--base-url", metavar="URL", help="openai engine: the server, e.g. http://127.0.0.1:8080/v1"),
    click.option("--llm-model", metavar="NAME", help="openai engine: the model's name on the server."),
    click.option(
        "--api-key-env",
        default="OPENAI_API_KEY",
        show_default=True,
        metavar="VAR",
        help="openai engine: the environment variable with the server's key, if it wants one.",
    ),
    click.option(
        "--concurrency",
        type=click.IntRange(1, 64),
        default=4,
        show_default=True,
        help="openai engine: paragraphs sent at once.",
    ),
    _number(
        "--timeout",
        click.FloatRange(1),
        120,
        "openai engine: seconds to wait for a reply (each is tried 3 more times, with back-off).",
    ),
)


def engine_options(many: bool = False):
    """``--engine`` and each engine's options, handed to the command as ``engines``: one
    :class:`~translator.engines.EngineSpec`, or with ``many`` a tuple of them."""

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, engine, model, model_family, base_url, llm_model, api_key_env, concurrency, timeout, **kw):
            from translator.engines import EngineSpec
            from translator.errors import ModelError

            settings = {"api_key_env": api_key_env, "concurrency": concurrency, "timeout": timeout}
            try:
                specs = tuple(
                    EngineSpec.parse(
                        name, model=model, family=model_family, llm_model=llm_model, base_url=base_url, **settings
                    )
                    for name in ((engine or ("ctranslate2",)) if many else (engine,))
                )
            except ModelError as err:
                raise click.BadParameter(str(err), param_hint="'--engine'") from None
            _check_engine_options(specs, model)
            return command(*args, engines=specs if many else specs[0], **kw)

        engine_option = click.option(
            "-e",
            "--engine",
            multiple=many,
            default=None if many else "ctranslate2",
            show_default=not many,
            metavar="SPEC",
            help="What translates: ctranslate2 (--model, default the installed Argos package), "
            "ctranslate2:MODEL, openai (--llm-model, --base-url) or openai:NAME@URL"
            + (". Repeat to compare engines." if many else "."),
        )
        for option in reversed((engine_option, *_ENGINE_OPTIONS)):
            wrapper = option(wrapper)
        return wrapper

    return decorate


beam_size_option = click.option(
    "--beam-size",
    type=click.IntRange(1, 16),
    default=2,
    show_default=True,
    help="Hypotheses the model keeps while decoding (1: greedy, the fastest).",
)

_DECODE_OPTIONS = (
    beam_size_option,
    click.option(
        "--batch-size",
        type=click.IntRange(1, 1024),
        default=None,
        help="Sentences per decoding batch  [default: 32 on CPU, 64 on GPU]",
    ),
    click.option(
        "--threads",
        type=click.IntRange(0, 256),
        default=0,
        show_default=True,
        help="CPU threads for decoding; 0 lets CTranslate2 choose.",
    ),
    click.option(
        "--device",
        type=click.Choice(["auto", "cpu", "cuda"]),
        default="auto",
        show_default=True,
        help="Decode on a GPU (cuda) or the CPU; auto: a GPU where CTranslate2 finds one.",
    ),
)


def decode_options(command):
    """``--beam-size``, ``--batch-size``, ``--threads`` and ``--device``, handed to the command as
    ``decode`` (:class:`~translator.engines.ct2.DecodeOptions`)."""

    @functools.wraps(command)
    def wrapper(*args, beam_size, batch_size, threads, device, **kw):
        from translator.engines.ct2 import DecodeOptions, default_batch_size

        size = batch_size or default_batch_size(device)
        return command(
            *args, decode=DecodeOptions(beam_size=beam_size, batch_size=size, threads=threads, device=device), **kw
        )

    return _declared(_DECODE_OPTIONS, wrapper)


_OPENAI_ONLY = ("base_url", "llm_model", "api_key_env", "concurrency", "timeout")


def _check_engine_options(specs, model: str | None) -> None:
    """An engine's option given without that engine is a usage mistake, not something to ignore
    (``--llm-model`` with the default engine would fetch the Argos model instead)."""
    from click.core import ParameterSource

    ctx = click.get_current_context()
    given = {
        name
        for name in (*_OPENAI_ONLY, "model", "model_family")
        if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)
    }
    kinds = {spec.kind for spec in specs}
    stray = [name for name in _OPENAI_ONLY if name in given] if "openai" not in kinds else []
    if "ctranslate2" not in kinds:
        stray += [name for name in ("model", "model_family") if name in given]
    if stray:
        option = "--" + stray[0].replace("_", "-")
        wanted = "--engine openai" if stray[0] in _OPENAI_ONLY else "a ctranslate2 engine (an LLM's name: --llm-model)"
        raise click.UsageError(f"{option} goes with {wanted}")
    if "model_family" in given and not model and not any(spec.model for spec in specs if spec.kind == "ctranslate2"):
        raise click.UsageError("--model-family goes with --model (a model folder)")


terms_option = click.option(
    "--terms",
    type=click.Choice(TERM_STRATEGIES),
    default=TERM_STRATEGIES[0],
    show_default=True,
    help="How glossary terms are enforced: repair (translate as written, then force the terms the output "
    "lacks), inject (write every term in English into the source), off (only check them).",
)
glossary_option = click.option(
    "-g",
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A TSV glossary over the shipped ones (repeatable; later files win).",
)

_SPAN_OPTIONS = (
    click.option(
        "--no-convert-numbers",
        is_flag=True,
        help="Keep numbers in Vietnamese layout (4,33 stays 4,33) instead of English (4.33).",
    ),
    click.option(
        "--date-style",
        type=click.Choice(["dmy", "mdy", "iso"]),
        default="dmy",
        show_default=True,
        help="Dates as 6 February 2025 (dmy), February 6, 2025 (mdy) or 2025-02-06 (iso).",
    ),
    click.option("--ascii-names", is_flag=True, help="Write Vietnamese names without diacritics (Dang Hoang Giang)."),
    click.option("--no-protect", is_flag=True, help="Leave numbers, dates, names and links to the model."),
)


def span_options(command):
    """``--no-convert-numbers``, ``--date-style``, ``--ascii-names`` and ``--no-protect``, handed to the
    command as ``spans`` (:class:`~translator.facts.spans.SpanOptions`, or None with ``--no-protect``)."""

    @functools.wraps(command)
    def wrapper(*args, no_convert_numbers, date_style, ascii_names, no_protect, **kw):
        from translator.facts.spans import SpanOptions

        spans = None if no_protect else SpanOptions(not no_convert_numbers, date_style, ascii_names)
        return command(*args, spans=spans, **kw)

    return _declared(_SPAN_OPTIONS, wrapper)


retries_option = click.option(
    "--retries",
    type=click.IntRange(0, 3),
    default=1,
    show_default=True,
    help="Decode empty, looping or overlong output again with safer options, this many times.",
)
no_glossary_option = click.option(
    "--no-glossary", is_flag=True, help="Enforce no glossary at all, not even the shipped ones."
)
download_option = click.option(
    "--download/--no-download",
    default=True,
    show_default=True,
    help="Fetch the vi→en model from the Argos index when none is installed.",
)


def open_memory(path: Path | None, create: bool = True):
    """The memory at ``path`` (--cache), or the default one.  Without ``create``, a path given
    that is not there is an error; the default memory may be made (a fresh install has none)."""
    from translator.translate.memory import TranslationMemory

    return TranslationMemory(path, create=create or path is None)


cache_option = click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=Path),
    help="Translation memory file  [default: ~/.cache/vietrans/memory.sqlite3]",
)
no_cache_option = click.option(
    "--no-cache", is_flag=True, help="Neither read nor write the translation memory (no reviews then)."
)
max_size_option = click.option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(0.001),
    default=20,
    show_default=True,
    help="The largest article to read (a file, a page fetched, an upload to the server: 413), in MB.",
)


def cleaning_options(command):
    """``--keep-all`` and ``--non-vietnamese``, handed to the command as ``keep_all`` and
    ``skip_non_vietnamese`` (the :class:`~translator.pipeline.Options` fields)."""

    @functools.wraps(command)
    def wrapper(*args, non_vietnamese, **kw):
        return command(*args, skip_non_vietnamese=non_vietnamese == "skip", **kw)

    options = (
        click.option("--keep-all", is_flag=True, help="Translate everything; do not set aside page furniture."),
        _choice(
            "--non-vietnamese",
            ("translate", "skip"),
            "What to do with an article that does not look Vietnamese (a warning either way).",
        ),
    )
    return _declared(options, wrapper)


def export_options(command):
    """``--layout`` and ``--paper``, handed to the command as ``export``
    (:class:`~translator.export.ExportOptions`)."""

    @functools.wraps(command)
    def wrapper(*args, layout, paper, **kw):
        from translator.export import ExportOptions

        return command(*args, export=ExportOptions(layout=layout, paper=paper), **kw)

    options = (
        _choice("--layout", ("portrait", "landscape"), "Page orientation of the Word reports."),
        _choice("--paper", ("a4", "letter"), "Paper size of the Word reports."),
    )
    return _declared(options, wrapper)


RAY_OPTIONS = (
    click.option(
        "--ray",
        "ray_address",
        is_flag=False,
        flag_value="local",
        default=None,
        metavar="[ADDRESS]",
        help="Decode on Ray (pip install 'vietrans[ray]'): alone, a local runtime on all cores; "
        "with an address (auto, HOST:6379, ray://HOST:10001), an existing cluster.",
    ),
    click.option(
        "--workers",
        type=click.IntRange(1),
        default=None,
        help="Model replicas with --ray  [default: one per GPU, else the CPUs divided by --threads]",
    ),
)


def ray_options(command):
    """``--ray [ADDRESS]`` and ``--workers``, handed to the command as given (``ray_address``,
    ``workers``): :func:`backend` makes the :class:`~translator.backends.Backend` of them."""
    return _declared(RAY_OPTIONS, command)


def backend(address: str | None, workers: int | None, quiet: bool):
    """The backend ``--ray``/``--workers`` name (a usage error if they do not go together or Ray is missing)."""
    from translator.backends import Backend

    if address is None:
        if workers is not None:
            raise click.UsageError("--workers goes with --ray")
        return Backend()
    try:
        import ray  # noqa: F401  (only to say clearly when the extra is missing)
    except ImportError:
        raise click.UsageError("--ray needs Ray: pip install 'vietrans[ray]'") from None
    return Backend("ray", None if address == "local" else address, workers, quiet)


def fetch_options(command):
    """How URLs and feeds are fetched and which items a feed gives (``--since``, ``--limit``, ``--match``,
    ``--ignore-robots``, ``--delay``), handed to the command as ``fetch``
    (:class:`~translator.read.fetch.FetchOptions`, its size limit the command's ``--max-size``) and ``feed``
    (:class:`~translator.read.feed.FeedChoice`)."""

    @functools.wraps(command)
    def wrapper(*args, since, limit, patterns, ignore_robots, delay, **kw):
        from translator.read.feed import FeedChoice
        from translator.read.fetch import FetchOptions

        fetch = FetchOptions(delay=delay, robots=not ignore_robots, max_bytes=int(kw["max_mb"] * 1024 * 1024))
        return command(*args, fetch=fetch, feed=FeedChoice(_since(since), limit, tuple(patterns)), **kw)

    options = (
        click.option(
            "--since", metavar="DATE", help="Feeds: only items published on or after DATE (YYYY-MM-DD[THH:MM])."
        ),
        click.option("--limit", type=click.IntRange(1), help="Feeds: at most N items from each feed, newest first."),
        click.option(
            "--match",
            "patterns",
            multiple=True,
            metavar="TEXT",
            help="Feeds: only items whose title or summary holds TEXT (case and tone placement ignored); repeatable.",
        ),
        click.option("--ignore-robots", is_flag=True, help="Fetch pages even where robots.txt asks robots not to."),
        _number(
            "--delay",
            click.FloatRange(0),
            1.0,
            "Seconds between two requests to the same site (a longer robots.txt Crawl-delay wins).",
        ),
    )
    return _declared(options, wrapper)


def _since(text: str | None):
    from translator.errors import InputError
    from translator.read.feed import parse_since

    try:
        return parse_since(text) if text else None
    except InputError as err:
        raise click.BadParameter(str(err).split(": ", 1)[1], param_hint="--since") from None


# The options only one of ``translate`` and ``serve`` has (a test checks that they share every other one):
# what to read and where to write belong to a run; where to listen and who may call belong to a server.
TRANSLATE_ONLY = frozenset(
    {
        "inputs",
        "out_dir",
        "formats",
        "force",
        "window",
        "urls_file",
        "save_html",
        "combine",
        "order",
        "quiet",
        "as_json",
    }
)
SERVE_ONLY = frozenset({"host", "port", "api_keys", "data_dir", "rate_limit", "no_urls"})
