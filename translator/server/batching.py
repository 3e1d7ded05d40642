"""Gather the sentences of concurrent requests into the engine's batches.

Decoding one sentence at a time wastes the model: a batch of sixty costs little more
than a batch of one.  Every request puts its sentences on a short queue; one worker
takes everything waiting (after a few milliseconds' grace, for company; while a burst
of requests is still arriving, until it settles) and hands it to the engine thread as
one call, so while a batch decodes the next one gathers.  Big batches matter: the
engine sorts a call's sentences by length into its own batches and places terms in
rounds, and measured with the small real model on FLORES sentences, a call of 160
sentences translates about 20% fewer sentences per second than one of 320, a call of
80 about half as many.  A request cancelled while it waits (its client went away) is dropped before
its batch starts and costs nothing; a failing engine fails the requests of that batch
only, and the worker goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field

from translator.document import Sentence


@dataclass
class _Item:
    sentences: list[Sentence]
    paragraphs: list[int]
    future: asyncio.Future = field(default_factory=lambda: asyncio.get_running_loop().create_future())


@dataclass
class Stats:
    """What the batcher did (``GET /api/status`` shows it; the load benchmark reads it)."""

    batches: int = 0
    sentences: int = 0
    requests: int = 0
    dropped: int = 0  # requests cancelled before their batch started
    busy: float = 0.0  # seconds the engine spent on batches

    @property
    def mean_batch(self) -> float:
        return self.sentences / self.batches if self.batches else 0.0


class Batcher:
    """One worker feeding ``translate(sentences, paragraphs)`` on ``executor`` (the engine thread)."""

    def __init__(
        self,
        translate: Callable[[list[Sentence], list[int]], object],
        executor: Executor,
        wait: float = 0.02,
        most: int = 512,
        settle: float = 0.5,
        quiet: float = 0.1,
    ) -> None:
        self.translate = translate
        self.executor = executor
        self.wait = wait  # seconds to wait for company before a batch starts
        self.most = most  # sentences per call at most (the engine splits it into its own batches)
        self.settle = settle  # seconds a burst may take to gather in all (see _settle); wait 0: none
        self.quiet = quiet  # seconds without a new request that end a burst
        self._company = 0  # requests the last batch served
        self._per_sentence = 0.0  # seconds the last batch took per sentence
        self.stats = Stats()
        self._queue: asyncio.Queue[_Item] = asyncio.Queue()
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def submit(self, sentences: list[Sentence], paragraphs: list[int] | None = None) -> None:
        """Fill in ``sentences`` (in place) in a batch shared with other requests."""
        if not sentences:
            return
        item = _Item(sentences, paragraphs if paragraphs is not None else list(range(len(sentences))))
        await self._queue.put(item)
        await item.future  # cancelling this request cancels the future: the worker skips it

    async def _gather(self) -> list[_Item]:
        items = [await self._queue.get()]
        # A moment's grace, also after a batch: the clients it just answered send their next request
        # within it, so they join this batch instead of forming a second, interleaved wave of half-size batches.
        await asyncio.sleep(self.wait)
        count = self._take(items, len(items[0].sentences))
        if self.wait > 0 and (len(items) > 1 or self._company > 1):
            await self._settle(items, count)
        return items

    def _take(self, items: list[_Item], count: int) -> int:
        """Move what is waiting into ``items`` (``count`` sentences so far, up to :attr:`most`); the
        sentences held now."""
        while count < self.most and not self._queue.empty():
            item = self._queue.get_nowait()
            items.append(item)
            count += len(item.sentences)
        return count

    async def _settle(self, items: list[_Item], count: int) -> None:
        """Company is about (requests arrived with this one, or the last batch served many): gather
        until the arrivals stop for :attr:`quiet` seconds.  On a busy machine a burst's requests come
        tens of milliseconds apart, and the clients a batch answered come back a round trip after it
        (measured under 50 clients on 2 shared cores: a burst over 0.2-0.35 s, gaps up to 60 ms, the
        first client back 0.13 s after its answer); a burst cut in two is decoded as two smaller, slower
        batches.  Until half as many requests as the last batch served are here the wait may last
        :attr:`settle` seconds, and never more than a tenth of the time the engine is likely to take for
        what is held (at the last batch's pace; it idles meanwhile), nor past :attr:`most` sentences."""
        loop = asyncio.get_running_loop()
        start = last = loop.time()
        while count < self.most:
            now = loop.time()
            # the engine would take about this long for what is held (unknown before the first batch)
            work = self._per_sentence * count if self._per_sentence else self.settle
            if now - start >= min(self.settle, max(self.wait, 0.1 * work)):
                return
            if now - last >= self.quiet and 2 * len(items) >= self._company:
                return
            await asyncio.sleep(self.wait)
            held = len(items)
            count = self._take(items, count)
            if len(items) > held:
                last = loop.time()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            items = await self._gather()
            live = [item for item in items if not item.future.done()]
            self.stats.dropped += len(items) - len(live)
            if not live:
                continue
            sentences: list[Sentence] = []
            paragraphs: list[int] = []
            for number, item in enumerate(live):
                sentences += item.sentences
                # paragraphs of different requests never share a number (an instructed engine groups by it)
                paragraphs += [number * 1_000_000 + p for p in item.paragraphs]
            self._company = len(live)
            began = loop.time()
            try:
                await loop.run_in_executor(self.executor, self.translate, sentences, paragraphs)
            except Exception as err:  # the engine failed: this batch's requests say so, the next batch runs
                for item in live:
                    if not item.future.done():
                        item.future.set_exception(err)
                continue
            finally:
                self._per_sentence = (loop.time() - began) / len(sentences)
                self.stats.busy += loop.time() - began
            self.stats.batches += 1
            self.stats.sentences += len(sentences)
            self.stats.requests += len(live)
            for item in live:
                if not item.future.done():
                    item.future.set_result(None)
