"""``vietrans serve``: a local web app and the APIs other tools already speak.

One process, one model loaded once: the LibreTranslate-compatible API (:mod:`.libre`),
the DeepL-compatible API (:mod:`.deepl`), vietrans's own API (:mod:`.native`) and the web
app that uses it (``static/``), all over :class:`~translator.server.service.Service`,
which translates through the same library as the CLI.  Needs the ``server`` extra
(Starlette, uvicorn, python-multipart); nothing here is imported by ``vietrans --help``.
"""
