"""Compose the stages: read → clean → segment → translate → export.

Everything the CLI does is a call into this module, so Python users get
the same behaviour: ``translate_files(["article.txt"], Path("out"))``.

A batch is streamed in windows of files: each window's sentences are
looked up in the translation memory, the rest decoded together in
length-sorted batches by one model loaded once per run, and the window's
outputs written before the next is read, so memory stays bounded however
many files there are.  Finished files (all outputs present) are skipped, so
a killed run resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translator import TERM_STRATEGIES, __version__
from translator.backends import Backend
from translator.clean import clean
from translator.combine import plan_brief, write_brief
from translator.document import BlockKind, Document, Sentence
from translator.engines import EngineSpec
from translator.engines.ct2 import DecodeOptions
from translator.errors import OutputError, VietransError, file_failure
from translator.export import FORMATS, ExportOptions, output_name, render
from translator.export.record import keep
from translator.facts.spans import SpanOptions
from translator.files import write_bytes
from translator.glossary import load_all
from translator.glossary.terms import protect
from translator.inputs import STDIN, expand_inputs
from translator.jobs import Job, Result
from translator.read import read_article, read_data
from translator.read.feed import FeedChoice
from translator.read.fetch import FetchOptions, is_url
from translator.read.url import gather
from translator.segment import split_sentences
from translator.translate.sentences import SentenceTranslator


@dataclass(frozen=True)
class Options:
    """One options object handed to every stage."""

    formats: tuple[str, ...] = ("md", "docx")
    engine: EngineSpec = field(default_factory=EngineSpec)  # what translates: the installed Argos package by default
    decode: DecodeOptions = field(default_factory=DecodeOptions)
    force: bool = False  # redo files whose outputs exist, overwriting them
    keep_all: bool = False  # translate page furniture too (no cleaning)
    download: bool = True  # fetch the vi→en model from the Argos index if none is installed
    progress: bool = True
    cache: Path | None = None  # translation memory file; None: the default one
    use_cache: bool = True
    window_sentences: int = 4000  # sentences held in memory at once (a window of files)
    glossaries: tuple[Path, ...] = ()  # user glossaries, applied over the shipped ones
    shipped_glossaries: bool = True
    use_glossary: bool = True  # False: no glossary at all (--no-glossary)
    export: ExportOptions = field(default_factory=ExportOptions)
    spans: SpanOptions | None = field(default_factory=SpanOptions)  # None: numbers, dates, names untouched
    retries: int = 1  # empty, looping or overlong output is decoded again with safer options (0: never)
    terms: str = TERM_STRATEGIES[0]  # how glossary terms are enforced: see translator.translate.sentences
    skip_non_vietnamese: bool = False  # skip (not just warn about) a file that does not look Vietnamese
    max_mb: float = 20  # the largest article file read
    backend: Backend = field(default_factory=Backend)  # where sentences are decoded: here, or on Ray
    fetch: FetchOptions = field(default_factory=FetchOptions)  # how URLs are fetched
    feed: FeedChoice = field(default_factory=FeedChoice)  # which of a feed's items are translated
    save_html: Path | None = None  # keep each page as fetched in this folder
    combine: str | None = None  # also write one brief NAME.<format> of every article
    combine_order: str = "newest"  # the brief's articles: newest first, or in the order given


def prepare(doc: Document, options: Options) -> Document:
    """Clean and segment a document that has been read: everything before translation."""
    return segment(doc if options.keep_all else clean(doc))


def segment(doc: Document) -> Document:
    """Give every block its sentences; code is one sentence, passed through as it is."""
    for block in doc.blocks:
        if block.kind is BlockKind.CODE:
            block.sentences = [Sentence(block.text, translation=block.text, verbatim=True)]
        else:
            block.sentences = [Sentence(text) for text in split_sentences(block.text)]
    return doc


def stamp(doc: Document, package, options: DecodeOptions) -> None:
    """The signature every export prints: what made this translation."""
    doc.meta.update(
        model=package.label,
        translated=dt.date.today().isoformat(),
        vietrans=__version__,
        decoding=options.key(),
    )
    if package.is_test:
        doc.meta["test_model"] = "yes"


def load_model(options: Options):
    """The model ``options.engine`` names (the Argos package downloaded on first use if allowed)."""
    from translator.engines import load

    return load(options.engine, download=options.download, progress=options.progress)


def plan(inputs: Sequence[str], out_dir: Path | None, options: Options, result: Result | None = None) -> list[Job]:
    """The jobs of a run.  Inputs whose outputs would share a name (``x.txt`` and ``x.md``)
    keep their suffix in the output names (``x.txt.bilingual.md``); a job that still cannot
    be written (its output is a folder, or another input's) carries its problem."""
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file; -o takes a folder for the outputs")
    jobs = []
    expanded = expand_inputs(inputs)
    urls = [item for item, _ in expanded if is_url(item)]
    for item, root in expanded:
        if is_url(item):
            if item == urls[0]:
                jobs.extend(_remote_jobs(urls, out_dir, options, result))
            continue
        if item == STDIN:
            data = sys.stdin.buffer.read()
            if out_dir is None and len(options.formats) > 1:
                raise OutputError("standard input goes to standard output in one format: use -f md, or -o DIR")
            targets = [
                (fmt, None if out_dir is None else out_dir / output_name("stdin", fmt)) for fmt in options.formats
            ]
            job = Job(STDIN, targets, data)
            taken = [t for _, t in targets if t is not None and t.exists()]
            if taken and not options.force:  # never "already done": new text, but the name is taken
                job.problem = OutputError(
                    f"{taken[0]} exists, from an earlier run on standard input; add --force to overwrite it"
                )
            jobs.append(job)
            continue
        path = Path(item)
        relative = path.parent.relative_to(root) if root is not None else Path()
        base = (out_dir if out_dir is not None else Path(".")) / relative
        jobs.append(Job(item, [(fmt, base / output_name(path.stem, fmt)) for fmt in options.formats]))
    stems: dict[Path, list[Job]] = {}
    for job in jobs:
        first = job.outputs[0][1]
        if first is not None and job.source != STDIN:
            stems.setdefault(first, []).append(job)
    for same in stems.values():
        if len(same) > 1 and len({Path(job.source).name for job in same}) == len(same):  # x.txt and x.md
            for job in same:
                job.outputs = [(fmt, t.with_name(output_name(Path(job.source).name, fmt))) for fmt, t in job.outputs]
    claimed: dict[Path, str] = {}
    for job in jobs:
        for _, target in job.outputs:
            if target is None:
                continue
            if target.is_dir():
                job.problem = OutputError(f"{target} is a folder; the output cannot be written there")
            elif target in claimed:
                job.problem = OutputError(f"{target} is also the output of {claimed[target]}; translate it apart")
            else:
                claimed[target] = job.source
    return jobs


def _remote_jobs(urls: list[str], out_dir: Path | None, options: Options, result: Result | None) -> list[Job]:
    """A job for each article the URLs bring (a feed: its chosen items), fetched now; its outputs
    named after its host and path, in the output folder."""
    from translator.translate.memory import TranslationMemory

    memory = TranslationMemory(options.cache) if options.use_cache else None
    try:
        gathered = gather(urls, memory, options.fetch, options.feed, options.save_html)
    finally:
        if memory is not None:
            memory.close()
    base = out_dir if out_dir is not None else Path(".")
    jobs = []
    for remote in gathered.articles:
        job = Job(remote.url, [(fmt, base / output_name(remote.stem, fmt)) for fmt in options.formats], remote=remote)
        job.problem = remote.error
        jobs.append(job)
    if result is not None:
        result.warnings += gathered.warnings
        result.requests += gathered.requests
        result.downloaded_bytes += gathered.wire_bytes
        result.downloaded += sum(a.downloaded for a in gathered.articles)
    return jobs


def _read(job: Job, options: Options, result: Result) -> Document | None:
    """The job's document, read and prepared; None (the failure noted in ``result``) if it cannot be."""
    try:
        if job.remote is not None:
            doc = job.remote.document()
        elif job.source == STDIN:
            doc = read_data(job.data or b"", "stdin.txt")
        else:
            doc = read_article(job.source, options.max_mb)
        return prepare(doc, options)
    except Exception as err:  # one file's fault, whatever it is, is that file's failure
        result.fail(job.source, file_failure(err))
        return None


class _Translator:
    """The model, loaded on first need: a run served wholly from the memory never loads it."""

    def __init__(self, package, options: Options) -> None:
        from translator.translate.memory import TranslationMemory

        self.package = package
        self.options = options
        self.memory = TranslationMemory(options.cache) if options.use_cache else None
        self.sentences = SentenceTranslator(
            lambda: package.open(options.decode, options.backend),
            package.context(options.decode),
            self.memory,
            terms=options.terms,
            retries=options.retries,
            instructed=package.instructed,
        )
        self.glossary = (
            load_all(options.glossaries, shipped=options.shipped_glossaries) if options.use_glossary else None
        )
        # The outputs' note on the glossaries; hashing every entry is done once per run.
        self.glossary_label = (
            f"{len(self.glossary)} terms ({self.glossary.digest()})" if self.glossary is not None else ""
        )
        # Everything that shapes an output besides its source text: an output made otherwise is stale.
        self.signature = "|".join(
            (
                self.sentences.context,
                self.glossary_label or "no glossary",
                f"terms={options.terms}",
                repr(options.spans),
                repr(options.export),
                f"keep_all={options.keep_all}",
                f"retries={options.retries}",
            )
        )

    def translate(
        self, sentences: list[Sentence], progress: Callable[[int], object], paragraphs: list[int]
    ) -> tuple[int, int]:
        """Fill in every sentence; return how many came from the memory and how many were decoded."""
        return self.sentences.translate(sentences, progress, paragraphs)

    def output_signature(self, job: Job, fmt: str) -> str:
        """What made an output: the run's signature, the format and the source file's bytes."""
        return f"{self.signature}|{fmt}|{job.source_digest}"

    def triage(self, job: Job) -> str:
        """For a job whose outputs all exist: ``current`` (skip), ``stale`` (ours, unchanged since
        written, but made otherwise: redo), ``edited`` (made otherwise and changed since: leave
        them, say so) or ``unknown`` (not written by vietrans with this memory: leave them)."""
        if self.memory is None:
            return "unknown"
        state = "current"
        for fmt, target in job.outputs:
            record = self.memory.output_record(target)
            if record is None:
                return "unknown"
            if record[0] != self.output_signature(job, fmt):
                if hashlib.sha256(target.read_bytes()).hexdigest() != record[1]:
                    return "edited"
                state = "stale"
        return state

    def record(self, job: Job, fmt: str, target: Path, data: bytes) -> None:
        if self.memory is not None and job.source != STDIN:
            self.memory.record_output(target, self.output_signature(job, fmt), hashlib.sha256(data).hexdigest())

    def shown(self, doc: Document) -> None:
        """Remember the English a report of ``doc`` showed (``vietrans cache export`` writes it)."""
        if self.memory is not None:
            self.memory.record_shown(
                self.sentences.context,
                [
                    (s.source, s.translation)
                    for s in doc.sentences()
                    if not (s.verbatim or s.reviewed) and s.translation
                ],
            )

    def close(self) -> None:
        self.sentences.close()
        if self.memory:
            self.memory.close()


def translate_files(
    inputs: Sequence[str | Path], out_dir: Path | None = None, options: Options | None = None
) -> Result:
    """Translate articles and write each requested format; see the module docstring."""
    from tqdm import tqdm

    options = options or Options()
    unknown = [fmt for fmt in options.formats if fmt not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    started = time.perf_counter()
    result = Result()
    jobs = plan([str(i) for i in inputs], out_dir, options, result)
    result.files = len(jobs)
    for job in jobs:
        if job.problem is not None:
            result.fail(job.source, job.problem)
    jobs = [job for job in jobs if job.problem is None]
    # The model is found (or fetched) before the bar starts, so its errors come alone; it is
    # loaded into memory only when a window has a sentence the translation memory lacks.
    translator = _Translator(load_model(options), options) if jobs else None
    try:
        todo = _todo(jobs, translator, options, result)
        brief = plan_brief(jobs, todo, out_dir, translator, options, result) if options.combine and translator else None
        if brief is not None:
            todo = jobs  # every article goes in; those whose outputs are current only for the brief
        docs: list[tuple[Job, Document]] = []
        total = None
        held: dict[int, Document] = {}  # documents the first pass read and the first window reuses
        if options.progress:  # a first pass counts the sentences, so the bar can show an ETA
            total, counted, held_count = 0, [], 0
            for job in todo:
                doc = _read(job, options, result)
                if doc is None:
                    continue
                count = sum(len(b.sentences) for b in doc.blocks)
                if held_count + count <= options.window_sentences:
                    held[id(job)] = doc
                    held_count += count
                total += count
                counted.append(job)
            todo = counted
        with tqdm(total=total, unit="sent", disable=not options.progress, desc="translating") as bar:
            for window in _windows(todo, options, result, held):
                _run_window(window, translator, options, result, bar)
                if brief is not None:
                    docs += window
        if brief is not None:
            write_brief(brief, docs, translator, options, result)
    finally:
        if translator is not None:
            translator.close()
    result.seconds = time.perf_counter() - started
    result.peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _todo(jobs: list[Job], translator: _Translator | None, options: Options, result: Result) -> list[Job]:
    """The jobs to run: all with ``force``; else those not complete, and those whose outputs
    vietrans made with another model, glossary, options or source text and nobody has edited."""
    todo = []
    for job in jobs:
        if (
            options.force
            or not job.complete
            or translator is None
            or (job.remote is None and not Path(job.source).is_file())
        ):
            todo.append(job)  # (a missing input is reported when it is read)
            continue
        state = translator.triage(job)
        if state == "stale":
            job.redo = True
            todo.append(job)
        else:
            result.skipped += 1
            if state == "edited":
                result.warnings.append(
                    f"{job.source}: its outputs were made with another model, glossary, options or text, and "
                    "have been edited since; left as they are (--force redoes them)"
                )
    return todo


def _windows(
    jobs: list[Job], options: Options, result: Result, held: dict[int, Document]
) -> Iterator[list[tuple[Job, Document]]]:
    """Read the jobs in order (or take those already read from ``held``), in windows of about
    ``options.window_sentences`` sentences."""
    window: list[tuple[Job, Document]] = []
    count = 0
    for job in jobs:
        doc = held.pop(id(job), None) or _read(job, options, result)
        if doc is None:
            continue
        result.warnings += doc.warnings
        if options.skip_non_vietnamese and not doc.vietnamese:
            result.not_vietnamese += 1
            continue
        window.append((job, doc))
        count += sum(len(b.sentences) for b in doc.blocks)
        if count >= options.window_sentences:
            yield window
            window, count = [], 0
    if window:
        yield window


def _run_window(
    docs: list[tuple[Job, Document]], translator: _Translator, options: Options, result: Result, bar
) -> None:
    """Translate a window of documents together and write their outputs."""
    ready = []
    for job, doc in docs:
        try:
            protect(doc, translator.glossary, options.spans)
        except Exception as err:
            result.fail(job.source, file_failure(err))
            continue
        if translator.glossary_label:
            doc.meta["glossaries"] = translator.glossary_label
        ready.append((job, doc))
    _translate_and_write(ready, translator, options, result, bar)


def _translate_and_write(
    docs: list[tuple[Job, Document]], translator: _Translator, options: Options, result: Result, bar
) -> None:
    """Translate protected documents together and write their outputs.  A document the
    translation fails on unexpectedly (not a run-wide error: model, cluster, server) fails
    alone: the documents are translated again one at a time (what was decoded is in the memory)."""
    blocks = [block for _, doc in docs for block in doc.blocks]
    sentences = [s for block in blocks for s in block.sentences if not s.verbatim]
    paragraphs = [n for n, block in enumerate(blocks) for s in block.sentences if not s.verbatim]
    flags = [list(s.flags) for s in sentences]  # (as protect left them, for a second try)
    try:
        cached, translated = translator.translate(sentences, bar.update, paragraphs)
    except VietransError:
        raise
    except Exception as err:
        if len(docs) == 1:
            result.fail(docs[0][0].source, file_failure(err))
            return
        for sentence, before in zip(sentences, flags, strict=True):
            sentence.flags = before
        for one in docs:
            _translate_and_write([one], translator, options, result, bar)
        return
    result.cached += cached
    result.translated += translated
    result.sentences += len(sentences)
    result.terms += sum(len(s.terms) for s in sentences)
    result.terms_enforced += sum(use.enforced for s in sentences for use in s.terms)
    result.flagged += sum(bool(s.flags) for s in sentences)
    for span in (span for s in sentences for span in s.spans):
        counts = result.spans.setdefault(span.kind, [0, 0, 0])
        counts[0] += 1
        counts[1] += span.converted
        counts[2] += span.enforced
    for job, doc in docs:
        stamp(doc, translator.package, options.decode)
        if job.brief_only:
            continue
        doc.meta["formats"] = ",".join(fmt for fmt, _ in job.outputs)  # a review file says what to rewrite
        try:
            for fmt, target in job.outputs:
                if target is None:
                    sys.stdout.buffer.write(render(doc, fmt, options.export))
                    sys.stdout.flush()
                elif options.force or job.redo or not target.exists():
                    data = render(doc, fmt, options.export)
                    write_bytes(data, target, force=options.force or job.redo)
                    translator.record(job, fmt, target, data)
                    result.outputs.append(str(target))
        except Exception as err:
            result.fail(job.source, file_failure(err))
            continue
        translator.shown(doc)
        if translator.memory is not None and job.source != STDIN:  # what review apply makes the reports from
            made = [(fmt, t.resolve(), translator.output_signature(job, fmt)) for fmt, t in job.outputs if t]
            keep(translator.memory, Path(job.source), doc, options.export, made)
        result.done += 1
        result.redone += job.redo
        result.removed += len(doc.removed)
        bar.set_description(f"translating ({result.done}/{result.files} files)")
