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

from translator.data import word_list
from translator.document import Block, BlockKind, Document, Removed
from translator.facts.spans import real_date
from translator.read.outlets import outlet_tag

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
# Page furniture, one line each, by family (matched on the lower-cased line).
_FURNITURE = (
    (
        "share, comment or tag line",
        re.compile(
            r"^(?:chia sẻ(?: bài viết)?:?|share|in bài|lưu bài|gửi bài|báo lỗi|copy link|sao chép liên kết|link bài gốc"
            r"|lấy link|facebook|zalo|twitter|messenger|linkedin|email|tags?:.+|từ kh(?:óa|oá):.+"
            r"|bình luận(?: \(\d+\))?|gửi bình luận|viết bình luận|đăng nhập để bình luận|ý kiến bạn đọc"
            r"|ý kiến \(\d+\))$"
        ),
    ),
    (
        "back-to-top or back-to-section link",
        re.compile(r"^(?:(?:trở lại|quay lại|quay về|trở về)\b.{0,40}|(?:về|lên) đầu trang)$"),
    ),
    (
        "app, newsletter or follow line",
        re.compile(
            r"^(?:tải (?:ứng dụng|app)\b.{0,60}|(?:đăng ký )?nhận (?:bản )?tin\b.{0,60}|đăng ký nhận.{0,60}"
            r"|theo dõi .{0,40} trên (?:google news|facebook|zalo|youtube|tiktok).{0,20})$"
        ),
    ),
    (
        "link to another story",  # "Xem thêm: <headline>", one line in the text
        re.compile(r"^(?:(?:xem thêm|đọc thêm|xem tiếp|tin liên quan|bài liên quan)\s*(?::|>>|»|-)|>>)\s*\S.{0,200}$"),
    ),
    # The label alone, or an ad set in the text: "Quảng cáo - Mua bảo hiểm xe máy ...".
    ("advertisement", re.compile(r"^(?:quảng cáo|advertisement|qc)(?:\s*[-–:|]\s*.+)?$")),
    (
        "site name, slogan or legal line",
        re.compile(
            r"^(?:báo (?:điện tử )?)?(?:vnexpress|dân trí|tuổi trẻ(?: online)?|thanh niên|vietnamnet|người lao động"
            r"|cafef|znews|zingnews|vietnamplus|vietnam\+|lao động|tiền phong|chính phủ|đầu tư|vtc news|vov)"
            r"(?:\.vn|\.net)?$"
            r"|.{0,80}(?:cơ quan chủ quản|giấy phép (?:số|xuất bản|hoạt động)|tổng biên tập:|bản quyền thuộc"
            r"|©|báo tiếng việt nhiều người xem nhất).{0,80}"
        ),
    ),
)
_TAG_LABEL = re.compile(r"^(?:từ kh(?:óa|oá)|tags?|chủ đề|thẻ)\s*:?$")
_CREDIT_WORDS = r"ảnh|photo|nguồn ảnh|đồ h[oọ]a|infographic|video|clip|thiết kế"
_PHOTO_CREDIT = re.compile(rf"^(?:{_CREDIT_WORDS})\s*:\s*[^.:]{{1,40}}$")
_MENU_WORDS = 4  # menu entries ("Thế giới", "Khoa học công nghệ") are short
_BREADCRUMB = re.compile(r"^trang chủ\s*(?:[>»›/|\-–]|\p{Lu})", re.IGNORECASE)
_CAPTION = re.compile(
    r"(?:\((?:nguồn|ảnh|ảnh minh họa|ảnh minh hoạ|ảnh chụp màn hình|photo|đồ họa|video)\s*:?[^()]*\)\s*$"
    r"|^(?:ảnh|ảnh minh họa|ảnh minh hoạ|đồ họa)\s*[:.(]|^ảnh minh h[oọ]a$"
    r"|[.\s](?:ảnh|nguồn|photo|đồ h[oọ]a|infographic|video|clip|thiết kế)\s*:\s*[^.:]{1,60}\.?$)",
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
    if not real_date(day, month, year):  # "35/2/2025", "31/2/2025": no dateline, whatever it is
        return None
    hour, minute = match["h1"] or match["h2"], match["m1"] or match["m2"]
    time = f" {int(hour):02d}:{minute}" if hour else ""
    return f"{year:04d}-{month:02d}-{day:02d}{time}"


def clean(doc: Document) -> Document:
    """Classify the blocks of an article and set aside page furniture."""
    blocks = list(doc.blocks)
    reasons = _related(blocks)
    for index, block in enumerate(blocks):
        if _authored(block) or index in reasons:
            continue
        date = dateline(block.text)
        if date:
            doc.meta.setdefault("date", date)
            reasons[index] = "publication date (shown in the header)"
        elif reason := _furniture(_key(block.text), index == 0):
            reasons[index] = reason
    _runs(blocks, reasons)
    for index, block in enumerate(blocks):
        if _authored(block):  # the author's own notes, code and tables are never page furniture
            reasons.pop(index, None)
    title = _choose_title(blocks, reasons)
    if title is not None:
        title_key = _key(_strip_outlet(blocks[title].text))
        for index, block in enumerate(blocks):
            if index == title or index in reasons:
                continue
            if _key(_strip_outlet(block.text)) == title_key:
                reasons[index] = "repeats the title (image alt text)"
            elif index < title and (len(block.text.split()) <= _NAV_WORDS or _key(block.text) in SECTIONS):
                reasons[index] = "section navigation"
        blocks[title].kind = BlockKind.TITLE
    doc.removed.extend(Removed(blocks[i].text, reasons[i]) for i in sorted(reasons))
    for block in blocks:
        outlet = outlet_tag(block.text)[0]
        if outlet:
            doc.meta.setdefault("site", outlet)
            break
    doc.blocks = [block for index, block in enumerate(blocks) if index not in reasons]
    _assign_kinds(doc.blocks)
    return doc


_AUTHORED = (BlockKind.NOTE, BlockKind.CODE)


def _authored(block: Block) -> bool:
    """A note, code or a table's cell: what the author wrote as it is, never furniture, lead or caption
    (readers mark only data tables' cells, never a page's layout tables)."""
    return block.kind in _AUTHORED or block.cell is not None


_NAV_WORDS = 4  # section labels ("Thế giới", "Công nghệ") are short; titles are not
_OUTLET_PREFIX = re.compile(r"^\p{Lu}{2,6}\s*[-–|]\s+")


def _strip_outlet(text: str) -> str:
    """``"TPO - Tiêu đề"`` → ``"Tiêu đề"``: an outlet's tag before a title or lead."""
    return _OUTLET_PREFIX.sub("", text)


def _related(blocks: list[Block]) -> dict[int, str]:
    """Other stories under a label ("Tin liên quan", "Xem thêm", "Mới nhất" …): the label, then
    headlines, each with at most one sapo, and further labels, up to where the story resumes
    (an inline box) or to the end (the page's lists of other stories).  A paragraph after a
    headline is that headline's sapo when a headline, a label or the end follows it; when more
    running text follows, the story has resumed."""
    reasons: dict[int, str] = {}
    index = 1
    while index < len(blocks):
        if not _is_label(blocks[index]):
            index += 1
            continue
        reason = f"other stories, under “{blocks[index].text.strip().rstrip(':')}”"
        end = index + 1
        while end < len(blocks):
            block = blocks[end]
            if _is_label(block) or _headline_like(block):
                end += 1
                continue
            after = blocks[end + 1] if end + 1 < len(blocks) else None
            sapo = _headline_like(blocks[end - 1]) and (after is None or _is_label(after) or _headline_like(after))
            if not sapo:
                break
            end += 1
        for i in range(index, end):
            reasons[i] = reason
        index = end
    return reasons


def _is_label(block: Block) -> bool:
    return _key(block.text).rstrip(":") in RELATED_LABELS


def _headline_like(block: Block) -> bool:
    """A headline of another story: a heading line, or a short paragraph that is no sentence
    ("… ngày nào?", "… (sửa đổi)").  An author's name or a caption is not one."""
    if _is_byline(block.text, last=True) or _CAPTION.search(block.text):
        return False
    if block.kind is BlockKind.HEADING:
        return True
    text = block.text.rstrip()
    sentence = text.endswith(".") and not text.endswith("...")  # "Đầu tàu châu Âu gây bất...": cut short
    return block.kind is BlockKind.PARAGRAPH and len(text.split()) <= 30 and not sentence


def _choose_title(blocks: list[Block], reasons: dict[int, str]) -> int | None:
    """The title: among the heading-like blocks before the first paragraph, the first long
    enough to be a headline, preferring one without an outlet's tag ("TPO - "); never a
    section label (a known section, or a line the page repeats, as a breadcrumb and a
    label above the headline do) nor the author's name under it; else the last short one."""
    leading = []
    for index, block in enumerate(blocks):
        if index in reasons:
            continue
        if block.kind not in (BlockKind.TITLE, BlockKind.HEADING):
            break
        leading.append(index)
    if not leading:
        return None
    keys = [_key(blocks[i].text) for i in leading]
    named = [i for i in leading if not _is_byline(blocks[i].text, last=True)] or leading  # "Minh Châu" is no headline
    unique = [i for i in named if _key(blocks[i].text) not in SECTIONS and keys.count(_key(blocks[i].text)) == 1]
    headlines = [i for i in unique if len(blocks[i].text.split()) > _NAV_WORDS] or unique[-1:] or [named[-1]]
    return next((i for i in headlines if not _OUTLET_PREFIX.match(blocks[i].text)), headlines[0])


def _furniture(key: str, first: bool) -> str:
    """Why this block is page furniture, or ``""`` if it is story."""
    if first and _BREADCRUMB.match(key):
        return "breadcrumb navigation"
    if key in _SOURCE_LABELS:
        return "bare source label"
    for reason, pattern in _FURNITURE:
        if pattern.match(key):
            return reason
    return ""


def _runs(blocks: list[Block], reasons: dict[int, str]) -> None:
    """Furniture that shows as a run of short lines: a tag list after its label, a menu of
    sections or provinces, a photo credit standing alone (not under a caption)."""
    index = 0
    while index < len(blocks):
        key = _key(blocks[index].text)
        if _TAG_LABEL.match(key) and index + 1 < len(blocks) and _short_line(blocks[index + 1]):
            end = index + 1
            while end < len(blocks) and _short_line(blocks[end]) and end not in reasons:
                end += 1
            for i in range(index, end):
                reasons.setdefault(i, "tag list")
            index = end
            continue
        end = index
        while end < len(blocks) and _short_line(blocks[end]):
            end += 1
        known = sum(_key(blocks[i].text) in SECTIONS for i in range(index, end))
        if end - index >= 3 and known * 3 >= 2 * (end - index):
            for i in range(index, end):
                reasons.setdefault(i, "menu of sections or provinces")
            index = end
            continue
        if _PHOTO_CREDIT.match(key) and not _captioned(blocks, index, reasons):
            reasons.setdefault(index, "photo credit (no caption)")
        index += 1


_CAPTION_WORDS = 25  # a caption is a line or two; the story's paragraphs run longer


def _captioned(blocks: list[Block], index: int, reasons: dict[int, str]) -> bool:
    """Whether the credit at ``index`` closes a caption: the short line before it that the
    cleaning keeps ("Vị trí cây đổ." above "Đồ họa: Hoàng Thanh")."""
    previous = index - 1
    if previous < 0 or previous in reasons:
        return False
    block = blocks[previous]
    short = len(block.text.split()) <= _CAPTION_WORDS and not _is_byline(block.text, last=True)
    return bool(_CAPTION.search(block.text)) or short


def _short_line(block: Block) -> bool:
    """A line a menu or tag list is made of (a photo credit is not one)."""
    short = block.kind in (BlockKind.HEADING, BlockKind.TITLE) and len(block.text.split()) <= _MENU_WORDS
    return short and not _PHOTO_CREDIT.match(_key(block.text))


SECTIONS = word_list("vi_news_sections.txt")


def _is_byline(text: str, last: bool) -> bool:
    """ "Theo Reuters", "(TTXVN/Vietnam+)", or an author's bare name closing the story."""
    return bool(_BYLINE.match(text) or _SOURCE_LINE.match(text) or (last and _AUTHOR.match(text)))


def _assign_kinds(blocks: list[Block]) -> None:
    """The lead, captions and bylines; the title and headings are already known."""
    lead_found = any(block.kind is BlockKind.LEAD for block in blocks)  # the page marked its sapo up
    for position, block in enumerate(blocks):
        if block.kind is BlockKind.TITLE or _authored(block):
            continue
        credit_follows = position + 1 < len(blocks) and _PHOTO_CREDIT.match(_key(blocks[position + 1].text))
        if _CAPTION.search(block.text) or (credit_follows and len(block.text.split()) <= _CAPTION_WORDS):
            block.kind = BlockKind.CAPTION
        elif _is_byline(block.text, last=position == len(blocks) - 1 and position > 1) or (
            position and blocks[position - 1].kind is BlockKind.TITLE and _AUTHOR.match(block.text)
        ):  # the author's name under the headline
            block.kind = BlockKind.BYLINE
        elif block.kind is BlockKind.PARAGRAPH and not lead_found:
            block.kind = BlockKind.LEAD
            lead_found = True
        elif block.kind is BlockKind.HEADING:
            lead_found = True
