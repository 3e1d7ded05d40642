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
    r"^(?:chia sẻ|share|bình luận(?: \(\d+\))?|tags?:.*|từ khóa:.*|từ khoá:.*|in bài|lưu bài|gửi bài"
    r"|theo dõi .{0,40} trên google news|báo lỗi|copy link|link bài gốc|lấy link)$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"^trang chủ\s*(?:[>»›/|\-–]|\p{Lu})", re.IGNORECASE)
_CAPTION = re.compile(
    r"(?:\((?:nguồn|ảnh|ảnh minh họa|ảnh minh hoạ|ảnh chụp màn hình|photo|đồ họa|video)\s*:?[^()]*\)\s*$"
    r"|^(?:ảnh|ảnh minh họa|ảnh minh hoạ|đồ họa)\s*[:.(]|^ảnh minh h[oọ]a$)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:\p{Lu}[\p{L}.]*\s+){0,4}(?:[Tt]heo|[Nn]guồn:?)\s+\p{Lu}[\p{L}\s.,&/-]{1,60}$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})


def _key(text: str) -> str:
    """Text compared loosely: quotes unified, case and spacing ignored."""
    return " ".join(text.translate(_QUOTES).replace('"', "'").lower().split())


def clean(doc: Document) -> Document:
    """Classify the blocks of a plain-text or Markdown article and set aside furniture."""
    kept: list[Block] = []
    blocks = list(doc.blocks)
    for index, block in enumerate(blocks):
        key = _key(block.text)
        if key.rstrip(":") in RELATED_LABELS and kept:
            label = block.text.strip().rstrip(":")
            doc.removed.extend(Removed(b.text, f"other stories, under “{label}”") for b in blocks[index:])
            break
        reason = _furniture(block, key, kept)
        if reason:
            doc.removed.append(Removed(block.text, reason))
        else:
            kept.append(block)
    doc.blocks = kept
    _assign_kinds(kept)
    return doc


def _furniture(block: Block, key: str, kept: list[Block]) -> str:
    """Why this block is page furniture, or ``""`` if it is story."""
    if not kept and _BREADCRUMB.match(block.text):
        return "breadcrumb navigation"
    if key in _SOURCE_LABELS:
        return "bare source label"
    if _NOISE.match(key):
        return "share, comment or tag line"
    if kept and key == _key(kept[0].text) and kept[0].kind in (BlockKind.TITLE, BlockKind.HEADING):
        return "repeats the title (image alt text)"
    return ""


def _assign_kinds(blocks: list[Block]) -> None:
    """Title first, then the lead, captions, bylines; headings were found on reading."""
    if not blocks:
        return
    first = blocks[0]
    if (
        first.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
        and len(first.text) <= 250
        and not first.text.endswith(".")
    ):
        first.kind = BlockKind.TITLE
    lead_found = False
    for block in blocks[1:]:
        if _CAPTION.search(block.text):
            block.kind = BlockKind.CAPTION
        elif _BYLINE.match(block.text):
            block.kind = BlockKind.BYLINE
        elif block.kind is BlockKind.PARAGRAPH and not lead_found:
            block.kind = BlockKind.LEAD
            lead_found = True
        elif block.kind is BlockKind.HEADING:
            lead_found = True
