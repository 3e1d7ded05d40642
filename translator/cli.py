"""The ``vietrans`` command: parse arguments, call the library, report.

Only click is imported at start-up; every command imports the library
modules it needs, so ``vietrans --help`` stays fast.  Errors from the
library arrive as :class:`~translator.errors.VietransError` and leave as
one line on stderr with the error's exit code.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from translator import __version__
from translator.errors import ExitCode, VietransError


class _Group(click.Group):
    """Turns library errors and interruptions into one line and an exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except VietransError as err:
            click.echo(f"vietrans: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            click.echo("vietrans: interrupted", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
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


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from translator.export import FORMATS

    names = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"{','.join(unknown) or value!r}: choose from {', '.join(FORMATS)}")
    return names


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vietrans")
def main() -> None:
    """Translate Vietnamese news articles to English, offline, into
    side-by-side bilingual documents a reviewer can check sentence by sentence."""


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "-f",
    "--format",
    "formats",
    default="md,docx",
    show_default=True,
    callback=_formats,
    help="Comma-separated output formats: md, docx.",
)
@click.option("-m", "--model", help="A .argosmodel file, a package folder, or an installed package's name.")
@click.option("--force", is_flag=True, help="Overwrite outputs that exist.")
@click.option("--keep-all", is_flag=True, help="Translate everything; do not set aside page furniture.")
@click.option("--beam-size", type=click.IntRange(1, 16), default=2, show_default=True)
@click.option(
    "--batch-size", type=click.IntRange(1, 1024), default=32, show_default=True, help="Sentences per decoding batch."
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
    "--download/--no-download",
    default=True,
    show_default=True,
    help="Fetch the vi→en model from the Argos index when none is installed.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def translate(
    inputs, out_dir, formats, model, force, keep_all, beam_size, batch_size, threads, device, download, quiet
):
    """Translate article files; write <name>.bilingual.<ext> for each format."""
    from translator.engine import DecodeOptions
    from translator.pipeline import Options, translate_files

    options = Options(
        formats=formats,
        model=model,
        decode=DecodeOptions(beam_size=beam_size, batch_size=batch_size, threads=threads, device=device),
        force=force,
        keep_all=keep_all,
        download=download,
        progress=not quiet,
    )
    result = translate_files(inputs, out_dir, options)
    for path in result.outputs:
        click.echo(f"wrote {path}")
    click.echo(
        f"{result.documents} document(s), {result.sentences} sentences in {result.seconds:.1f} s "
        f"({result.rate:.1f} sentences/s); {result.removed} block(s) left out as page furniture"
        + (" (listed in each output's appendix)" if result.removed else "")
    )


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
