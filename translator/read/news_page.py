"""What a news page says about itself: its metadata, its article container, its boxes.

Vietnamese news sites mark their articles up: JSON-LD ``NewsArticle`` (headline,
description, datePublished, author), Open Graph and ``article:`` meta tags, one
``h1``, a lead ("sapo") element and a container holding the story
(``article.fck_detail`` on VnExpress, ``.singular-content`` on Dân trí,
``[data-role=content]`` on Tuổi Trẻ, Thanh Niên and Người Lao Động,
``.maincontent`` on VietNamNet, ``.the-article-body`` on Znews …).  Inside the
container sit boxes that are not the story: related stories (``RelatedOneNews``,
``ck-cms-insert-news``, ``box-tinlienquan`` …), advertisements, tag lists and
share bars.  :func:`read_page` reads all of that; ``translator.read.html``
combines it with trafilatura, which stays the general extractor.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import regex as re

from translator.document import Block, BlockKind, Cell, Removed
from translator.read.outlets import outlet_tag

# The story's container on each site family, most specific first.
CONTAINERS = (
    "article.fck_detail",
    ".fck_detail",
    ".singular-content",
    "[data-role=content]",
    "#main-detail-body",
    ".detail-content",
    ".detail__content",
    ".maincontent",
    "#maincontent",
    ".content-detail",
    ".the-article-body",
    ".article__body",
    ".article-body",
    ".article-content",
    ".art-body",
    ".cms-body",
    ".news-content",
    ".entry-content",
    "[itemprop=articleBody]",
)
# The lead ("sapo") element.
LEADS = (
    "p.description",
    ".singular-sapo",
    ".detail-sapo",
    ".content-detail-sapo",
    ".the-article-summary",
    ".article__sapo",
    ".article-sapo",
    ".sapo",
    ".chappeau",
    ".chapeau",
)
# The author's line where a site keeps it outside the story's container.
BYLINES = (
    ".author-name",
    ".the-article-credit .author",
    ".article-detail-author-wrapper .name",
    ".author-info .name",
    ".article__author",
    "p.author",
)
_LEAD_CLASS = re.compile(r"sapo|chap+eau|(?:^|[-_ ])(?:summary|lead|description|desc|excerpt|intro)(?:$|[-_ ])", re.I)
_LEAD_REACH = 12  # elements after the headline where a sapo may sit (date, author and share bar first)
_LEAD_WORDS = 12  # an unmarked sapo is a full sentence
_MIN_CONTAINER_WORDS = 40  # fewer: not the story's container (a teaser, a widget)
_AGREEMENT = 0.5  # a container with less than half the words trafilatura found is not trusted

# Boxes inside a container that are not the story, by what their class, id or type says.
_RELATED = re.compile(
    r"relate|lien-?quan|lienquan|insert-news|readmore|read-more|xem-them|doc-them|tinlienquan|same-cate",
    re.IGNORECASE,
)
_RELATED_TYPES = frozenset({"RelatedOneNews", "RelatedNewsBox", "RelatedNews"})
_ADVERT = re.compile(
    r"(?:^|[-_ ])(?:ads?|adv|advert\w*|banner\w*|qc|quang-?cao|adbro|inread\w*)(?:$|[-_ ])|^_large", re.I
)
_FURNITURE = re.compile(
    r"(?:^|[-_ ])(?:tags?|tag-?list|keywords?|share\w*|social\w*|comments?|binh-?luan|rating|poll|newsletter"
    r"|app-?download|breadcrumbs?|sidebar|navigation|nav)(?:$|[-_ ])",
    re.IGNORECASE,
)
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "form", "button", "svg", "video", "audio"})
_BLOCKS = {
    "p": BlockKind.PARAGRAPH,
    "h2": BlockKind.HEADING,
    "h3": BlockKind.HEADING,
    "h4": BlockKind.HEADING,
    "h5": BlockKind.HEADING,
    "h6": BlockKind.HEADING,
    "blockquote": BlockKind.QUOTE,
    "li": BlockKind.LIST_ITEM,
    "figcaption": BlockKind.CAPTION,
    "td": BlockKind.PARAGRAPH,
    "th": BlockKind.PARAGRAPH,
    "dd": BlockKind.PARAGRAPH,
    "div": BlockKind.PARAGRAPH,
}
_CAPTION_CLASSES = re.compile(r"caption|^image$|pcaption|photo-?cms", re.IGNORECASE)


@dataclass
class PageFacts:
    """What the page states about its article (empty strings where it says nothing)."""

    title: str = ""
    lead: str = ""
    date: str = ""  # "YYYY-MM-DD HH:MM" or "YYYY-MM-DD"
    author: str = ""
    site: str = ""
    url: str = ""
    container: str = ""  # the selector the story was found with
    blocks: list[Block] = field(default_factory=list)  # the story inside the container, boxes left out
    removed: list[Removed] = field(default_factory=list)  # the boxes, with their reasons

    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


def read_page(tree) -> PageFacts:
    """The facts of a page parsed by lxml (``trafilatura.load_html``); the tree is not changed."""
    from copy import deepcopy

    tree = deepcopy(tree)
    facts = PageFacts()
    og_title = _metadata(tree, facts)
    if not facts.title:  # JSON-LD's headline first: a page's only h1 can be a section banner
        h1 = _select(tree, "h1")
        facts.title = (norm(h1[0].text_content()) if h1 else "") or og_title
    for selector in CONTAINERS:
        found = [e for e in _select(tree, selector) if len(norm(e.text_content()).split()) >= _MIN_CONTAINER_WORDS]
        if found:
            container = max(found, key=lambda e: len(e.text_content()))
            facts.container = selector
            lead = _lead(tree, container)
            if lead:
                facts.lead = lead
            _read_container(container, facts)
            break
    else:
        lead = _lead(tree, None)
        facts.lead = lead
    if facts.lead and facts.blocks and _same(facts.blocks[0].text, facts.lead):
        facts.blocks.pop(0)  # the container repeats the sapo it also marks up
    if facts.blocks:
        _byline(tree, facts)
    return facts


def _byline(tree, facts: PageFacts) -> None:
    """The author's line after the story, where the site keeps it outside the container."""
    known = {norm(b.text).casefold() for b in facts.blocks[-3:]}
    for selector in BYLINES:
        for element in _select(tree, selector):
            text = norm(element.text_content())
            if text and len(text.split()) <= 8 and text.casefold() not in known and not _inside_box(element):
                facts.blocks.append(Block(BlockKind.BYLINE, text))
                return


def _metadata(tree, facts: PageFacts) -> str:
    """JSON-LD first, then Open Graph and ``article:``/``name`` meta tags; returns the Open Graph title,
    which comes after the page's ``h1``."""
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        for item in _json_ld_items(script.text or ""):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(str(k).endswith(("NewsArticle", "Article", "BlogPosting")) for k in kinds):
                continue
            facts.title = facts.title or norm(str(item.get("headline") or ""))
            facts.date = facts.date or _date(str(item.get("datePublished") or ""))
            facts.author = facts.author or _author(item.get("author"))
            publisher = item.get("publisher")
            if isinstance(publisher, dict):
                facts.site = facts.site or norm(str(publisher.get("name") or ""))
            facts.url = facts.url or str(item.get("url") or item.get("mainEntityOfPage", {}) or "")[:500]
    meta = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        if key and element.get("content") and key not in meta:
            meta[key] = element.get("content")
    facts.site = facts.site or norm(meta.get("og:site_name", ""))
    facts.url = facts.url if facts.url.startswith("http") else meta.get("og:url", "")
    facts.author = facts.author or norm(meta.get("author", "") or meta.get("article:author", ""))
    for key in ("article:published_time", "pubdate", "datepublished", "publishdate", "date", "dc.date.issued"):
        if not facts.date and meta.get(key):
            facts.date = _date(meta[key])
    if not facts.date:
        stamp = next((t.get("datetime") for t in tree.iter("time") if t.get("datetime")), "")
        facts.date = _date(stamp)
    return norm(meta.get("og:title", ""))


def _json_ld_items(text: str) -> list[dict]:
    try:
        data = json.loads(text.strip())
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    flat = []
    for item in items:
        if isinstance(item, dict):
            flat.append(item)
            flat.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
    return flat


def _author(value) -> str:
    if isinstance(value, list):
        return ", ".join(filter(None, (_author(v) for v in value)))
    if isinstance(value, dict):
        return norm(str(value.get("name") or ""))
    return norm(str(value or ""))


_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?")


def _date(value: str) -> str:
    """An ISO 8601 or day-first stamp as ``YYYY-MM-DD HH:MM`` (the page's local time); "" if none."""
    value = value.strip()
    if not value:
        return ""
    match = _DAY_FIRST.match(value)
    if match:
        day, month, year, hour, minute = match.groups()
        try:
            stamp = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
        except ValueError:
            return ""
        return stamp.strftime("%Y-%m-%d %H:%M" if hour else "%Y-%m-%d")
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return stamp.strftime("%Y-%m-%d %H:%M" if "T" in value or " " in value else "%Y-%m-%d")


def _lead(tree, container) -> str:
    """The sapo: a known lead element; else, after the headline, an element whose class says
    so (``summary``, ``sapo``, ``lead``, ``description`` …); else the first sentence after it."""
    for selector in LEADS:
        for element in _select(tree, selector):
            if container is not None and _inside_box(element):
                continue
            text = outlet_tag(norm(element.text_content()))[1]
            if len(text.split()) >= 5:
                return text
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return ""
    following = [e for e in h1.xpath("following::*") if isinstance(e.tag, str) and e.tag not in _SKIP]
    for element in following[:_LEAD_REACH]:
        if container is not None and (element is container or container in element.iterancestors()):
            break  # the story has begun
        text = outlet_tag(norm(element.text_content()))[1]
        if len(text.split()) < 5 or _inside_box(element) or any(a.tag == "a" for a in element.iterancestors()):
            continue
        if _LEAD_CLASS.search(element.get("class") or "") or (
            len(text.split()) >= _LEAD_WORDS and text.endswith((".", "!", "?", "…")) and element.tag in _BLOCKS
        ):
            return text
    return ""


def _read_container(container, facts: PageFacts) -> None:
    """The story's blocks in reading order; each box set aside with its reason."""
    for element in list(container.iterdescendants()):
        if not isinstance(element.tag, str) or container not in element.iterancestors():
            continue  # inside a box already set aside
        reason = _box(element)
        if reason:
            for br in element.iter("br"):
                br.tail = "\n" + (br.tail or "")  # headlines one per <br>: one entry each
            lines = " ".join(element.itertext()).split("\n")  # a box's pieces kept apart by a space
            facts.removed += [Removed(norm(line), reason) for line in lines if norm(line)]
            element.drop_tree()
    tables: dict = {}  # each data table met, by its number
    for element in container.iter():
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            continue
        if any(a.tag in _SKIP for a in element.iterancestors()):
            continue  # a <noscript> picture repeats the lazy-loaded one: its alt text is not set aside twice
        if element.tag == "img" and norm(element.get("alt") or ""):
            facts.removed.append(Removed(norm(element.get("alt")), "image alt text"))
        kind = _BLOCKS.get(element.tag)
        if kind is None or any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in element.iterdescendants()):
            continue
        text = norm(element.text_content())
        if not text:
            continue
        if _CAPTION_CLASSES.search(element.get("class") or "") or any(
            a.tag == "figcaption" or _CAPTION_CLASSES.search(a.get("class") or "") for a in element.iterancestors()
        ):
            kind = BlockKind.CAPTION
        facts.blocks.append(Block(kind, text, cell=_cell(element, tables)))


def _cell(element, tables: dict) -> Cell | None:
    """Where ``element`` stands in a data table (two rows and two columns at least, no picture):
    a layout table, or a picture with its caption in a table, is read as text."""
    td = next((e for e in (element, *element.iterancestors()) if e.tag in ("td", "th")), None)
    row = td.getparent() if td is not None else None
    table = next((e for e in row.iterancestors() if e.tag == "table"), None) if row is not None else None
    if table is None:
        return None
    rows = table.xpath("./tr|./*/tr")
    if len(rows) < 2 or max(len(r.xpath("./td|./th")) for r in rows) < 2 or table.xpath(".//img"):
        return None
    column = sum(
        int(c.get("colspan") or 1) if (c.get("colspan") or "1").isdigit() else 1
        for c in td.itersiblings(preceding=True)
        if c.tag in ("td", "th")
    )
    number = tables.setdefault(table, len(tables))
    header = td.tag == "th" or row.getparent().tag == "thead"
    return Cell(number, rows.index(row) if row in rows else 0, column, header)


def _box(element) -> str:
    """Why an element inside the container is not the story, or ""."""
    if element.tag in _SKIP or in_running_text(element):
        return ""
    marker = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("data-source"))))
    kind = element.get("type") or ""
    classes = (element.get("class") or "").split()
    boxed_story = element.tag in ("article", "table") and ("insert" in marker or classes == ["article"])
    if kind in _RELATED_TYPES or _RELATED.search(marker) or boxed_story:  # Znews: <table class="article">
        return "related-story box inside the article"
    if _ADVERT.search(marker):
        return "advertisement inside the article"
    if _FURNITURE.search(marker):
        return "tags, share or comment box inside the article"
    return ""


# Elements that flow inside a line of text.  An in-text link to another article carries a class
# such as "cms-relate" (PLO, Báo Mới) or "link-inline-content" (Tuổi Trẻ, Thanh Niên, CafeF):
# it is part of its sentence, never a box, whatever its class says.
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "big", "cite", "code", "em", "font", "i", "ins", "label", "mark", "q", "s", "small"}
    | {"span", "strong", "sub", "sup", "time", "u"}
)
_BOX_ATTRIBUTES = ("class", "id", "type", "data-source", "role")


def in_running_text(element) -> bool:
    """An inline element with text beside it in its block: a piece of a sentence."""
    if element.tag not in INLINE_TAGS:
        return False
    block = element.getparent()
    while block is not None and block.tag in INLINE_TAGS:
        block = block.getparent()
    if block is None:
        return False
    own = norm(element.text_content())
    return bool(own) and norm(block.text_content()) != own


# Emphasis only: in running text it is dissolved into its sentence, as trafilatura would glue
# "<em>Hà Nội</em> <em>TP.HCM</em>" into "Hà NộiTP.HCM".
_EMPHASIS = frozenset({"b", "big", "em", "font", "i", "mark", "s", "small", "span", "strong", "u"})


def unbox_inline(tree) -> None:
    """Make every inline element in running text plain text of its sentence: emphasis dissolved,
    the box-like marks (class, id, type) of links and the rest stripped, so that no rule, ours
    or trafilatura's, removes or glues a piece of a sentence."""
    for element in list(tree.iter(*INLINE_TAGS)):
        if not in_running_text(element):
            continue
        if element.tag in _EMPHASIS:
            element.drop_tag()
        else:
            for name in _BOX_ATTRIBUTES:
                element.attrib.pop(name, None)


# Blocks that may be a list of links: a sidebar ("Tin nóng", "Đọc nhiều"), a numbered most-read
# list, a topic menu, an advertorial box, related headlines one per <br> in a table cell.
_LINK_BLOCKS = frozenset({"aside", "dl", "div", "footer", "header", "nav", "ol", "p", "section", "table", "td", "ul"})
_LINKED_SHARE = 0.8  # of a block's letters inside links: boilerplate detectors' link density
_HEADLINE_WORDS = 3  # a link to another article reads as a headline, not as a section's name
_NAVIGATION = "links to other articles (sidebar, most-read list, topic menu or advertorial)"


def set_aside_link_lists(tree) -> list[Removed]:
    """Remove every block whose text is (almost) all links to other articles, wherever it is
    and whatever its class says; each headline is recorded on its own, so is the block's label."""
    removed: list[Removed] = []
    for block in _link_lists(tree):
        links = [norm(a.text_content()) for a in block.iter("a") if a.get("href") is not None]
        label = norm(" ".join(t for t in block.xpath(".//text()[not(ancestor::a)]") if not t.strip().isdigit()))
        removed += [Removed(text, _NAVIGATION) for text in ([label] if _letters(label) else []) + links if text]
        block.drop_tree()
    return removed


def _link_lists(element) -> list:
    if not isinstance(element.tag, str) or element.tag in _SKIP:
        return []
    if element.tag in _LINK_BLOCKS and _link_dense(element):
        return [element]
    return [found for child in element for found in _link_lists(child)]


def _link_dense(block) -> bool:
    links = [norm(a.text_content()) for a in block.iter("a") if a.get("href") is not None]
    links = [text for text in links if text]
    if len(links) < 2 or sum(len(t.split()) for t in links) < _HEADLINE_WORDS * len(links):
        return False
    if any(True for _ in block.iter("h1")):
        return False  # the page's headline sits in it: a header, not a list
    return sum(map(_letters, links)) >= _LINKED_SHARE * _letters(block.text_content())


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _inside_box(element) -> bool:
    """Inside a related-story box (its sapo is another story's).  Only those boxes count: a
    layout column may be called "sidebar-1" and hold the whole article (VnExpress)."""
    return any(_box(a).startswith("related") for a in element.iterancestors())


def _select(tree, selector: str) -> list:
    return _compiled(selector)(tree)


@cache
def _compiled(selector: str):
    """A CSS selector compiled once (a batch reads every page with the same few dozen)."""
    from lxml.cssselect import CSSSelector

    return CSSSelector(selector)


def _same(a: str, b: str) -> bool:
    return norm(a).lower().rstrip(".") == norm(b).lower().rstrip(".")


def norm(text: str) -> str:
    """NFC, with runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())
