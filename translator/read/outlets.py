"""Vietnamese outlets' tags before a lead ("(Dân trí) - ", "TPO - "): which outlet each names.

Readers strip the tag from the lead and record the outlet; cleaning recognises a lead by it.
"""

from __future__ import annotations

import regex as re

# Tags outlets put before the lead, and the outlet each names.
OUTLET_TAGS = {
    "(dân trí)": "Dân trí",
    "dân trí": "Dân trí",
    "tto": "Tuổi Trẻ",
    "(nlđo)": "Người Lao Động",
    "nlđo": "Người Lao Động",
    "tpo": "Tiền Phong",
    "lđo": "Lao Động",
    "(clo)": "Công luận",
    "(baoquocte.vn)": "Báo Quốc tế",
    "(ttxvn/vietnam+)": "VietnamPlus",
    "(vtc news)": "VTC News",
    "(pln)": "Pháp Luật",
    "(plo)": "Pháp Luật TP.HCM",
    "vov.vn": "VOV",
    "(chinhphu.vn)": "Cổng Thông tin điện tử Chính phủ",
}
_LEAD_TAG = re.compile(r"^(\(?[\p{L}.+/ ]{2,24}\)?)\s*[-–|]\s+")


def outlet_tag(text: str) -> tuple[str, str]:
    """``"TPO - Lead"`` → ``("Tiền Phong", "Lead")``: an outlet's tag before a lead; ``("", text)`` if none."""
    tag = _LEAD_TAG.match(text)
    name = tag.group(1).strip().lower() if tag else ""
    return (OUTLET_TAGS[name], text[tag.end() :]) if name in OUTLET_TAGS else ("", text)
