"""The server's one engine: the model loaded once, the memory, the glossaries, the batcher.

Every API and page translates through :class:`Service`, which reads and prepares with
the same library calls as ``vietrans translate`` (read → clean → segment → terms →
translate) and translates through one :class:`~translator.translate.SentenceTranslator`.
All of the translator's work, and everything that touches the translation memory (an
SQLite connection belongs to its thread), runs on one engine thread; reading, term
matching and rendering run on the default thread pool; the event loop only waits.
"""

from __future__ import annotations

import asyncio
import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from translator.document import Document, Sentence
from translator.errors import InputError, ModelError
from translator.glossary.terms import protect
from translator.pipeline import Options, load_model, prepare, segment, stamp
from translator.read import read_data
from translator.server.batching import Batcher
from translator.server.glossaries import Glossaries


@dataclass(frozen=True)
class ServerSettings:
    """What ``vietrans serve`` was started with."""

    options: Options = field(default_factory=lambda: Options(progress=False))
    data_dir: Path | None = None  # jobs' glossaries and DeepL glossaries; default: the cache folder's server/
    api_keys: frozenset[str] = frozenset()  # empty: no key needed
    max_upload_mb: float = 20.0  # an uploaded file (multipart body)
    max_request_kb: float = 1024.0  # any other request body
    rate_limit: int = 600  # requests per key (or client address) per minute; 0: no limit
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")  # Host headers answered (DNS rebinding)
    batch_wait: float = 0.02  # seconds the batcher waits for company before a batch starts
    max_jobs: int = 200  # finished jobs kept for the history (oldest forgotten first)
    fetch_urls: bool = True  # fetch the URLs and feeds clients name (off: --no-urls, for a server on a network)


_ODT = b"application/vnd.oasis.opendocument.text"


def sniff(data: bytes, name: str) -> str:
    """The reader for an upload, from its bytes (the name only tells Markdown from text):
    ``.docx``, ``.odt``, ``.pdf``, ``.html``, ``.md`` or ``.txt``.  Anything else is refused."""
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return ".docx"
                if "content.xml" in archive.namelist() and archive.read("mimetype").startswith(_ODT):
                    return ".odt"
        except (zipfile.BadZipFile, KeyError):
            pass
        raise InputError("an archive that is not a Word or OpenDocument text; send text, Markdown, HTML, Word or PDF")
    if data.startswith(b"%PDF-"):
        return ".pdf"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div")):
        return ".html"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("a binary file; send text, Markdown, HTML, Word (.docx) or PDF")
    return ".md" if Path(name).suffix.lower() in (".md", ".markdown") else ".txt"


class Service:
    """One per server: see the module docstring."""

    def __init__(self, settings: ServerSettings, package=None) -> None:
        from translator.engines.packages import cache_dir

        self.settings = settings
        self.options = settings.options
        self.data_dir = settings.data_dir or cache_dir() / "server"
        self.glossaries = Glossaries(
            self.data_dir,
            tuple(self.options.glossaries),
            shipped=self.options.shipped_glossaries,
            enabled=self.options.use_glossary,
        )
        self.executor = ThreadPoolExecutor(1, thread_name_prefix="vietrans-engine")
        self.batcher = Batcher(self._translate, self.executor, wait=settings.batch_wait)
        self.package = package  # found (or fetched) already by ``vietrans serve``, so its errors come as one line
        self.memory = None
        self.translator = None
        self.characters = 0  # source characters translated (DeepL's /v2/usage)

    async def start(self) -> None:
        """Load the model (once, on the engine thread) and start the batcher."""
        await self.on_engine(self._open)
        self.batcher.start()

    async def close(self) -> None:
        await self.batcher.stop()
        await self.on_engine(self._close)
        self.executor.shutdown(wait=True)

    def _open(self) -> None:
        from translator.translate.memory import TranslationMemory
        from translator.translate.sentences import SentenceTranslator

        options = self.options
        self.package = self.package or load_model(options)
        self.memory = TranslationMemory(options.cache) if options.use_cache else None
        self.translator = SentenceTranslator(
            lambda: self.package.open(options.decode, options.backend),
            self.package.context(options.decode),
            self.memory,
            terms=options.terms,
            retries=options.retries,
            instructed=self.package.instructed,
        )
        _ = self.translator.engine  # loaded now: the first request does not wait for it

    def _close(self) -> None:
        if self.translator is not None:
            self.translator.close()
        if self.memory is not None:
            self.memory.close()

    def _translate(self, sentences: list[Sentence], paragraphs: list[int]) -> None:
        try:
            self.translator.translate(sentences, paragraphs=paragraphs)
        except Exception:
            self.translator.close()  # opened afresh for the next batch: one failure does not stick
            raise

    async def on_engine(self, function, *args):
        """Run ``function`` on the engine thread (the translator's and the memory's home)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    # Reading and translating.

    async def read(self, data: bytes, name: str, whole: bool = False, suffix: str | None = None) -> Document:
        """An upload read and prepared as ``vietrans translate`` does (``whole``: nothing set aside,
        as an API's text must come back whole; ``suffix``: its reader, else sniffed from its bytes)."""

        def work() -> Document:
            kind = suffix or sniff(data, name)
            doc = read_data(data, name, kind)
            if not whole and self.options.skip_non_vietnamese and not doc.vietnamese:
                raise InputError("the article does not look Vietnamese (the server skips such: --non-vietnamese skip)")
            return segment(doc) if whole else prepare(doc, self.options)

        return await asyncio.to_thread(work)

    async def gather(self, urls: list[str]):
        """Fetch URLs as ``vietrans translate URL…`` does (a feed: its articles), off the event loop; the
        memory (its own connection, on this worker thread) answers what did not change."""

        def work():
            from translator.read.url import gather
            from translator.translate.memory import TranslationMemory

            memory = TranslationMemory(self.options.cache) if self.options.use_cache else None
            try:
                return gather(urls, memory, self.options.fetch, self.options.feed, None)
            finally:
                if memory is not None:
                    memory.close()

        return await asyncio.to_thread(work)

    async def read_remote(self, remote) -> Document:
        """A fetched article read and prepared as ``vietrans translate`` does."""
        return await asyncio.to_thread(lambda: prepare(remote.document(), self.options))

    async def translate(self, doc: Document, glossary_id: str | None = None) -> Document:
        """Fill in every sentence of ``doc`` (terms placed, flags checked) and sign it as the CLI does."""
        glossary = self.glossaries.for_request(glossary_id)
        await asyncio.to_thread(protect, doc, glossary, self.options.spans)
        blocks = list(doc.blocks)
        sentences = [s for block in blocks for s in block.sentences if not s.verbatim]
        paragraphs = [n for n, block in enumerate(blocks) for s in block.sentences if not s.verbatim]
        if sentences and self.translator is None:
            raise ModelError("the server has no model loaded")
        await self.batcher.submit(sentences, paragraphs)
        self.characters += sum(len(s.source) for s in sentences)
        stamp(doc, self.package, self.options.decode)
        if glossary is not None:
            doc.meta["glossaries"] = f"{len(glossary)} terms ({glossary.digest()})"
        return doc

    async def align(self, pairs: list[tuple[str, str]]) -> list:
        """The model's attention for (input, English) pairs, in one call on the engine thread (inline
        markup is placed by it); None for each where the engine has none (an LLM)."""
        return await self.on_engine(self._align, pairs)

    def _align(self, pairs: list[tuple[str, str]]) -> list:
        aligner = getattr(self.translator.engine, "align", None) if self.translator is not None else None
        return aligner(pairs) if aligner is not None else [None] * len(pairs)

    async def translate_text(self, text: str, glossary_id: str | None = None) -> tuple[str, Document | None]:
        """One text of an API call, whole: its paragraphs kept, nothing left out."""
        if not text.strip():
            return text, None
        # Text, even one that starts as a page would ("<p>…"): markup is translated only when asked (format=html).
        read = await self.read(text.encode("utf-8"), "text.txt", whole=True, suffix=".txt")
        doc = await self.translate(read, glossary_id)
        separator = "\n\n" if "\n\n" in text.strip() else "\n"
        english = separator.join(" ".join(s.translation for s in block.sentences) for block in doc.blocks)
        return english, doc

    def human_store(self, result) -> None:
        """Store a judged review in the memory as ``vietrans review apply`` does (engine thread; a
        server without a memory refuses a review before it comes here)."""
        from translator.review import record

        record(result, self.memory)
