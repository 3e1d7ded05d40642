"""Keep the story, set aside the page around it, and say what was set aside.

Scraped Vietnamese news pages carry a breadcrumb, the image's alt text
repeating the title, bare "Nguồn" labels, share and tag lines, and then
blocks of other stories under labels such as "Cùng chủ đề" or "Mới nhất".
Translating those wastes time and puts unrelated stories into a report.
Nothing is dropped silently: each removed block goes to ``Document.removed``
with its reason, and exports list them.  A block that is probably story but
looks odd is kept.
"""

from __future__ import annotations

import regex as re

from translator.document import Block, BlockKind, Document, Removed

# Section labels after which a news page lists other stories, lower-cased.
RELATED_LABELS = frozenset(
    {
        "cùng chủ đề",
        "cùng chuyên mục",
        "cùng tác giả",
        "nổi bật",
        "mới nhất",
        "tin mới nhất",
        "bài đọc nhiều",
        "đọc nhiều",
        "đọc nhiều nhất",
        "xem nhiều",
        "xem nhiều nhất",
        "tin liên quan",
        "bài liên quan",
        "bài viết liên quan",
        "tin cùng chuyên mục",
        "tin khác",
        "tin nổi bật",
        "có thể bạn quan tâm",
        "bạn có thể quan tâm",
        "đọc thêm",
        "xem thêm",
        "tin đọc nhiều",
        "video nổi bật",
        "tin tức liên quan",
    }
)
_SOURCE_LABELS = frozenset({"nguồn", "nguồn:", "source", "source:"})
_NOISE = re.compile(
    r"^(?:chia sẻ|chia sẻ bài viết|share|bình luận(?: \(\d+\))?|ý kiến(?: \(\d+\))?|quay lại chuyên mục"
    r"|tags?:.*|từ khóa:.*|từ khoá:.*|in bài|lưu bài|gửi bài"
    r"|theo dõi .{0,40} trên google news|báo lỗi|copy link|link bài gốc|lấy link)$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^trang chủ\s*(?:[>»›/|\-–]|\p{Lu})", re.IGNORECASE)
_CAPTION = re.compile(
    r"(?:\((?:nguồn|ảnh|ảnh minh họa|ảnh minh hoạ|ảnh chụp màn hình|photo|đồ họa|video)\s*:?[^()]*\)\s*$"
    r"|^(?:ảnh|ảnh minh họa|ảnh minh hoạ|đồ họa)\s*[:.(]|^ảnh minh h[oọ]a$"
    r"|[.\s](?:ảnh|nguồn|photo)\s*:\s*[^.:]{1,60}$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:\p{Lu}[\p{L}.]*\s*){0,4}(?:[|\-–]\s*)?\(?(?:[Tt]heo|[Nn]guồn:?)\s+\p{Lu}[\p{L}\s.,&/-]{1,60}\)?$"
)
_SOURCE_LINE = re.compile(r"^\([\p{L}\s/+.&-]{2,40}\)$")  # "(TTXVN/Vietnam+)"
_AUTHOR = re.compile(r"^(?:\p{Lu}\p{Ll}*\s+){1,3}\p{Lu}\p{Ll}*$")  # "Minh Châu", alone at the end
_TIME = r"(?P<{h}>\d{{1,2}})[:h](?P<{m}>\d{{2}})(?::\d{{2}})?"
_DATELINE = re.compile(
    r"^(?:(?:cập nhật|ngày đăng|đăng lúc|đăng|xuất bản)\s*:?\s*)?"
    r"(?:(?:\p{Lu}[\p{L}.]*\s+){0,3}?(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)\s*[,|\-–]?\s*)?"
    rf"(?:{_TIME.format(h='h1', m='m1')}\s*[,|\-–]?\s*)?"
    r"(?:ngày\s+)?(?P<d>\d{1,2})[/.-](?P<mo>\d{1,2})[/.-](?P<y>\d{4})"
    rf"(?:\s*[,|\-–]?\s*(?:lúc\s*)?{_TIME.format(h='h2', m='m2')})?"
    r"\s*(?:\(?\s*GMT\s*\+\s*7\s*\)?)?$",
    re.IGNORECASE,
)
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
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _key(text: str) -> str:
    """Text compared loosely: quotes unified, case and spacing ignored."""
    return " ".join(text.translate(_QUOTES).replace('"', "'").lower().split())


def dateline(text: str) -> str | None:
    """``"Thứ năm, 6/2/2025, 13:54 (GMT+7)"`` → ``"2025-02-06 13:54"``; None if not a dateline."""
    match = _DATELINE.match(text.strip())
    if not match:
        return None
    day, month, year = int(match["d"]), int(match["mo"]), int(match["y"])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    hour, minute = match["h1"] or match["h2"], match["m1"] or match["m2"]
    time = f" {int(hour):02d}:{minute}" if hour else ""
    return f"{year:04d}-{month:02d}-{day:02d}{time}"


def clean(doc: Document) -> Document:
    """Classify the blocks of an article and set aside page furniture."""
    blocks = list(doc.blocks)
    reasons: dict[int, str] = {}
    end = _related_start(blocks)
    for index in range(end, len(blocks)):
        reasons[index] = f"other stories, under “{blocks[end].text.strip().rstrip(':')}”"
    for index, block in enumerate(blocks):
        if block.kind in _AUTHORED:  # the author's own notes and code are never page furniture
            reasons.pop(index, None)
    for index, block in enumerate(blocks[:end]):
        if block.kind in _AUTHORED:
            continue
        date = dateline(block.text)
        if date:
            doc.meta.setdefault("date", date)
            reasons[index] = "publication date (shown in the header)"
        elif reason := _furniture(_key(block.text), index == 0):
            reasons[index] = reason
    title = _choose_title(blocks, reasons, end)
    if title is not None:
        title_key = _key(_strip_outlet(blocks[title].text))
        for index, block in enumerate(blocks[:end]):
            if index == title or index in reasons:
                continue
            if _key(_strip_outlet(block.text)) == title_key:
                reasons[index] = "repeats the title (image alt text)"
            elif index < title and len(block.text.split()) <= _NAV_WORDS:
                reasons[index] = "section navigation"
        blocks[title].kind = BlockKind.TITLE
    doc.removed.extend(Removed(blocks[i].text, reasons[i]) for i in sorted(reasons))
    for block in blocks[:end]:
        tag = _LEAD_TAG.match(block.text)
        name = tag.group(1).strip().lower() if tag else ""
        if name in OUTLET_TAGS:
            doc.meta.setdefault("site", OUTLET_TAGS[name])
            break
    doc.blocks = [block for index, block in enumerate(blocks) if index not in reasons]
    _assign_kinds(doc.blocks)
    return doc


_AUTHORED = (BlockKind.NOTE, BlockKind.CODE)
_NAV_WORDS = 4  # section labels ("Thế giới", "Công nghệ") are short; titles are not
_OUTLET_PREFIX = re.compile(r"^\p{Lu}{2,6}\s*[-–|]\s+")


def _strip_outlet(text: str) -> str:
    """``"TPO - Tiêu đề"`` → ``"Tiêu đề"``: an outlet's tag before a title or lead."""
    return _OUTLET_PREFIX.sub("", text)


def _related_start(blocks: list[Block]) -> int:
    """Index of the label that starts the other-stories section (after some story)."""
    for index, block in enumerate(blocks):
        if index and _key(block.text).rstrip(":") in RELATED_LABELS:
            return index
    return len(blocks)


def _choose_title(blocks: list[Block], reasons: dict[int, str], end: int) -> int | None:
    """The title: among the heading-like blocks before the first paragraph,
    the first long enough to be a headline, preferring one without an
    outlet's tag ("TPO - "); else the last of them."""
    leading = []
    for index, block in enumerate(blocks[:end]):
        if index in reasons:
            continue
        if block.kind not in (BlockKind.TITLE, BlockKind.HEADING):
            break
        leading.append(index)
    if not leading:
        return None
    headlines = [i for i in leading if len(blocks[i].text.split()) > _NAV_WORDS] or [leading[-1]]
    return next((i for i in headlines if not _OUTLET_PREFIX.match(blocks[i].text)), headlines[0])


def _furniture(key: str, first: bool) -> str:
    """Why this block is page furniture, or ``""`` if it is story."""
    if first and _BREADCRUMB.match(key):
        return "breadcrumb navigation"
    if key in _SOURCE_LABELS:
        return "bare source label"
    if _NOISE.match(key):
        return "share, comment or tag line"
    return ""


def _is_byline(text: str, last: bool) -> bool:
    """ "Theo Reuters", "(TTXVN/Vietnam+)", or an author's bare name closing the story."""
    return bool(_BYLINE.match(text) or _SOURCE_LINE.match(text) or (last and _AUTHOR.match(text)))


def _assign_kinds(blocks: list[Block]) -> None:
    """The lead, captions and bylines; the title and headings are already known."""
    lead_found = False
    for position, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE or block.kind in _AUTHORED:
            continue
        if _CAPTION.search(block.text):
            block.kind = BlockKind.CAPTION
        elif _is_byline(block.text, last=position == len(blocks) - 1 and position > 1):
            block.kind = BlockKind.BYLINE
        elif block.kind is BlockKind.PARAGRAPH and not lead_found:
            block.kind = BlockKind.LEAD
            lead_found = True
        elif block.kind is BlockKind.HEADING:
            lead_found = True
