"""Errors that reach the user, each with its exit code.

Library code raises these with a message a user can act on; the CLI prints
the message as one line and exits with the code.  Exit codes are listed in
the README.
"""

from __future__ import annotations

import os
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the ``vietrans`` command."""

    OK = 0
    ERROR = 1  # an unexpected failure
    USAGE = 2  # bad command-line usage (click's own code)
    INPUT = 3  # an input file is missing, unreadable or not an article
    MODEL = 4  # no model, or a model that cannot be used
    OUTPUT = 5  # an output cannot be written, or exists without --force
    GLOSSARY = 6  # a glossary file is malformed
    NETWORK = 7  # a download failed (offline, or the server said no), or an LLM server cannot be used
    PARTIAL = 8  # a batch finished, but some files failed (review apply: some rows were not applied)
    NOT_FOUND = 9  # a search (glossary find) found nothing
    MEMORY = 10  # the translation memory file cannot be opened or used
    CLUSTER = 11  # the Ray cluster cannot be reached or lost every worker
    INTERRUPTED = 130  # Ctrl-C or SIGTERM
    BROKEN_PIPE = 141  # standard output was closed by its reader (e.g. `| head`)


class VietransError(Exception):
    """Base of every error vietrans reports to its user."""

    exit_code = ExitCode.ERROR


class InputError(VietransError):
    exit_code = ExitCode.INPUT


class ModelError(VietransError):
    exit_code = ExitCode.MODEL


class OutputError(VietransError):
    exit_code = ExitCode.OUTPUT


class GlossaryError(VietransError):
    exit_code = ExitCode.GLOSSARY


class NetworkError(VietransError):
    exit_code = ExitCode.NETWORK


class MemoryFileError(VietransError):
    exit_code = ExitCode.MEMORY


class ClusterError(VietransError):
    exit_code = ExitCode.CLUSTER


def file_failure(err: Exception) -> VietransError:
    """``err`` as one file's failure in a batch: a library error as it is, anything else as an
    internal error of that file, in one line (re-raised with ``VIETRANS_DEBUG`` set, for its
    traceback; a closed standard output always, to stop the run quietly)."""
    if isinstance(err, VietransError):
        return err
    if isinstance(err, BrokenPipeError) or os.environ.get("VIETRANS_DEBUG"):
        raise err
    return VietransError(f"internal error: {type(err).__name__}: {err} (set VIETRANS_DEBUG=1 for details)")


class Abandoned(KeyboardInterrupt):
    """Interrupted while the model was decoding.  CTranslate2 cannot cancel a batch and
    waits for it when the model is freed, so the command exits at once instead
    (everything worth keeping is already written)."""
