"""The Ray backend's parts that need no Ray runtime, in this process: a worker as the plain class Ray
wraps (``ray.remote(Worker)``): which model it loads, and that it decodes and aligns as the local
engine does; how many workers a cluster gets; joining a cluster (``ray.init`` stood in for); the
muted terminal.  (Kept apart from test_ray_cluster.py, whose every test joins a Ray runtime.)"""

from __future__ import annotations

import os
import re
import shutil
import socket
from dataclasses import dataclass
from pathlib import Path

import pytest

from translator.backends import ray_cluster
from translator.backends.ray_cluster import Worker, pack, plan
from translator.engines import Translation
from translator.engines import packages as models
from translator.engines.ct2 import DecodeOptions, Engine
from translator.errors import ClusterError

SENTENCES = ["Một câu về chip.", "Câu thứ hai dài hơn một chút về trí tuệ nhân tạo.", "Ba."]
OPTIONS = DecodeOptions(beam_size=1, max_length=4)  # not the defaults: the worker must decode with these


def test_a_worker_reads_the_model_at_its_path_when_it_is_the_one_it_was_sent(random_model):
    package = models.resolve(str(random_model))
    worker = Worker(str(package.path), package.identity, b"", OPTIONS, "argos")  # no copy sent: none needed
    assert worker.where()[1] is False
    local = Engine(package, OPTIONS)
    assert worker.translate(SENTENCES, False) == local.translate(SENTENCES)
    assert worker.translate(SENTENCES, False) != Engine(package).translate(SENTENCES)  # the options count


def test_a_worker_never_decodes_with_another_model_found_at_its_path(random_model, copy_model, tmp_path: Path):
    """The folder at the model's path holds another model (another version, another package of that
    name): the worker unpacks the copy it was sent, into a temporary folder named for vietrans."""
    package = models.resolve(str(random_model))
    folder = tmp_path / package.path.name
    shutil.copytree(models.resolve(str(copy_model)).path, folder)
    worker = Worker(str(folder), package.identity, pack(package.path), OPTIONS, "argos")
    assert worker.where()[1] is True
    assert worker.translate(SENTENCES, False) == Engine(package, OPTIONS).translate(SENTENCES)
    unpacked = worker.engine.package.path
    assert unpacked.name == package.path.name and unpacked.parent.name.startswith("vietrans-model-")
    shutil.rmtree(unpacked.parent)


def test_a_worker_decodes_a_batch_in_order_safer_and_with_prefixes_and_aligns_as_the_engine(copy_model):
    package = models.resolve(str(copy_model))
    worker = Worker(str(package.path), package.identity, b"", DecodeOptions(), "argos")
    local = Engine(package)
    prefixes = ["Một", "Hai", ""]
    translated = worker.translate(SENTENCES, True, prefixes)
    assert translated == local.translate(SENTENCES, safer=True, prefixes=prefixes)
    assert [t.text.split()[0] for t in translated[:2]] == ["Một", "Hai"]  # each its own prefix, in order
    assert translated != local.translate(SENTENCES, prefixes=prefixes)  # safer: other options, another score
    pairs = [(s, t.text) for s, t in zip(SENTENCES, translated, strict=True)]
    assert worker.align(pairs) == local.align(pairs) and all(worker.align(pairs))


@pytest.mark.parametrize(
    ("resources", "workers", "threads", "expected"),
    [
        ({"CPU": 16.0}, None, None, (8, 2, 2, 0)),  # 2 threads a worker, as many as fit
        ({"CPU": 16.0, "GPU": 2.0}, None, None, (2, 4, 0, 2)),  # a worker per GPU
        ({"CPU": 1.0}, None, None, (1, 1, 1, 0)),
        ({"CPU": 0.5}, None, None, (1, 1, 1, 0)),  # a fraction of a CPU is still one worker
        ({"CPU": 16.0}, 3, None, (3, 5, 5, 0)),  # --ray-workers 3: the CPUs shared out
        ({"CPU": 2.0}, 3, None, (3, 1, 2 / 3, 0)),  # more workers than CPUs: each reserves a share
        ({"CPU": 16.0}, None, 4, (4, 4, 4, 0)),  # --threads 4
        ({"CPU": 8.0, "GPU": 1.0}, 2, None, (2, 4, 0, 1)),
        ({"CPU": 8.0, "GPU": 2.0}, None, 3, (2, 3, 0, 2)),  # --threads 3 on a GPU cluster
        ({}, None, None, (1, 1, 1, 0)),  # a cluster that reports no resources: one worker, one CPU
    ],
)
def test_the_pool_fits_the_cluster(resources, workers, threads, expected):
    assert plan(resources, workers, threads) == pytest.approx(expected)


QUIET = {"log_to_driver": False, "logging_level": "ERROR", "configure_logging": True}


@pytest.fixture
def ray_init(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """``ray.init`` recording its arguments (no runtime starts); no runtime is running yet."""
    ray = pytest.importorskip("ray")
    calls: list[dict] = []
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    monkeypatch.setattr(ray, "init", lambda **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize("address", [None, "local"])
def test_no_address_starts_a_local_runtime_that_this_engine_owns(ray_init, address):
    assert ray_cluster._connect(address) is True
    assert ray_init == [{"include_dashboard": False, **QUIET}]


@pytest.mark.parametrize(
    ("address", "tried"),
    [
        ("10.1.2.3:6379", ("10.1.2.3", 6379)),
        ("ray://head:10002", ("head", 10002)),
        ("head", ("head", 10001)),  # Ray Client's port
        ("ray://:7000", ("localhost", 7000)),
    ],
)
def test_a_cluster_is_tried_at_its_host_and_port_then_joined(ray_init, monkeypatch, address, tried):
    attempts = []

    class Answered:
        def close(self) -> None:
            attempts.append("closed")

    def probe(where: tuple[str, int], timeout: float) -> Answered:
        attempts.append((where, timeout))
        return Answered()

    monkeypatch.setattr(socket, "create_connection", probe)
    assert ray_cluster._connect(address) is True
    assert attempts == [(tried, 5), "closed"] and ray_init == [{"address": address, **QUIET}]


def test_auto_joins_the_cluster_of_this_node_without_a_probe(ray_init, monkeypatch):
    monkeypatch.setattr(socket, "create_connection", lambda *args, **kwargs: pytest.fail("probed"))
    assert ray_cluster._connect("auto") is True and ray_init == [{"address": "auto", **QUIET}]


def test_a_runtime_already_running_is_joined_not_owned(monkeypatch):
    ray = pytest.importorskip("ray")
    monkeypatch.setattr(ray, "is_initialized", lambda: True)
    monkeypatch.setattr(ray, "init", lambda **kwargs: pytest.fail("started another"))
    assert ray_cluster._connect("10.1.2.3:6379") is False


@pytest.mark.parametrize(
    ("address", "failure", "line"),
    [
        ("head:1", ConnectionRefusedError(111, "Connection refused"), "([Errno 111] Connection refused)"),
        ("head:99999", OSError("never probed"), "(Port out of range 0-65535)"),  # the address itself is wrong
    ],
)
def test_a_cluster_that_does_not_answer_is_one_line_at_once(ray_init, monkeypatch, address, failure, line):
    def refuse(where, timeout):
        raise failure

    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(ClusterError) as caught:
        ray_cluster._connect(address)
    assert str(caught.value) == f"cannot reach the Ray cluster at {address} {line}" and ray_init == []


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (ConnectionError("No running Ray instance.\nPlease start one."), "No running Ray instance."),
        (RuntimeError("  \n"), "RuntimeError"),  # no words of its own: its kind
        (ValueError("bad address"), "bad address"),
    ],
)  # fmt: skip
def test_a_cluster_that_refuses_to_be_joined_is_one_line(monkeypatch, error, reason):
    ray = pytest.importorskip("ray")
    monkeypatch.setattr(ray, "is_initialized", lambda: False)

    def init(**kwargs):
        raise error

    monkeypatch.setattr(ray, "init", init)
    with pytest.raises(ClusterError) as caught:
        ray_cluster._connect("auto")
    assert str(caught.value) == f"cannot join the Ray cluster at auto ({reason})"


def test_muting_points_the_terminal_at_dev_null_and_gives_it_back(capfd):
    """Ray's C++ core writes to file descriptor 2 itself: only what is written after closing shows."""
    muted = ray_cluster._Muted()
    os.write(2, b"ray warning\n")
    muted.close()
    os.write(2, b"vietrans line\n")
    assert capfd.readouterr().err == "vietrans line\n"


class _Cluster:
    """Ray stood in for, in this process: a cluster of ``resources`` whose actors "translate" a
    sentence into its upper case at once; every call is logged, and the slots in ``failing``
    lose their worker (restarted too often) on their next chunk.  ``ray.wait`` hands back the
    oldest call first."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, resources: dict[str, float], failing: set[int] = frozenset()):
        ray = pytest.importorskip("ray")
        self.log: list[tuple] = []
        self.failing = set(failing)
        self.actors: list[_Actor] = []
        cluster = self
        for name, value in {
            "is_initialized": lambda: False,
            "init": lambda **kwargs: self.log.append(("init", kwargs)),
            "shutdown": lambda: self.log.append(("shutdown",)),
            "cluster_resources": lambda: resources,
            "put": lambda data: ("stored", len(data)),
            "kill": lambda actor, no_restart: self.log.append(("kill", actor.slot, no_restart)),
            "wait": lambda refs, num_returns, timeout: (refs[:num_returns], refs[num_returns:]),
            "get": self.get,
        }.items():
            monkeypatch.setattr(ray, name, value)

        class Remote:
            def __init__(self, cls: type) -> None:
                self.cls = cls

            def options(self, **options: object) -> Remote:
                self.chosen = options
                return self

            def remote(self, *args: object) -> _Actor:
                actor = _Actor(cluster, len(cluster.actors))
                cluster.log.append(("actor", self.chosen, args))
                cluster.actors.append(actor)
                return actor

        monkeypatch.setattr(ray, "remote", lambda **settings: self.log.append(("remote", settings)) or Remote)

    def get(self, ref):
        from ray.exceptions import RayActorError

        if isinstance(ref, list):
            return [self.get(one) for one in ref]
        if ref.slot in self.failing:
            raise RayActorError()
        return ref.value


@dataclass(eq=False)
class _Ref:
    """A remote call's result, already there (hashed by identity, as Ray's references are)."""

    slot: int
    value: list


class _Actor:
    def __init__(self, cluster: _Cluster, slot: int) -> None:
        self.cluster, self.slot = cluster, slot
        self.translate = self.align = self

    def remote(self, *args: object) -> _Ref:
        self.cluster.log.append(("send", self.slot, *args))
        if len(args) == 1:  # align: pairs
            return _Ref(self.slot, [f"aligned {source}" for source, _ in args[0]])
        return _Ref(self.slot, [Translation(source.upper(), None) for source in args[0]])


def _ray_engine(cluster: _Cluster, random_model, workers: int | None = None, quiet: bool = False):
    from translator.backends import Backend
    from translator.backends.ray_cluster import RayEngine

    package = models.resolve(str(random_model))
    return package, RayEngine(package, DecodeOptions(batch_size=1, threads=0), Backend("ray", None, workers, quiet))


def test_a_ray_engine_starts_one_worker_per_place_with_the_model_and_its_options(monkeypatch, random_model):
    cluster = _Cluster(monkeypatch, {"CPU": 4.0})
    package, engine = _ray_engine(cluster, random_model)
    options = DecodeOptions(batch_size=1, threads=2)
    archive = ("stored", len(pack(package.path)))
    started = [("init", {"include_dashboard": False, **QUIET}), ("remote", {"max_restarts": 3, "max_task_retries": 3})]
    assert cluster.log == started + [
        (
            "actor",
            {"name": f"vietrans-worker-{os.getpid()}-{i}", "namespace": "vietrans", "num_cpus": 2, "num_gpus": 0},
            (str(package.path), package.identity, archive, options, "argos"),
        )
        for i in (0, 1)
    ]  # fmt: skip
    cluster.log.clear()
    engine.close()
    engine.close()
    assert cluster.log == [("kill", 0, True), ("kill", 1, True), ("shutdown",)]  # the runtime it started, once


def test_chunks_go_shortest_first_to_the_least_busy_worker_two_at_a_time(monkeypatch, random_model):
    cluster = _Cluster(monkeypatch, {"CPU": 2.0, "GPU": 2.0})
    _, engine = _ray_engine(cluster, random_model)
    assert [entry[1]["num_gpus"] for entry in cluster.log if entry[0] == "actor"] == [1, 1]
    cluster.log.clear()
    sources = ["ccc", "a", "bbbbbbb", "dd", "eeee", "ffffff", "ggggg"]
    progress: list[int] = []
    results = engine.translate(
        sources, progress=progress.append, done=lambda finished: cluster.log.append(("done", finished))
    )
    assert results == [Translation(source.upper(), None) for source in sources]
    t = {source: Translation(source.upper(), None) for source in sources}
    assert cluster.log == [
        ("send", 0, ["a", "dd"], False, None),
        ("send", 1, ["ccc", "eeee"], False, None),
        ("send", 0, ["ggggg", "ffffff"], False, None),
        ("send", 1, ["bbbbbbb"], False, None),
        ("done", [(1, t["a"]), (3, t["dd"])]),
        ("done", [(0, t["ccc"]), (4, t["eeee"])]),
        ("done", [(6, t["ggggg"]), (5, t["ffffff"])]),
        ("done", [(2, t["bbbbbbb"])]),
    ]
    assert progress == [2, 2, 2, 1]


def test_a_worker_holds_at_most_two_chunks_and_gets_their_prefixes_and_safer(monkeypatch, random_model):
    cluster = _Cluster(monkeypatch, {"CPU": 1.0})
    _, engine = _ray_engine(cluster, random_model)
    cluster.log.clear()
    sources = ["a", "bb", "ccc", "dddd", "eeeee"]
    done = lambda finished: cluster.log.append(("done", [i for i, _ in finished]))  # noqa: E731
    engine.translate(sources, safer=True, prefixes=["A", "", "C", "", "E"], done=done)
    assert cluster.log == [
        ("send", 0, ["a", "bb"], True, ["A", ""]),
        ("send", 0, ["ccc", "dddd"], True, ["C", ""]),
        ("done", [0, 1]),
        ("send", 0, ["eeeee"], True, ["E"]),
        ("done", [2, 3]),
        ("done", [4]),
    ]


def test_a_lost_worker_is_given_up_and_its_chunk_sent_to_another(monkeypatch, random_model):
    cluster = _Cluster(monkeypatch, {"CPU": 4.0}, failing={0})
    _, engine = _ray_engine(cluster, random_model)
    cluster.log.clear()
    sources = ["a", "bb", "ccc"]
    assert engine.translate(sources) == [Translation(source.upper(), None) for source in sources]
    assert cluster.log == [
        ("send", 0, ["a", "bb"], False, None),
        ("send", 1, ["ccc"], False, None),
        ("send", 1, ["a", "bb"], False, None),  # worker 0 lost: its chunk goes to worker 1
    ]
    cluster.log.clear()
    assert engine.align([("a", "A"), ("bb", "BB"), ("ccc", "CCC")]) == ["aligned a", "aligned bb", "aligned ccc"]
    assert cluster.log == [("send", 1, [("a", "A"), ("bb", "BB")]), ("send", 1, [("ccc", "CCC")])]  # never worker 0
    cluster.failing.add(1)
    line = "every Ray worker was lost (restarted too often); see the Ray logs"
    with pytest.raises(ClusterError, match=f"^{re.escape(line)}$"):
        engine.translate(sources)
    with pytest.raises(ClusterError, match=f"^{re.escape(line)}$"):
        engine.align([("a", "A")])


def test_a_quiet_engine_mutes_the_terminal_until_closed_even_when_it_fails_to_start(monkeypatch, random_model, capfd):
    """Ray's own lines stay off the terminal while the engine lives; a start that fails (here: the
    cluster cannot say what it has) gives back the runtime it started and the terminal at once."""
    import ray

    cluster = _Cluster(monkeypatch, {"CPU": 2.0})
    _, engine = _ray_engine(cluster, random_model, workers=1, quiet=True)
    os.write(2, b"ray warning\n")
    engine.close()
    os.write(2, b"after\n")

    def unknown() -> dict:
        raise RuntimeError("no resources known")

    monkeypatch.setattr(ray, "cluster_resources", unknown)
    cluster.log.clear()
    with pytest.raises(RuntimeError, match=r"^no resources known$"):
        _ray_engine(cluster, random_model, quiet=True)
    os.write(2, b"failed\n")
    assert capfd.readouterr().err == "after\nfailed\n"
    assert cluster.log == [("init", {"include_dashboard": False, **QUIET}), ("shutdown",)]
