"""``vietrans glossary``: list, find, add, remove, check, audit, suggest, import and export terms."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.options import cache_option, family_option, glossary_option, open_memory
from translator.errors import ExitCode


@click.group()
def glossary() -> None:
    """List, search, edit, check, import and export glossaries."""


def _glossary_from(files: tuple[Path, ...]):
    from translator.glossary import load, load_all

    if not files:
        return load_all([])
    merged = load(files[0], judged=False)  # (listing and searching a file with a mistake in it shows it)
    for path in files[1:]:
        merged = merged.merged(load(path, judged=False))
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
    hits = _glossary_from(files).search(query)
    for entry in hits:
        click.echo(f"{' | '.join(entry.variants)}\t{entry.en}\t{entry.source}")
    if not hits:
        click.echo(f"vietrans: no glossary entry matches {query!r}", err=True)
        raise SystemExit(ExitCode.NOT_FOUND)


@glossary.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("vi")
@click.argument("en")
@click.option("--note", default="", help="A note kept with the term.")
@click.option("--domain", default="", help="The term's subject field (e.g. policy), kept with it.")
@click.option(
    "--case",
    type=click.Choice(["", "sensitive", "insensitive"]),
    default="",
    help="Match the term's case, or any case (default: its case if it has a capital letter).",
)
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
    from translator.glossary.files import add

    variants = tuple(unicodedata.normalize("NFC", v.strip()) for v in vi.split("|") if v.strip())
    if not variants or not en.strip():
        raise click.UsageError("both the Vietnamese and the English term are needed")
    english = unicodedata.normalize("NFC", en.strip())
    adjective = unicodedata.normalize("NFC", adj.strip())
    add(file, Entry(variants[0], english, variants, note, domain, case, en_adj=adjective, match=match), replace)
    click.echo(f"{file}: {' | '.join(variants)} → {en.strip()}")


@glossary.command("suggest")
@glossary_option
@cache_option
@click.option(
    "-m",
    "--model",
    help="A CTranslate2 model whose attention traces corrections to their Vietnamese  [default: installed]",
)
@family_option
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
    from translator.glossary.files import add, columns
    from translator.glossary.suggest import suggest

    glossary_ = load_all(glossaries)
    aligner = None
    try:
        from translator.engines import packages as models
        from translator.engines.ct2 import Engine

        engine = Engine(models.resolve(model, model_family))

        def aligner(source: str, machine: str):
            return engine.align([(source, machine)])[0]

    except ModelError as err:
        if model is not None:
            raise
        click.echo(f"vietrans: note: no model to trace corrections with ({err}); glossary terms only", err=True)
    with open_memory(cache_path, create=False) as memory:
        found = [s for s in suggest(memory.human_rows(), glossary_, aligner) if s.count >= min_count]
    written = 0
    for item in found:
        if as_json:
            click.echo(json.dumps(item.__dict__, ensure_ascii=False))
        elif item.refused:
            click.echo(f"vietrans: not suggested: {item.vi} → {item.en} ({item.refused})", err=True)
        else:
            change = f"(glossary: {item.was})" if item.in_glossary else f"(machine: {item.was})"
            click.echo(f"{item.count}\t{item.vi}\t{item.en}\t{change}\te.g. {item.examples[0]}")
            for source, machine, human in item.evidence:  # what the reviewer did, for a person to judge
                click.echo(f"\t  source:   {source}\n\t  machine:  {machine}\n\t  reviewer: {human}")
        if add_to is not None and not item.refused:  # (a note says where the entry came from, if it has a column)
            note = f"from {item.count} review correction(s)" if "note" in columns(add_to) else ""
            add(add_to, Entry(item.vi, item.en, (item.vi,), note), replace=True)
            written += 1
    if not found:
        click.echo("no suggestions: no stored correction replaced a term (see vietrans review apply)", err=True)
    elif add_to is not None:
        click.echo(f"{add_to}: {written} entr{'y' if written == 1 else 'ies'} written", err=True)


@glossary.command("remove")
@click.argument("file", type=click.Path(path_type=Path))
@click.argument("vi")
def glossary_remove(file: Path, vi: str) -> None:
    """Remove the entry for VI from FILE."""
    from translator.glossary.files import remove

    for entry in remove(file, vi):
        click.echo(f"{file}: removed {' | '.join(entry.variants)} → {entry.en} (line {entry.source.rsplit(':', 1)[1]})")


@glossary.command("audit")
@click.option("--src", required=True, type=click.Path(path_type=Path), help="Vietnamese text, one sentence a line.")
@click.option("--ref", required=True, type=click.Path(path_type=Path), help="Its human English translation, aligned.")
@glossary_option
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
    from translator.glossary.files import check

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
    from translator.glossary.files import export, import_file

    imported = import_file(source, None if fmt in (None, "csv-google", "csv-amazon") else fmt)
    write_bytes(export(imported, "tsv"), dest, force=force)
    for warning in imported.warnings:
        click.echo(f"vietrans: warning: {warning}", err=True)
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
    from translator.glossary.files import export

    fmt = fmt or {".tbx": "tbx", ".csv": "csv", ".tsv": "tsv"}.get(dest.suffix.lower(), "tsv")
    entries = load(source, judged=False)  # (a conversion keeps the file's entries as they are)
    write_bytes(export(entries, fmt), dest, force=force)
    click.echo(f"wrote {dest} ({len(entries.entries)} entries, {fmt})")
