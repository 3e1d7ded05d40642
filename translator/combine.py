"""The brief of a run (``--combine NAME``) as a job: when it must be written, and writing it.

Its source is every article of the run (their digests, in order), so the memory's record of
the outputs tells, as for one article, whether the brief is current, made otherwise (written
again) or edited by someone since (left alone).  The rendering is :mod:`translator.export.brief`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from translator.document import Document
from translator.errors import VietransError
from translator.export import FORMATS
from translator.export import brief as briefs
from translator.export.brief import FORMATS as BRIEF_FORMATS
from translator.files import fit_name, write_bytes
from translator.jobs import Job, Result


def plan_brief(
    jobs: list[Job], todo: list[Job], out_dir: Path | None, translator, options, result: Result
) -> Job | None:
    """The brief as a job whose source is every article (their digests, in order), when it must be
    written: missing, or ours and made from other articles or otherwise; else None (it is current,
    or someone edited it: left as it is, said so).  Articles not to do are marked for the brief only."""
    base = out_dir if out_dir is not None else Path(".")
    suffixes = {fmt: FORMATS[fmt].suffix.replace(".bilingual", "") for fmt in options.formats}
    targets = [(fmt, base / fit_name(options.combine + suffixes[fmt], keep=suffixes[fmt])) for fmt in options.formats]
    sources = [options.combine_order]
    for job in jobs:
        try:
            sources.append(job.source_digest)
        except OSError:  # a missing input: it fails when read, and is in no brief
            sources.append(f"missing {job.source}")
    digest = hashlib.sha256("|".join(sources).encode()).hexdigest()
    brief = Job(f"--combine {options.combine}", [t for t in targets if t[0] in BRIEF_FORMATS], digest=digest)
    if not brief.outputs:
        result.warnings.append(
            f"--combine {options.combine}: none of the chosen formats holds several articles "
            f"({', '.join(BRIEF_FORMATS)}); no brief written"
        )
        return None
    existing = Job(brief.source, [t for t in brief.outputs if t[1].exists()], digest=digest)
    state = translator.triage(existing) if existing.outputs else "current"
    if state in ("edited", "unknown") and not options.force:
        result.warnings.append(
            f"{existing.outputs[0][1]}: not written by vietrans from these articles, or edited since; "
            "left as it is (--force replaces it)"
        )
        return None
    if state == "current" and len(existing.outputs) == len(brief.outputs) and not options.force:
        return None
    brief.redo = state == "stale"
    for job in jobs:
        job.brief_only = job not in todo
    return brief


def write_brief(brief: Job, done: list[tuple[Job, Document]], translator, options, result: Result) -> None:
    """The brief of every article that was translated, in the order ``options.combine_order`` asks."""
    failed = {source for source, _ in result.failures}
    docs = briefs.ordered([doc for job, doc in done if job.source not in failed], options.combine_order)
    for fmt, target in brief.outputs:
        if not (options.force or brief.redo or not target.exists()):
            continue  # current (another format of the brief was missing)
        data = briefs.render(docs, fmt, options.combine or "", options.export)
        try:
            write_bytes(data, target, force=True)
        except VietransError as err:
            result.fail(brief.source, err)
            return
        translator.record(brief, fmt, target, data)
        result.outputs.append(str(target))
