"""The batcher: concurrent requests share an engine call, a cancelled one costs nothing, a failure stays put."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from translator.document import Sentence
from translator.server.batching import Batcher


class Recorder:
    """Stands in for the translator (what is measured is the batching, not a model): records each call."""

    def __init__(self, fail_on: str = "", gate: threading.Event | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_on = fail_on
        self.gate = gate

    def __call__(self, sentences: list[Sentence], paragraphs: list[int]) -> None:
        if self.gate is not None:
            self.gate.wait(5)
        self.calls.append([s.source for s in sentences])
        if any(s.source == self.fail_on for s in sentences):
            raise RuntimeError("engine failed")
        for sentence in sentences:
            sentence.translation = sentence.source.upper()


def run(coroutine):
    return asyncio.run(coroutine)


def test_concurrent_requests_are_decoded_in_one_call():
    recorder = Recorder()

    async def main():
        batcher = Batcher(recorder, ThreadPoolExecutor(1), wait=0.05)
        batcher.start()
        requests = [[Sentence(f"câu {i}.{j}") for j in range(3)] for i in range(20)]
        await asyncio.gather(*(batcher.submit(r) for r in requests))
        await batcher.stop()
        return requests, batcher.stats

    requests, stats = run(main())
    assert len(recorder.calls) == 1 and len(recorder.calls[0]) == 60
    assert all(s.translation == s.source.upper() for r in requests for s in r)
    assert (stats.batches, stats.requests, stats.sentences) == (1, 20, 60)


def test_requests_arriving_while_a_batch_decodes_make_the_next_batch():
    gate = threading.Event()
    recorder = Recorder(gate=gate)

    async def main():
        batcher = Batcher(recorder, ThreadPoolExecutor(1), wait=0)
        batcher.start()
        first = asyncio.ensure_future(batcher.submit([Sentence("một")]))
        await asyncio.sleep(0.05)  # the first batch is in the engine now
        rest = [asyncio.ensure_future(batcher.submit([Sentence(f"câu {i}")])) for i in range(10)]
        await asyncio.sleep(0.05)
        gate.set()
        await asyncio.gather(first, *rest)
        await batcher.stop()

    run(main())
    assert [len(call) for call in recorder.calls] == [1, 10]


def test_a_cancelled_request_is_dropped_before_it_costs():
    gate = threading.Event()
    recorder = Recorder(gate=gate)

    async def main():
        batcher = Batcher(recorder, ThreadPoolExecutor(1), wait=0)
        batcher.start()
        busy = asyncio.ensure_future(batcher.submit([Sentence("đang dịch")]))
        await asyncio.sleep(0.05)
        gone = asyncio.ensure_future(batcher.submit([Sentence("bỏ đi")]))
        kept = asyncio.ensure_future(batcher.submit([Sentence("giữ lại")]))
        await asyncio.sleep(0.05)
        gone.cancel()  # its client went away while it waited
        gate.set()
        await asyncio.gather(busy, kept)
        await batcher.stop()
        return batcher.stats

    stats = run(main())
    assert recorder.calls == [["đang dịch"], ["giữ lại"]]
    assert stats.dropped == 1


def test_a_failing_batch_fails_its_requests_only():
    recorder = Recorder(fail_on="hỏng")

    async def main():
        batcher = Batcher(recorder, ThreadPoolExecutor(1), wait=0)
        batcher.start()
        with pytest.raises(RuntimeError, match="engine failed"):
            await batcher.submit([Sentence("hỏng")])
        later = [Sentence("vẫn chạy")]
        await batcher.submit(later)
        await batcher.stop()
        return later

    assert run(main())[0].translation == "VẪN CHẠY"


def _rounds(wait: float) -> int:
    """Batches for 20 clients, each sending 3 requests one after another, arriving spread over 30 ms."""
    import time

    def slow(sentences, paragraphs):
        time.sleep(0.05)  # a batch takes a while to decode, as a model's does

    async def client(batcher: Batcher, number: int) -> None:
        await asyncio.sleep(number * 0.0015)
        for round_ in range(3):
            await batcher.submit([Sentence(f"khách {number}, lượt {round_}")])
            await asyncio.sleep(0.005)  # the answer travels back, the next request comes

    async def main() -> int:
        batcher = Batcher(slow, ThreadPoolExecutor(1), wait=wait)
        batcher.start()
        await asyncio.gather(*(client(batcher, n) for n in range(20)))
        await batcher.stop()
        return batcher.stats.batches

    return run(main())


def test_clients_just_answered_join_the_next_batch_instead_of_forming_a_second_wave():
    assert _rounds(0.02) <= 4
    assert _rounds(0) > 4  # without the grace the clients split into interleaved half-size waves


def test_a_burst_slower_than_the_grace_is_gathered_whole_and_a_lone_request_does_not_wait_for_it():
    import time

    recorder = Recorder()

    async def main() -> float:
        batcher = Batcher(recorder, ThreadPoolExecutor(1), wait=0.01, settle=5, quiet=0.5)
        batcher.start()

        async def client(number: int) -> None:
            # a busy machine's burst: three at once, then the rest five times the grace apart
            await asyncio.sleep(max(0, number - 2) * 0.05)
            await batcher.submit([Sentence(f"khách {number}")])

        await asyncio.gather(*(client(n) for n in range(10)))
        await asyncio.sleep(1)  # the burst is over: the next request comes alone
        start = time.perf_counter()
        await batcher.submit([Sentence("một mình")])
        alone = time.perf_counter() - start
        await batcher.stop()
        return alone

    alone = run(main())
    assert [len(call) for call in recorder.calls] == [10, 1]
    assert alone < 0.5  # the grace, not the quiet spell a burst needs to end


def test_the_pace_a_batch_set_is_its_time_per_sentence():
    """The gathering of the next burst is bounded by a tenth of what the engine will likely take at
    the last batch's pace: that pace is the batch's time divided by its sentences (a slow engine
    taking 0.2 s for 4 sentences: 0.05 s each, not 0.8)."""
    import time

    def slow(sentences: list[Sentence], paragraphs: list[int]) -> None:
        time.sleep(0.2)
        for sentence in sentences:
            sentence.translation = sentence.source

    async def main():
        batcher = Batcher(slow, ThreadPoolExecutor(1), wait=0.01)
        batcher.start()
        await batcher.submit([Sentence(f"câu {i}.") for i in range(4)])
        await batcher.stop()
        return batcher._per_sentence

    assert 0.05 <= run(main()) < 0.2


def test_the_servers_batch_wait_is_the_batchers(tmp_path):
    """``ServerSettings.batch_wait`` (how long a request waits for company) reaches the batcher the
    server translates through; read as set, since its effect is only a matter of timing."""
    from translator.server.service import ServerSettings, Service

    service = Service(ServerSettings(data_dir=tmp_path, batch_wait=0.25))
    try:
        assert service.batcher.wait == 0.25
    finally:
        service.executor.shutdown()
