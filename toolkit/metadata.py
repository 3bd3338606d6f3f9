"""Title and metadata of a page, from its blocks and the first-pass decisions.

The headline is chosen among the short blocks near the top by a small
learned model (``title`` in model.json) over what makes a block read as the
headline: its shape (one line, no closing full stop, a headline's length),
what follows it (a byline, the article's first paragraphs, which repeat its
words), what precedes it (a breadcrumb that often ends with it), and where
it stands against the page's densest run of article text. Metadata comes
from the blocks labelled byline or credit, parsed by :mod:`toolkit.credits`.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

from .context import content_words
from .credits import (byline_names, dateline_author, dateline_date, dateline_source, day_first_slash_date, parse_credits,
                      read_credits)
from .decision import Decision
from .labels import Label
from .page import Page

_TITLE_MAX = {"zh": 80, "ja": 80, "ko": 100}
_TITLE_MAX_DEFAULT = 220
_ENDS_WITH_STOP = regex.compile(r"[.。;；,，:：]\s*$")
_WORD = regex.compile(r"\p{Han}|[\p{L}\p{N}]+")
_SEGMENT_BREAK = regex.compile(r"\s*[|｜•·/›»>]\s*|[\s\u3000]{2,}|\u3000")
_MENU_ITEM_LATIN = 12
_MENU_ITEM_HAN = 7
_HAN = regex.compile(r"\p{Han}")
SEARCH_WINDOW = 40
TITLE_THRESHOLD = 0.05
# Leftovers above a headline that may repeat it: the trail ending in it, a byline quoting it.
_MAY_REPEAT_HEADLINE = (Label.NAVIGATION, Label.BYLINE, Label.RELATED)
_META_LABELS = (Label.BYLINE, Label.CREDIT)


def title_candidates(page: Page, decisions: list[Decision]) -> list[int]:
    """Blocks that could be the headline: short, one line, not decided by a rule."""
    out = []
    for i in range(min(len(page.blocks), SEARCH_WINDOW)):
        block, d = page.blocks[i], decisions[i]
        text = block.text
        if d.fixed or "\n" in text or len(text) < 4 or len(text) > _TITLE_MAX.get(block.lang, _TITLE_MAX_DEFAULT):
            continue
        if _menu_shaped(text):
            continue
        out.append(i)
    return out


def _segments(text: str) -> list[str]:
    return [seg for seg in _SEGMENT_BREAK.split(text) if seg.strip()]


def _menu_shaped(text: str) -> bool:
    """Several short items in a row ("公司新闻　　行业动态　　媒体报道", "News | Sport |
    Weather"): a menu, never a headline, which has one or two parts at most."""
    segments = _segments(text)
    if len(segments) < 3:
        return False
    # A Chinese menu item is two to six characters; a Hong Kong or Taiwan
    # headline parts its clauses with ideographic spaces, eight or more each.
    limit = _MENU_ITEM_HAN if _HAN.search(text) else _MENU_ITEM_LATIN
    return sum(len(seg) for seg in segments) / len(segments) <= limit


def _headline_shaped(text: str) -> bool:
    return "\n" not in text and 20 <= len(text) <= _TITLE_MAX_DEFAULT and not _ENDS_WITH_STOP.search(text) \
        and not _menu_shaped(text)


# The scraped <title> line, when a page keeps it, is among its first blocks.
_PAGE_TITLE_WINDOW = 8
_SITE_PART_MAX = 80
_TITLE_JOINT_AFTER = regex.compile(r"\s*[|｜_\-–—·:：]\s*\S")
_TITLE_JOINT_BEFORE = regex.compile(r"\S\s*[|｜_\-–—·:：]\s*$")


def _in_page_title(text: str, earlier: list[str]) -> bool:
    """An earlier block is this one joined to the site's name: "Headline | Fathom", "Fathom - Headline"."""
    key = _folded(text)
    if len(key) < 8:
        return False
    for other in earlier:
        folded = _folded(other)
        if folded == key or len(folded) - len(key) > _SITE_PART_MAX:
            continue
        if folded.startswith(key) and _TITLE_JOINT_AFTER.match(folded, len(key)):
            return True
        if folded.endswith(key) and _TITLE_JOINT_BEFORE.search(folded[: len(folded) - len(key)]):
            return True
    return False


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Spaces collapsed and case folded; cached, as every candidate compares itself with the same blocks."""
    return " ".join(text.split()).casefold()


def _words(text: str) -> set:
    return {w.lower() for w in _WORD.findall(text)}


def body_words(page: Page, decisions: list[Decision]) -> Counter:
    """How many article-like blocks (kept, not by a rule) each topic word occurs in."""
    body: Counter = Counter()
    for block, d in zip(page.blocks, decisions):
        if d.kept and not d.fixed:
            body.update(content_words(block.text))
    return body


def candidate_features(page: Page, decisions: list[Decision], features: list[dict], i: int, rank: int,
                       densest_start: int | None, target: str, body: Counter | None = None) -> dict:
    blocks, n = page.blocks, len(page.blocks)
    block, f = blocks[i], features[i]
    text = block.text
    x = {"bias": 1.0, f"t_rank{min(rank, 4)}": 1.0}
    for key in ("separators", "digits", "capitalised", "ends_sentence", "sentences", "han_share", "log_words", "position"):
        x[f"t_{key}"] = f[key]
    for key in f:
        if key.startswith("w<") or key.startswith("w>="):
            x[f"t_{key}"] = 1.0
    if _ENDS_WITH_STOP.search(text):
        x["t_ends_stop"] = 1.0
    if len(_segments(text)) >= 3:
        x["t_segments3"] = 1.0
    if f.get("fields"):
        x["t_credits"] = 1.0
    if block.lang not in (target, "und"):
        x["t_not_target"] = 1.0
    if any(b.text == text for b in blocks if b.index != i):
        x["t_repeated"] = 1.0
    for step, name in ((1, "next"), (2, "next2"), (-1, "prev")):
        j = i + step
        if 0 <= j < n:
            d = decisions[j]
            if d.label is Label.BYLINE or (abs(step) == 1 and features[j].get("fields")):
                x[f"t_{name}_byline"] = 1.0
            if d.fixed and d.label is Label.NAVIGATION:
                x[f"t_{name}_nav"] = 1.0
            if d.fixed and d.label not in (Label.BYLINE, Label.NAVIGATION):
                x[f"t_{name}_other_rule"] = 1.0
    for step, name in ((-1, "prev"), (1, "next")):
        j = i + step
        if 0 <= j < n and not decisions[j].fixed and _headline_shaped(blocks[j].text):
            # Two headline-shaped lines in a row: a kicker and its headline, or a
            # headline and its standfirst; which is longer tells them apart.
            x[f"t_{name}_headline_shaped"] = 1.0
            if (len(blocks[j].text) > len(text)) == (step > 0):
                x[f"t_{name}_headline_{'longer' if step > 0 else 'shorter'}"] = 1.0
    if _in_page_title(text, [blocks[j].text for j in range(min(i, _PAGE_TITLE_WINDOW))]):
        # The browser tab's title above it: "Headline | Site", "Headline_栏目_站点".
        x["t_in_page_title"] = 1.0
    if any(decisions[j].fixed and decisions[j].rule.endswith("breadcrumb") for j in range(i + 1, min(n, i + 5))):
        # The trail comes between the site's name and the headline: a block above it is the masthead.
        x["t_before_crumb"] = 1.0
    following = [decisions[j].score if decisions[j].label is Label.CONTENT else 0.0 for j in range(i + 1, min(n, i + 4))]
    x["t_next_content"] = max(following, default=0.0)
    own = _words(text)
    if own:
        after = set().union(*(_words(blocks[j].text) for j in range(i + 1, min(n, i + 6)))) if i + 1 < n else set()
        x["t_words_in_next"] = len(own & after) / len(own)
        crumbs = [blocks[j].text for j in range(0, i) if decisions[j].label is Label.NAVIGATION]
        key = _folded(text)
        if len(key) >= 8 and any(key in _folded(c) for c in crumbs):
            x["t_in_breadcrumb"] = 1.0
        if len(key) >= 8 and any(decisions[j].fixed and not decisions[j].kept and key in _folded(blocks[j].text)
                                 and (j >= i + 3 or (j < i and decisions[j].label not in _MAY_REPEAT_HEADLINE))
                                 for j in range(n)):
            # The site's name comes back in the footer ("© 2026 Coastal Waters Agency") or in
            # the cookie banner above ("Cookies on the Coastal Waters Agency website"); a headline
            # does not (a breadcrumb or a byline above may repeat it).
            x["t_in_footer"] = 1.0
    if body is not None:
        # A headline's words come back in its article; a masthead's, a photo
        # credit's or a page counter's do not.
        topic = content_words(text)
        if topic:
            own = 1 if decisions[i].kept and not decisions[i].fixed else 0
            x["t_body_overlap"] = sum(1 for w in topic if body[w] - own > 0) / len(topic)
    if densest_start is not None:
        gap = densest_start - i
        x["t_gap_" + ("after" if gap < 0 else "0-1" if gap <= 1 else "2-3" if gap <= 3 else "4-8" if gap <= 8 else "far")] = 1.0
    return x


def find_title(page: Page, decisions: list[Decision], features: list[dict], target: str,
               model=None, densest_start: int | None = None) -> int | None:
    """Index of the headline block, or None when no block reads as one."""
    candidates = title_candidates(page, decisions)
    if not candidates:
        return None
    if model is None:
        return _first_plausible(page, candidates, features)
    best, best_p = None, TITLE_THRESHOLD
    body = body_words(page, decisions)
    for rank, i in enumerate(candidates):
        p = model.probability(candidate_features(page, decisions, features, i, rank, densest_start, target, body))
        if p > best_p:
            best, best_p = i, p
    return best


def _first_plausible(page: Page, candidates: list[int], features: list[dict]) -> int | None:
    """Before any model exists (bootstrapping the training): the first short, unpunctuated block."""
    for i in candidates:
        if features[i]["separators"] == 0 and not _ENDS_WITH_STOP.search(page.blocks[i].text):
            return i
    return None


# Article blocks read for a reporter when no byline names one, and the
# longest of them read as a byline; a wire's dateline may open a story
# below a caption or two, so more are read for it.
_OPENERS = 3
_DATELINE_OPENERS = 5
_BYLINE_MAX_CHARS = 60


def _beside_byline(k: int, decisions: list[Decision]) -> bool:
    """The block at position ``k`` is next to one labelled byline: a name alone there is the writer's."""
    return any(0 <= k + step < len(decisions) and decisions[k + step].label is Label.BYLINE for step in (-1, 1))


def collect_metadata(page: Page, decisions: list[Decision], title_index: int | None = None) -> dict:
    """Metadata fields with the index of the block each came from.

    Returns ``{"source": ("Xinhua", 2), ...}``; the first block to state a
    field wins, as a reader takes the byline over a later repeat. Blocks from
    the headline on are read first: a date strip in the masthead ("Thursday,
    April 9, 2026 · 11°C") is today's date, the byline's is the article's.
    """
    found: dict = {}
    weak: set = set()  # fields found so far only weakly (see read_credits): a later block's statement replaces them
    openers = []  # (position, block) of the first few article blocks: a dateline or a byline the models kept as text
    published_line = ""  # the text the date was read from, for reading a slash date day first
    start = title_index or 0
    order = list(range(start, len(page.blocks))) + list(range(start))
    for k in order:
        block, d = page.blocks[k], decisions[k]
        if len(openers) < _DATELINE_OPENERS and d.label is Label.CONTENT and k >= start:
            openers.append((k, block))
        if d.label not in _META_LABELS:
            continue
        fields, weak_here = read_credits(block.text)
        if not fields and d.label is Label.BYLINE:
            # A byline of names alone: "Ines Marbach, Tomasz Wielgosz & Ruth Adeyemi-Lowe".
            names = byline_names(block.text)
            fields = {"author": names} if names else {}
        for key, value in fields.items():
            if key not in found or (key in weak and key not in weak_here):
                # first statement, or a stated one after a weak one: the byline's date after
                # the footer's "Page last updated", a labelled source after a bare outlet
                found[key] = (value, block.index)
                published_line = block.text if key == "published" else published_line
                weak.discard(key)
                if key in weak_here:
                    weak.add(key)
            elif key == "published" and len(value) > len(found[key][0]) and value.startswith(found[key][0]):
                found[key] = (value, block.index)  # the same day, told to the minute further down
                published_line = block.text
    if "published" in found:
        value, index = found["published"]
        found["published"] = (day_first_slash_date(value, published_line, (block.text for block in page.blocks)), index)
    for k, block in openers[:_OPENERS] if "author" not in found else ():
        # Chinese news names its reporter in the dateline: "〔記者林彥廷／東嶼報導〕";
        # a share row or a credit line the models kept may come first.
        reporters = dateline_author(block.text)
        if not reporters and len(block.text) <= _BYLINE_MAX_CHARS:
            fields = parse_credits(block.text)
            reporters = fields.get("author")
            if fields.get("source") and "source" not in found:
                found["source"] = (fields["source"], block.index)  # "Fonte 來源 Source: X" kept as text
            if not reporters and _beside_byline(k, decisions):
                reporters = byline_names(block.text)  # "Harriet Vale" over "Sunday 8 March 2026"
        if reporters:
            found["author"] = (reporters, block.index)
            break
    for _k, block in openers[:1] if "published" not in found else ():
        # A release that dates itself only in its dateline: "Hong Kong, 12 June 2026 – ...".
        date = dateline_date(block.text)
        if date:
            found["published"] = (date, block.index)
    for _k, block in openers if "source" not in found else ():
        # A wire story names its agency in the dateline only: "HAIKOU, March 5 (Xinhua) --".
        agency = dateline_source(block.text)
        if agency:
            found["source"] = (agency, block.index)
            break
    return found
