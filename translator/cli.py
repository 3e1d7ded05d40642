"""The ``vietrans`` command: parse arguments, call the library, report.

Only click is imported at start-up; every command imports the library
modules it needs, so ``vietrans --help`` stays fast.  Errors from the
library arrive as :class:`~translator.errors.VietransError` and leave as
one line on stderr with the error's exit code.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from translator import TERM_STRATEGIES, __version__
from translator.errors import Abandoned, ExitCode, VietransError


class _Group(click.Group):
    """Turns library errors and interruptions into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        import signal

        signal.signal(signal.SIGTERM, _interrupt)
        try:
            return super().invoke(ctx)
        except VietransError as err:
            click.echo(f"vietrans: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt as err:
            click.echo("vietrans: interrupted", err=True)
            if isinstance(err, Abandoned):  # the model is still decoding a batch nobody will read
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(ExitCode.INTERRUPTED)
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            # The reader of standard output went away (`| head`): stop quietly, as Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(ExitCode.BROKEN_PIPE)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as err:
            if os.environ.get("VIETRANS_DEBUG"):
                raise
            click.echo(
                f"vietrans: internal error: {type(err).__name__}: {err} (set VIETRANS_DEBUG=1 for details)",
                err=True,
            )
            ctx.exit(ExitCode.ERROR)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops a run the way Ctrl-C does: cleanly, no half-written file."""
    raise KeyboardInterrupt


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from translator.export import FORMATS

    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"{','.join(unknown) or value!r}: choose from {', '.join(FORMATS)}")
    return names


# translator.engines.families.FAMILIES and Argos, written out so that start-up imports nothing more
# (a test keeps the two lists the same)
MODEL_FAMILIES = ("argos", "marian", "nllb", "m2m100", "madlad")
_family_option = click.option(
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
    _family_option,
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
    click.option(
        "--timeout",
        type=click.FloatRange(1),
        default=120,
        show_default=True,
        help="openai engine: seconds to wait for a reply (each is tried 3 more times, with back-off).",
    ),
)


def _engine_options(many: bool = False):
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


_terms_option = click.option(
    "--terms",
    type=click.Choice(TERM_STRATEGIES),
    default=TERM_STRATEGIES[0],
    show_default=True,
    help="How glossary terms are enforced: repair (translate as written, then force the terms the output "
    "lacks), inject (write every term in English into the source), off (only check them).",
)
_glossary_option = click.option(
    "-g",
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A TSV glossary over the shipped ones (repeatable; later files win).",
)


def _memory(path: Path | None):
    from translator.cache import TranslationMemory

    return TranslationMemory(path)


_cache_option = click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=Path),
    help="Translation memory file  [default: ~/.cache/vietrans/memory.sqlite3]",
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vietrans")
def main() -> None:
    """Translate Vietnamese news articles to English, offline, into
    side-by-side bilingual documents a reviewer can check sentence by sentence."""


@main.command()
@click.argument("inputs", nargs=-1)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Folder for the outputs (mirrors input folders). Default: the current folder; "
    "for standard input (-), standard output.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="md,docx",
    show_default=True,
    callback=_formats,
    help="Comma-separated output formats: md, md-en, docx, docx-en, docx-review, tmx, xliff, jsonl, html.",
)
@_engine_options()
@click.option("--force", is_flag=True, help="Redo files whose outputs exist, overwriting them.")
@click.option("--keep-all", is_flag=True, help="Translate everything; do not set aside page furniture.")
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=None,
    help="Sentences per decoding batch  [default: 32 on CPU, 64 on GPU]",
)
@click.option(
    "--threads",
    type=click.IntRange(0, 256),
    default=0,
    show_default=True,
    help="CPU threads for decoding; 0 lets CTranslate2 choose.",
)
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option(
    "--cache",
    "cache_path",
    type=click.Path(path_type=Path),
    help="Translation memory file  [default: ~/.cache/vietrans/memory.sqlite3]",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the translation memory.")
@click.option(
    "--window",
    type=click.IntRange(1),
    default=4000,
    show_default=True,
    help="Sentences held in memory at once: a batch is read, translated and written in windows of files.",
)
@click.option(
    "--download/--no-download",
    default=True,
    show_default=True,
    help="Fetch the vi→en model from the Argos index when none is installed.",
)
@_glossary_option
@_terms_option
@click.option("--no-glossary", is_flag=True, help="Enforce no glossary at all, not even the shipped ones.")
@click.option(
    "--no-convert-numbers",
    is_flag=True,
    help="Keep numbers in Vietnamese layout (4,33 stays 4,33) instead of English (4.33).",
)
@click.option(
    "--date-style",
    type=click.Choice(["dmy", "mdy", "iso"]),
    default="dmy",
    show_default=True,
    help="Dates as 6 February 2025 (dmy), February 6, 2025 (mdy) or 2025-02-06 (iso).",
)
@click.option("--ascii-names", is_flag=True, help="Write Vietnamese names without diacritics (Dang Hoang Giang).")
@click.option("--no-protect", is_flag=True, help="Leave numbers, dates, names and links to the model.")
@click.option(
    "--non-vietnamese",
    type=click.Choice(["translate", "skip"]),
    default="translate",
    show_default=True,
    help="What to do with a file that does not look Vietnamese (a warning either way).",
)
@click.option(
    "--max-size",
    "max_mb",
    type=click.FloatRange(0.001),
    default=20,
    show_default=True,
    help="The largest article file to read, in MB.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 3),
    default=1,
    show_default=True,
    help="Decode empty, looping or overlong output again with safer options, this many times.",
)
@click.option(
    "--layout",
    type=click.Choice(["portrait", "landscape"]),
    default="portrait",
    show_default=True,
    help="Page orientation of the Word reports.",
)
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True)
@click.option(
    "--ray",
    "ray_address",
    is_flag=False,
    flag_value="local",
    default=None,
    metavar="[ADDRESS]",
    help="Decode on Ray (pip install 'vietrans[ray]'): alone, a local runtime on all cores; "
    "with an address (auto, HOST:6379, ray://HOST:10001), an existing cluster.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="Model replicas with --ray  [default: one per GPU, else the CPUs divided by --threads]",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
def translate(
    inputs,
    out_dir,
    formats,
    engines,
    force,
    keep_all,
    beam_size,
    batch_size,
    threads,
    device,
    cache_path,
    no_cache,
    window,
    download,
    glossaries,
    terms,
    no_glossary,
    no_convert_numbers,
    date_style,
    ascii_names,
    no_protect,
    non_vietnamese,
    max_mb,
    retries,
    layout,
    paper,
    ray_address,
    workers,
    quiet,
    as_json,
):
    """Translate articles: files, folders, globs, or - (standard input).

    Writes <name>.bilingual.<ext> for each format; files whose outputs all
    exist are skipped (so an interrupted batch resumes), unless --force.
    """
    from translator.engines.ct2 import DecodeOptions, default_batch_size
    from translator.export import ExportOptions
    from translator.pipeline import Options, translate_files
    from translator.spans import SpanOptions

    if ray_address not in (None, "local") and os.path.exists(ray_address):
        # "--ray in/ -o out": click read the input as --ray's optional address
        inputs, ray_address = (ray_address, *inputs), "local"
    if not inputs:
        raise click.UsageError("Missing argument 'INPUTS...'.")
    options = Options(
        formats=formats,
        engine=engines,
        decode=DecodeOptions(
            beam_size=beam_size, batch_size=batch_size or default_batch_size(device), threads=threads, device=device
        ),
        force=force,
        keep_all=keep_all,
        download=download,
        progress=not quiet and not as_json,
        cache=cache_path,
        use_cache=not no_cache,
        window_sentences=window,
        glossaries=tuple(glossaries),
        use_glossary=not no_glossary,
        export=ExportOptions(layout=layout, paper=paper),
        spans=None if no_protect else SpanOptions(not no_convert_numbers, date_style, ascii_names),
        retries=retries,
        terms=terms,
        skip_non_vietnamese=non_vietnamese == "skip",
        max_mb=max_mb,
        backend=_backend(ray_address, workers),
    )
    to_stdout = out_dir is None and STDIN_ARG in inputs  # the document itself goes to standard output
    try:
        result = translate_files(inputs, out_dir, options)
    except VietransError as err:
        if as_json:  # scripts always get an object, a failed run included
            _json({"error": str(err), "exit_code": int(err.exit_code)}, to_stdout)
        raise
    if as_json:
        _json(result.as_dict(), to_stdout)
    else:
        _summary(result, to_stdout)
    if result.failures:
        raise SystemExit(ExitCode.PARTIAL if result.done or result.skipped else result.failure_codes[0])


def _backend(address: str | None, workers: int | None):
    from translator.backends import Backend

    if address is None:
        if workers is not None:
            raise click.UsageError("--workers goes with --ray")
        return Backend()
    try:
        import ray  # noqa: F401  (only to say clearly when the extra is missing)
    except ImportError:
        raise click.UsageError("--ray needs Ray: pip install 'vietrans[ray]'") from None
    return Backend("ray", None if address == "local" else address, workers)


def _json(data: dict, to_stderr: bool) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False), err=to_stderr)


STDIN_ARG = "-"


def _summary(result, to_stdout: bool) -> None:
    """Outputs on stdout; with the document itself on stdout, the summary goes to stderr."""

    def say(text: str) -> None:
        click.echo(text, err=to_stdout)

    for path in result.outputs:
        say(f"wrote {path}")
    redone = f" ({result.redone} redone: made with another model, glossary, options or text)" if result.redone else ""
    other = f", {result.not_vietnamese} skipped as not Vietnamese" if result.not_vietnamese else ""
    say(
        f"{result.done} of {result.files} file(s) translated{redone}, {result.skipped} skipped (outputs exist; "
        f"--force redoes them){other}, {len(result.failures)} failed; {result.sentences} sentences "
        f"({result.cached} from the translation memory) in {result.seconds:.1f} s ({result.rate:.1f}/s), peak memory "
        f"{result.peak_memory_mb:.0f} MB; glossary terms enforced: {result.terms_enforced} of {result.terms}; "
        f"{result.flagged} sentence(s) flagged for review; {result.removed} block(s) left out as page furniture"
        + (" (listed in each output's appendix)" if result.removed else "")
    )
    for warning in result.warnings:
        click.echo(f"vietrans: warning: {warning}", err=True)
    for name, error in result.failures:
        click.echo(
            f"vietrans: failed: {error}" if error.startswith(name) else f"vietrans: failed: {name}: {error}", err=True
        )


@main.group()
def glossary() -> None:
    """List, search, edit, check, import and export glossaries."""


def _glossary_from(files: tuple[Path, ...]):
    from translator.glossary import load, load_all

    if not files:
        return load_all([])
    merged = load(files[0])
    for path in files[1:]:
        merged = merged.merged(load(path))
    return merged


_files_option = click.option(
    "-f",
    "--file",
    "files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Glossary file(s) (default: the shipped glossaries).",
)


@glossary.command("list")
@_files_option
def glossary_list(files: tuple[Path, ...]) -> None:
    """Every entry: Vietnamese (variants), English, domain."""
    entries = list(_glossary_from(files))
    for entry in entries:
        click.echo(f"{' | '.join(entry.variants)}\t{entry.en}\t{entry.domain}")
    click.echo(f"{len(entries)} entries", err=True)


@glossary.command("find")
@click.argument("query")
@_files_option
def glossary_find(query: str, files: tuple[Path, ...]) -> None:
    """Entries whose Vietnamese or English contains QUERY, and the terms found in QUERY itself."""
    from translator.glossary import fold

    glossary_ = _glossary_from(files)
    wanted = fold(query)
    hits = [e for e in glossary_ if any(wanted in fold(v) for v in e.variants) or wanted in e.en.lower()]
    for match in glossary_.find(query):
        if match.entry not in hits:
            hits.append(match.entry)
    for entry in hits:
        click.echo(f"{' | '.join(entry.variants)}\t{entry.en}\t{entry.source}")
    if not hits:
        click.echo(f"vietrans: no glossary entry matches {query!r}", err=True)
        raise SystemExit(ExitCode.NOT_FOUND)


@glossary.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("vi")
@click.argument("en")
@click.option("--note", default="")
@click.option("--domain", default="")
@click.option("--case", type=click.Choice(["", "sensitive", "insensitive"]), default="")
@click.option("--adj", default="", help="The English adjective form(s), | between: Syrian (for Syria).")
@click.option(
    "--match",
    type=click.Choice(["", "short-name"]),
    default="",
    help="short-name: a one-syllable country name that is also a word or a given name (Mỹ, Anh, Đức).",
)
@click.option("--replace", is_flag=True, help="Change the entry if the term is already there.")
def glossary_add(
    file: Path, vi: str, en: str, note: str, domain: str, case: str, adj: str, match: str, replace: bool
) -> None:
    """Add a term to FILE (variants of VI separated by |); order and comments are kept."""
    import unicodedata

    from translator.glossary import Entry
    from translator.glossary_files import add

    variants = tuple(unicodedata.normalize("NFC", v.strip()) for v in vi.split("|") if v.strip())
    if not variants or not en.strip():
        raise click.UsageError("both the Vietnamese and the English term are needed")
    english = unicodedata.normalize("NFC", en.strip())
    adjective = unicodedata.normalize("NFC", adj.strip())
    add(file, Entry(variants[0], english, variants, note, domain, case, en_adj=adjective, match=match), replace)
    click.echo(f"{file}: {' | '.join(variants)} → {en.strip()}")


@glossary.command("suggest")
@_glossary_option
@_cache_option
@click.option(
    "-m",
    "--model",
    help="A CTranslate2 model whose attention traces corrections to their Vietnamese  [default: installed]",
)
@_family_option
@click.option("--min-count", type=click.IntRange(1), default=1, show_default=True, help="Corrections needed.")
@click.option(
    "--add",
    "add_to",
    type=click.Path(path_type=Path),
    help="Write the suggestions to this TSV glossary (as glossary add --replace does).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines.")
def glossary_suggest(glossaries, cache_path, model, model_family, min_count, add_to, as_json) -> None:
    """Propose entries from reviewers' corrections (vietrans review apply): where they replaced
    the machine's English for the same Vietnamese, with counts and examples."""
    import json

    from translator.errors import ModelError
    from translator.glossary import Entry, load_all
    from translator.glossary_files import add, columns
    from translator.suggest import suggest

    glossary_ = load_all(glossaries)
    aligner = None
    try:
        from translator import models
        from translator.engines.ct2 import Engine

        engine = Engine(models.resolve(model, model_family))

        def aligner(source: str, machine: str):
            return engine.align([(source, machine)])[0]

    except ModelError as err:
        if model is not None:
            raise
        click.echo(f"vietrans: note: no model to trace corrections with ({err}); glossary terms only", err=True)
    with _memory(cache_path) as memory:
        found = [s for s in suggest(memory.human_rows(), glossary_, aligner) if s.count >= min_count]
    for item in found:
        if as_json:
            click.echo(json.dumps(item.__dict__, ensure_ascii=False))
        else:
            change = f"(glossary: {item.was})" if item.in_glossary else f"(machine: {item.was})"
            click.echo(f"{item.count}\t{item.vi}\t{item.en}\t{change}\te.g. {item.examples[0]}")
        if add_to is not None:  # (a note says where the entry came from, where the file has a note column)
            note = f"from {item.count} review correction(s)" if "note" in columns(add_to) else ""
            add(add_to, Entry(item.vi, item.en, (item.vi,), note), replace=True)
    if not found:
        click.echo("no suggestions: no stored correction replaced a term (see vietrans review apply)", err=True)
    elif add_to is not None:
        click.echo(f"{add_to}: {len(found)} entr{'y' if len(found) == 1 else 'ies'} written", err=True)


@glossary.command("remove")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("vi")
def glossary_remove(file: Path, vi: str) -> None:
    """Remove the entry for VI from FILE."""
    from translator.glossary_files import remove

    for entry in remove(file, vi):
        click.echo(f"{file}: removed {' | '.join(entry.variants)} → {entry.en} (line {entry.source.rsplit(':', 1)[1]})")


@glossary.command("audit")
@click.option("--src", required=True, type=click.Path(path_type=Path), help="Vietnamese text, one sentence a line.")
@click.option("--ref", required=True, type=click.Path(path_type=Path), help="Its human English translation, aligned.")
@_glossary_option
@click.option("--no-shipped", is_flag=True, help="Audit only the --glossary files.")
@click.option(
    "--examples", type=click.IntRange(0), default=2, show_default=True, help="Disagreeing lines shown per entry."
)
@click.option("--top", type=click.IntRange(1), default=25, show_default=True, help="Entries listed (worst first).")
@click.option("--json", "as_json", is_flag=True, help="Every entry as one JSON object.")
def glossary_audit(src, ref, glossaries, no_shipped, examples, top, as_json) -> None:
    """How often the human reference uses each matched entry's English, worst first, with examples."""
    import json

    from translator.eval.glossary_audit import audit
    from translator.eval.quality import read_lines
    from translator.glossary import load_all

    records = audit(read_lines(src), read_lines(ref), load_all(glossaries, shipped=not no_shipped), examples)
    matched = sum(r.matched for r in records)
    agreed = sum(r.agreed for r in records)
    summary = {"entries": len(records), "matches": matched, "agreed": agreed}
    if as_json:
        click.echo(json.dumps({**summary, "audit": [r.as_dict() for r in records]}, ensure_ascii=False))
        return
    share = f"{agreed / matched:.0%}" if matched else "n/a"
    click.echo(
        f"{len(records)} entries matched {matched} times; the reference uses their English {agreed} times ({share})"
    )
    for record in records[:top]:
        entry = record.entry
        click.echo(f"{record.agreed:>4}/{record.matched:<4} {entry.vi} → {entry.en}  ({entry.source})")
        for number, source, reference in record.examples:
            click.echo(f"          line {number}: {source}\n                   ref: {reference}")


@glossary.command("check")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet-warnings", is_flag=True, help="Print errors only.")
def glossary_check(files: tuple[Path, ...], quiet_warnings: bool) -> None:
    """Lint glossaries (default: the shipped ones); non-zero exit on errors."""
    from translator.glossary import shipped_paths
    from translator.glossary_files import check

    errors = 0
    for path in files or tuple(shipped_paths()):
        problems = check(path)
        errors += sum(p.level == "error" for p in problems)
        for problem in problems:
            if problem.level == "error" or not quiet_warnings:
                click.echo(str(problem))
        click.echo(
            f"{path}: {sum(p.level == 'error' for p in problems)} error(s), "
            f"{sum(p.level == 'warning' for p in problems)} warning(s)",
            err=True,
        )
    if errors:
        raise SystemExit(ExitCode.GLOSSARY)


_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "csv", "csv-google", "csv-amazon", "tbx"]),
    help="File format (default: from the suffix).",
)


@glossary.command("import")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("dest", type=click.Path(path_type=Path))
@_format_option
@click.option("--force", is_flag=True, help="Overwrite DEST.")
def glossary_import(source: Path, dest: Path, fmt: str | None, force: bool) -> None:
    """Convert a CSV (ours, Google's, Amazon's) or TBX glossary into a vietrans TSV."""
    from translator.files import write_bytes
    from translator.glossary_files import export, import_file

    imported = import_file(source, None if fmt in (None, "csv-google", "csv-amazon") else fmt)
    write_bytes(export(imported, "tsv"), dest, force=force)
    click.echo(f"wrote {dest} ({len(imported.entries)} entries)")


@glossary.command("export")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("dest", type=click.Path(path_type=Path))
@_format_option
@click.option("--force", is_flag=True, help="Overwrite DEST.")
def glossary_export(source: Path, dest: Path, fmt: str | None, force: bool) -> None:
    """Convert a vietrans TSV glossary to CSV (ours, Google's, Amazon's) or TBX."""
    from translator.files import write_bytes
    from translator.glossary import load
    from translator.glossary_files import export

    fmt = fmt or {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv"}.get(dest.suffix.lower(), "tsv")
    entries = load(source)
    write_bytes(export(entries, fmt), dest, force=force)
    click.echo(f"wrote {dest} ({len(entries.entries)} entries, {fmt})")


@main.command("eval")
@click.option(
    "--src", "src", required=True, type=click.Path(path_type=Path), help="Vietnamese test sentences, one a line."
)
@click.option("--ref", "ref", required=True, type=click.Path(path_type=Path), help="English references, aligned.")
@_engine_options(many=True)
@_glossary_option
@click.option(
    "--terms",
    "strategies",
    type=click.Choice(TERM_STRATEGIES),
    multiple=True,
    help="Term strategies to compare (repeat the option)  [default: all; one, the instructions, for an LLM]",
)
@click.option(
    "--retries",
    "retries",
    type=click.IntRange(0, 3),
    multiple=True,
    help="Safer retries to compare (repeat: --retries 0 --retries 1)  [default: 1]",
)
@click.option(
    "--baseline/--no-baseline",
    default=True,
    show_default=True,
    help="Add a row without any glossary for each engine.",
)
@click.option("--no-glossary", is_flag=True, help="Score the translation without any glossary only.")
@click.option("--no-protect", is_flag=True, help="Leave numbers, dates, names and links to the model.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N lines.")
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option(
    "--dump",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every sentence of every setup (source, reference, output, flags) to this JSON Lines file.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def evaluate(
    src,
    ref,
    engines,
    glossaries,
    strategies,
    retries,
    baseline,
    no_glossary,
    no_protect,
    limit,
    beam_size,
    dump,
    as_json,
    quiet,
):
    """Compare engines, term strategies and retries on a test set: BLEU, chrF++, TER, terms, spans, flags, speed."""
    import json

    from tqdm import tqdm

    from translator.engines import load
    from translator.engines.ct2 import DecodeOptions
    from translator.eval.quality import evaluate as run_eval
    from translator.eval.quality import read_lines, sentence_records, setups_for
    from translator.files import write_bytes
    from translator.glossary import load_all
    from translator.spans import SpanOptions

    sources, references = read_lines(src)[:limit], read_lines(ref)[:limit]
    loaded = {spec.describe(): load(spec, download=False) for spec in engines}
    glossary_ = None if no_glossary else load_all(glossaries)
    setups = [
        setup
        for name, model in loaded.items()
        for setup in setups_for(
            name if len(loaded) > 1 else "", model.instructed, strategies, retries or (1,), no_glossary, baseline
        )
    ]
    records: list[dict] = []
    results = {}
    with tqdm(total=len(sources) * len(setups), unit="sent", disable=quiet or as_json, desc="evaluating") as bar:
        for name, model in loaded.items():
            engine = model.open(DecodeOptions(beam_size=beam_size))
            try:
                results |= run_eval(
                    sources,
                    references,
                    lambda engine=engine: engine,
                    glossary_,
                    [s for s in setups if s.engine in (name, "")],
                    None if no_protect else SpanOptions(),
                    bar.update,
                    (lambda setup, sentences: records.extend(sentence_records(setup, sentences, references)))
                    if dump
                    else None,
                )
            finally:
                engine.close()
    if dump:
        write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(), dump, force=True)
    labels = {name: model.label for name, model in loaded.items()}
    if as_json:
        click.echo(
            json.dumps(
                {
                    "models": labels,
                    "model": next(iter(labels.values())),
                    "sentences": len(sources),
                    **{k: v.as_dict() for k, v in results.items()},
                },
                ensure_ascii=False,
            )
        )
        return
    click.echo(f"{len(sources)} sentences; " + "; ".join(f"{name}: {label}" for name, label in labels.items()))
    _eval_table(results)


def _eval_table(results: dict) -> None:
    width = max(26, *(len(name) + 2 for name in results))
    header = ("setup", "BLEU", "chrF++", "TER", "chrF++ terms", "terms", "spans kept", "flagged", "again", "sent/s")
    click.echo(f"{header[0]:<{width}}" + "".join(f"{h:>13}" for h in header[1:]))
    for name, s in results.items():
        cells = (
            f"{s.bleu:.2f}",
            f"{s.chrf:.2f}",
            f"{s.ter:.2f}",
            "n/a" if s.term_chrf is None else f"{s.term_chrf:.2f}",
            "n/a" if s.term_accuracy is None else f"{s.term_accuracy:.1%} of {s.terms}",
            f"{s.spans_kept}/{s.spans}",
            f"{s.flagged}",
            f"{s.retried + s.placed}",
            f"{s.sentences / s.seconds:.1f}" if s.seconds else "n/a",
        )
        click.echo(f"{name:<{width}}" + "".join(f"{c:>13}" for c in cells))
    for name, s in results.items():
        click.echo(f"flags ({name}): " + (", ".join(f"{k} {v}" for k, v in s.flags.items()) or "none"))
    for name, signature in next(iter(results.values())).signatures.items():
        click.echo(f"{name}: {signature}")


@main.group()
def review() -> None:
    """Bring a reviewer's corrections back into the memory and the reports."""


@review.command("apply")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    default=None,
    callback=lambda ctx, param, value: _formats(ctx, param, value) if value else None,
    help="Formats to write again  [default: those the article was made with]",
)
@_engine_options()
@_cache_option
@click.option("--no-rewrite", is_flag=True, help="Only store the corrections; write no report again.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def review_apply(files, formats, engines, cache_path, no_rewrite, quiet) -> None:
    """Apply edited review files (-f docx-review, xliff or tmx): corrected and approved rows become
    human translations, which win in every later run, and the article's reports are written again."""
    from translator.pipeline import Options
    from translator.review import apply_review

    options = Options(engine=engines, progress=not quiet)
    failed = False
    with _memory(cache_path) as memory:
        for path in files:
            applied = apply_review(path, memory, options, formats, rewrite=not no_rewrite)
            for problem in applied.problems:
                click.echo(f"vietrans: warning: {path.name}: {problem}", err=True)
            for note in applied.notes:
                click.echo(f"vietrans: note: {path.name}: {note}", err=True)
            click.echo(
                f"{path}: {applied.corrected} corrected, {applied.approved} approved; "
                f"{applied.stored} new in the memory"
            )
            failed |= bool(applied.problems)
    if failed:
        raise SystemExit(ExitCode.PARTIAL)


@main.group()
def cache() -> None:
    """The translation memory: every sentence translated, reused on re-runs."""


@cache.command("stats")
@_cache_option
def cache_stats(cache_path: Path | None) -> None:
    """How many sentences the memory holds, and where."""
    with _memory(cache_path) as memory:
        stats = memory.stats()
    click.echo(
        f"{stats['entries']} sentences in {stats['contexts']} context(s) (model, options), "
        f"{stats['human']} human translations (reviewed), {stats['bytes'] / 1e6:.1f} MB at {stats['path']}"
    )


@cache.command("clear")
@_cache_option
def cache_clear(cache_path: Path | None) -> None:
    """Forget every cached translation."""
    with _memory(cache_path) as memory:
        click.echo(f"removed {memory.clear()} sentences")


@cache.command("export")
@_cache_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="TMX file to write (default: stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file.")
def cache_export(cache_path: Path | None, output: Path | None, force: bool) -> None:
    """Export the memory as TMX 1.4, for translators' tools."""
    with _memory(cache_path) as memory:
        tmx = memory.export_tmx()
    if output is None:
        click.echo(tmx, nl=False)
        return
    from translator.files import write_bytes

    write_bytes(tmx.encode("utf-8"), output, force=force)
    click.echo(f"wrote {output}")


@main.group()
def models() -> None:
    """Install, list and remove Argos Translate vi→en models."""


@models.command("install")
@click.argument("spec", nargs=-1, required=True)
@click.option("--force", is_flag=True, help="Reinstall a package that is installed.")
def models_install(spec: tuple[str, ...], force: bool) -> None:
    """Install from a file (PATH.argosmodel) or from the Argos index (vi en)."""
    from translator import models as lib

    if len(spec) == 1:
        package = lib.install_file(Path(spec[0]), force=force)
    elif len(spec) == 2:
        package = lib.install_from_index(spec[0], spec[1])
    else:
        raise click.UsageError("give one PATH.argosmodel, or two language codes: vi en")
    click.echo(f"installed {package.label} at {package.path}")


@models.command("list")
def models_list() -> None:
    """List installed packages (vi→en first), and broken package folders."""
    from translator import models as lib

    good, broken = lib.scan()
    if not good and not broken:
        click.echo(f"no models installed; install one with: {lib.INSTALL_HINT}")
    for package in sorted(good, key=lambda p: (p.from_code, p.to_code) != (lib.SOURCE, lib.TARGET)):
        click.echo(
            f"{package.name}\t{package.from_code}→{package.to_code}\t{package.version}"
            f"{'  (test model)' if package.is_test else ''}\t{package.path}"
        )
    for path, reason in broken:
        click.echo(f"{path.name}\tBROKEN: {reason}")


@models.command("remove")
@click.argument("name")
def models_remove(name: str) -> None:
    """Remove an installed package by name (see: vietrans models list)."""
    from translator import models as lib

    click.echo(f"removed {lib.remove(name)}")
