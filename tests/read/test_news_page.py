"""What a news page says about itself: metadata, the article container, the boxes inside it."""

import json

import pytest

from translator.document import BlockKind
from translator.read.html import read_html
from translator.read.news_page import read_page

STORY = "".join(
    f"<p>Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn và các doanh nghiệp tham gia.</p>"
    for n in range(1, 7)
)


def _tree(html: str):
    import trafilatura

    return trafilatura.load_html(html.encode("utf-8"))


def _story_page(head: str):
    """The facts of a page with ``head`` and the story in a known article container."""
    return read_page(_tree(f"<html><head>{head}</head><body><div class='detail-content'>{STORY}</div></body></html>"))


def _ld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps(fields, ensure_ascii=False)}</script>'


def test_json_ld_in_a_graph_gives_headline_date_author_publisher():
    ld = _ld(
        **{
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Trang"},
                {
                    "@type": ["NewsArticle"],
                    "headline": "Tiêu đề từ JSON-LD",
                    "datePublished": "2026-03-12T07:31:00+07:00",
                    "author": [{"@type": "Person", "name": "Hoài Thu"}, {"name": "Minh Anh"}],
                    "publisher": {"name": "Báo Mẫu"},
                },
            ],
        }
    )
    facts = _story_page(head=ld)
    assert (facts.title, facts.date, facts.author, facts.site) == (
        "Tiêu đề từ JSON-LD",
        "2026-03-12 07:31",
        "Hoài Thu, Minh Anh",
        "Báo Mẫu",
    )
    assert facts.container == ".detail-content" and len(facts.blocks) == 6


def test_the_headline_comes_from_json_ld_then_h1_then_open_graph():
    """README: JSON-LD's headline, else the page's h1, else Open Graph.  A page whose only h1 is a
    section banner must not be titled with it."""
    og = '<meta property="og:title" content="Tiêu đề Open Graph">'
    body = f"<h1>Thế giới</h1><div class='detail-content'>{STORY}</div>"

    def title(head: str, body: str) -> str:
        return read_page(_tree(f"<html><head>{head}</head><body>{body}</body></html>")).title

    assert title(_ld(**{"@type": "NewsArticle", "headline": "Tiêu đề thật"}) + og, body) == "Tiêu đề thật"
    assert title(og, body) == "Thế giới"
    assert title(og, body.replace("<h1>Thế giới</h1>", "")) == "Tiêu đề Open Graph"


def test_dates_in_the_forms_pages_write_them():
    for meta, expected in (
        ('<meta property="article:published_time" content="2026-03-12T07:31:00Z">', "2026-03-12 07:31"),
        ('<meta name="pubdate" content="2026-03-12">', "2026-03-12"),
        ('<meta itemprop="datePublished" content="12/03/2026 07:31">', "2026-03-12 07:31"),
        ('<meta name="pubdate" content="31/02/2026">', ""),  # no such day: no date rather than a wrong one
    ):
        assert read_page(_tree(f"<html><head>{meta}</head><body>{STORY}</body></html>")).date == expected, meta


def test_a_related_box_before_the_body_is_a_box_not_the_end_of_the_story():
    """The Tuổi Trẻ case: "TIN LIÊN QUAN" sits inside the article before the body."""
    box = (
        '<div type="RelatedOneNews" class="VCSortableInPreviewMode"><div class="kbwscwl-relatedbox">'
        "<a>TIN LIÊN QUAN</a><ul><li><a>Một bài khác hoàn toàn</a></li></ul></div></div>"
    )
    page = (
        f'<html><body><h1>Tiêu đề</h1><div class="detail-content" data-role="content">{box}{STORY}</div></body></html>'
    )
    doc = read_html(page.encode("utf-8"))
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "Tiêu đề" and len(texts) == 7 and "TIN LIÊN QUAN" not in " ".join(texts)
    removed = {r.text: r.reason for r in doc.removed}
    assert removed["TIN LIÊN QUAN Một bài khác hoàn toàn"] == "related-story box inside the article"


def test_boxes_inside_the_container_are_set_aside_with_their_reasons():
    inner = (
        '<div class="banner-ads"><p>Quảng cáo</p></div>'
        '<article class="ck-cms-insert-news"><a>Bài liên quan ở VietNamNet</a></article>'
        '<div class="social-share"><a>Facebook</a></div>'
        '<table class="article"><tr><td>Bài khác ở Znews</td></tr></table>'
        '<div data-source="tin-lien-quan"><a>Bài đánh dấu bằng data-source</a></div>'
        '<div id="box-quang-cao"><p>Quảng cáo theo id</p></div>'
        '<div type="RelatedOneNews"><a>Bài theo kiểu hộp</a></div>'
    )
    facts = read_page(_tree(f'<html><body><div class="maincontent">{STORY}{inner}</div></body></html>'))
    reasons = {r.text: r.reason for r in facts.removed}
    assert reasons == {
        "Quảng cáo": "advertisement inside the article",
        "Bài liên quan ở VietNamNet": "related-story box inside the article",
        "Facebook": "tags, share or comment box inside the article",
        "Bài khác ở Znews": "related-story box inside the article",
        "Bài đánh dấu bằng data-source": "related-story box inside the article",
        "Quảng cáo theo id": "advertisement inside the article",
        "Bài theo kiểu hộp": "related-story box inside the article",
    }
    assert len(facts.blocks) == 6


def test_a_layout_column_called_sidebar_is_not_a_box():
    """VnExpress wraps its whole article in <div class="sidebar-1">."""
    lead = '<p class="description">Sapo của bài viết về chip bán dẫn.</p>'
    page = f'<html><body><div class="sidebar-1">{lead}<article class="fck_detail">{STORY}</article></div></body></html>'
    facts = read_page(_tree(page))
    assert facts.lead == "Sapo của bài viết về chip bán dẫn." and len(facts.blocks) == 6


def test_a_container_far_shorter_than_the_page_is_not_trusted():
    page = (
        '<html><body><div class="detail-content">'
        + "<p>Một đoạn ngắn của hộp nội dung, đủ dài để được xem là một khung bài viết thật sự trên trang này.</p>" * 4
        + "</div><main>"
        + STORY * 4
        + "</main></body></html>"
    )
    doc = read_html(page.encode("utf-8"))
    [note] = [r for r in doc.removed if r.text.startswith(".detail-content:")]
    assert "general extractor" in note.reason
    assert sum(b.text.startswith("Đoạn thứ") for b in doc.blocks) >= 20


def test_the_title_lead_and_byline_come_from_the_page():
    page = (
        '<html><head><meta property="og:site_name" content="Báo Mẫu"></head><body>'
        '<h1 class="title-page">Tiêu đề của bài</h1><h2 class="singular-sapo">(Dân trí) - Sapo của bài viết mẫu.</h2>'
        f'<div class="singular-content">{STORY}</div><div class="author-name"><b>Hoài Thu</b></div></body></html>'
    )
    doc = read_html(page.encode("utf-8"))
    kinds = [(b.kind, b.text) for b in doc.blocks]
    assert kinds[0] == (BlockKind.TITLE, "Tiêu đề của bài")
    assert kinds[1] == (BlockKind.LEAD, "Sapo của bài viết mẫu.")  # the outlet's tag is no part of it
    assert kinds[-1] == (BlockKind.BYLINE, "Hoài Thu")
    assert doc.meta["site"] == "Báo Mẫu"


def test_open_graph_and_meta_tags_fill_what_json_ld_does_not_say():
    head = (
        '<meta property="og:title" content="Tiêu đề Open Graph"><meta property="og:site_name" content="Báo Mẫu">'
        '<meta property="og:url" content="https://bao.example/bai-1.html"><meta name="author" content="Hoài Thu">'
    )
    facts = _story_page(head)
    assert (facts.title, facts.site, facts.url, facts.author) == (
        "Tiêu đề Open Graph",
        "Báo Mẫu",
        "https://bao.example/bai-1.html",
        "Hoài Thu",
    )


def test_only_the_pages_own_meta_tags_and_time_element_describe_it():
    """Microdata on a related story's card (``<span itemprop=... content=...>``) and edit marks
    (``<ins datetime>``) are not the page's author or date; a page that names no author has none."""
    card = (
        '<div class="box-related"><span itemprop="author" content="Người Khác"></span>'
        '<span itemprop="headline" content="Bài khác"></span></div>'
    )
    body = (
        f'<ins datetime="2019-01-01T08:00">sửa</ins><div class="detail-content">{STORY}</div>{card}'
        '<time datetime="2026-03-12T07:31:00+07:00">12/3/2026</time>'
    )
    facts = read_page(_tree(f"<html><body>{body}</body></html>"))
    assert (facts.author, facts.title, facts.date) == ("", "", "2026-03-12 07:31")


def test_a_box_known_by_its_id_alone_is_set_aside():
    inner = '<div id="related-news"><a>Một bài liên quan khác</a></div>'
    facts = read_page(_tree(f'<html><body><div class="maincontent">{STORY}{inner}</div></body></html>'))
    assert {r.text: r.reason for r in facts.removed} == {
        "Một bài liên quan khác": "related-story box inside the article"
    }


def test_a_lead_the_container_repeats_is_read_once():
    lead = "Sapo của bài viết về chip bán dẫn và kế hoạch đào tạo."
    page = (
        f'<html><body><h1>Tiêu đề</h1><h2 class="singular-sapo">{lead}</h2>'
        f'<div class="singular-content"><p>{lead.upper()}</p>{STORY}</div></body></html>'
    )
    facts = read_page(_tree(page))
    assert facts.lead == lead and facts.blocks[0].text.startswith("Đoạn thứ 1")


def test_an_inline_link_with_a_box_class_stays_in_its_sentence():
    """PLO and Báo Mới mark in-text links "cms-relate": a piece of the sentence, not a related box."""
    linked = (
        '<p>Tây Ban Nha giành chức vô địch <a class="cms-relate" href="/tags/world-cup.html">World Cup</a> thứ hai, '
        'sau <span class="tags">kỳ tích</span> năm 2010.</p>'
    )
    facts = read_page(_tree(f'<html><body><div class="detail-content">{linked}{STORY}</div></body></html>'))
    assert facts.blocks[0].text == "Tây Ban Nha giành chức vô địch World Cup thứ hai, sau kỳ tích năm 2010."
    assert facts.removed == []


def test_emphasis_side_by_side_keeps_the_space_between_words():
    """trafilatura glues "<b>a</b> <b>b</b>" into "ab": emphasis in running text is dissolved first."""
    words = " ".join(f"<b>từ{n}</b>" for n in range(8))
    page = f"<html><body><main><p>Đoạn văn có {words} ở giữa câu.</p>{STORY}</main></body></html>"
    doc = read_html(page.encode("utf-8"))
    assert f"Đoạn văn có {' '.join(f'từ{n}' for n in range(8))} ở giữa câu." in [b.text for b in doc.blocks]


HEADLINES = ("Cháy nhà trọ ở Thủ Đức, 12 người thoát nạn", "Giá vàng hôm nay lập đỉnh mới", "Xét xử vụ án lừa đảo lớn")


def _links(separator: str, numbered: bool = False) -> str:
    return separator.join(
        f"{f'<span>{n}</span>' if numbered else ''}<a href='/bai-{n}.html'>{text}</a>"
        for n, text in enumerate(HEADLINES, 1)
    )


@pytest.mark.parametrize(
    "box",
    [
        f"<div><h3>Tin nóng</h3>{_links('')}</div>",  # a sidebar with no class at all
        f"<ol class='top-list'>{''.join(f'<li>{x}</li>' for x in _links('|', numbered=True).split('|'))}</ol>",
        f"<table><tr><td>{_links('<br>')}</td></tr></table>",  # related headlines one per <br>
        f"<p>{_links('<br>')}</p>",
    ],
    ids=["sidebar", "numbered most-read", "br in a cell", "br in a paragraph"],
)
@pytest.mark.parametrize("container", [True, False], ids=["in the container", "no container"])
def test_a_block_of_links_to_other_articles_is_navigation_headline_by_headline(box, container):
    body = (
        f"<div class='detail-content'>{STORY[: STORY.index('<p>', 10)]}{box}{STORY[STORY.index('<p>', 10) :]}</div>"
        if container
        else f"<main>{box}{STORY}</main>"
    )
    doc = read_html(f"<html><body><h1>Tiêu đề của bài viết mẫu</h1>{body}</body></html>".encode())
    kept = " ".join(b.text for b in doc.blocks)
    navigation = [r.text for r in doc.removed if r.reason.startswith("links to other articles")]
    assert all(h not in kept for h in HEADLINES) and set(HEADLINES) <= set(navigation)
    assert sum(b.text.startswith("Đoạn thứ") for b in doc.blocks) == 6


NAMES = "Ông <a href='/a.html'>Nguyễn Văn Hùng</a> gặp bà <a href='/b.html'>Trần Thị Lan</a>"


@pytest.mark.parametrize(
    ("text", "story"),
    [
        (f"{NAMES} tại Hà Nội hôm qua.", "Ông Nguyễn Văn Hùng gặp bà Trần Thị Lan tại Hà Nội hôm qua."),
        # only <a> links are links: an image map's areas (no text), a stray href on a CMS's <cite>
        (
            f"{NAMES} theo <cite href='/nguon.html'>báo cáo của Bộ Khoa học và Công nghệ công bố hôm qua</cite>."
            "<map name='m'><area href='/c.html' alt='Bản đồ'><area href='/d.html' alt='Hà Nội'></map>",
            "Ông Nguyễn Văn Hùng gặp bà Trần Thị Lan theo báo cáo của Bộ Khoa học và Công nghệ công bố hôm qua.",
        ),
    ],
    ids=["names", "a cite and an image map"],
)
def test_a_paragraph_with_links_in_its_sentences_is_story(text, story):
    """Two names linked in a sentence: most of its letters are not links."""
    doc = read_html(f"<html><body><div class='detail-content'><p>{text}</p>{STORY}</div></body></html>".encode())
    assert story in [b.text for b in doc.blocks]
    assert doc.removed == []


SAPO = "Giá lúa tại nhiều tỉnh đồng bằng sông Cửu Long tăng 800 đến 1.000 đồng mỗi kg trong tuần qua."


@pytest.mark.parametrize(
    "head",
    [
        f'<header><h1>Giá lúa tăng</h1><div class="article-summary">{SAPO}</div></header><div class="share"></div>',
        f'<div><h1>Giá lúa tăng</h1><div class="meta">20/04/2026</div><h2 class="post-lead">{SAPO}</h2></div>',
        f'<div><h1>Giá lúa tăng</h1><div class="box-description"><p>{SAPO}</p></div></div>',
        f"<div><h1>Giá lúa tăng</h1><p><b>{SAPO}</b></p></div>",
    ],
    ids=["summary", "lead", "description", "the sentence after the h1"],
)
def test_a_sapo_on_a_page_without_a_known_container_is_the_lead(head):
    page = f"<html><body>{head}<section class='text'>{STORY}</section></body></html>"
    doc = read_html(page.encode("utf-8"))
    assert doc.blocks[1].kind is BlockKind.LEAD and doc.blocks[1].text == SAPO
    assert SAPO not in [r.text for r in doc.removed]


DATA_TABLE = (
    "<table><tr><th>Thành phố</th><th>Giá</th></tr><tr><td>Hà Nội</td><td>25.000 đồng</td></tr>"
    "<tr><td>TP.HCM</td><td><p>24.500 đồng</p></td></tr></table>"
)


@pytest.mark.parametrize("container", [True, False], ids=["in the container", "no container"])
def test_a_data_table_keeps_its_cells_places_and_a_picture_table_does_not(container):
    from translator.document import Cell

    picture = "<table><tr><td><img src='a.jpg'></td></tr><tr><td>Ảnh minh họa cho bài viết</td></tr></table>"
    body = f"{STORY}{DATA_TABLE}{picture}"
    body = f"<div class='detail-content'>{body}</div>" if container else f"<main>{body}</main>"
    doc = read_html(f"<html><body><h1>Giá xăng hôm nay</h1>{body}</body></html>".encode())
    places = {b.text: b.cell for b in doc.blocks}
    assert places["Thành phố"] == Cell(0, 0, 0, header=True) and places["Giá"] == Cell(0, 0, 1, header=True)
    assert places["Hà Nội"] == Cell(0, 1, 0) and places["24.500 đồng"] == Cell(0, 2, 1)
    assert places.get("Ảnh minh họa cho bài viết") is None


def test_a_related_box_of_plain_headlines_one_per_br_is_set_aside_headline_by_headline():
    box = "<table class='related-news'><tr><td>" + "<br>".join(HEADLINES) + "</td></tr></table>"
    facts = read_page(_tree(f"<html><body><div class='detail-content'>{STORY}{box}</div></body></html>"))
    assert [r.text for r in facts.removed] == list(HEADLINES)
    assert {r.reason for r in facts.removed} == {"related-story box inside the article"}


def test_a_data_table_of_two_rows_is_a_table():
    from translator.document import Cell

    table = "<table><tr><th>Thành phố</th><th>Giá</th></tr><tr><td>Hà Nội</td><td>25.000 đồng</td></tr></table>"
    doc = read_html(
        f"<html><body><h1>Giá xăng</h1><div class='detail-content'>{STORY}{table}</div></body></html>".encode()
    )
    assert [(b.text, b.cell) for b in doc.blocks if b.cell] == [
        ("Thành phố", Cell(0, 0, 0, header=True)),
        ("Giá", Cell(0, 0, 1, header=True)),
        ("Hà Nội", Cell(0, 1, 0)),
        ("25.000 đồng", Cell(0, 1, 1)),
    ]


def test_a_header_whose_linked_headline_is_the_h1_is_not_a_list_of_links():
    headline = "Giá lúa gạo tăng mạnh trong tuần"
    header = f"<div><h1><a href='/bai-viet'>{headline}</a></h1><a href='/kinh-te'>Tin tức kinh tế thị trường</a></div>"
    doc = read_html(f"<html><body>{header}<div class='detail-content'>{STORY}</div></body></html>".encode())
    assert (doc.blocks[0].kind, doc.blocks[0].text) == (BlockKind.TITLE, headline)


STORY_BLOCKS = [
    (
        BlockKind.PARAGRAPH,
        f"Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn và các doanh nghiệp tham gia.",
    )
    for n in range(1, 7)
]


@pytest.mark.parametrize(
    ("inner", "blocks", "removed"),
    [
        pytest.param(  # a picture's alt text describes it for the blind: set aside once, never the story
            "<figure><img src='a.jpg' alt=' Ảnh   cầu Rồng '><figcaption>Cầu Rồng về đêm</figcaption></figure>"
            "<img src='b.jpg' alt=' '><img data-src='c.jpg' alt='Sông Hàn'><noscript><img src='c.jpg' alt='Sông Hàn'>"
            "</noscript>",
            [(BlockKind.CAPTION, "Cầu Rồng về đêm")],
            [("Ảnh cầu Rồng", "image alt text"), ("Sông Hàn", "image alt text")],  # once, not again from <noscript>
            id="picture",
        ),
        pytest.param(  # a caption known by its own class or its frame's
            "<p class='image-caption'>Ảnh: Minh Hà</p><div class='photo-cms'><p>Ảnh minh họa</p></div>"
            "<table class='image'><tr><td>Ảnh bảng</td></tr></table>",
            [(BlockKind.CAPTION, "Ảnh: Minh Hà"), (BlockKind.CAPTION, "Ảnh minh họa"), (BlockKind.CAPTION, "Ảnh bảng")],
            [],
            id="captions",
        ),
        pytest.param(  # code, a form and what shows without JavaScript are no text of the story
            "<script>var x = 1;</script><noscript><p>Bật JavaScript</p></noscript>"
            "<form><p>Đăng ký nhận tin</p><button>Gửi</button></form><style>p{}</style>",
            [],
            [],
            id="not text",
        ),
        pytest.param(
            "<p>  </p><div><p>Đoạn cuối.</p></div><h3>Tiêu đề phụ</h3><blockquote>Trích dẫn.</blockquote>"
            "<ul><li>Một ý</li></ul>",
            [
                (BlockKind.PARAGRAPH, "Đoạn cuối."),
                (BlockKind.HEADING, "Tiêu đề phụ"),
                (BlockKind.QUOTE, "Trích dẫn."),
                (BlockKind.LIST_ITEM, "Một ý"),
            ],
            [],
            id="kinds",
        ),
    ],
)
def test_the_container_s_story_is_read_block_by_block_and_the_rest_set_aside(inner, blocks, removed):
    """Each block of the story has its kind; what is not the story is absent or set aside with its reason."""
    facts = read_page(_tree(f"<html><body><div class='detail-content'>{STORY}{inner}</div></body></html>"))
    assert [(b.kind, b.text) for b in facts.blocks] == STORY_BLOCKS + blocks
    assert [(r.text, r.reason) for r in facts.removed] == removed


ARTICLE = {"@type": "NewsArticle", "headline": "Tiêu đề thật", "datePublished": "2026-03-12", "author": "Hoài Thu"}


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        pytest.param(  # only an ld+json script is read; a broken one is passed over, not fatal
            '<script type="text/javascript">{"@type": "NewsArticle", "headline": "Không phải"}</script>'
            '<script type="application/ld+json">{hỏng</script>' + _ld(**ARTICLE),
            ("Tiêu đề thật", "2026-03-12", "Hoài Thu", ""),
            id="ld+json only",
        ),
        pytest.param(  # the type in any case, a list with things that are no objects
            f'<script type="Application/LD+JSON">[1, "x", {json.dumps(ARTICLE, ensure_ascii=False)}]</script>',
            ("Tiêu đề thật", "2026-03-12", "Hoài Thu", ""),
            id="ld+json list",
        ),
        pytest.param(  # an empty tag says nothing; of two tags of one name the first speaks; no date is no date
            '<meta name="author" content=""><meta name="author" content="Minh Anh">'
            '<meta name="AUTHOR" content="Người Khác"><meta property="article:published_time" content="hôm qua">'
            '<meta name="date" content="2026-03-12 07:31">',
            ("", "2026-03-12 07:31", "Minh Anh", ""),
            id="meta tags",
        ),
        pytest.param(  # what JSON-LD leaves empty, unreadable or relative, the meta tags fill
            _ld(**{**ARTICLE, "headline": "", "datePublished": "không rõ", "url": "/bai-1", "author": None})
            + '<meta property="og:url" content="https://bao.example/bai-1.html">'
            '<meta name="pubdate" content="2026-03-13T08:00:00">',
            ("", "2026-03-13 08:00", "", "https://bao.example/bai-1.html"),
            id="json-ld gaps",
        ),
        pytest.param(  # day first, as Vietnamese pages write it, without a time: the day alone
            '<meta name="author" content="Minh Anh"><meta name="pubdate" content="5/3/2026">',
            ("", "2026-03-05", "Minh Anh", ""),
            id="day-first without a time",
        ),
    ],
)
def test_the_page_s_metadata_comes_from_what_it_states_clearly(head, expected):
    """Title, date, author and address each from the first source that states them readably."""
    facts = _story_page(head)
    assert (facts.title, facts.date, facts.author, facts.url) == expected


OTHER_SAPO = "Sapo của một bài khác nói về chuyện khác hẳn."
CONTAINER = f"<div class='detail-content'>{STORY}</div>"


@pytest.mark.parametrize(
    ("body", "lead"),
    [
        pytest.param(
            f"<h1>Giá lúa</h1><div class='box-tinlienquan'><p class='sapo'>{OTHER_SAPO}</p></div>"
            f"<p class='sapo'>{SAPO}</p>{CONTAINER}",
            SAPO,
            id="another story's sapo in a related box",
        ),
        pytest.param(
            f"<h1>Giá lúa</h1><p class='sapo'>Ảnh: Minh Hà</p><p class='sapo'>{SAPO}</p>{CONTAINER}",
            SAPO,
            id="too short for a sapo",
        ),
        pytest.param(  # short and unfinished, in no known lead element: a lead by its class alone
            f"<h1>Giá lúa</h1><div class='post-excerpt'>Giá lúa tăng mạnh tại miền Tây</div>{CONTAINER}",
            "Giá lúa tăng mạnh tại miền Tây",
            id="marked sapo shorter than a sentence",
        ),
        pytest.param(
            f"<h1>Giá lúa</h1><p>Giá lúa tăng mạnh tại miền Tây</p>{CONTAINER}", "", id="the same line unmarked"
        ),
        pytest.param(f"<h1>Giá lúa</h1>{CONTAINER}<p>{SAPO}</p>", "", id="after the story has begun"),
        pytest.param(f"{CONTAINER}<h1>Giá lúa</h1>", "", id="nothing after the headline"),
    ],
)
def test_the_lead_is_this_story_s_own_sapo_before_its_text(body, lead):
    """A sapo in a related-story box is another story's; a caption-short line is none; the story's
    text is never its lead; and the story is read whole whatever the lead."""
    facts = read_page(_tree(f"<html><body>{body}</body></html>"))
    assert (facts.lead, [(b.kind, b.text) for b in facts.blocks], facts.removed) == (lead, STORY_BLOCKS, [])
