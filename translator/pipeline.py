"""Compose the stages: read → segment → translate → export.

Everything the CLI does is a call into this module, so Python users get
the same behaviour: ``translate_files(paths, out_dir, Options())``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from translator import __version__
from translator.clean import clean
from translator.document import Document, Sentence
from translator.engine import DecodeOptions, Engine
from translator.errors import ModelError, OutputError
from translator.export import FORMATS, output_path, write
from translator.models import ModelPackage
from translator.read import read_article
from translator.segment import split_sentences


@dataclass(frozen=True)
class Options:
    """One options object handed to every stage."""

    formats: tuple[str, ...] = ("md", "docx")
    model: str | None = None  # a .argosmodel file, a package folder or name; None: installed
    decode: DecodeOptions = field(default_factory=DecodeOptions)
    force: bool = False  # overwrite existing outputs
    keep_all: bool = False  # translate page furniture too (no cleaning)
    download: bool = True  # fetch the vi→en model from the Argos index if none is installed
    progress: bool = True


@dataclass
class Result:
    """What a run did, for the summary."""

    outputs: list[Path] = field(default_factory=list)
    documents: int = 0
    sentences: int = 0
    removed: int = 0  # blocks left out of the translation by cleaning
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0


def prepare(path: Path, options: Options) -> Document:
    """Read, clean and segment one article: everything before translation."""
    doc = read_article(path)
    return segment(doc if options.keep_all else clean(doc))


def segment(doc: Document) -> Document:
    """Give every block its sentences."""
    for block in doc.blocks:
        block.sentences = [Sentence(text) for text in split_sentences(block.text)]
    return doc


def translate_document(doc: Document, engine: Engine, progress: Callable[[int], object] | None = None) -> Document:
    """Translate every sentence of ``doc`` in one batched call."""
    sentences = list(doc.sentences())
    for sentence, result in zip(sentences, engine.translate([s.source for s in sentences], progress), strict=True):
        sentence.translation = result.text
        sentence.score = result.score
    _stamp(doc, engine.package, engine.options)
    return doc


def _stamp(doc: Document, package: ModelPackage, options: DecodeOptions) -> None:
    """The signature every export prints: what made this translation."""
    doc.meta.update(
        model=package.label,
        model_name=package.name,
        model_version=package.version,
        translated=dt.date.today().isoformat(),
        vietrans=__version__,
        decoding=options.key(),
    )
    if package.is_test:
        doc.meta["test_model"] = "yes"


def load_model(options: Options) -> ModelPackage:
    """Resolve ``options.model``; with none installed, download one if allowed."""
    from translator import models

    try:
        return models.resolve(options.model)
    except ModelError:
        if options.model is not None or not options.download or os.environ.get("VIETRANS_OFFLINE"):
            raise
    return models.install_from_index(progress=options.progress)


def planned_outputs(paths: Sequence[Path], out_dir: Path, options: Options) -> dict[Path, list[tuple[str, Path]]]:
    """Every output each input will write; refuse to overwrite without ``force``."""
    plan = {path: [(fmt, output_path(path, out_dir, fmt)) for fmt in options.formats] for path in paths}
    targets = [target for outputs in plan.values() for _, target in outputs]
    clashes = {t for t in targets if targets.count(t) > 1}
    if clashes:
        raise OutputError(f"two inputs would write the same output: {sorted(clashes)[0]}")
    if not options.force:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise OutputError(f"{existing[0]} exists; add --force to overwrite it")
    return plan


def translate_files(paths: Sequence[Path], out_dir: Path, options: Options | None = None) -> Result:
    """Translate article files and write each requested format under ``out_dir``."""
    from tqdm import tqdm

    options = options or Options()
    unknown = [fmt for fmt in options.formats if fmt not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    paths = [Path(p) for p in paths]
    plan = planned_outputs(paths, out_dir, options)
    documents = [prepare(path, options) for path in paths]
    engine = Engine(load_model(options), options.decode)
    result = Result(documents=len(documents), removed=sum(len(doc.removed) for doc in documents))
    total = sum(len(list(doc.sentences())) for doc in documents)
    started = time.perf_counter()
    with tqdm(total=total, unit="sent", disable=not options.progress, desc="translating") as bar:
        for path, doc in zip(paths, documents, strict=True):
            translate_document(doc, engine, bar.update)
            result.sentences += len(list(doc.sentences()))
            for fmt, target in plan[path]:
                write(doc, fmt, target, force=options.force)
                result.outputs.append(target)
    result.seconds = time.perf_counter() - started
    return result
