"""The Ray backend on a real local Ray runtime (2 CPUs): the same outputs as a local run,
a worker killed midway, memory hits kept at home, interrupt and resume, an unreachable
cluster.  Skipped where Ray is not installed (`pip install 'vietrans[ray]'`; CI installs it)."""

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_pipeline import _articles, _cli, _default_signals, _env
from translator.backends import Backend
from translator.cli import main
from translator.engines import EngineSpec
from translator.errors import ExitCode
from translator.pipeline import Options, translate_files

ray = pytest.importorskip("ray")
FORMATS = ("md", "jsonl", "tmx", "xliff", "html", "md-en")


@pytest.fixture(scope="module", autouse=True)
def runtime():
    """One local runtime for the module (starting Ray takes seconds); the engine joins it."""
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _run(paths, out: Path, model: Path, backend: Backend | None = None, **kw):
    options = Options(
        formats=FORMATS, engine=EngineSpec(model=str(model)), progress=False, backend=backend or Backend(), **kw
    )
    return translate_files(paths, out, options)


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_outputs_are_byte_for_byte_those_of_a_local_run(random_model, tmp_path):
    paths = _articles(tmp_path / "in", 6, sentences=5)
    local = _run(paths, tmp_path / "local", random_model, use_cache=False, retries=1)
    on_ray = _run(paths, tmp_path / "ray", random_model, Backend("ray", workers=2), use_cache=False, retries=1)
    assert local.done == on_ray.done == 6 and on_ray.translated == on_ray.sentences > 0
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")


def test_a_restarted_worker_decodes_with_the_model_it_was_sent_not_another_at_that_path(
    random_model, copy_model, tmp_path
):
    """A worker killed and started again by Ray, after the folder at the model's path came to
    hold another model (an older version, another package of that name): it unpacks the model
    it was sent and decodes as before."""
    from translator.backends.ray_cluster import RayEngine
    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions, Engine

    folder = tmp_path / "vi_en"
    shutil.copytree(models.resolve(str(random_model)).path, folder)
    package = models.load_folder(folder)
    sentences = ["Một câu về chip.", "Câu thứ hai dài hơn một chút về trí tuệ nhân tạo."]
    expected = Engine(package).translate(sentences)
    engine = RayEngine(package, DecodeOptions(), Backend("ray", workers=1))
    try:
        [(pid, unpacked)] = engine.workers()
        assert unpacked is False  # the same model at the same path: read from there
        shutil.rmtree(folder)
        shutil.copytree(models.resolve(str(copy_model)).path, folder)
        ray.kill(engine.actors[0], no_restart=False)
        assert engine.translate(sentences) == expected and not engine.lost
        [(again, unpacked)] = engine.workers()
        assert again != pid and unpacked is True  # started again, from the copy it was sent
    finally:
        engine.close()


def test_only_a_quiet_engine_mutes_the_terminal_and_gives_it_back_once(random_model):
    from translator.backends.ray_cluster import RayEngine
    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions

    def muted() -> bool:
        devnull, stderr = os.stat(os.devnull), os.fstat(2)
        return (stderr.st_dev, stderr.st_ino) == (devnull.st_dev, devnull.st_ino)

    package = models.resolve(str(random_model))
    loud = RayEngine(package, DecodeOptions(), Backend("ray", workers=1))
    workers = list(loud.actors)
    try:
        assert not muted()  # Ray's own warnings still reach the terminal
    finally:
        loud.close()
    with pytest.raises(ray.exceptions.RayActorError):  # its workers are released, not left holding a model
        ray.get(workers[0].where.remote(), timeout=60)
    quiet = RayEngine(package, DecodeOptions(), Backend("ray", workers=1, quiet=True))
    assert muted()
    quiet.close()
    quiet.close()  # a second close (a caller's finally after the engine's own) is no error
    assert not muted()  # stderr is the terminal again


def test_the_model_reaches_a_worker_without_a_shared_filesystem(random_model, tmp_path):
    from translator.backends.ray_cluster import Worker, pack
    from translator.engines import packages as models
    from translator.engines.ct2 import DecodeOptions, Engine

    package = models.resolve(str(random_model))
    sentences = ["Một câu về chip.", "Câu thứ hai dài hơn một chút về trí tuệ nhân tạo."]
    expected = Engine(package).translate(sentences)
    remote = ray.remote(Worker).remote(
        "/nowhere/" + package.path.name, package.identity, pack(package.path), DecodeOptions(), "argos"
    )
    assert ray.get(remote.where.remote())[1] is True  # unpacked from the object store's copy
    assert ray.get(remote.translate.remote(sentences, False)) == expected
    shared = ray.remote(Worker).remote(str(package.path), package.identity, b"", DecodeOptions(), "argos")
    assert ray.get(shared.where.remote())[1] is False  # the same folder, seen by the worker: no copy needed


def test_a_model_folder_of_another_family_decodes_on_ray_as_here(nllb_copy, tmp_path):
    """An NLLB-style folder (language tokens) reaches the workers and is read again as NLLB."""
    paths = _articles(tmp_path / "in", 3, sentences=3)
    local = _run(paths, tmp_path / "local", nllb_copy, use_cache=False)
    on_ray = _run(paths, tmp_path / "ray", nllb_copy, Backend("ray", workers=1), use_cache=False)
    assert local.done == on_ray.done == 3 and on_ray.translated > 0
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")


def test_a_killed_worker_is_restarted_and_nothing_is_lost_or_doubled(random_model, tmp_path):
    from translator.backends.ray_cluster import NAMESPACE

    paths = _articles(tmp_path / "in", 10, sentences=6)
    slow = {"decode": Options().decode.__class__(beam_size=6, batch_size=2)}
    _run(paths, tmp_path / "local", random_model, use_cache=False, retries=0, **slow)
    outcome = {}

    def run() -> None:
        outcome["result"] = _run(
            paths,
            tmp_path / "ray",
            random_model,
            Backend("ray", workers=2),
            retries=0,
            cache=tmp_path / "tm.sqlite3",
            **slow,
        )

    thread = threading.Thread(target=run)
    thread.start()
    name = f"vietrans-worker-{os.getpid()}-0"
    deadline = time.time() + 120
    killed = False
    while thread.is_alive() and time.time() < deadline and not killed:
        try:
            actor = ray.get_actor(name, namespace=NAMESPACE)
            time.sleep(1.0)  # let it take chunks
            ray.kill(actor, no_restart=False)
            killed = True
        except ValueError:
            time.sleep(0.05)
    thread.join(timeout=300)
    assert killed and "result" in outcome, "the run ended before a worker could be killed"
    result = outcome["result"]
    assert result.done == 10 and not result.failures
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")
    from translator.translate.memory import TranslationMemory

    with TranslationMemory(tmp_path / "tm.sqlite3") as memory:
        first_pass = memory._db.execute("SELECT COUNT(*) FROM memory WHERE context NOT LIKE '%|placed|%'").fetchone()
        assert first_pass[0] == result.sentences  # each sentence once (and terms placed apart)


def test_memory_hits_never_travel(random_model, tmp_path, monkeypatch):
    from translator.backends import ray_cluster

    sent: list[int] = []
    original = ray_cluster.RayEngine.translate

    def spy(self, sources, *args, **kwargs):
        sent.append(len(sources))
        return original(self, sources, *args, **kwargs)

    monkeypatch.setattr(ray_cluster.RayEngine, "translate", spy)
    paths = _articles(tmp_path / "in", 4, sentences=3)
    cache = tmp_path / "tm.sqlite3"
    ray_run = functools.partial(
        _run, backend=Backend("ray", workers=1), cache=cache, retries=0, terms="off", spans=None
    )  # terms off, facts not placed (spans None): one decoding per sentence
    first = ray_run(paths[:2], tmp_path / "out", random_model)
    assert sent == [first.sentences]
    sent.clear()
    second = ray_run(paths, tmp_path / "out", random_model, force=True)
    assert second.cached == first.sentences and sent == [second.sentences - first.sentences]
    sent.clear()
    third = ray_run(paths, tmp_path / "out", random_model, force=True)
    assert third.translated == 0 and sent == []  # all from the memory: the cluster is not even used


def test_interrupt_and_resume_from_the_command_line(random_model, tmp_path):
    """Its own local runtime (a subprocess): Ctrl-C midway, then the same command finishes
    with the outputs of a local run."""
    from translator.engines.ct2 import DecodeOptions
    from translator.translate.memory import TranslationMemory

    paths = _articles(tmp_path / "in", 10, sentences=6)
    _run(paths, tmp_path / "local", random_model, use_cache=False, retries=0, decode=DecodeOptions(beam_size=6))
    cache = tmp_path / "tm.sqlite3"
    cmd = _cli(str(tmp_path / "in"), "--ray", "--workers", "1", "-o", str(tmp_path / "ray"), "-q", "--json")
    cmd += ["--model", str(random_model), "--cache", str(cache), "--retries", "0", "-f", ",".join(FORMATS)]
    cmd += ["--beam-size", "6", "--batch-size", "2"]
    proc = subprocess.Popen(
        cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_default_signals
    )
    deadline = time.time() + 180
    while proc.poll() is None and time.time() < deadline:
        if cache.exists():
            with TranslationMemory(cache) as memory:
                if memory.stats()["entries"] >= 4:
                    break
        time.sleep(0.1)
    assert proc.poll() is None, "the batch ended before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == ExitCode.INTERRUPTED, stderr
    assert "Traceback" not in stderr
    with TranslationMemory(cache) as memory:
        kept = memory.stats()["entries"]
    rerun = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["cached"] >= kept > 0 and summary["translated"] == summary["sentences"] - summary["cached"]
    assert _outputs(tmp_path / "local") == _outputs(tmp_path / "ray")


def test_an_unreachable_cluster_is_one_line_and_its_own_exit_code(random_model, tmp_path):
    """The address as given (Ray's ``ray://`` scheme or none): its own host and port are tried."""
    _articles(tmp_path / "in", 1)
    cmd = _cli(str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--model", str(random_model), "--no-cache", "-q")
    for address, host in (
        ("127.0.0.1:1", "127.0.0.1"),
        ("ray://127.0.0.1:1", "127.0.0.1"),
        ("no-such-host.invalid:1", "no-such-host.invalid"),
    ):
        with pytest.raises(OSError) as unreachable:
            socket.create_connection((host, 1), timeout=5)
        proc = subprocess.run([*cmd, "--ray", address], env=_env(), capture_output=True, text=True, timeout=120)
        assert proc.returncode == ExitCode.CLUSTER
        assert proc.stderr.splitlines() == [
            f"vietrans: error: cannot reach the Ray cluster at {address} ({unreachable.value})"
        ]


def test_a_bare_ray_flag_before_the_inputs_leaves_them_inputs(random_model, tmp_path):
    _articles(tmp_path / "in", 1)
    result = CliRunner().invoke(
        main,
        [
            "translate",
            "--ray",
            str(tmp_path / "in"),
            "-o",
            str(tmp_path / "out"),
            "--model",
            str(random_model),
            "-q",
            "-f",
            "md",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "bai-00.bilingual.md").is_file()


def test_importing_vietrans_or_asking_for_help_never_imports_ray():
    code = "import sys, translator, translator.pipeline, translator.cli; assert 'ray' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], env=_env()).returncode == 0
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom translator.cli import main\n"
        "CliRunner().invoke(main, ['translate', '--help'])\nassert 'ray' not in sys.modules"
    )
    assert subprocess.run([sys.executable, "-c", code], env=_env()).returncode == 0


def test_a_worker_uses_a_model_on_its_node_only_when_it_is_the_same_model(copy_model, random_model):
    """Another model at the same path on a node (an older version, another package of that name) is
    not used: the worker unpacks the copy it was sent instead."""
    from translator.backends.ray_cluster import _local_package
    from translator.engines import packages

    ours, other = packages.resolve(str(copy_model)), packages.resolve(str(random_model))
    assert _local_package(ours.path, ours.identity, "argos") == ours
    assert _local_package(ours.path, other.identity, "argos") is None
    assert _local_package(ours.path.parent / "missing", ours.identity, "argos") is None


def test_quiet_means_quiet_on_ray_too(random_model, tmp_path):
    """Its own runtime (a subprocess): with -q, stderr holds nothing of Ray's (its C++ core
    wrote a warning about the workers' constructor arguments straight to the terminal)."""
    _articles(tmp_path / "in", 1)
    cmd = _cli(str(tmp_path / "in"), "--ray", "--workers", "1", "-o", str(tmp_path / "out"), "-f", "md", "-q")
    proc = subprocess.run([*cmd, "--model", str(random_model), "--no-cache"], env=_env(), capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "" and "1 of 1 file(s) translated" in proc.stdout
