"""``vietrans review apply``: a reviewer's corrections back into the memory and the reports."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.options import cache_option, open_memory, parse_formats
from translator.errors import ExitCode


@click.group()
def review() -> None:
    """Bring a reviewer's corrections back into the memory and the reports."""


@review.command("apply")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    default=None,
    callback=lambda ctx, param, value: parse_formats(ctx, param, value) if value else None,
    help="Formats to write again  [default: those the article was made with]",
)
@cache_option
@click.option("--no-rewrite", is_flag=True, help="Only store the corrections; write no report again.")
@click.option("--force", is_flag=True, help="Also overwrite reports edited since vietrans wrote them.")
def review_apply(files, formats, cache_path, no_rewrite, force) -> None:
    """Apply edited review files (-f docx-review, xliff or tmx): corrected and approved rows become
    human translations, which win in every later run, and the article's reports are made again
    where they are, from what the article was made with (no engine needed). The review file
    itself is never overwritten: the refreshed review table is a new file, named."""
    from translator.review import apply_review

    failed = False
    with open_memory(cache_path) as memory:
        for path in files:
            applied = apply_review(path, memory, formats, rewrite=not no_rewrite, force=force)
            for line in (*applied.problems, *applied.warnings):
                click.echo(f"vietrans: warning: {path.name}: {line}", err=True)
            for note in applied.notes:
                click.echo(f"vietrans: note: {path.name}: {note}", err=True)
            click.echo(
                f"{path}: {applied.corrected} corrected, {applied.approved} approved; "
                f"{applied.stored} new in the memory"
            )
            for written in applied.written:
                click.echo(f"  wrote {written}")
            for left in applied.left:
                click.echo(f"  left as it is: {left}")
            failed |= bool(applied.problems)
    if failed:
        raise SystemExit(ExitCode.PARTIAL)
