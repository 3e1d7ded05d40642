"""Gather the sentences of concurrent requests into the engine's batches.

Decoding one sentence at a time wastes the model: a batch of sixty costs little more
than a batch of one.  Every request puts its sentences on a short queue; one worker
takes everything waiting (after a few milliseconds' grace, for company)
and hands it to the engine thread as one call, so while a batch decodes the next one
gathers.  A request cancelled while it waits (its client went away) is dropped before
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
    ) -> None:
        self.translate = translate
        self.executor = executor
        self.wait = wait  # seconds to wait for company before a batch starts
        self.most = most  # sentences per call at most (the engine splits it into its own batches)
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
        count = len(items[0].sentences)
        while count < self.most and not self._queue.empty():
            item = self._queue.get_nowait()
            items.append(item)
            count += len(item.sentences)
        return items

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
            try:
                await loop.run_in_executor(self.executor, self.translate, sentences, paragraphs)
            except Exception as err:  # the engine failed: this batch's requests say so, the next batch runs
                for item in live:
                    if not item.future.done():
                        item.future.set_exception(err)
                continue
            self.stats.batches += 1
            self.stats.sentences += len(sentences)
            self.stats.requests += len(live)
            for item in live:
                if not item.future.done():
                    item.future.set_result(None)
