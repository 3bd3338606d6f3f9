"""One colour and one short meaning per label, shared by the HTML report and
the terminal view, so a label looks the same wherever a person reads it.

Each entry: (background, accent, meaning). Backgrounds are pale enough that
black text on them stays easy to read; accents are the strong colour used
for borders, chips and terminal text.
"""
from __future__ import annotations

import re

from .labels import Label

LABEL_STYLE: dict[str, tuple[str, str, str]] = {
    Label.TITLE.value: ("#ffffff", "#166534", "the article's headline"),
    Label.CONTENT.value: ("#ffffff", "#15803d", "the article itself"),
    Label.NAVIGATION.value: ("#dbeafe", "#1d4ed8", "menus, breadcrumbs, section links"),
    Label.BYLINE.value: ("#e0e7ff", "#4338ca", "source, date, author lines"),
    Label.CREDIT.value: ("#ede9fe", "#6d28d9", "editor, reporter, photo credits"),
    Label.RELATED.value: ("#fef3c7", "#b45309", "teasers of other articles"),
    Label.BROWSER_NOTICE.value: ("#fee2e2", "#b91c1c", "outdated-browser and compatibility notices"),
    Label.COOKIE.value: ("#ffedd5", "#c2410c", "cookie and privacy banners"),
    Label.SHARE.value: ("#ccfbf1", "#0f766e", "share buttons, QR prompts, print"),
    Label.SUBSCRIBE.value: ("#fce7f3", "#be185d", "newsletter, follow-us, app prompts"),
    Label.LEGAL.value: ("#e7e5e4", "#57534e", "copyright, licences, terms, contact"),
    Label.AD.value: ("#fef9c3", "#a16207", "advertising and sponsored blocks"),
    Label.COMMENT.value: ("#ecfccb", "#4d7c0f", "reader comments and forms"),
    Label.UI.value: ("#f1f5f9", "#475569", "buttons, 'Loading...', empty widgets"),
    Label.OTHER_LANGUAGE.value: ("#e0f2fe", "#0369a1", "article text in another language"),
}
FALLBACK = ("#f3f4f6", "#374151", "")

# Page text may hold control characters (an ESC sequence can repaint a
# terminal; a NUL vanishes in HTML). Show them as their Unicode pictures.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def style(label: str) -> tuple[str, str, str]:
    return LABEL_STYLE.get(label, FALLBACK)


def css_name(label: str) -> str:
    """A class-name-safe form of a label (labels are a closed set; be safe anyway)."""
    return re.sub(r"[^a-z0-9-]", "_", label.lower())


def visible_controls(text: str) -> str:
    """Replace control characters (but newline and tab) by visible stand-ins.

    >>> visible_controls("a\\x1b[2Jb\\x00")
    'a␛[2Jb␀'
    """
    def picture(m):
        c = ord(m.group())
        if c < 0x20:
            return chr(0x2400 + c)
        if c == 0x7F:
            return "\u2421"
        return f"\\x{c:02x}"

    return _CONTROL.sub(picture, text)
