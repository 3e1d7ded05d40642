"""Evaluation scripts: ``python -m translator.eval.<name>``."""
