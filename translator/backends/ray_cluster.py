"""Decode on a Ray cluster: one model replica per worker, sentences sent in chunks.

The driver (this process) keeps everything but decoding: reading, cleaning,
segmenting, the glossary and protected spans, the translation memory and the
exports.  Only the sentences the memory lacks reach :class:`RayEngine`, which
cuts them into length-sorted chunks and hands each to a worker: a Ray actor
that loaded the model once and decodes a chunk with the ordinary
:class:`~translator.engines.ct2.Engine` (its own length-sorted batches).  Because a
sentence's translation does not depend on what it is batched with, the
outputs are those of a local run, byte for byte.

The model reaches the workers through Ray's object store (the package folder
as one zip), so no shared filesystem is needed; a worker that can see the
package folder itself, with the same identity, loads it from there.  At most
two chunks per worker are in flight (back-pressure).  A worker that dies is
restarted by Ray and its chunk retried; a chunk whose worker cannot come back
is sent to another.
"""

from __future__ import annotations

import io
import os
import socket
import sys
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import cast
from urllib.parse import urlsplit

from translator.backends import Backend
from translator.engines import Translation
from translator.engines.ct2 import DecodeOptions, Engine
from translator.engines.packages import ModelPackage, load_folder
from translator.errors import ClusterError
from translator.translate.align import Alignment

NAMESPACE = "vietrans"
IN_FLIGHT = 2  # chunks queued per worker: one decoding, one waiting
_RESTARTS = 3  # times Ray restarts a dead worker (retrying its chunks) before giving it up


def pack(folder: Path) -> bytes:
    """A package folder as zip bytes (stored, not compressed: the weights do not compress)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return out.getvalue()


class Worker:
    """A Ray actor: one loaded model, decoding the chunks it is given."""

    def __init__(self, path: str, identity: str, archive: bytes, options: DecodeOptions, family: str) -> None:
        package = _local_package(Path(path), identity, family)
        if package is None:  # no shared filesystem: unpack the copy from the object store
            folder = Path(tempfile.mkdtemp(prefix="vietrans-model-")) / Path(path).name
            with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
                zipped.extractall(folder)
            package = load_folder(folder, family)
        self.unpacked = package.path != Path(path)
        self.engine = Engine(package, options)

    def translate(self, sources: list[str], safer: bool, prefixes: list[str] | None = None) -> list[Translation]:
        return self.engine.translate(sources, safer=safer, prefixes=prefixes)

    def align(self, pairs: list[tuple[str, str]]) -> list[Alignment | None]:
        return self.engine.align(pairs)

    def where(self) -> tuple[int, bool]:
        """This worker's process id, and whether it unpacked the model from the object store."""
        return os.getpid(), self.unpacked


def _local_package(path: Path, identity: str, family: str) -> ModelPackage | None:
    try:
        package = load_folder(path, family)
    except Exception:  # not there on this node, or not readable: use the shipped copy
        return None
    return package if package.identity == identity else None


def plan(resources: dict[str, float], workers: int | None, threads: int | None) -> tuple[int, int, float, int]:
    """How many workers, with how many decoding threads each, on a cluster with ``resources``
    (``ray.cluster_resources()``): ``(workers, threads, CPUs reserved per worker, GPUs)``.

    A GPU cluster gets a worker per GPU (4 threads each); a CPU cluster 2 threads per worker and
    as many workers as fit.  Every worker must fit at once: one that cannot be placed (or placed
    again after a restart) would wait for CPUs forever, so the CPUs reserved are capped at an
    equal share."""
    gpus = int(resources.get("GPU", 0))
    cpus = max(1, int(resources.get("CPU", 1)))
    if workers:
        count = workers
        threads = threads or (4 if gpus else max(1, cpus // count))
    else:
        threads = threads or (4 if gpus else min(2, cpus))
        count = gpus or max(1, cpus // threads)
    return count, threads, 0 if gpus else min(threads, cpus / count), gpus


class RayEngine:
    """The engine interface over a pool of Ray actors; see the module docstring."""

    def __init__(self, package: ModelPackage, options: DecodeOptions, backend: Backend) -> None:
        import ray

        self._muted = _Muted() if backend.quiet else None
        self._started = False
        try:
            self._started = _connect(backend.address)
            count, threads, share, gpus = plan(ray.cluster_resources(), backend.workers, options.threads)
            worker_options = replace(options, threads=threads)
            # Held for the engine's life: a restarted worker is built again from the same object.
            self._archive = archive = ray.put(pack(package.path))
            actor = ray.remote(max_restarts=_RESTARTS, max_task_retries=_RESTARTS)(Worker)
            self.actors = [
                actor.options(
                    name=f"vietrans-worker-{os.getpid()}-{i}",
                    namespace=NAMESPACE,
                    num_cpus=share,
                    num_gpus=1 if gpus else 0,
                ).remote(str(package.path), package.identity, archive, worker_options, package.family)
                for i in range(count)
            ]
            self.chunk = max(1, options.batch_size) * 2
            self.lost: set[int] = set()  # workers given up
        except BaseException:
            self.close()
            raise

    def translate(
        self,
        sources: Sequence[str],
        progress: Callable[[int], object] | None = None,
        safer: bool = False,
        done: Callable[[list[tuple[int, Translation]]], object] | None = None,
        prefixes: Sequence[str] | None = None,
    ) -> list[Translation]:
        """As :meth:`Engine.translate`: results in order; ``done`` and ``progress`` per chunk."""
        import ray
        from ray.exceptions import RayActorError

        order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
        queue = [order[start : start + self.chunk] for start in range(0, len(order), self.chunk)]
        queue.reverse()  # pop() takes the shortest first, as the local engine does
        results: list[Translation | None] = [None] * len(sources)
        pending: dict[object, tuple[list[int], int]] = {}  # ref → (chunk, worker)
        load = {slot: 0 for slot in range(len(self.actors)) if slot not in self.lost}
        while queue or pending:
            while queue and load and min(load.values()) < IN_FLIGHT:
                chunk = queue.pop()
                slot = min(load, key=load.__getitem__)
                ref = self.actors[slot].translate.remote(
                    [sources[i] for i in chunk], safer, [prefixes[i] for i in chunk] if prefixes else None
                )
                pending[ref] = (chunk, slot)
                load[slot] += 1
            if not pending:
                raise ClusterError("every Ray worker was lost (restarted too often); see the Ray logs")
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=0.2)  # short waits: Ctrl-C is seen
            for ref in ready:
                chunk, slot = pending.pop(ref)
                if slot in load:
                    load[slot] -= 1
                try:
                    translations = ray.get(ref)
                except RayActorError:  # restarted too often: give the worker up, send its chunk elsewhere
                    self.lost.add(slot)
                    load.pop(slot, None)
                    queue.append(chunk)
                    continue
                finished = list(zip(chunk, translations, strict=True))
                for index, translation in finished:
                    results[index] = translation
                if done:
                    done(finished)
                if progress:
                    progress(len(chunk))
        return cast(list[Translation], results)  # every chunk came back, or ClusterError was raised

    def align(self, pairs: Sequence[tuple[str, str]]) -> list[Alignment | None]:
        """As :meth:`Engine.align`, the pairs shared out among the workers."""
        import ray

        live = [actor for slot, actor in enumerate(self.actors) if slot not in self.lost]
        if not live:
            raise ClusterError("every Ray worker was lost (restarted too often); see the Ray logs")
        chunks = [list(pairs[start : start + self.chunk]) for start in range(0, len(pairs), self.chunk)]
        refs = [live[n % len(live)].align.remote(chunk) for n, chunk in enumerate(chunks)]
        return [alignment for part in ray.get(refs) for alignment in part]

    def workers(self) -> list[tuple[int, bool]]:
        """Each worker's process id and whether it unpacked the shipped model (for tests)."""
        import ray

        return ray.get([actor.where.remote() for actor in self.actors])

    def close(self) -> None:
        """Release the workers, and the runtime if this engine started it."""
        import ray

        for actor in getattr(self, "actors", []):
            ray.kill(actor, no_restart=True)
        self.actors = []
        if self._started:
            ray.shutdown()
            self._started = False
        if getattr(self, "_muted", None) is not None:
            self._muted.close()
            self._muted = None


class _Muted:
    """Standard error pointed at /dev/null while Ray runs, then restored: Ray's C++ core writes
    its warnings straight to file descriptor 2 (past Python's logging and ``log_to_driver``);
    they stay in Ray's own log files (``/tmp/ray/session_latest/logs``)."""

    def __init__(self) -> None:
        sys.stderr.flush()
        self.saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)

    def close(self) -> None:
        sys.stderr.flush()
        os.dup2(self.saved, 2)
        os.close(self.saved)


def _connect(address: str | None) -> bool:
    """Start a local Ray runtime (``None``) or join a cluster; True when this call started it.

    An address that answers nothing is a one-line :class:`ClusterError` at once, not Ray's
    own minute of retries."""
    import ray

    if ray.is_initialized():
        return False
    quiet = {"log_to_driver": False, "logging_level": "ERROR", "configure_logging": True}
    if address in (None, "local"):
        ray.init(include_dashboard=False, **quiet)
        return True
    if address != "auto":
        parts = urlsplit(address if "://" in address else f"ray://{address}")
        try:
            socket.create_connection((parts.hostname or "localhost", parts.port or 10001), timeout=5).close()
        except (OSError, ValueError) as err:
            raise ClusterError(f"cannot reach the Ray cluster at {address} ({err})") from None
    try:
        ray.init(address=address, **quiet)
    except (ConnectionError, RuntimeError, ValueError) as err:
        message = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        raise ClusterError(f"cannot join the Ray cluster at {address} ({message})") from None
    return True
