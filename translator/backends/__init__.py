"""Where sentences are decoded: in this process, or on a Ray cluster.

A backend is an object with the engine's interface: ``translate(sources,
progress, safer, done)`` returning one :class:`~translator.engines.Translation`
per source in order, and ``close()``.  ``local`` is
:class:`~translator.engines.ct2.Engine` itself (one CTranslate2 model here); ``ray``
keeps a model on each Ray worker and sends them the sentences the translation
memory lacks.  The registry maps names to ``module:class`` so that a backend's
heavy imports (Ray) happen only when it is chosen.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

BACKENDS = {
    "local": "translator.engines.ct2:Engine",
    "ray": "translator.backends.ray_cluster:RayEngine",
}


@dataclass(frozen=True)
class Backend:
    """Which backend, and its settings (only ``ray`` has any)."""

    name: str = "local"
    address: str | None = None  # ray: None starts a local runtime; "auto", "HOST:PORT" or "ray://HOST:10001" joins one
    workers: int | None = None  # ray: model replicas; None: one per GPU, else the CPUs divided by --threads
    quiet: bool = False  # ray: its own log lines (its C++ core writes some straight to stderr) kept off the terminal


def open_engine(package, options, backend: Backend | None = None):
    """The engine of ``backend`` for ``package`` decoding with ``options``."""
    backend = backend or Backend()
    module, name = BACKENDS[backend.name].split(":")
    cls = getattr(importlib.import_module(module), name)
    return cls(package, options) if backend.name == "local" else cls(package, options, backend)
