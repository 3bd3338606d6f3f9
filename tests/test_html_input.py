"""Raw HTML input: recognition, decoding, innerText-like blocks, structural evidence, metadata."""
import codecs
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.blocks import split_blocks
from toolkit.decode import normalise_newlines
from toolkit.html import decode_html, html_blocks, looks_like_html

ROOT = Path(__file__).parent.parent
SEED_TXT = ROOT / "examples" / "seed.txt"
SEED_HTML = ROOT / "examples" / "seed.html"


def texts(html):
    return html_blocks(html).texts


def assert_splits_back(page):
    """The page's text view splits into exactly its blocks, each trimmed, none holding a blank line."""
    assert split_blocks(page.text) == page.texts
    assert split_blocks(normalise_newlines(page.text)) == page.texts
    for block in page.blocks:
        assert block.text == block.text.strip() and block.text
        assert all(line and not line.isspace() for line in block.text.split("\n"))
    assert [b.index for b in page.blocks] == list(range(len(page.blocks)))


# ------------------------------------------------------------------ recognition


@pytest.mark.parametrize("data", [
    "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>",
    "<!doctype HTML>\n<p>hi",
    b"\xef\xbb\xbf  \n<!DOCTYPE html>\n<html lang=zh>",
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">',
    "<!-- saved from url=(0014)about:internet -->\n<html>\n<body>text</body>",
    "<html><body>text</body></html>",
    "\n\n<head><meta charset=utf-8></head>",
    "<div class=a><p>One <a href=/x>link</a></p><ul><li>item</li></ul></div>",
    "<p>Hello <b>world</b></p><br>",
    "<!DOCTYPE html><p>你好</p>".encode("utf-16"),  # with a BOM
    "<html><body><p>你好</p></body></html>".encode("utf-16-le"),  # no BOM
])
def test_recognises_html(data):
    assert looks_like_html(data) is True


@pytest.mark.parametrize("data", [
    "Use <b> to make text bold.",
    "x <b>bold</b> y: the only markup in this plain text",
    "if a < b and c > d then <stop>",
    "Chinese Large Models Lead Global Innovation\n\nRecently, agents...",
    "   ",
    "",
    b"",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "抱歉,您使用的浏览器版本过低\n\n<返回首页>",
    None,
    12345,
])
def test_plain_text_is_not_html(data):
    assert looks_like_html(data) is False


def test_seed_files_are_told_apart():
    assert looks_like_html(SEED_TXT.read_bytes()) is False
    assert looks_like_html(SEED_TXT.read_text(encoding="utf-8")) is False
    assert looks_like_html(SEED_HTML.read_bytes()) is True


# ------------------------------------------------------------------ decoding

GB18030_ONLY = "朱镕基说：𠮷野家的菜单。"  # 镕 is outside GB2312, 𠮷 outside GBK


def test_gb18030_only_characters_need_the_superset():
    with pytest.raises(UnicodeEncodeError):
        GB18030_ONLY.encode("gb2312")
    with pytest.raises(UnicodeEncodeError):
        "𠮷".encode("gbk")


@pytest.mark.parametrize("label", ["gb2312", "GB2312", "gbk", "x-gbk", "GB18030"])
def test_meta_gb2312_page_decodes_as_gb18030(label):
    page = f'<html><head><meta charset="{label}"><title>标题</title></head><body><p>{GB18030_ONLY}</p></body></html>'
    text, encoding = decode_html(page.encode("gb18030"))
    assert encoding == "gb18030"
    assert text == page
    assert html_blocks(page.encode("gb18030")).texts == [GB18030_ONLY]


def test_http_equiv_content_type_declares_the_charset():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"</head><body><p>{GB18030_ONLY}</p></body></html>")
    text, encoding = decode_html(page.encode("gb18030"))
    assert (text, encoding) == (page, "gb18030")
    # attribute order reversed, single quotes, upper case
    page = ("<HTML><HEAD><META CONTENT='text/html;charset=GBK' HTTP-EQUIV='content-type'>"
            f"</HEAD><BODY>{GB18030_ONLY}</BODY></HTML>")
    assert decode_html(page.encode("gb18030")) == (page, "gb18030")


def test_big5_page_decodes_as_big5hkscs():
    words = "香港特區政府今日公布，嘅士巴士路線將會調整。"  # 嘅 is an HKSCS character, not in plain Big5
    with pytest.raises(UnicodeEncodeError):
        words.encode("big5")
    page = f'<meta http-equiv="content-type" content="text/html; charset=big5"><p>{words}</p>'
    text, encoding = decode_html(page.encode("big5hkscs"))
    assert (text, encoding) == (page, "big5hkscs")
    assert html_blocks(page.encode("big5hkscs")).texts == [words]


def test_byte_order_mark_beats_the_meta_tag():
    page = '<meta charset="gb2312"><p>世界 – ok</p>'
    assert decode_html(codecs.BOM_UTF8 + page.encode("utf-8")) == (page, "utf-8")
    assert decode_html(codecs.BOM_UTF16_LE + page.encode("utf-16-le")) == (page, "utf-16-le")
    assert decode_html(codecs.BOM_UTF16_BE + page.encode("utf-16-be")) == (page, "utf-16-be")


def test_utf16_without_bom():
    page = "<html><body><p>你好，世界</p></body></html>"
    assert decode_html(page.encode("utf-16-le")) == (page, "utf-16-le")


def test_meta_in_a_comment_is_not_a_declaration():
    page = '<!-- <meta charset="big5"> --><meta charset="gbk"><p>镕</p>'
    assert decode_html(page.encode("gb18030")) == (page, "gb18030")


def test_latin1_label_reads_as_windows_1252():
    page = '<meta charset="iso-8859-1"><p>\u201cQuoted\u201d \u2013 caf\u00e9 \u20ac5</p>'
    text, encoding = decode_html(page.encode("cp1252"))
    assert (text, encoding) == (page, "cp1252")
    # bytes cp1252 leaves undefined become C1 controls, as in a browser; nothing raises
    text, _ = decode_html(b'<meta charset="windows-1252"><p>a\x81b\x9dc</p>')
    assert "a\x81b\x9dc" in text


def test_valid_utf8_wins_over_a_stale_legacy_declaration():
    # scrapers re-encode pages to UTF-8 and keep the old <meta>
    page = '<meta charset="gb2312"><p>新华社北京电 国家统计局今天发布数据</p>'
    assert decode_html(page.encode("utf-8")) == (page, "utf-8")


def test_pure_ascii_keeps_its_declared_name():
    assert decode_html(b'<meta charset="gbk"><p>plain</p>') == ('<meta charset="gbk"><p>plain</p>', "gb18030")
    assert decode_html(b"<p>plain</p>") == ("<p>plain</p>", "utf-8")


def test_undeclared_gbk_is_detected():
    words = ("新华社北京四月十二日电，国家统计局今天发布数据显示，一季度国内生产总值同比增长百分之五点三，"
             "消费对经济增长的贡献率继续提高。") * 3
    page = f"<html><body><p>{words}</p></body></html>"
    text, encoding = decode_html(page.encode("gbk"))
    assert text == page and encoding == "gb18030"


def test_damaged_bytes_become_replacement_characters_only_where_damaged():
    words = "国家统计局今天发布数据显示一季度国内生产总值同比增长" * 4
    good = f"<meta charset=utf-8><p>{words}</p>".encode("utf-8")
    cut = good.index(b"<p>") + 3 + 3 * 5  # after five three-byte characters
    text, encoding = decode_html(good[:cut] + b"\xff" + good[cut:])
    assert encoding == "utf-8" and text.count("\ufffd") == 1
    assert text.replace("\ufffd", "") == good.decode("utf-8")
    declared = f'<meta charset="gb2312"><p>{words}</p>'.encode("gb18030")
    text, encoding = decode_html(declared + b"\xff")  # a cut multi-byte tail
    assert encoding == "gb18030"
    assert words in text and text.endswith("\ufffd")


def test_decode_rejects_what_is_not_a_page():
    from toolkit.errors import InputError

    with pytest.raises(InputError):
        decode_html(12345)
    assert decode_html("<p>already text</p>") == ("<p>already text</p>", "str")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_decode_never_raises(data):
    text, encoding = decode_html(data)
    assert isinstance(text, str) and encoding
    codecs.lookup(encoding)


# ------------------------------------------------------------------ hidden and dropped elements


def test_hidden_and_non_rendered_elements_are_dropped():
    page = html_blocks("""<html><head><title>T</title><style>p{color:red}</style>
      <script>var x = "<p>script</p>";</script></head><body>
      <p>visible one</p>
      <p hidden>hidden attribute</p>
      <div aria-hidden="true"><p>aria hidden</p></div>
      <div aria-hidden="false"><p>aria shown</p></div>
      <div style="color: red; DISPLAY : none !important">display none</div>
      <div style="visibility:hidden">visibility hidden</div>
      <span style="display:inline">inline <b>shown</b></span>
      <noscript><p>Please enable JavaScript</p></noscript>
      <template><p>template</p></template>
      <svg><title>svg title</title><text>svg text</text></svg>
      <iframe src="x">iframe fallback</iframe>
      <select><option>option text</option></select>
      <textarea>typed text</textarea>
      <dialog><p>closed dialog</p></dialog>
      <dialog open><p>open dialog</p></dialog>
      <script>document.write("more")</script>
      <p>visible two</p>
    </body></html>""")
    assert page.texts == ["visible one", "aria shown", "inline shown", "open dialog", "visible two"]
    assert_splits_back(page)


def test_hidden_html_or_body_is_ignored():
    # pages hide <body> until a script has run; the text is still the page
    assert texts('<html style="display:none"><body hidden><p>shown</p></body></html>') == ["shown"]


def test_a_page_hidden_whole_is_read_with_hidden_parts_shown():
    article = "This article body is long enough to be the page. " * 10
    page = html_blocks(f'<body><div id="app" style="display:none"><p>{article.strip()}</p></div>'
                       '<p>Loading...</p></body>')
    assert page.texts == [article.strip(), "Loading..."]
    # but a page with enough visible text keeps its hidden menus hidden
    page = html_blocks(f'<body><ul hidden><li>{"Menu " * 200}</li></ul><p>{article.strip()}</p></body>')
    assert page.texts == [article.strip()]


# ------------------------------------------------------------------ flattening


def test_list_items_are_lines_of_one_block():
    page = html_blocks("""<p>Before</p>
      <ul class="menu">
        <li><a href="/">Home</a></li>
        <li><a href="/news">News</a>
          <ul><li><a href="/news/world">World</a></li><li><a href="/news/china">China</a></li></ul>
        </li>
        <li>About   us</li>
      </ul>
      <ol><li>first</li><li>second</li></ol>
      <dl><dt>Term</dt><dd>Definition</dd></dl>
      <p>After</p>""")
    assert page.texts == ["Before", "Home\nNews\nWorld\nChina\nAbout us", "first\nsecond", "Term\nDefinition",
                          "After"]
    assert page.blocks[1].tag == "ul" and page.blocks[1].path == "html>body>ul"
    assert_splits_back(page)


def test_list_items_holding_blocks_give_blocks():
    page = html_blocks("""<ul class="news">
      <li><h3><a href="/a">First headline</a></h3><p>First summary.</p></li>
      <li><h3><a href="/b">Second headline</a></h3><p>Second summary.</p></li>
    </ul>""")
    assert page.texts == ["First headline", "First summary.", "Second headline", "Second summary."]
    assert [b.heading for b in page.blocks] == [3, 0, 3, 0]


def test_br_makes_lines_and_an_empty_line_ends_the_block():
    page = html_blocks("<div>line one<br>line <i>two</i><br/>\n<br>\nnext  paragraph<br><br><br>last<br></div>")
    assert page.texts == ["line one\nline two", "next paragraph", "last"]
    assert_splits_back(page)
    assert texts("<p><br>&nbsp;<br>text</p>") == ["text"]


def test_table_rows_are_blocks_with_tab_separated_cells():
    page = html_blocks("""<table>
      <thead><tr><th>Name</th> <th>Score</th></tr></thead>
      <tbody>
        <tr><td> Li  Wei </td>
            <td>98</td></tr>
        <tr><td><p>A cell with a paragraph</p></td><td>77</td></tr>
      </tbody></table>""")
    assert page.texts == ["Name\tScore", "Li Wei\t98", "A cell with a paragraph", "77"]
    assert page.blocks[1].tag == "tr"
    assert_splits_back(page)


def test_inline_elements_join_and_white_space_collapses():
    page = html_blocks("""<p>
        Read   the <a href="/r">full
        report</a>,<em>now</em> or <strong> later </strong>.
      </p><p>tabs\tand\nnewlines&nbsp;&nbsp;keep NBSP</p>""")
    assert page.texts == ["Read the full report,now or later .", "tabs and newlines\xa0\xa0keep NBSP"]


def test_links_side_by_side_are_parted_by_a_space():
    assert texts('<div id="nav"><a href="/">Home</a><a href="/n">News</a><a href="/s">Sports</a></div>') == [
        "Home News Sports"]


def test_block_elements_split_inline_runs():
    page = html_blocks('<div>intro <span>text</span><div>inner</div>tail <span style="display:block">own</span>'
                       "end</div><h2>Sub <span>head</span></h2><blockquote>quote</blockquote><hr>after")
    assert page.texts == ["intro text", "inner", "tail", "own", "end", "Sub head", "quote", "after"]
    assert page.blocks[5].heading == 2 and page.blocks[5].tag == "h2"


def test_pre_keeps_its_white_space():
    page = html_blocks("<pre>\n  def f(x):\n      return x  \n\n  print(f(1))\n</pre>")
    assert page.texts == ["def f(x):\n      return x", "print(f(1))"]
    assert_splits_back(page)


def test_a_single_block_of_lines_comes_back_line_by_line():
    # "a\nb" alone would read back as two blocks (split_blocks' rule for text with no blank line)
    page = html_blocks("<ul><li>one</li><li>two</li></ul>")
    assert page.texts == ["one", "two"]
    assert_splits_back(page)


# ------------------------------------------------------------------ structural evidence


def test_link_share_of_a_menu_and_a_paragraph():
    page = html_blocks("""<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
      <p>Read the <a href="/r">full report</a> today.</p>
      <p><a name="anchor">Named anchors</a> are not links.</p>""")
    menu, para, named = page.blocks
    assert menu.link_share == 1.0
    assert para.link_share == pytest.approx(len("fullreport") / len("Readthefullreporttoday."), abs=1e-4)
    assert named.link_share == 0.0


def test_class_and_id_tokens_of_the_block_and_its_ancestors():
    page = html_blocks("""<div id="sidebar-right"><div class="widget relatedPosts">
        <p class="item-title">A teaser</p></div></div>
      <div class="article-body entry-content"><p>Body text</p></div>
      <div class="address shadow"><p>No vocabulary here</p></div>
      <div class="share_buttons social-icons"><p>Share</p></div>""")
    teaser, body, none, share = page.blocks
    assert teaser.tokens == ("post", "related", "sidebar", "widget")
    assert body.tokens == ("article", "body", "content", "entry")
    assert none.tokens == ()
    assert share.tokens == ("share", "social")


def test_ancestry_tells_sibling_elements_apart():
    page = html_blocks("""<body><div><p>One</p><p>Two</p></div><div><p>Three</p></div>
      <div><ul><li>a</li><li>b</li></ul></div></body>""")
    one, two, three, items = page.blocks
    # Same tag path, different elements: only the ancestry says which.
    assert one.path == three.path
    assert one.ancestry[:-1] == two.ancestry[:-1] != three.ancestry[:-1]
    assert one.ancestry[-1] != two.ancestry[-1]
    assert one.ancestry[0] == three.ancestry[0] == items.ancestry[0]  # the <body>
    assert items.tag == "ul" and len(items.ancestry) == len(three.ancestry)


def test_landmark_flags_and_paths():
    page = html_blocks("""<body>
      <header><div class="logo">Site</div><nav><a href="/">Home</a></nav></header>
      <main><article><h1>Headline</h1><p>Body</p><footer>Article footer</footer></article></main>
      <aside><p>Aside</p></aside>
      <div role="navigation">Role nav</div>
      <div role="contentinfo">Role footer</div>
      <footer><p>Copyright</p></footer></body>""")
    get = {b.text: b for b in page.blocks}
    assert (get["Site"].in_header, get["Site"].in_nav) == (True, False)
    assert (get["Home"].in_header, get["Home"].in_nav, get["Home"].region) == (True, True, "nav")
    h1 = get["Headline"]
    assert (h1.in_article, h1.in_main, h1.heading, h1.path) == (True, True, 1, "html>body>main>article>h1")
    assert get["Body"].in_article and not get["Body"].in_footer and get["Body"].region == "main"
    assert get["Article footer"].in_article and get["Article footer"].in_footer
    assert get["Aside"].in_aside and not get["Aside"].in_article and get["Aside"].region == "aside"
    assert get["Role nav"].in_nav and get["Role footer"].in_footer
    assert get["Copyright"].in_footer and not get["Copyright"].in_main
    assert not any((get["Role nav"].in_article, get["Role nav"].in_main, get["Role nav"].in_aside))


def test_heading_level_reaches_inline_children():
    page = html_blocks("<h3><span>Part</span> <a href='#'>three</a></h3><p>plain</p>")
    assert [(b.text, b.heading, b.tag) for b in page.blocks] == [("Part three", 3, "h3"), ("plain", 0, "p")]


# ------------------------------------------------------------------ metadata


def test_seed_page_metadata_and_json_ld():
    page = html_blocks(SEED_HTML.read_bytes())
    assert page.encoding == "utf-8" and page.lang == "en"
    assert page.title == "Chinese Large Models Lead Global Innovation - Science and Technology Daily"
    assert page.meta == {
        "og:title": "Chinese Large Models Lead Global Innovation",
        "og:site_name": "Science and Technology Daily",
        "article:published_time": "2026-05-27T14:23:14+08:00",
        "author": "QI Liming",
        "description": "China's large model technology has made exponential progress and its applications "
                       "are rapidly expanding.",
        "keywords": "AI, large models, open source, tokens",
    }
    assert page.jsonld == {
        "@type": "NewsArticle",
        "headline": "Chinese Large Models Lead Global Innovation",
        "datePublished": "2026-05-27T14:23:14+08:00",
        "author": "QI Liming",
        "publisher": "Science and Technology Daily",
    }


def test_json_ld_graph_lists_and_broken_scripts():
    page = html_blocks("""<html><head>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "broken",}</script>
      <script type="application/ld+json">{"@type": "WebSite", "name": "not an article"}</script>
      <script type="APPLICATION/LD+JSON ">
      <!--
      {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "name": "Org"},
        {"@type": ["NewsArticle"], "headline": "Real\theadline", "datePublished": "2026-05-27",
         "dateModified": "2026-05-28T08:00:00Z",
         "author": [{"@type": "Person", "name": "Ann Lee"}, {"name": "Bo Chen"}, "Ann Lee"],
         "publisher": {"@type": "Organization", "name": "Daily News", "logo": {"url": "x.png"}}}
      ]}
      -->
      </script>
      <meta property="og:title" content="  OG   title ">
      <meta property="og:title" content="second og:title ignored">
      <meta name="Author" content="Ann Lee">
      <meta name="article:modified_time" content="2026-05-28">
      <meta name="robots" content="index">
      <meta name="description" content="">
      </head><body><p>x</p></body></html>""")
    assert page.jsonld == {"@type": "NewsArticle", "headline": "Real headline", "datePublished": "2026-05-27",
                           "dateModified": "2026-05-28T08:00:00Z", "author": "Ann Lee, Bo Chen",
                           "publisher": "Daily News"}
    assert page.meta == {"og:title": "OG title", "author": "Ann Lee", "article:modified_time": "2026-05-28"}
    assert page.title is None


@pytest.mark.parametrize("script", [
    "", "null", "[]", "{", '{"@type": 5}', '{"@type": "Article", "headline": {"x": 1}, "author": 7}',
    '[' * 5000 + ']' * 5000, '{"@graph": ' + '[' * 100 + ']' * 100 + "}",
])
def test_json_ld_never_raises(script):
    page = html_blocks(f'<script type="application/ld+json">{script}</script><p>x</p>')
    assert page.texts == ["x"]
    assert page.jsonld in ({}, {"@type": "Article"})


def test_title_skips_svg_titles_and_collapses_space():
    page = html_blocks("<svg><title>icon</title></svg><html><head><title>\n  A   page\n</title></head></html>")
    assert page.title == "A page"


# ------------------------------------------------------------------ malformed HTML


@pytest.mark.parametrize("html,expected", [
    ("", []),
    ("   \n\t ", []),
    ("plain text, no tags", ["plain text, no tags"]),
    ("<div><p>one<p>two<ul><li>three<li>four</div>", ["one", "two", "three\nfour"]),
    ("</div></span><p>text</p></div></div></body></html></p>", ["text"]),
    ("<p><b>bold <i>both</b> italic</i> plain</p>", ["bold both italic plain"]),
    ("<p>a\x00b</p><div>c\x00</div>\x00", ["ab", "c"]),
    ("<<<>>><p <p>>text</p>&&;&#xffffff;&bogus;", ["<<<>>>", ">text", "&&;\ufffd&bogus;"]),
    ("<table><td>cell<tr><p>orphan", ["orphan", "cell"]),  # a <p> in a table is moved before it, as browsers do
    ("<title>Never closed\n<body><p>body text</p>", ["body text"]),
    ('<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>', ["x"]),
])
def test_malformed_html_never_raises(html, expected):
    page = html_blocks(html)
    assert page.texts == expected
    assert_splits_back(page)


def test_malformed_bytes_never_raise():
    page = html_blocks(b"<p>\xff\xfe\x00 bad \x80 bytes</p>\x00<div>\xe4\xb8</div>")
    assert_splits_back(page)
    assert any("bad" in t for t in page.texts)


def test_five_megabytes_of_nested_divs():
    deep = "<div>" * 1_000_000 + "deep text" + "</div>" * 1_000_000
    assert len(deep) > 5_000_000
    started = time.perf_counter()
    page = html_blocks(deep)
    assert page.texts == ["deep text"]
    assert len(page.blocks[0].path) < 200 and page.blocks[0].path.startswith("html>body>div>")
    assert time.perf_counter() - started < 60
    assert html_blocks("<div>" * 1_000_000).texts == []


def test_moderate_nesting_is_kept_whole():
    page = html_blocks("<section>" + "<div>" * 300 + "<p>deep</p>" + "</div>" * 300 + "</section>")
    assert page.texts == ["deep"]
    path = page.blocks[0].path  # its head and tail
    assert path.startswith("html>body>section>...>div>") and path.endswith(">div>p") and path.count("div") == 23


_PIECES = st.sampled_from([
    "<div>", "</div>", "<p>", "</p>", "<ul>", "<li>", "</li>", "</ul>", "<br>", "<br><br>", "<pre>", "</pre>",
    "<table>", "<tr>", "<td>", "</td>", "<a href=x>", "</a>", "<span hidden>", "</span>", "<b>", "</b>",
    "<script>", "</script>", "<!--", "-->", "&nbsp;", "\u3000", "\n", "\n\n", " ", "\t", "\r", "\x00", "\ufeff",
    "<h2 class='nav'>", "</h2>", "<article>", "text", "文字", "<", ">", "&", "\u2028", "\x0b",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60))
def test_any_markup_flattens_to_blocks_that_split_back(pieces):
    page = html_blocks("".join(pieces))
    assert_splits_back(page)
    for block in page.blocks:
        assert 0.0 <= block.link_share <= 1.0 and 0 <= block.heading <= 6


# ------------------------------------------------------------------ the seed page as HTML


def test_seed_html_gives_back_the_seed_blocks():
    seed_blocks = split_blocks(SEED_TXT.read_text(encoding="utf-8"))
    assert len(seed_blocks) == 22
    page = html_blocks(SEED_HTML.read_bytes())
    assert page.texts == seed_blocks
    assert_splits_back(page)
    assert split_blocks(page.text) == split_blocks(SEED_TXT.read_text(encoding="utf-8"))


def test_seed_html_cleans_like_the_seed_text():
    import toolkit

    page = html_blocks(SEED_HTML.read_bytes())
    from_html = toolkit.clean(page.text).to_dict()
    from_text = toolkit.clean(SEED_TXT.read_bytes()).to_dict()
    # block i of the text pipeline is page.blocks[i]: evidence joins by index
    assert [b["text"] for b in from_html["blocks"]] == page.texts
    assert from_html["leftovers"] == from_text["leftovers"]
    assert from_html["title"] == from_text["title"] == page.meta["og:title"]


def test_seed_html_evidence_matches_its_regions():
    page = html_blocks(SEED_HTML.read_bytes())
    b = page.blocks
    assert b[0].in_nav and b[0].in_header and "breadcrumb" in b[0].tokens and 0 < b[0].link_share < 0.5
    assert b[1].heading == 1 and b[1].in_article and b[1].in_main
    assert "byline" in b[2].tokens
    assert all(x.in_article and x.tag == "p" and x.link_share == 0 for x in b[3:11])
    assert b[11].heading == 2 and all(x.in_aside and "related" in x.tokens for x in b[11:16])
    assert [x.link_share for x in b[12:16]] == [1.0, 0.0, 1.0, 0.0]
    assert all(not (x.in_article or x.in_aside or x.in_header or x.in_footer) for x in b[16:])
    assert all({"popup", "modal"} <= set(x.tokens) for x in b[16:])


# ------------------------------------------------------------------ the benchmark script


def test_parser_benchmark_runs(tmp_path, capsys):
    pytest.importorskip("lxml")
    import gzip
    import runpy

    (tmp_path / "a.html.gz").write_bytes(gzip.compress(SEED_HTML.read_bytes()))
    (tmp_path / "b.html").write_bytes(b"<html><body><p>second page</p></body></html>")
    bench = runpy.run_path(str(ROOT / "benchmarks" / "html_parsers.py"))
    assert bench["main"](["--glob", str(tmp_path / "*.htm*")]) == 0
    out = capsys.readouterr().out
    assert "2 pages" in out and "selectolax/lexbor" in out and "lxml.html" in out
    assert "same block texts from both: 2 of 2 pages" in out


def test_auto_detects_html_whose_closing_tags_lie_past_the_first_64_kb():
    from toolkit.cleaner import _looks_like_html

    big = b'<html lang="en"><meta charset="utf-8"><script>' + b"var x = 1;\n" * 8000 + b"</script><p>Story</p></body></html>"
    assert len(big) > 65536 and _looks_like_html(big)
    no_doctype = b"<head><title>T</title>" + b"<!-- pad -->" * 7000 + b"</head><body><p>x</p></body>"
    assert _looks_like_html(no_doctype)


def test_auto_detects_a_fragment_laid_out_with_many_tags():
    from toolkit.cleaner import _looks_like_html

    fragment = '<text id="x">\n<table width="100%"><tr><td><a href="/a">Home</a></td></tr></table>\n' + \
        "".join(f"<p>Paragraph {i} of the story, with <b>bold</b> words.</p><br>\n" for i in range(12))
    assert _looks_like_html(fragment)
    result = toolkit.clean(fragment)
    assert "<p>" not in result.article


def test_text_that_quotes_a_few_tags_stays_text():
    from toolkit.cleaner import _looks_like_html

    text = "How to embed a video\n\nPaste <iframe src=...> into the <body> of the page, or wrap it in <p> and <div>.\n\nThat is all."
    assert not _looks_like_html(text)
    assert len(toolkit.clean(text).blocks) == 3


def test_leading_comments_are_skipped_in_one_pass():
    """The detector skips comments before <html>; each comment ends at its own "-->", so a page
    of many comments, or one comment never closed, is read in linear time."""
    from toolkit.cleaner import _looks_like_html

    assert _looks_like_html(b"<!-- a -->" * 5000 + b"<html><body><p>x</p>")
    assert not _looks_like_html(b"<!--" + b"a-->" * 20000 + b"x")
    assert not _looks_like_html("<!--" * 30000)


def test_a_lone_opening_tag_in_text_stays_text():
    """'<HEAD>' alone (found by the property test) is text: read as HTML it would vanish. A page whose
    first tag is <html> or <head> is HTML once it closes a tag somewhere in its first 64 KB."""
    from toolkit.cleaner import _looks_like_html

    assert not _looks_like_html("<HEAD>")
    assert [b.text for b in toolkit.clean("<HEAD>").blocks] == ["<HEAD>"]
    assert _looks_like_html("<html><head><title>T</title>")


def test_a_bare_doctype_holds_no_element_and_stays_text():
    # Found by the property test: "<!DOCTYPE HTML" alone parsed as HTML came back with no block.
    result = toolkit.clean("<!DOCTYPE HTML")
    assert [b.text for b in result.blocks] == ["<!DOCTYPE HTML"]
