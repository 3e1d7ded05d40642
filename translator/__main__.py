"""``python -m translator``: the same CLI as ``vietrans``."""

from translator.cli import main

main()
