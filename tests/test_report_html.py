"""`toolkit report`: one self-contained, script-free HTML file.

The first half reads the HTML with the standard library's parser; the second
half loads it in headless Chromium (Debian's /usr/bin/chromium, driven by
playwright) and checks what a person would see, and that a hostile page runs
nothing. The browser tests skip, saying why, where Chromium is absent.
"""
from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import toolkit
from toolkit.htmlreport import render_html

ROOT = Path(__file__).parent.parent
SEED = ROOT / "examples" / "seed.txt"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

HOSTILE = "\n\n".join([
    "Home > News",
    'A "Headline" with <script>alert(1)</script> & friends',
    "<img src=x onerror=alert(2)> This paragraph carries an image tag with an error handler inside the "
    "text of the page, as scraped pages often do when markup leaks into the text, and it must stay text.",
    'Click <a href="javascript:alert(3)">here</a> for more; the report must show the anchor as text and '
    "never make it a link that runs code when someone clicks it, however long the paragraph is.",
    "\" onmouseover=\"alert(4)\" x=\"'><svg onload=alert(5)><iframe src=\"javascript:alert(6)\"></iframe>",
    "Copyright \u00a9 2026 Example. All rights reserved.",
])


def run(*args):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, cwd=ROOT)


class Tree(HTMLParser):
    """Every start tag with its attributes, and the text of each report block."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.blocks: list[dict] = []  # attrs of each <li class="block ..."> plus its .text
        self._in_text = 0
        self._depth = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "block" in classes:
            self.blocks.append({**attrs, "text": ""})
        if self._in_text:
            self._depth += 1
        elif tag == "div" and "text" in classes and self.blocks:
            self._in_text, self._depth = 1, 1

    def handle_endtag(self, tag):
        if self._in_text:
            self._depth -= 1
            if self._depth == 0:
                self._in_text = 0

    def handle_data(self, data):
        if self._in_text:
            self.blocks[-1]["text"] += data


def _csp(tree: Tree) -> str:
    metas = [a for t, a in tree.tags if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
    assert len(metas) == 1
    return metas[0]["content"]


def _assert_inert(tree: Tree):
    """No element that runs or fetches anything; no event handler; links only within the file."""
    names = {t for t, _ in tree.tags}
    assert not names & {"script", "img", "svg", "iframe", "object", "embed", "form", "base", "frame", "video", "audio"}
    for tag, attrs in tree.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action", "formaction", "srcset", "poster"):
            if key in attrs:
                assert attrs[key].startswith("#") or attrs[key].startswith("data:"), (tag, attrs)


# -- the file ------------------------------------------------------------------

def test_seed_report_is_self_contained_and_complete(tmp_path):
    out = tmp_path / "seed.html"
    proc = run("report", str(SEED), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    html = out.read_text(encoding="utf-8")
    tree = Tree(html)
    _assert_inert(tree)
    assert "http://" not in html and "https://" not in html and "url(" not in html and "@import" not in html

    csp = [d.strip() for d in _csp(tree).split(";")]
    assert "default-src 'none'" in csp and "style-src 'unsafe-inline'" in csp
    assert not [d for d in csp if d.startswith("script-src")]

    result = toolkit.Cleaner(tokens="all").clean(SEED.read_bytes())
    # every block, once, in order, its text exactly as in the result
    assert [int(b["data-index"]) for b in tree.blocks] == [b.index for b in result.blocks]
    assert [b["text"] for b in tree.blocks] == [b.text for b in result.blocks]
    assert [b["data-label"] for b in tree.blocks] == [b.label for b in result.blocks]
    assert [b["data-rule"] for b in tree.blocks] == [b.rule for b in result.blocks]
    # kept blocks read as the article
    assert "\n\n".join(b["text"] for b in tree.blocks if b["data-kept"] == "true") == result.article
    # the hover text carries language, rule, score and the jieba tokens of Chinese blocks
    for shown, block in zip(tree.blocks, result.blocks):
        hover = shown["title"]
        assert f"{block.lang} · {block.rule} · {block.score:.2f}" in hover
        if block.tokens:
            assert "jieba: " + " / ".join(block.tokens) in hover
    # one legend item per label on the page, with its count
    legend = {a["data-label"]: int(a["data-count"]) for t, a in tree.tags if "legend-item" in (a.get("class") or "")}
    expected = {}
    for b in result.blocks:
        expected[b.label] = expected.get(b.label, 0) + 1
    assert legend == expected
    # each metadata field names the block it came from, with a link to it
    ids = {a["id"] for _, a in tree.tags if "id" in a}
    rows = [a for t, a in tree.tags if t == "tr" and "data-field" in a]
    assert {r["data-field"] for r in rows} == set(result.metadata)
    links = [a["href"] for t, a in tree.tags if t == "a"]
    for field, ix in result.metadata_blocks.items():
        assert f"#p1-b{ix}" in links and f"p1-b{ix}" in ids


def test_hostile_strings_are_text_everywhere(tmp_path):
    """Page text, file names and metadata are escaped in text and in attributes alike."""
    name = tmp_path / 'a"><img src=x onerror=alert(9)>.txt'
    name.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "r.html"
    proc = run("report", str(name), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    tree = Tree(html)
    _assert_inert(tree)
    result = toolkit.clean(HOSTILE)
    assert [b["text"] for b in tree.blocks] == [b.text for b in result.blocks]
    assert "<script>" not in html and "<img" not in html and "<svg" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # the file name survives, unharmed, as an attribute value
    assert [a["data-page"] for t, a in tree.tags if t == "section" and "data-page" in a] == [str(name)]

    # metadata and rule ids from elsewhere are escaped too
    evil = '"><script>alert(10)</script>'
    b = toolkit.BlockResult(0, "x", "en", False, "ui", evil, 0.5, why=evil, tokens=(evil,))
    r = toolkit.Result("en", evil, {"source": evil}, (b,), metadata_blocks={"source": 0})
    tree = Tree(render_html([(evil, r)]))
    _assert_inert(tree)
    assert tree.blocks[0]["data-rule"] == evil
    assert evil in tree.blocks[0]["title"]


def test_control_characters_are_shown_not_passed_through():
    b = toolkit.BlockResult(0, "bell\x07 esc\x1b[2J", "en", True, "content", "r", 1.0)
    html = render_html([("p", toolkit.Result("en", None, {}, (b,)))])
    assert "\x1b" not in html and "\x07" not in html
    assert "bell\u2407 esc\u241b[2J" in html


def test_many_pages_get_an_index_with_totals_and_links(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "many.html"
    proc = run("report", str(SEED), str(hostile), str(tmp_path / "missing.txt"), "-o", str(out))
    assert proc.returncode == 1  # one input failed, and says so
    assert b"missing.txt" in proc.stderr
    html = out.read_text(encoding="utf-8")
    tree = Tree(html)
    _assert_inert(tree)
    sections = [a for t, a in tree.tags if t == "section" and "data-page" in a]
    assert [s["data-page"] for s in sections] == [str(SEED), str(hostile)]
    links = {a["href"] for t, a in tree.tags if t == "a"}
    for section in sections:
        assert "#" + section["id"] in links
    results = [toolkit.clean(SEED.read_bytes()), toolkit.clean(HOSTILE)]
    totals = {}
    for r in results:
        for b in r.blocks:
            totals[b.label] = totals.get(b.label, 0) + 1
    total_legend = html.split('<ul class="legend-total"', 1)[1].split("</ul>", 1)[0]
    got = {a["data-label"]: int(a["data-count"]) for t, a in Tree("<ul " + total_legend).tags if "data-count" in a}
    assert got == totals
    assert "Could not be cleaned" in html and "missing.txt" in html.split('id="page-1"')[0]


def test_report_takes_cleans_options(tmp_path):
    out = tmp_path / "zh.html"
    assert run("report", str(SEED), "--target", "zh", "--disable", "zh/browser-notice-outdated",
               "-o", str(out)).returncode == 0
    tree = Tree(out.read_text(encoding="utf-8"))
    expected = toolkit.clean(SEED.read_bytes(), target="zh", disable=("zh/browser-notice-outdated",))
    assert [b["data-label"] for b in tree.blocks] == [b.label for b in expected.blocks]
    assert "zh/browser-notice-outdated" not in {b["data-rule"] for b in tree.blocks}
    assert "other-language" in {b["data-label"] for b in tree.blocks}  # the English article, target zh


def test_report_without_output_writes_stdout_and_bad_usage_is_2(tmp_path):
    proc = run("report", str(SEED))
    assert proc.returncode == 0 and proc.stdout.startswith(b"<!DOCTYPE html>")
    assert run("report").returncode == 2


# -- in a real browser ---------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"headless Chromium not found at {CHROMIUM}: `apt-get install chromium` "
                    "(.ci/run does) to run the browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed: pip install -e '.[dev]'")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


def _open(browser, path: Path):
    """A fresh page on ``path``, with every dialog and request recorded."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(20_000)
    seen = {"dialogs": [], "requests": [], "errors": [], "failed": {}}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.on("requestfailed", lambda request: seen["failed"].__setitem__(request.url, request.failure))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, seen


def test_seed_report_in_chromium(browser, tmp_path):
    out = tmp_path / "seed.html"
    assert run("report", str(SEED), "-o", str(out)).returncode == 0
    result = toolkit.clean(SEED.read_bytes())
    page, seen = _open(browser, out)
    try:
        shot = tmp_path / "seed.png"
        page.screenshot(path=str(shot), full_page=True)
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert width == 1280 and height > 1500  # the whole report, not an empty page

        legend = page.eval_on_selector_all(
            "#page-1 ul.legend .legend-item",
            "items => items.map(i => [i.querySelector('.name').innerText, i.querySelector('.count').innerText,"
            " getComputedStyle(i).display])")
        counts = {}
        for b in result.blocks:
            counts[b.label] = counts.get(b.label, 0) + 1
        assert {name: int(n) for name, n, _ in legend} == counts
        assert all(display != "none" for _, _, display in legend)
        assert page.locator("#page-1 ul.legend").is_visible()

        blocks = page.eval_on_selector_all(
            "li.block", "els => els.map(e => [e.dataset.label, e.querySelector('.text').innerText,"
            " getComputedStyle(e).backgroundColor])")
        assert [label for label, _, _ in blocks] == [b.label for b in result.blocks]
        # left-overs are shaded in their label's colour; the article is not
        shade = {label: bg for label, _, bg in blocks}
        assert shade["browser-notice"] == "rgb(254, 226, 226)"
        assert shade["related"] == "rgb(254, 243, 199)"
        assert shade["content"] == "rgba(0, 0, 0, 0)"
        # the kept blocks, as drawn, are the article
        assert "\n\n".join(t for (label, t, _), b in zip(blocks, result.blocks) if b.kept) == result.article

        # tokens and rule are visible in the side column of a Chinese notice
        notice = page.locator("li.block[data-label='browser-notice']").first
        assert notice.locator(".toks .tok").count() > 3
        assert notice.locator(".rule code").is_visible()

        assert seen["requests"] == [out.as_uri()]  # nothing fetched but the file itself
        assert seen["dialogs"] == [] and seen["errors"] == []
    finally:
        page.close()


def test_hostile_page_runs_nothing_in_chromium(browser, tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.html"
    assert run("report", str(src), "-o", str(out)).returncode == 0
    page, seen = _open(browser, out)
    try:
        title = page.title()
        assert title == f"toolkit report: {src}"
        # give any handler a chance: hover every block and click every bit of text
        for block in page.locator("li.block").all():
            block.hover()
            block.locator(".text").click()
        page.wait_for_timeout(300)
        assert seen["dialogs"] == []
        assert page.title() == title
        assert page.url == out.as_uri()  # no click navigated anywhere
        dom = page.evaluate("""() => ({
            active: document.querySelectorAll('script, img, svg, iframe, object, embed, form').length,
            handlers: [...document.querySelectorAll('*')].filter(e =>
                [...e.attributes].some(a => a.name.startsWith('on'))).length,
            jsLinks: [...document.querySelectorAll('[href], [src]')].filter(e =>
                /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
            texts: [...document.querySelectorAll('li.block .text')].map(e => e.textContent),
        })""")
        assert dom["active"] == 0 and dom["handlers"] == 0 and dom["jsLinks"] == 0
        assert dom["texts"] == [b.text for b in toolkit.clean(HOSTILE).blocks]  # shown, as text
        assert "<script>alert(1)</script>" in dom["texts"][1]
        assert seen["requests"] == [out.as_uri()] and seen["errors"] == []
    finally:
        page.close()


def test_content_security_policy_stops_scripts_even_if_escaping_failed(browser, tmp_path):
    """The CSP is a second wall: inject live markup into a real report and it still runs nothing.

    The same injection into a copy without the CSP does run: the check can see a script run.
    """
    out = tmp_path / "seed.html"
    assert run("report", str(SEED), "-o", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    injected = ('<script>document.title="pwned";alert(7)</script>'
                '<img src="x.png" onerror="document.title=\'pwned\';alert(8)">'
                '<a id="js" href="javascript:alert(9)">js</a>')
    broken = html.replace("<main>", "<main>" + injected + '<img src="http://127.0.0.1:9/x.png">', 1)
    bad = tmp_path / "broken.html"
    bad.write_text(broken, encoding="utf-8")
    page, seen = _open(browser, bad)
    try:
        page.locator("#js").click()
        page.wait_for_timeout(300)
        assert seen["dialogs"] == []
        assert page.title() == f"toolkit report: {SEED}"
        # the images were refused by the policy, not fetched
        assert seen["requests"][0] == bad.as_uri()
        assert seen["failed"] == {url: "csp" for url in seen["requests"][1:]}
    finally:
        page.close()

    control = tmp_path / "no-csp.html"
    control.write_text(html.replace("<main>", "<main>" + injected, 1)
                       .replace('http-equiv="Content-Security-Policy"', 'name="removed"'), encoding="utf-8")
    page, seen = _open(browser, control)
    try:
        page.wait_for_timeout(300)
        assert "7" in seen["dialogs"] and page.title() == "pwned"
    finally:
        page.close()


def test_json_and_report_agree_on_the_counts(tmp_path):
    """The numbers a person reads in the report are the ones scripts read in the JSON."""
    data = json.loads(run("clean", "--format", "json", str(SEED)).stdout)
    out = tmp_path / "seed.html"
    run("report", str(SEED), "-o", str(out))
    tree = Tree(out.read_text(encoding="utf-8"))
    legend = {a["data-label"]: int(a["data-count"]) for t, a in tree.tags if "legend-item" in (a.get("class") or "")}
    for label, indexes in data["leftovers"].items():
        assert legend[label] == len(indexes)
