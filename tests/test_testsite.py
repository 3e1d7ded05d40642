"""The test news site's feeds: each must be what its format requires, or a test reading it proves little."""

from translator.testsite import Site

SITE = Site({"a.html": b"", "b.html": b""}, titles={"a.html": "Giá & xăng"}, base="http://127.0.0.1:8000")


def test_the_rss_1_0_feed_is_the_whole_document_the_format_requires():
    """RSS 1.0 (web.resource.org/rss/1.0/spec): a channel with title, link, description and the
    ``items`` sequence naming every item; then each item, its ``rdf:about`` its link."""
    assert SITE.rdf().decode() == (
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        '<channel rdf:about="http://127.0.0.1:8000/feeds/rdf.xml"><title>Tin</title>'
        "<link>http://127.0.0.1:8000/</link><description>Tin</description>"
        '<items><rdf:Seq><rdf:li rdf:resource="http://127.0.0.1:8000/sites/a.html"/>'
        '<rdf:li rdf:resource="http://127.0.0.1:8000/sites/b.html"/></rdf:Seq></items></channel>'
        '<item rdf:about="http://127.0.0.1:8000/sites/a.html"><title>Giá &amp; xăng</title>'
        "<link>http://127.0.0.1:8000/sites/a.html</link></item>"
        '<item rdf:about="http://127.0.0.1:8000/sites/b.html"><title>b.html</title>'
        "<link>http://127.0.0.1:8000/sites/b.html</link></item>"
        "</rdf:RDF>"
    )
