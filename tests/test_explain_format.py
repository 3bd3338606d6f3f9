"""`toolkit explain`: plain when piped, colour on a terminal, Markdown on request."""
from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import toolkit
from toolkit.report import format_explain, format_explain_markdown

ROOT = Path(__file__).parent.parent
SEED = ROOT / "examples" / "seed.txt"
HOSTILE = "\n\n".join([
    "Home > News",
    "A *starred* [link](javascript:alert(1)) with <script>alert(2)</script> | a pipe & $5 and $6",
    "Escape \x1b[2J\x1b]0;owned\x07 and [bold red]markup[/bold red] :smile: in a scraped paragraph that goes on "
    "for long enough to be taken as prose by the cleaner, like any other paragraph of an article would.",
])


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, cwd=ROOT, env=env)


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLORTERM", "COLUMNS")}
    env.update(extra)
    return env


def test_piped_explain_is_todays_plain_text_byte_for_byte():
    result = toolkit.Cleaner().clean(SEED.read_bytes())
    expected = (format_explain(result, str(SEED)) + "\n").encode("utf-8")
    for extra in ([], ["--color", "auto"], ["--color", "never"], ["--format", "text"]):
        out = run("explain", str(SEED), *extra, env=_env(TERM="xterm-256color"))
        assert out.returncode == 0
        assert out.stdout == expected
    assert b"\x1b" not in expected


def _run_on_a_terminal(*args, columns=120):
    """Run the CLI with its standard output on a pseudo-terminal; return what it drew."""
    try:
        master, slave = pty.openpty()
    except OSError as exc:  # a sandbox without /dev/ptmx
        pytest.skip(f"no pseudo-terminal here to stand in for a person's terminal: {exc}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", *args], stdout=slave, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, cwd=ROOT, env=_env(TERM="xterm-256color"))
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    return b"".join(chunks).decode("utf-8")


def test_explain_on_a_terminal_is_in_colour():
    drawn = _run_on_a_terminal("explain", str(SEED))
    assert "\x1b[" in drawn  # ANSI styles: this is the rich view, not the plain one
    plain = _strip_ansi(drawn)
    result = toolkit.clean(SEED.read_bytes())
    assert result.title in plain
    for label in result.leftovers:
        assert f" {label} " in plain
    for b in result.blocks:
        assert b.rule in plain
    assert "tokens: 抱歉 / , / 您" in plain
    # every metadata field, with the block it came from
    for field, ix in result.metadata_blocks.items():
        assert f"{field}: {result.metadata[field]}  (block {ix})" in plain
    # it fits the terminal it was given
    assert max(len(line) for line in plain.splitlines()) <= 120


def test_color_always_colours_even_when_piped():
    out = run("explain", "--color", "always", str(SEED), env=_env(TERM="xterm-256color"))
    assert out.returncode == 0
    assert b"\x1b[" in out.stdout


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07", "", text).replace("\r\n", "\n")


def test_terminal_view_shows_hostile_text_as_text():
    from toolkit.terminal import explain_console, print_explain

    buffer = io.StringIO()
    console = explain_console(force=True, file=buffer, width=200)
    print_explain(console, toolkit.clean(HOSTILE), "hostile")
    drawn = buffer.getvalue()
    assert "\x1b[2J" not in drawn and "\x1b]0;" not in drawn and "\x07" not in drawn  # no terminal control
    plain = _strip_ansi(drawn)
    assert "␛[2J" in plain  # shown, as a picture of the character
    assert "[bold red]markup[/bold red]" in plain and ":smile:" in plain  # not rich markup, not emoji


def test_markdown_is_a_table_of_every_block_and_the_metadata():
    out = run("explain", "--format", "markdown", str(SEED))
    assert out.returncode == 0
    text = out.stdout.decode("utf-8")
    assert "\x1b" not in text
    result = toolkit.clean(SEED.read_bytes())
    rows = [line for line in text.splitlines() if line.startswith("| ") and line[2:3].isdigit()]
    assert [int(r.split("|")[1]) for r in rows] == [b.index for b in result.blocks]
    html = _render_markdown(text)
    tables = html.count("<table>")
    assert tables == 2  # metadata, blocks
    for field, value in result.metadata.items():
        assert f"<td>{field}</td>\n<td>{value}</td>" in html


def _render_markdown(text: str) -> str:
    pytest.importorskip("markdown_it")  # comes with rich
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def test_markdown_escapes_page_text():
    result = toolkit.clean(HOSTILE)
    text = format_explain_markdown(result, "hostile|page.txt")
    html = _render_markdown(text)
    # raw HTML is on in the renderer, and still nothing but our own <br> comes through
    assert "<script" not in html and "<a " not in html and "<em>" not in html
    assert html.count("<strong>") == 1 and "<strong>Title:</strong>" in html  # only our own emphasis
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "\x1b" not in text and "␛\\[2J" in text  # shown as a picture, the [ escaped
    # every row keeps its eight cells despite the pipes in the page
    body = html.split("<tbody>")[-1].split("</tbody>")[0]
    for row in body.split("<tr>")[1:]:
        assert row.count("<td") == 8, row
    # and the cells read as the page did: markup characters are literal
    assert "A *starred* [link](javascript:alert(1)) with &lt;script&gt;alert(2)&lt;/script&gt; | a pipe &amp; $5 and $6" in html
    # notebooks render $...$ as maths: dollars are escaped in the source
    assert "\\$5 and \\$6" in text


def test_markdown_and_colour_flags_are_usage_checked():
    assert run("explain", "--format", "html", str(SEED)).returncode == 2
    assert run("explain", "--color", "sometimes", str(SEED)).returncode == 2
