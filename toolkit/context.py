"""Features of a block's surroundings, for the second pass.

A reader decides a block by its neighbours as much as by itself: the
teasers under a "Top News" heading are fluent prose but not the article;
a short line between two paragraphs is a subheading; what follows the
closing credit is not article. These features say where a block stands:
its neighbours' first-pass scores, whether it lies in the page's densest
run of article-like text (the maximum-sum segment, as in body-text
extraction), above the headline, under a heading rule, after the closing
credit, next to which rule-decided blocks.
"""
from __future__ import annotations

from collections import Counter

import regex

from .decision import Decision
from .features import EN_STOPWORDS
from .labels import Label

# Labels that close an article when they follow its body.
CLOSERS = frozenset({Label.CREDIT, Label.LEGAL, Label.COMMENT})
_NEAR = 3


def densest_run(probs: list[float], feats: list[dict]) -> tuple[int, int] | None:
    """The contiguous run of blocks with the largest article-likeness mass."""
    best, best_span = 0.0, None
    total, start = 0.0, 0
    for i, (p, f) in enumerate(zip(probs, feats)):
        gain = (p - 0.5) * (1.0 + f["log_words"])
        if total <= 0:
            total, start = gain, i
        else:
            total += gain
        if total > best:
            best, best_span = total, (start, i)
    return best_span


# A region ends at a paragraph this long that reads as article text: a
# "Related" box set inside the article is followed by the article again.
# Teasers, even with a summary line, are shorter.
REGION_END_WORDS = 45
# "An article above" is counted in paragraphs: a column of short kept lines
# (teaser buttons the models missed) is no article, however long it runs.
_PARAGRAPH_WORDS = 12


def article_words_before(decisions: list[Decision], words: list, end: int) -> float:
    """Words of the kept paragraphs above block ``end``."""
    return sum(words[k] for k in range(end) if decisions[k].kept and words[k] >= _PARAGRAPH_WORDS)


def heading_regions(decisions: list[Decision], heading_ids: frozenset, title_index: int | None,
                    words: list | None = None, first: list | None = None) -> dict:
    """Block index -> label of the heading rule whose region it lies in.

    ``first``: the first pass's P(article text) per block. A long paragraph
    it read as article text ends a region even when the second pass, swayed
    by the teasers around it, did not keep it."""
    out = {}
    n = len(decisions)
    for i, d in enumerate(decisions):
        if not (d.fixed and d.rule in heading_ids):
            continue
        if title_index is not None and i < title_index:
            continue  # a box above the article
        # Reader comments are long and fluent too: a comment region runs on over
        # paragraphs, but only after an article. A comment link or count above
        # the story ("12 comments") opens no region that could swallow it.
        runs_on = d.label is Label.COMMENT and words is not None and \
            article_words_before(decisions, words, i) >= REGION_END_WORDS
        j = i + 1
        while j < n and (not decisions[j].fixed or decisions[j].label is d.label) and j != title_index:
            if words is not None and not runs_on and _article_run_words(decisions, words, first, j, d.label) >= REGION_END_WORDS:
                break
            if not decisions[j].fixed:
                out[j] = d.label
            j += 1
    return out


def _article_like(decisions: list[Decision], first: list | None, j: int) -> bool:
    return decisions[j].kept or (first is not None and first[j] >= 0.5)


def _article_run_words(decisions: list[Decision], words: list, first: list | None, j: int, label: Label) -> float:
    """Words of article-like text that opens at block ``j``: one long paragraph, or,
    under a comments heading with no article above it, a run of paragraphs.

    A "comments" link above the story opens no thread: a story of short
    paragraphs (30 words each) ends that region as one long paragraph would."""
    if not _article_like(decisions, first, j):
        return 0.0
    if label is not Label.COMMENT:
        return words[j]
    total = 0.0
    k = j
    while k < len(decisions) and _article_like(decisions, first, k) and not decisions[k].fixed:
        if words[k] >= _PARAGRAPH_WORDS:
            total += words[k]
        k += 1
    return total


# Comment streams: readers' posts each carry a header line (a name and a
# date, "Posted by: ... | ... at 3:22 PM"), which the models read as a byline.
# Several such lines, close together and with text between them, after an
# article are a comment thread even without a "Comments" heading.
_STREAM_MIN_HEADERS = 3
# Header lines: a name and a date, or a forum's "Like / Reply / Report" row,
# which the models read as a byline or a comment control.
_STREAM_HEADERS = frozenset({Label.BYLINE, Label.COMMENT})
_HEADER_MAX_WORDS = 25
# What the models call a post or its header when they miss the thread.
_STREAM_TAKES = frozenset({Label.CONTENT, Label.BYLINE, Label.RELATED, Label.NAVIGATION, Label.UI, Label.LEGAL})
_STREAM_MAX_GAP = 6


_SENTENCE_ENDS = (".", "!", "?", ",", ":", "。", "！", "？", "，", "：", "…")


def _headline_shaped(text: str, words: float) -> bool:
    return words <= 12 and "\n" not in text.strip() and not text.rstrip().endswith(_SENTENCE_ENDS)


def comment_streams(decisions: list[Decision], title_index: int | None, words: list,
                    texts: list[str] | None = None, heading_ids: frozenset = frozenset()) -> dict:
    """Block index -> COMMENT for the blocks of a comment thread told by its repeated header lines.

    A blog's front page repeats "posted by ... at 8:50 AM" too, under each
    post; its items open with a headline, a reader's comment does not."""
    # A post's text between two header lines a byline rule fixed was called a
    # byline by enclosure; it is what the thread's gaps are made of, not a header.
    headers = [i for i, d in enumerate(decisions)
               if d.label in _STREAM_HEADERS and words[i] <= _HEADER_MAX_WORDS and (title_index is None or i > title_index)
               and not (d.rule == "context.enclosed" and d.label is Label.BYLINE)]
    out: dict = {}
    start = 0
    while start < len(headers):
        end = start
        while end + 1 < len(headers) and headers[end + 1] - headers[end] <= _STREAM_MAX_GAP:
            end += 1
        run = headers[start:end + 1]
        start = end + 1
        # A "3 comments:" heading says where the thread begins: the post's own
        # date line and text above it are not part of it.
        opened = [h for h in run if decisions[h].fixed and decisions[h].rule in heading_ids]
        if opened:
            run = [h for h in run if h >= opened[0]]
        gaps = [(a, b) for a, b in zip(run, run[1:]) if b - a > 1]
        if len(run) < _STREAM_MIN_HEADERS or len(gaps) < _STREAM_MIN_HEADERS - 1:
            continue  # bylines in a cluster (author, date, bio) are not a thread
        if article_words_before(decisions, words, run[0]) < REGION_END_WORDS:
            continue  # no article above: these may be the page's own posts
        if texts is not None and 2 * sum(b - a > 2 and _headline_shaped(texts[a + 1], words[a + 1])
                                         for a, b in gaps) >= len(gaps):
            continue  # items that open with a headline: posts, not comments
        # The last post's text follows its header as the others' did.
        tail = max(b - a - 1 for a, b in gaps)
        last = run[-1]
        stop = last + 1
        while stop < len(decisions) and stop <= last + tail and not decisions[stop].fixed:
            stop += 1
        for k in range(run[0], stop):
            # The posts and their header lines, whatever the models called them;
            # an ad or a sign-up box between two posts stays what it is.
            if not decisions[k].fixed and decisions[k].label in _STREAM_TAKES:
                out[k] = Label.COMMENT
        for k in run:
            # A header line a byline rule fixed ('<name> 发表于 2026-05-11
            # 22:16') is a reader's post header once the thread is told.
            if decisions[k].fixed and decisions[k].label is Label.BYLINE:
                out[k] = Label.COMMENT
    return out


# A press release ends with the issuer's boilerplate: "About Jinrui Group"
# and a paragraph on the company, "Forward-looking statements", then "Media
# contact". It is the same on every release the company sends out, so it is
# left out as legal text, as a site's "about us" footer is. The heading names
# an organisation ("About the author", "About our guest" name no one's
# company) and comes after the article, not in the menu.
_ABOUT_HEADING = regex.compile(
    r"(?:About|ABOUT)\s+(?!(?:the|The|THE|this|This|our|Our|your|Your|me|Me|him|Him|her|Her)\b)\p{Lu}[\p{L}\p{N}&.,'’()\- ]{1,60}"
    r"|(?:关于|關於)(?!本|此|这|這|该|該|召开|印发|开展|做好|加强|进一步)[\p{Han}\p{Latin}\p{N}]{2,12}")
_MEDIA_CONTACT = regex.compile(
    r"(?i:media|press|investor|news)\s+(?:contacts?|enquiries|inquiries|relations)\b|(?:媒体|媒體|新闻|新聞|传媒|傳媒)(?:联系|聯繫|聯絡|联络|垂询|垂詢|查询|查詢)"
    r"|(?i:forward[- ]looking\s+statements?|safe\s+harbou?r\s+statement|cautionary\s+(?:note|statement))\b|前瞻性(?:陈述|陳述|声明|聲明)")


def press_boilerplate(decisions: list[Decision], title_index: int | None, words: list, texts: list[str],
                      in_target: list[bool] | None = None) -> list[int]:
    """Blocks of a press release's "About <company>" and media-contact tail, after the article.

    Only a tail: when the article goes on after "About Norbank" (a job
    advert's "How to apply"), the company paragraph is part of it. The tail
    ends at the first rule-decided leftover (a share row, a footer); a
    translation printed below (another language) is no more article."""
    candidates = _press_candidates(decisions, title_index, words, texts)
    if not candidates:
        return []
    members = set(candidates)
    tail = []
    for k in range(candidates[0], len(decisions)):
        if k in members:
            tail.append(k)
        elif decisions[k].fixed and not decisions[k].kept:
            break
        elif decisions[k].kept and (in_target is None or in_target[k]):
            return []
    # A heading the models already left out joins its paragraph; a block in another
    # language (a translated contact list) is left to be called that.
    return [k for k in tail if not decisions[k].kept or in_target is None or in_target[k]]


def _press_candidates(decisions: list[Decision], title_index: int | None, words: list, texts: list[str]) -> list[int]:
    out = []
    kept_words = 0
    n = len(decisions)
    i = 0 if title_index is None else title_index + 1
    while i < n:
        d, text = decisions[i], texts[i].strip()
        if kept_words >= REGION_END_WORDS and not d.fixed and d.label is not Label.TITLE:
            head = text.split("\n", 1)[0].strip()
            about = _ABOUT_HEADING.fullmatch(head) and words[i] <= 150
            if about or (_MEDIA_CONTACT.match(head) and words[i] <= 200):
                out.append(i)
                following = i + 1
                if ("\n" not in text and following < n and not decisions[following].fixed
                        and (about or (head == text and decisions[following].kept))):
                    # The paragraph under the heading: the company profile, or
                    # the forward-looking statement the models took for article
                    # text (what they already left out keeps its own label).
                    out.append(following)
                    i = following
        if decisions[i].kept and i not in out:
            kept_words += words[i]
        i += 1
    return out


# Every page scraped for its article has one. When the passes with context
# leave almost nothing (a blog post under a "Comments" link, an article under
# a teaser heading, a template the second pass reads as one long menu), the
# densest run of blocks the first pass read as article text is the article.
_RESCUE_MIN_WORDS = 40  # a run shorter than this is no evidence of an article
_RESCUE_KEPT_WORDS = 15  # kept fewer words than this: the passes lost the article


def rescued_article(decisions: list[Decision], first: list[float], feats: list[dict],
                    title_index: int | None) -> list[int]:
    """Blocks to restore as article text when the page would come out (nearly) empty."""
    span = densest_run(first, feats)
    if span is None:
        return []
    run = [i for i in range(span[0], span[1] + 1) if first[i] >= 0.5 and not decisions[i].fixed and i != title_index]
    run_words = sum(feats[i]["words"] for i in run)
    kept_words = sum(feats[i]["words"] for i, d in enumerate(decisions) if d.kept and i != title_index)
    if run_words < _RESCUE_MIN_WORDS or kept_words >= _RESCUE_KEPT_WORDS:
        return []
    return [i for i in run if not decisions[i].kept]


# A page that prints its article twice (a desktop and a mobile template in
# one document, a print view) repeats long blocks word for word; an article
# never does. Short lines ("Then...", "Advertisement") may repeat.
_REPEAT_MIN_CHARS = 30
_SPACES = regex.compile(r"\s+")


def repeated_blocks(decisions: list[Decision], texts: list[str]) -> dict:
    """Block index -> index of the earlier kept block it repeats word for word."""
    seen: dict = {}
    out = {}
    for i, (d, text) in enumerate(zip(decisions, texts)):
        if not d.kept or len(text) < _REPEAT_MIN_CHARS:
            continue
        key = _SPACES.sub(" ", text).strip()
        if key in seen and d.label is Label.CONTENT:
            out[i] = seen[key]
        else:
            seen.setdefault(key, i)
    return out


_CELL_SPLIT = regex.compile(r"\s*[|｜\t]\s*")


def _cells(text: str) -> int:
    """Cells of a one-line table row; 0 for a block of several lines."""
    line = text.strip()
    return 0 if "\n" in line else len(_CELL_SPLIT.split(line))


def table_headers(decisions: list, texts: list[str]) -> list[int]:
    """Blocks a menu rule took that head a table: rows of as many cells, with figures, follow.

    A scraper that flattens a table row by row turns its header ("Team |
    Opponent | Result") into a line a menu rule takes. The rule's word is
    withdrawn and the models decide it with its rows, as they would any block.
    """
    out = []
    for i in range(len(texts) - 1):
        d = decisions[i]
        if d is None or not (d.fixed and d.label is Label.NAVIGATION):
            continue
        if _figure_rows(texts, i):
            out.append(i)
    return out


def _figure_rows(texts: list[str], i: int) -> list[int]:
    """The rows of figures under block ``i`` with as many cells as it has (three or more)."""
    cells = _cells(texts[i])
    rows = []
    j = i + 1
    while cells >= 3 and j < len(texts) and _cells(texts[j]) == cells and any(ch.isdigit() for ch in texts[j]):
        rows.append(j)
        j += 1
    return rows


def table_header_rows(decisions: list[Decision], texts: list[str]) -> dict[int, int]:
    """Header rows the models decided apart from their table: {header: first row}.

    A table flattened row by row ("Team | Opponent | Result", then rows of
    as many cells with figures) is one thing: kept or left out whole. When
    the rows agree and their header went the other way, the header follows."""
    out = {}
    for i in range(len(texts) - 2):
        if decisions[i].fixed or decisions[i].label is Label.TITLE:
            continue
        rows = _figure_rows(texts, i)
        if len(rows) >= 2 and len({decisions[k].kept for k in rows}) == 1 and decisions[rows[0]].kept != decisions[i].kept \
                and not any(ch.isdigit() for ch in texts[i]):
            out[i] = rows[0]
    return out


_DATA_SOURCE = regex.compile(r"\A\s*(?:(?i:source|sources|data|data\s+source)|来源|來源|资料来源|資料來源|数据来源|數據來源)\s*[:：]")


def table_sources(decisions: list, texts: list[str]) -> list[int]:
    """Blocks a byline rule took that give a table's data source: "Source: X" right under its rows.

    A table's "Source: Neighbourhood Food Council" reads like an article's
    byline, but it follows rows of cells, not a headline: the rule's word is
    withdrawn and the models decide it with the table."""
    out = []
    for i in range(2, len(texts)):
        d = decisions[i]
        if d is None or not (d.fixed and d.label is Label.BYLINE) or not _DATA_SOURCE.match(texts[i]):
            continue
        above = texts[i - 1]
        rows = [line for line in above.split("\n") if line.strip()]
        if (len(rows) >= 2 and all(len(_CELL_SPLIT.split(r.strip())) >= 3 for r in rows)) \
                or (_cells(above) >= 3 and _cells(texts[i - 2]) == _cells(above)):
            out.append(i)
    return out


def article_end(decisions: list[Decision], probs: list[float], title_index: int | None) -> int | None:
    """The first closing credit, footer or comment block after some article text."""
    seen = False
    for i in range(title_index or 0, len(decisions)):
        d = decisions[i]
        if not d.fixed and probs[i] >= 0.5:
            seen = True
        elif seen and d.fixed and d.label in CLOSERS:
            return i
    return None


_LATIN = regex.compile(r"\p{Latin}{3,}")
_HAN_RUN = regex.compile(r"\p{Han}{2,}")


def content_words(text: str) -> set:
    """Words that carry a topic: Latin words of 3+ letters that are not function
    words, and Han character pairs (Chinese has no spaces to split on)."""
    words = {w for w in (m.lower() for m in _LATIN.findall(text)) if w not in EN_STOPWORDS}
    for run in _HAN_RUN.findall(text):
        words.update(run[k:k + 2] for k in range(len(run) - 1))
    return words


def context_features(feats: list[dict], probs: list[float], decisions: list[Decision],
                     title_index: int | None, heading_ids: frozenset, texts: list[str] | None = None) -> list[dict]:
    n = len(feats)
    # Topic overlap: the article's paragraphs share words with its headline
    # and with each other; teasers of other stories do not.
    words = [content_words(t) for t in texts] if texts is not None else [set()] * n
    title_words = words[title_index] if title_index is not None else set()
    body: Counter = Counter()
    for i in range(n):
        if probs[i] >= 0.7 and decisions[i].fixed is False and i != title_index:
            body.update(words[i])
    span = densest_run(probs, feats)
    regions = heading_regions(decisions, heading_ids, title_index, [f["words"] for f in feats])
    end = article_end(decisions, probs, title_index)
    mass = [p * f["words"] for p, f in zip(probs, feats)]
    total_mass = sum(mass) or 1.0
    run_share = _run_shares(probs, mass)
    out = []
    running = 0.0
    for i in range(n):
        f: dict = {"p": probs[i]}
        for name, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                f[f"p_{name}"] = probs[j]
                f[f"log_words_{name}"] = feats[j]["log_words"]
                f[f"stop_{name}"] = feats[j]["stop"]
                f[f"ends_{name}"] = feats[j]["ends_sentence"]
            else:
                f[f"edge_{name}"] = 1.0
        if 0 < i < n - 1:
            # A short line between two paragraphs is a subheading; the same
            # line between two menus is a menu item.
            sandwich = min(probs[i - 1], probs[i + 1])
            f["sandwich"] = sandwich
            if feats[i]["words"] <= 12 and not feats[i]["ends_sentence"]:
                f["sandwich_short"] = sandwich
        if i + 1 < n and feats[i]["words"] <= 12 and not feats[i]["ends_sentence"] and feats[i + 1]["words"] >= 30:
            # A short line that opens a long paragraph heads it, even after a
            # "Read also" link or a table that broke the run of text.
            f["leads_paragraph"] = probs[i + 1]
        window = [probs[j] for j in range(max(0, i - 2), min(n, i + 3)) if j != i]
        f["p_win2"] = sum(window) / len(window) if window else 0.0
        window = [probs[j] for j in range(max(0, i - 5), min(n, i + 6)) if j != i]
        f["p_win5"] = sum(window) / len(window) if window else 0.0
        if span is not None:
            if span[0] <= i <= span[1]:
                f["in_densest"] = 1.0
            elif i < span[0]:
                f["before_densest"] = 1.0
            else:
                f["after_densest"] = 1.0
        if title_index is not None:
            if i < title_index:
                f["before_title"] = 1.0
            elif i == title_index + 1:
                f["right_after_title"] = 1.0
        if end is not None and i < end and i > 0 and probs[i - 1] >= 0.7 and feats[i]["ends_sentence"] \
                and all(decisions[j].fixed for j in range(i + 1, end)):
            # The sentence right above the closing credit, after a paragraph: the
            # article's last line ("By dawn, the buds had survived."), however short.
            f["last_line"] = 1.0
        if end is not None and i > end:
            f["after_article_end"] = 1.0
        elif span is not None and i > span[1] and (end is None or i < end):
            # Between the last run of paragraphs and the first closing credit or
            # footer: where an article's own tail (hours, tickets, what's next)
            # stands, and where teasers start when there is no credit.
            f["tail_zone"] = 1.0
            if feats[i].get("practical"):
                f["tail_practical"] = 1.0
        if i in regions:
            f[f"under:{regions[i].value}"] = 1.0
        before = _nearest_fixed(decisions, i, -1)
        after = _nearest_fixed(decisions, i, +1)
        if before is not None:
            f[f"prev_rule:{decisions[before].label.value}"] = 1.0
        if after is not None:
            f[f"next_rule:{decisions[after].label.value}"] = 1.0
        if before is not None and after is not None and decisions[before].label is decisions[after].label:
            f[f"enclosed:{decisions[before].label.value}"] = 1.0
        if run_share[i]:
            # A second stretch of paragraphs after an ad or a "Read also" link
            # is the article going on, however late on the page it stands.
            f["run_share"] = run_share[i]
        f["mass_before"] = running / total_mass
        running += mass[i]
        f["mass_after"] = 1.0 - running / total_mass
        f["log_words_x_p_win2"] = feats[i]["log_words"] * f["p_win2"]
        own = words[i]
        if own:
            if title_words and i != title_index:
                f["title_overlap"] = len(own & title_words) / len(title_words)
            mine = 1 if probs[i] >= 0.7 and not decisions[i].fixed and i != title_index else 0
            shared = sum(1 for w in own if body[w] - mine > 0)
            f["body_overlap"] = shared / len(own)
        out.append(f)
    return out


def _run_shares(probs: list[float], mass: list[float]) -> list[float]:
    """For each block in a run of article-like blocks (first pass >= 0.5), that
    run's mass against the heaviest run's; 0 outside runs."""
    n = len(probs)
    out = [0.0] * n
    runs = []
    i = 0
    while i < n:
        if probs[i] < 0.5:
            i += 1
            continue
        j = i
        while j < n and probs[j] >= 0.5:
            j += 1
        runs.append((i, j, sum(mass[i:j])))
        i = j
    heaviest = max((m for _, _, m in runs), default=0.0)
    if heaviest > 0:
        for start, end, m in runs:
            for k in range(start, end):
                out[k] = m / heaviest
    return out


def _nearest_fixed(decisions: list[Decision], i: int, step: int) -> int | None:
    j = i + step
    for _ in range(_NEAR):
        if not 0 <= j < len(decisions):
            return None
        if decisions[j].fixed:
            return j
        j += step
    return None


def rule_features(decision: Decision | None) -> dict:
    """A rule-decided block's label as a feature (for the label model)."""
    return {f"rule:{decision.label.value}": 1.0} if decision is not None else {}
