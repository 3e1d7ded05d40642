"""The ``vietrans`` command: parse arguments, call the library, report.

Only click is imported at start-up; every command imports the library
modules it needs, so ``vietrans --help`` stays fast.  Errors from the
library arrive as :class:`~translator.errors.VietransError` and leave as
one line on stderr with the error's exit code.
"""

from __future__ import annotations

import os
import sys

import click

from translator import __version__
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


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="vietrans")
def main() -> None:
    """Translate Vietnamese news articles to English, offline, into
    side-by-side bilingual documents a reviewer can check sentence by sentence."""


def _register() -> None:
    """Each command group lives in a module of its own; click imports only them at start-up."""
    from translator.cli.cache import cache
    from translator.cli.eval import evaluate
    from translator.cli.glossary import glossary
    from translator.cli.models import models
    from translator.cli.review import review
    from translator.cli.serve import serve
    from translator.cli.translate import translate

    for command in (translate, glossary, evaluate, review, cache, models, serve):
        main.add_command(command)


_register()
