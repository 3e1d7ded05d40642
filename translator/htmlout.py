"""lxml's HTML serializer, with every attribute value written escaped.

libxml2 writes an attribute value that holds a comment (``<!--…-->``, which it takes for a
server-side include) without escaping it, so a value's ``&amp;`` reads back as ``&``: the page's
text changes on its way through.  Such values go out as placeholders and are written with
``html.escape``; every other byte is lxml's.
"""

from __future__ import annotations

import secrets
from html import escape

_COMMENT = "<!--"


def tostring(node, **options) -> str:
    """``lxml.html.tostring(node, encoding="unicode", **options)``, attribute values kept exactly."""
    import lxml.html

    marker = f"vietrans{secrets.token_hex(8)}x"
    held: list[tuple[object, str, str]] = []
    for element in node.iter():
        for name, value in element.attrib.items():
            if _COMMENT in value:
                held.append((element, name, value))
                element.set(name, f"{marker}{len(held) - 1}{marker}")
    try:
        text = lxml.html.tostring(node, encoding="unicode", **options)
    finally:
        for element, name, value in held:
            element.set(name, value)
    for n, (_, _, value) in enumerate(held):
        text = text.replace(f"{marker}{n}{marker}", escape(value, quote=True))
    return text
