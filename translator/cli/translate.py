"""``vietrans translate``: articles in, bilingual reports out (the pipeline's front door)."""

from __future__ import annotations

import os
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
    parse_formats,
    ray_options,
    retries_option,
    span_options,
    terms_option,
)
from translator.errors import ExitCode, VietransError


@click.command()
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
    default=None,
    callback=lambda ctx, param, value: parse_formats(ctx, param, value) if value else None,
    help="Comma-separated output formats: md, md-en, docx, docx-en, docx-review, tmx, xliff, jsonl, html  "
    "[default: md,docx; md for standard input to standard output]",
)
@engine_options()
@click.option("--force", is_flag=True, help="Redo files whose outputs exist, overwriting them.")
@cleaning_options
@decode_options
@cache_option
@no_cache_option
@click.option(
    "--window",
    type=click.IntRange(1),
    default=4000,
    show_default=True,
    help="Sentences held in memory at once: a batch is read, translated and written in windows of files.",
)
@download_option
@glossary_option
@terms_option
@no_glossary_option
@span_options
@max_size_option
@retries_option
@export_options
@ray_options
@click.option(
    "--urls",
    "urls_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A file of URLs to translate, one a line (# starts a comment); pages and feeds.",
)
@fetch_options
@click.option("--save-html", type=click.Path(path_type=Path, file_okay=False), help="Keep each page as fetched here.")
@click.option(
    "--combine",
    metavar="NAME",
    help="Also write one brief of every article, NAME.md, NAME.docx ... in each chosen format that can hold "
    "several (md, md-en, docx, docx-en, html).",
)
@click.option(
    "--order",
    type=click.Choice(["newest", "given"]),
    default="newest",
    show_default=True,
    help="The brief's articles: newest first, or in the order given.",
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
    skip_non_vietnamese,
    decode,
    cache_path,
    no_cache,
    window,
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
    urls_file,
    fetch,
    feed,
    save_html,
    combine,
    order,
    quiet,
    as_json,
):
    """Translate articles: files, folders, globs, - (standard input), or http(s):// URLs of
    pages and feeds (RSS, Atom: each item is fetched).

    Writes <name>.bilingual.<ext> for each format; files whose outputs all
    exist are skipped (so an interrupted batch resumes), unless --force.
    """
    from translator.pipeline import Options, translate_files
    from translator.read.url import read_url_list

    if urls_file is not None:
        inputs = (*inputs, *read_url_list(urls_file))
    if combine is not None and (not combine.strip() or "/" in combine or "\\" in combine or combine.startswith(".")):
        raise click.UsageError(f"--combine {combine}: a plain file name, without folders")

    if ray_address not in (None, "local") and os.path.exists(ray_address):
        # "--ray in/ -o out": click read the input as --ray's optional address
        inputs, ray_address = (ray_address, *inputs), "local"
    if not inputs:
        raise click.UsageError("Missing argument 'INPUTS...'.")
    to_stdout = out_dir is None and STDIN_ARG in inputs  # the document itself goes to standard output
    if to_stdout and formats and len(formats) > 1:
        raise click.UsageError("standard input goes to standard output in one format: use -f md, or -o DIR")
    formats = formats or (("md",) if to_stdout else ("md", "docx"))
    options = Options(
        formats=formats,
        engine=engines,
        decode=decode,
        force=force,
        keep_all=keep_all,
        download=download,
        progress=not quiet and not as_json,
        cache=cache_path,
        use_cache=not no_cache,
        window_sentences=window,
        glossaries=tuple(glossaries),
        use_glossary=not no_glossary,
        export=export,
        spans=spans,
        retries=retries,
        terms=terms,
        skip_non_vietnamese=skip_non_vietnamese,
        max_mb=max_mb,
        backend=backend(ray_address, workers, quiet or as_json),
        fetch=fetch,
        feed=feed,
        save_html=save_html,
        combine=combine,
        combine_order=order,
    )
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
    if result.requests:
        say(
            f"{result.requests} request(s) over HTTP; {result.downloaded} page(s) downloaded "
            f"({result.downloaded_bytes / 1024:.1f} kB), the others unchanged since the last run"
        )
    for warning in result.warnings:
        click.echo(f"vietrans: warning: {warning}", err=True)
    for name, error in result.failures:
        click.echo(
            f"vietrans: failed: {error}" if error.startswith(name) else f"vietrans: failed: {name}: {error}", err=True
        )
