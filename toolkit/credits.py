"""Parse byline and credit lines into metadata fields.

"Source: X | 2026-05-27 14:23:14 | Author: Y", "By Jane Roe | Updated: Mar 4,
2026", "来源：新华网 时间：2026-04-12 10:30", "责任编辑：王磊", "记者 张伟 李娜"...
A line is read as labelled fields: a label ("Source:", "By", "责任编辑：")
starts a field, the next label or separator ends it. Dates are read by
explicit patterns (ISO, Chinese 年月日, English month names, US m/d/y, the
Minguo calendar) rather than a guessing date library: a byline states its
date in a handful of shapes, and a guess that turns "4/5" into the wrong
month is worse than no date. Dates keep the page's own clock: time zones
are read past, not converted.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .prefilter import fold, necessary_literals, needle_finder

# Full-width digits, colon, slash and space read as ASCII; one character for
# one, so positions in the translated line are positions in the original.
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)},
                            "：": ":", "\u3000": " ", "／": "/", "\u00a0": " "})

_B = r"(?:^|(?<=[\s|｜·•/\[\]【】（）()〔〕，,;；]))"  # a label starts a line or follows a separator
_LABELS = [
    ("source", r"(?i:source|from|本文来源|文章来源|文章來源|来源|來源|稿源|出处|出處|资料来源|資料來源|信息来源|新闻来源|新聞來源)\s*:"),
    ("source", r"(?i:materials\s+provided\s+by)\s+(?=\p{Lu})"),
    ("source", r"!(?:本文|本文章|此文)?(?:转载自|轉載自|转自|轉自)\s*(?:微信公众号|微信公眾號|公众号|公眾號)?\s*"),
    ("ignore", r"(?i:(?:medically\s+)?reviewed\s+by|next\s+review\s+due|fact[- ]?checked\s+by|fact[- ]?checkers?)\s*:?|(?:审稿专家|审稿|審稿)\s*:"),
    ("author", r"(?i:authors?|writers?|written\s+by|story\s+by|text|words|reporters?|本文作者|作者|撰文|撰稿|文字)\s*:"),
    # "by" after a publisher's verb names the publisher, not the writer ("is published by X Group.").
    ("author", r"(?<!(?i:published|sponsored|powered|hosted|supported|provided|funded|owned|operated|managed)\s)"
               r"(?i:by|(?:original(?:ly)?\s+)?written\s+by|story\s+by|reported\s+by|reporting\s+by|posted\s+by)\s+(?=\p{L})"),
    # "By: Dana Roe, Marcus Lee" opens the line or a part of it; "Sort by: Newest" is no byline.
    ("author", r"!(?:^|(?<=[|｜·•/\[\]【】（）()〔〕，,;；\n])|(?<=^[^\p{L}\p{N}]{1,3})|(?<=[|｜·•\n]\s{1,3}))(?i:by)\s*:\s*(?=\p{L})"),
    ("author", r"(?:本报记者|本報記者|记者|記者)\s*:?\s*(?=\p{Han})"),
    ("author", r"!(?<=[社报報台网網心站端])(?:记者|記者)\s*:?\s*(?=\p{Han})"),  # 新闻中心记者, 记者站, 客户端记者
    ("author", r"(?:文|撰文)\s*[/|｜:]\s*"),
    # A WeChat account's credit column: "作者｜林小满\n编辑｜阿禾\n校对｜木木".
    ("author", r"(?:作者|撰稿)\s*[｜|]\s*"),
    ("editor", r"(?:责任编辑|責任編輯|编辑|編輯)\s*[｜|]\s*"),
    ("proofreader", r"(?:校对|校對)\s*[｜|]\s*"),
    ("editor", r"(?i:(?:chief|executive|managing|web|copy)\s+editor|editor\s+in\s+charge|editors?|edited\s+by)\s*:"),
    ("editor", r"(?i:edited\s+by|editing\s+by)\s+(?=\p{Lu})"),
    ("editor", r"(?:责任编辑|責任編輯|编辑|編輯)\s*:"),
    ("translator", r"(?i:translated\s+by|translators?)\s*:?\s*(?=\p{Lu})|(?:译者|譯者|翻译|翻譯)\s*:"),
    ("photographer", r"(?i:photos?\s+by|photographs?\s+by|photographer)\s*:?\s*(?=\p{Lu})|(?i:photos?)\s*:|(?:摄影|攝影)\s*[:/]|(?:图|圖)\s*[/:]\s*"),
    ("proofreader", r"(?i:proofread\s+by|proofreaders?)\s*:?\s*(?=\p{Lu})|(?:校对|校對)\s*:"),
    # The page's upkeep, not the article's: "Page last updated: ...", "This page was last edited on ...".
    ("page_updated", r"(?i:(?:this\s+)?page\s+(?:was\s+)?last\s+(?:updated|modified|edited|reviewed)(?:\s+on)?|(?:page\s+)?last\s+reviewed(?:\s+on)?)\s*:?"),
    ("updated", r"(?i:(?:last\s+)?updated(?:\s+on)?|update\s+time|modified|(?:this\s+page\s+was\s+)?last\s+edited(?:\s+on)?)\s*:?|(?:更新时间|更新時間|修改时间|最后修订日期|最後修訂日期|编辑于|編輯於|更新于|更新於|修改于|修改於)\s*:?"),
    ("published", r"(?i:(?:originally\s+)?published(?:\s+on)?|posted(?:\s+on)?|released(?:\s+on)?|date|time|release\s+(?:time|date))\s*:?(?=\s*[\d\p{Lu}])"
                  r"|(?:发布时间|发布日期|發布日期|發佈日期|發布時間|發佈時間|时间|時間|日期|发表时间|發表時間|北京时间|北京時間)\s*:?"
                  r"|(?:本文)?(?:发表于|發表於|发布于|發佈於|發布於)\s*:?"
                  r"|(?:出版日期|出版時間|出版时间|刊出日期|网络出版日期|網絡出版日期)\s*:"
                  r"|(?:发文日期|發文日期|印发日期|印發日期|公开日期|公開日期)\s*:"),
    # A government notice's index table dates the drafting too; the issue date is the publication.
    ("ignore", r"(?:成文日期|生效日期|失效日期|废止日期|廢止日期)\s*:"),
    # A journal's received and revised dates come before the publication date on the same line.
    ("ignore", r"(?:收稿日期|修回日期|录用日期|錄用日期|接收日期|投稿日期)\s*:|(?i:received|revised|accepted)\s*:"),
    ("ignore", r"(?:初审|一审|二审|三审|终审|初審|二審|三審|終審|审校|審校|监制|監製)\s*:"),
    # A video's crew after its reporters: "记者：A、B　摄像：C　剪辑：D".
    ("ignore", r"(?:摄像|攝像|剪辑|剪輯|后期|後期|配音|制作|製作|统筹|統籌|策划|策劃|美编|美編|视频|視頻|航拍|包装|包裝)\s*:"),
    ("ignore", r"(?i:views|comments|reads)\s*:|(?:阅读|閱讀|浏览次数|瀏覽次數|浏览|瀏覽|点击数|點擊數|点击|點閱數|审核|審核|字号|字號)\s*[:]?"),
]
# A pattern starting with "!" brings its own boundary ("新华社记者 王磊").
_LABEL_RE = [(field, regex.compile(pattern[1:] if pattern.startswith("!") else _B + "(?:" + pattern + ")"))
             for field, pattern in _LABELS]
# A date's segment also ends where Chinese text meets it across a space:
# "東嶼在地新聞　2026/05/02 14:36" is an outlet, then a date.
_DATE_SEGMENT = regex.compile(r"\s*[|｜·•\n]\s*|(?<=\p{Han})\s+(?=\d)|(?<=\d)\s+(?=\p{Han})")
_SEPARATOR = regex.compile(r"\s*[|｜·•»\n]\s*|\s{3,}|[\]】）)〕]")
_NAME_FIELDS = ("author", "editor", "translator", "photographer", "proofreader")

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_MON = r"(?P<mon>(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*)\.?"
# Named, as the page-level reading of slash dates counts them too (day_first_slash_date).
_MONTH_DAY_YEAR = regex.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b")
_DAY_MONTH_YEAR = regex.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d{2})\b")
_SLASH_DATE = regex.compile(r"(?<![\d/])(?P<us_m>\d{1,2})/(?P<us_d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?!\d)")
_DATES = [
    regex.compile(r"民國\s*(?P<roc>\d{2,3})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    regex.compile(r"(?<![\d.])(?P<roc>1[0-4]\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d.])(?=.*\p{Han}|(?<=\p{Han}.{0,12}))"),
    regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.年－]\s*(?P<m>\d{1,2})\s*[-/.月－]\s*(?P<d>\d{1,2})(?!\d)\s*日?"),
    _MONTH_DAY_YEAR,
    _DAY_MONTH_YEAR,
    regex.compile(r"\b(?P<d>\d{1,2})-" + _MON + r"-(?P<y>(?:19|20)\d{2})\b"),  # 09-Mar-2026
    _SLASH_DATE,
    regex.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])"),  # 18.03.2026, day first
]
_TIME = (r"(?P<half>上午|下午|晚上|凌晨|中午)?\s*(?P<h>\d{1,2})\s*[:.时點点時]\s*(?P<mi>\d{2})"
         r"(?:\s*[:分]\s*(?P<s>\d{2}))?\s*分?\s*(?P<ampm>(?i:[ap]\.?\s?m)\.?)?(?![\d])")
# What may stand between a date and its time: spaces, "at", weekdays, "T".
_TIME_AFTER = regex.compile(
    r"(?:\s|,|T|[–—·|｜•]|(?i:at)|\((?:星期|週|周)\w\)|（(?:星期|週|周)\w）|(?:星期|週|周)[一二三四五六日天]"
    r"|(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?|北京时间|北京時間|香港時間|香港时间|台北時間)*" + _TIME)
# "08:15, Thursday 23 April 2026": a 24-hour clock before the date, set off by a comma or a weekday.
_CLOCK_THEN_DATE = regex.compile(
    r"\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:(?i:[a-z]{2,4})(?:[+-]\d{1,2}(?::?\d{2})?)?\s*)?(?:,|(?i:mon|tue|wed|thu|fri|sat|sun))")
_TIME_BEFORE = regex.compile(_TIME + r"(?:\s*(?i:[a-z]{2,4}(?:[+-]\d{1,2})?|(?:beijing|hong\s+kong|singapore|taipei|local)\s+time))?,?\s*(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*)?$")
# What a date-only line may hold besides its date: weekdays, zones, counts.
_RESIDUE = regex.compile(
    r"(?i:\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:gmt|utc|bst|cst|et|est|edt|pt|pst|pdt|hkt)(?:[+-]\d{1,2}(?::?\d{2})?)?\b|\bat\b|\bon\b|[ap]\.?m\.?)"
    r"|星期.|週.|周.|北京时间|北京時間|香港時間|上午|下午|[\d\W_]")


# Words of running prose; a byline has few of them ("Additional reporting by
# X. Edited by Y." is no sentence).
_PROSE_WORDS = regex.compile(r"(?i)\b(?:the|is|was|were|are|that|this|of|to|in|on|for|with|said|will|has|have|its)\b")
_ROLE_WORDS = regex.compile(
    r"(?i)\b(?:co-?founder|founder|ceo|cto|cfo|coo|engineer|editor|writer|reporter|correspondent|coordinator|manager"
    r"|director|professor|student|officer|spokes(?:person|man|woman)|analyst|designer|developer|researcher|scientist"
    r"|staff|senior|chief|head|lead|intern|columnist|contributor|president|chair|communications|team|bureau|desk|office|press|unit)\b")
# Words before or between Chinese names that are roles or departments, not names.
_ZH_ROLES = regex.compile(r"^(?:实习生|實習生|通讯员|通訊員|见习记者|見習記者|特约记者|特約記者|本报记者|本報記者|记者|記者|摄影|攝影|编辑|編輯|文|图|圖)$")
# Titles written after a Chinese name ("顾明远 主任医师"): the person's rank, not part of the name.
_ZH_TITLES = regex.compile(r"^(?:(?:副)?主任医师|(?:副)?主任醫師|主治医师|主治醫師|医师|醫師|(?:副)?教授|(?:副)?研究员|(?:副)?研究員|博士|讲师|講師|律师|律師|工程师|工程師)$")
# Courtesy titles before a Latin name ("Dr Naomi Achterberg", "Mr D. Ferreira"): not part of the name.
_HONORIFIC = regex.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+(?=\p{Lu})")
_ZH_ORG_SUFFIX = regex.compile(r"(?:科|部|处|處|室|院|所|中心|办|辦|局|厅|廳|委|站|队|隊|组|組|系|会|會|社|报|報|网|網|台)$")


@dataclass(frozen=True, slots=True)
class _Span:
    field: str
    start: int
    end: int


def parse_credits(text: str) -> dict[str, str]:
    """Fields stated by one byline or credit block; {} for prose.

    >>> parse_credits("Source: Science Daily | 2026-05-27 14:23:14 | Author: LI Ming")
    {'source': 'Science Daily', 'author': 'LI Ming', 'published': '2026-05-27T14:23:14'}
    >>> parse_credits("责任编辑：王磊")
    {'editor': '王磊'}
    >>> parse_credits("By 2030, the city plans to double its bike lanes.")
    {}
    """
    return read_credits(text)[0]


def read_credits(text: str) -> tuple[dict[str, str], frozenset]:
    """:func:`parse_credits`, and which of its fields are weak, yielding to
    another block that states them: a date that is only the page's upkeep
    ("Page last updated: ..."), an outlet named without a label."""
    line = text.translate(_FULLWIDTH)
    labels = _find_labels(line)
    dates = _find_dates(line)
    out: dict[str, str] = {}
    for k, span in enumerate(labels):
        if span.field in ("published", "updated", "page_updated", "ignore"):
            continue
        end = labels[k + 1].start if k + 1 < len(labels) else len(line)
        stop = _SEPARATOR.search(line, span.end, end)
        if stop and stop.start() > span.end:
            end = stop.start()
        for date in dates:
            if span.end <= date[0] < end:
                end = date[0]
        opens = _opens_line(line, span.start) or _SENTENCE_END.search(line[:span.start]) \
            or _SEPARATOR.search(line[max(0, span.start - 3):span.start])
        sentence = _VALUE_SENTENCE_END.search(line, span.end, end) if opens else None
        if sentence:
            # "Original written by Jane Roe. Note: ...": a label that opens a sentence ends with it;
            # inside one ("blocks trackers by default. It's fast") it names nobody.
            end = sentence.start()
        value = _clean_value(span.field, line[span.end:end])
        if value and span.field not in out:
            field = span.field
            if field == "author" and regex.search(r"\s(?:摄|攝)$", line[span.end:end].strip()):
                field = "photographer"
            out.setdefault(field, value)
    published, updated_only = _pick_date(line, labels, dates)
    weak = {"published"} if updated_only else set()
    original = _WECHAT_ORIGINAL.match(line)
    writer = _clean_value("author", original.group(1)) if original and "author" not in out else ""
    if writer:
        out["author"] = writer  # "原创　林小满　青柚读书会": the writer, then the account ("原创　眼科中心" names a department)
    # "Cheryl Tam, staff reporter • 2 days ago": a byline with a relative
    # time names its writer as one with a date does, but states no date.
    relative = _RELATIVE_TIME.search(line) if not published else None
    # "Anneke Vos | Continental Press": a name beside an outlet is a byline without a date.
    beside_outlet = (not published and not relative and all(span.field == "author" for span in labels)
                     and _name_beside_outlet(line))
    if published or relative or beside_outlet:
        if published:
            out["published"] = published
        taken = dates + ([(relative.start(), relative.end(), "")] if relative else [])
        segments = _bare_segments(line, labels, taken)
        if "author" not in out:
            # A byline that opens with a bare name: "Dev Okafor | Updated: ...",
            # "Ruth Adeyemi\nSat 7 Feb 2026 06.00 GMT", or names one between
            # its other parts: "March 10, 2026 · Ana Folau and Jesper Lund · 7 min read".
            for begin, segment in segments:
                if relative and not _ROLE_AFTER_NAME.search(segment):
                    continue  # a job or a teaser "posted 3 days ago" names no writer; "Jane Roe, staff reporter" does
                name = _bare_name(_HONORIFIC.sub("", _cut_name(segment)), first=begin == 0)
                if name:
                    out = {"author": name, **out}
                    break
        if "source" not in out and (published or beside_outlet):
            # An outlet named without a label beside the date: "Updated: 2026-03-04 09:15 | Jinghai News Agency".
            for _begin, segment in segments:
                if _is_outlet(segment) and segment != out.get("author"):
                    out["source"] = segment
                    weak.add("source")
                    break
    return out, frozenset(weak)


def _name_beside_outlet(line: str) -> bool:
    """Two parts, a person's name and an outlet's: "Anneke Vos | Continental Press",
    "By Meng Qiao | Lanshan University News Center"."""
    parts = [part.strip() for part in _BARE_SPLIT.split(line) if part.strip()]
    return (len(parts) == 2 and bool(_bare_name(regex.sub(r"^(?i:by)\s+", "", parts[0])))
            and _is_outlet(parts[1]))


def _is_outlet(segment: str) -> bool:
    return bool(_OUTLET.fullmatch(segment)) and not _SECTION_KIND.match(segment)


# "Jane Roe, staff reporter": a name with the writer's role after it.
_ROLE_AFTER_NAME = regex.compile(r",\s*(?:[\p{L}-]+\s+){0,3}(?i:reporter|correspondent|writer|editor|columnist|contributor|journalist)\b")


# What an outlet's name ends in: "Harbour Daily", "Jinghai News Agency", "澜江日报", "新华社".
_OUTLET = regex.compile(
    r"(?:\p{Lu}[\p{L}'’.&-]*\s+){0,4}(?:News(?:\s+(?:Agency|Service|Network|Wire|Cent(?:er|re)|Office))?|(?:Press|Media)\s+(?:Cent(?:er|re)|Office)|Agency|Daily|Times|Post|Press|Wire"
    r"|Herald|Gazette|Journal|Tribune|Chronicle|Courier|Observer|Telegraph|Broadcasting|Radio|Television|Weekly|Magazine)"
    r"|\p{Han}{2,8}(?:日报|日報|晚报|晚報|新闻网|新聞網|通讯社|通訊社|新闻社|新聞社|电视台|電視台|广播电台|廣播電台)")
# A section's or an item's kind ("Company News", "Press", "Local News"), not an outlet.
_SECTION_KIND = regex.compile(
    r"(?i:(?:(?:company|corporate|local|world|national|international|latest|breaking|top|business|sports?|city|campus"
    r"|university|industry|school|group|media|press|daily|weekly)\s+)*(?:news|press|post|times|daily|weekly|wire|agency|journal|magazine)$)")


# A sentence's end inside a value: after a word, not after an initial ("Jane D. Roe")
# or an abbreviation ("Co., Ltd.").
_VALUE_SENTENCE_END = regex.compile(r"(?<=\p{Ll}{2})(?<!\b(?:Ltd|Inc|Co|Corp|Jr|Sr|St|Bros|Pty|Plc|Prof|Dr|Mr|Mrs|Ms|No|Vol|Fig))[.!?](?=\s)")
_WECHAT_ORIGINAL = regex.compile(r"原创\s+([\p{Han}·]{2,6}|\p{Latin}[\p{Latin} .'-]{1,30}?)(?:\s|$)")
_RELATIVE_TIME = regex.compile(r"(?i)\b(?:\d+|an?)\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b|\byesterday\b|\bjust\s+now\b"
                            r"|\d+\s*(?:分钟|分鐘|小时|小時|天|周|週)前|昨天|刚刚|剛剛")


_BARE_SPLIT = regex.compile(r"\s*[|｜·•\n]\s*|\s+/\s+|\s{2,}|(?<=\p{Han}[)）]?)\s+(?=\d)|(?<=\d)\s+(?=\p{Han})"
                            r"|\s+(?=发表于|發表於|发布于|發佈於|發布於)")  # "林一舟　发表于 2026-02-08"


def _bare_segments(line: str, labels: list, dates: list) -> list[tuple[int, str]]:
    """The parts of a dated byline that carry no label and no date, with where each begins.

    An outlet named without a label ("人民日报 | 2026-04-12") is not taken as
    the source: the label is what states it (tests/data/bylines.json)."""
    taken = [(span.start, span.end) for span in labels] + [(d[0], d[1]) for d in dates]
    out = []
    start = 0
    stripped = line.strip()
    if not _BARE_SPLIT.search(stripped):
        return []  # one undivided line: nothing stands apart as a name
    for part in _BARE_SPLIT.split(line):
        begin = line.find(part, start)
        start = begin + len(part)
        if not part or any(a < start and begin < b for a, b in taken):
            continue
        part = regex.split(r"\s*[(（]", part)[0].strip(" ,;，")
        if part:
            out.append((begin - (len(line) - len(line.lstrip())), part))
    return out


_label_gates: list | None = None


def _gates() -> list:
    """Per label pattern, a finder of the literals every match holds (toolkit/prefilter.py), or None.

    Most blocks hold no label word at all: one substring scan per pattern
    replaces its regex search. Read on first use, not at import."""
    global _label_gates
    if _label_gates is None:
        gates = []
        for _field, pattern in _LABEL_RE:
            found = necessary_literals(pattern.pattern, 0)
            gates.append((needle_finder(found[0]), found[1]) if found else None)
        _label_gates = gates
    return _label_gates


def _find_labels(line: str) -> list[_Span]:
    spans = []
    folded_line = None
    for (field, pattern), gate in zip(_LABEL_RE, _gates()):
        if gate is not None:
            if gate[1]:
                if folded_line is None:
                    folded_line = fold(line)
                if gate[0](folded_line) is None:
                    continue
            elif gate[0](line) is None:
                continue
        for m in pattern.finditer(line):
            if m.end() > m.start():
                spans.append(_Span(field, m.start(), m.end()))
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    # A source named in brackets after a caption or a sentence is where its figures
    # come from: "表：中期業績摘要（資料來源：公司公告）".
    kept = [s for s in kept if not (s.field == "source" and s.start > 0 and line[s.start - 1] in "（("
                                    and len(regex.findall(r"\p{Han}|\p{Latin}+", line[:s.start])) >= 4)]
    # In a sentence, a label must be a line's first word to count: "The
    # editor of the paper said..." names nobody.
    if regex.search(r"[。！？]", line) or (len(line) > 40 and regex.search(r"\p{Ll}{3,}[.!?](?:\s|$)", line)
                                          and len(_PROSE_WORDS.findall(line)) >= 2):
        # ... or a sentence's: "Materials provided by X. Original written by Jane Roe."
        kept = [s for s in kept if _opens_line(line, s.start)
                or (_SENTENCE_END.search(line[:s.start]) and _NAME_AFTER.match(line, s.end))]
        kept = [s for s in kept if regex.match(r".{0,12}?[:：/]", line[s.start:s.end + 1]) or s.field == "published"
                or (s.start > 0 and _NAME_AFTER.match(line, s.end))]
    return kept


def _opens_line(line: str, start: int) -> bool:
    """Nothing but an opening bracket stands before ``start`` on the line."""
    return start == 0 or line[:start].strip() in ("", "(", "（", "[", "【")


# The reporter named in a Chinese dateline that opens the first paragraph:
# "〔記者林彥廷／東嶼報導〕", "本报讯（记者 孔令舟　通讯员 侯佳）",
# "中新网北京5月3日电（记者 张某）".
_DATELINE = regex.compile(
    r"\A.{0,30}?(?:"
    r"[〔［\[【(（]\s*(?P<tw>(?:記者|记者)[^〕］\]】)）\n]{2,30}?)\s*[／/][^〕］\]】)）\n]{1,12}(?:報導|报道)\s*[〕］\]】)）]"
    r"|(?:讯|訊|电|電)\s*[(（]\s*(?P<cn>(?:本报|本報)?(?:记者|記者)[^)）\n]{2,40}?)\s*[)）]"
    # "（中央社記者陳某、黃某台北4日電）": agency, reporters, place and date in one bracket.
    r"|[(（]\s*(?P<agency>\p{Han}{1,8}?社)(?:记者|記者)\s*(?P<wire>[^)）\n]{2,30}?)\s*\d{1,2}\s*日\s*(?:电|電)\s*[)）])")


def dateline_author(text: str) -> str:
    """The reporters a Chinese dateline names, or ''.

    >>> dateline_author("〔記者林彥廷／東嶼報導〕位於清溪鎮的碾米廠……")
    '林彥廷'
    >>> dateline_author("江岳日报7月8日讯（记者 孔令舟　通讯员 侯佳）记者从省政务服务和数据管理局获悉……")
    '孔令舟 侯佳'
    >>> dateline_author("（東瀾社記者陳映竹、黃冠廷台北4日電）東瀾縣今年入春以來……")
    '陳映竹 黃冠廷'
    """
    m = _DATELINE.match(text.translate(_FULLWIDTH))
    if m is None:
        return ""
    inner = m.group("tw") or m.group("cn") or m.group("wire")
    inner = regex.sub(r"(?:本报|本報)?(?:记者|記者|通讯员|通訊員|实习生|實習生)\s*", " ", inner)
    return _clean_value("author", inner)


# The agency a wire dateline names: "HAIKOU, March 5 (Xinhua) --", "PORTLAND, Ore.
# (AP) —", "新华社北京4月12日电", "江岳日报7月8日讯". English: capitals, then at most
# a region and a date, then the agency in brackets and a dash. Chinese: an
# outlet's name (ending as outlets end), a place, a date, then 电 or 讯.
_EN_DATELINE_SOURCE = regex.compile(
    r"\A\p{Lu}[\p{Lu}\p{M}'’. -]{1,30}(?:,\s*[\p{L}.' ]{2,20}?){0,2}"
    r"(?:,?\s*" + _MON + r"\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"\((?P<src>\p{Lu}[\p{L}&.' -]{0,40}?)\)\s*(?:--|[–—-])")
_ZH_DATELINE_SOURCE = regex.compile(
    r"\A[【\[]\s*(?P<src>\p{Han}{2,10}?)(?:讯|訊)\s*[】\]]"  # 【維港財經訊】
    r"|\A(?P<src>\p{Han}{1,10}?(?:通讯社|通訊社|社|网|網|日报|日報|晚报|晚報|报|報|新闻|新聞|客户端|客戶端))"
    r"\p{Han}{0,6}?\d{1,2}月\d{1,2}日(?:电|電|讯|訊)")


# A release's dateline with the full date: "Hong Kong, 12 June 2026 – ...", "LONDON, March 4, 2026 --".
_DATED_DATELINE = regex.compile(r"\A\p{Lu}[\p{L}\p{M}'’. -]{1,30}(?:,\s*[\p{L}.' ]{2,20}?){0,2},\s*(?P<date>[^–—\n]{6,30}?)\s*(?:--|[–—-])\s")


def dateline_date(text: str) -> str:
    """The date (with its year) a dateline opening a paragraph gives, or ''.

    >>> dateline_date("Hong Kong, 12 June 2026 – Harbourline Holdings today announced...")
    '2026-06-12'
    >>> dateline_date("BEIJING, March 4 (Xinhua) -- ...")
    ''
    """
    m = _DATED_DATELINE.match(text[:120].translate(_FULLWIDTH))
    if m is None:
        return ""
    found = _find_dates(m.group("date"))
    return found[0][2] if len(found) == 1 else ""


def dateline_source(text: str) -> str:
    """The agency or paper a dateline opening a paragraph names, or ''.

    >>> dateline_source("HAIKOU, March 5 (Xinhua) -- A ferry powered partly by hydrogen...")
    'Xinhua'
    >>> dateline_source("华讯社济南4月12日电（记者 孙明远）清晨6点半……")
    '华讯社'
    >>> dateline_source("（東瀾社記者陳映竹、黃冠廷台北4日電）東瀾縣今年入春以來……")
    '東瀾社'
    >>> dateline_source("BEIJING, May 3 -- The city opened...")
    ''
    """
    line = text[:160].translate(_FULLWIDTH)
    m = _EN_DATELINE_SOURCE.match(line) or _ZH_DATELINE_SOURCE.match(line)
    if m is None:
        wire = _DATELINE.match(line)
        return wire.group("agency") if wire and wire.group("agency") else ""
    source = m.group("src").strip()
    return "" if source in ("本报", "本報") else source


_CO_WRITER = regex.compile(r"(?:通讯员|通訊員|实习生|實習生)\s*:\s*")


def _clean_value(field: str, value: str) -> str:
    value = value.strip(" \t:;,，、|/-–—[]【】()（）\"'")
    if not value:
        return ""
    if field == "source":
        # "微信公众号“青柚读书会”": the account's name, not the platform's.
        value = regex.sub(r"^(?:微信公众号|微信公眾號|公众号|公眾號)\s*", "", value)
        value = value.strip("“”‘’「」『』《》\"'")
        # "转载自微信公众号“有色札记”，已获作者授权": the name ends at its closing quote.
        value = regex.split(r"[”’」』》\"]|[，；。]", value)[0].strip()
        if regex.match(r"\p{Han}", value):
            value = value.split()[0]
        # English names of offices run long ("Exit-Entry Administration Division,
        # Songling Municipal Public Security Bureau"); past this it is a sentence.
        return value if len(value) <= 100 else ""
    # Names. A correspondent or intern labelled in the same line ("作者：章子衿　通讯员：鲍一鸣")
    # writes the story too: their names join the author's, as when unlabelled.
    value = _CO_WRITER.sub(" ", value)
    value = regex.split(r"(?i:\s+at\s+)|\s*[(（]", value)[0].strip()
    if regex.search(r"\p{Han}", value):
        names = []
        pieces = regex.split(r"[\s、，,]+", value)
        for piece in pieces:
            piece = regex.sub(r"(?:报道|報導|摄|攝|采写|整理|供图)$", "", piece)
            if not piece or not regex.search(r"\p{Han}", piece):
                continue  # codes such as SN225
            if len(piece) < 2 or _ZH_ROLES.match(piece) or (names and _ZH_TITLES.match(piece)) \
                    or (len(piece) > 3 and _ZH_ORG_SUFFIX.search(piece)):
                continue  # 实习生, 图, 心血管内科: roles and departments, not names
            if len(piece) in (2, 3) and piece[-1] in "科室" and not names and piece is not pieces[-1]:
                continue  # "儿科 郑思远", "宣传科 苏沐": a department before the name
            run = regex.match(r"[\p{Han}·]+", piece)
            if run is None:
                continue
            name = run.group(0)
            if len(name) > 4:
                name = name[:3]  # 林志明台北12日電: a name, then the dateline
            names.append(name)
            if len(names) >= 6:
                break
        # Names listed with 、 keep it, as the page writes them ("吴晓岚、何子墨"); otherwise a space.
        listed = regex.fullmatch(r"\s*[\p{Han}·]{2,4}(?:\s*、\s*[\p{Han}·]{2,4})+\s*", value)
        return ("、" if listed else " ").join(names)
    value = _HONORIFIC.sub("", _cut_name(value.split(" / ")[0]))
    if not value or len(value) > 80 or not regex.match(r"[\p{Lu}\p{Han}]|[a-z]", value):
        return ""
    if regex.match(r"(?i:the|a|an|this|that|these|those|machines?|numbers?)\b", value) or regex.search(
        r"\p{Ll}{2,}[.!?]\s|\b(?:the|is|are|was|were|has|have|said)\b", value
    ):
        return ""  # a clause, not a name
    return value


def _cut_name(value: str) -> str:
    """'Jane Roe, Staff Writer' -> 'Jane Roe'; 'LIU Qing in Duyun' -> 'LIU Qing'; lists stay whole."""
    value = regex.split(r"(?i:\s+(?:on|in|at|for|from)(?:\s+|$))", value)[0]
    head, comma, rest = value.partition(",")
    names = regex.fullmatch(r"\s*" + _LATIN_NAME + r"(?:\s*(?:,|\band\b|&)\s*" + _LATIN_NAME + r")*\s*", rest)
    if comma and (not (regex.search(r"(?i:\band\b|&)", rest) or names) or _ROLE_WORDS.search(rest)):
        value = head  # "Jane Roe, Staff Writer"; "TAN Qiyuan, LU Meng" is a list of two
    return value.strip(" ,.")


# Outlet and institution endings _ZH_ORG_SUFFIX does not already cover, and kinds of document
# a byline may open with ("新聞稿　|　2026年6月3日").
_ZH_OUTLET = regex.compile(r"(?:新闻|新聞|政府|新闻稿|新聞稿|公告|通知|通告|声明|聲明|快讯|快訊|简讯|簡訊)$")
_WEEKDAY = regex.compile(r"星期|週|周[一二三四五六日天]")
_LATIN_NAME = r"\p{Lu}[\p{L}\p{M}'’.\-]+(?:\s+\p{Lu}[\p{L}\p{M}'’.\-]+){1,2}"
# A label inside a sentence counts when a sentence ends before it and a name follows it.
_SENTENCE_END = regex.compile(r"(?:[.!?]\s+|\n\s*)$")
_NAME_AFTER = regex.compile(_LATIN_NAME + r"\s*(?:[.,;]|$)")
_NOT_A_NAME = regex.compile(
    r"(?i:\b(?:news|press|release|daily|times|post|agency|office|center|centre|department|university|min|read|home|page"
    r"|updated|published|posted|share|print|views?|comments?|photos?|video|institute|bureau|ministry|commission"
    r"|network|media|online|service|government|school|college|council|hospital|museum|company|group|team)\b)")


def _bare_name(segment: str, first: bool = True) -> str:
    """A segment that is a person's name and nothing else: 'Dev Okafor', 'QI Liming',
    or two joined by 'and' / '&'. A Chinese name counts only at the start of the
    line, where a byline puts it ("周拓 2026-04-21 22:14")."""
    segment = segment.strip()
    if first and regex.fullmatch(r"\p{Han}{2,4}", segment) and not _ZH_ORG_SUFFIX.search(segment) \
            and not _ZH_OUTLET.search(segment) and not _WEEKDAY.match(segment):
        return segment
    if regex.fullmatch(_LATIN_NAME + r"(?:\s+(?:and|&)\s+" + _LATIN_NAME + ")?", segment) \
            and not _NOT_A_NAME.search(segment):
        return segment
    return ""


_LIST_SPLIT = regex.compile(r"\s*(,|&|\band\b)\s*")


def byline_names(text: str) -> str:
    """The writers a byline of names alone lists, as written: 'Ines Marbach,
    Tomasz Wielgosz & Ruth Adeyemi-Lowe'; roles after the names are dropped
    ('Aisha Karimi, Staff Engineer & Tomás Ferreira, Senior SRE' ->
    'Aisha Karimi & Tomás Ferreira'). '' when any part is neither a name nor a role.

    >>> byline_names("Aisha Karimi, Staff Engineer & Tomás Ferreira, Senior SRE")
    'Aisha Karimi & Tomás Ferreira'
    >>> byline_names("Markets, Economy & Policy")
    ''
    """
    line = _HONORIFIC.sub("", text.strip())
    if "\n" in line or not line or len(line) > 160:
        return ""
    parts = _LIST_SPLIT.split(line)
    names: list[str] = []
    joint = ""  # the separator that stands before the next name
    for k, part in enumerate(parts):
        if k % 2:
            joint = part if not joint or joint == "," else joint
            continue
        part = _HONORIFIC.sub("", part.strip())
        if regex.fullmatch(_LATIN_NAME, part) and not _NOT_A_NAME.search(part) and not _ROLE_WORDS.search(part):
            if names:
                names.append(", " if joint == "," else f" {joint} ")
            names.append(part)
            joint = ""
        elif not (names and _ROLE_WORDS.search(part)):
            return ""
    return "".join(names)


def day_first_slash_date(published: str, line: str, page_texts) -> str:
    """``published`` read day-first when the line wrote it as an ambiguous
    "04/03/2026" and the page's other slash dates are day-first ("26/02/2026"),
    else ``published`` unchanged. One line cannot tell 4 March from April 3;
    the page's unambiguous dates can, and so can its dates in words ("5 February
    2026" against "February 5, 2026"). With no evidence the US reading stays.

    >>> day_first_slash_date("2026-04-03", "Posted on 04/03/2026", ["Posted on 04/03/2026", "26/02/2026"])
    '2026-03-04'
    """
    ambiguous = [m for m in _SLASH_DATE.finditer(line) if int(m.group(1)) <= 12 and int(m.group(2)) <= 12
                 and f"{m.group(3)}-{int(m.group(1)):02d}-{int(m.group(2)):02d}" == published[:10]]
    if not ambiguous:
        return published
    day_first = month_first = 0
    for text in page_texts:
        for m in _SLASH_DATE.finditer(text):
            a, b = int(m.group(1)), int(m.group(2))
            day_first += a > 12 >= b
            month_first += b > 12 >= a
        # Dates in words tell the locale too: "5 February 2026" is written day first, "February 5, 2026" is not.
        day_first += sum(1 for _ in _DAY_MONTH_YEAR.finditer(text))
        month_first += sum(1 for _ in _MONTH_DAY_YEAR.finditer(text))
    if day_first <= month_first:
        return published
    m = ambiguous[0]
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" + published[10:]


_ANY_DIGIT = regex.compile(r"\d")  # every date pattern needs a digit, as the engine reads \d


def _find_dates(line: str) -> list[tuple[int, int, str]]:
    if _ANY_DIGIT.search(line) is None:
        return []
    found = []
    taken = []
    for pattern in _DATES:
        for m in pattern.finditer(line):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            iso = _iso_date(m)
            if iso is None:
                continue
            end = m.end()
            time = _TIME_AFTER.match(line, end)
            if time and _valid_time(time):
                iso += "T" + _iso_time(time)
                end = time.end()
            else:
                before = _TIME_BEFORE.search(line[max(0, m.start() - 30):m.start()])
                if before and _valid_time(before) and (before.group("ampm") or _CLOCK_THEN_DATE.match(before.group(0))):
                    iso += "T" + _iso_time(before)
            taken.append((m.start(), end))
            found.append((m.start(), end, iso))
    found.sort()
    return found


def _iso_date(m) -> str | None:
    groups = m.groupdict()
    if groups.get("roc"):
        year = int(groups["roc"]) + 1911
    else:
        year = int(groups["y"])
    if groups.get("us_m"):
        month, day = int(groups["us_m"]), int(groups["us_d"])
        if month > 12 >= day:
            month, day = day, month
    elif groups.get("mon"):
        month, day = _MONTHS.get(groups["mon"][:3].lower()), int(groups["d"])
    else:
        month, day = int(groups["m"]), int(groups["d"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _valid_time(m) -> bool:
    return int(m.group("h")) <= 23 and int(m.group("mi")) <= 59 and (m.group("s") is None or int(m.group("s")) <= 59)


def _iso_time(m) -> str:
    hour = int(m.group("h"))
    half = m.group("half")
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if (ampm == "pm" or half in ("下午", "晚上")) and hour < 12:
        hour += 12
    elif (ampm == "am" or half == "凌晨") and hour == 12:
        hour = 0
    out = f"{hour:02d}:{int(m.group('mi')):02d}"
    return out + f":{int(m.group('s')):02d}" if m.group("s") else out


def _pick_date(line: str, labels: list[_Span], dates: list) -> tuple[str | None, bool]:
    """The line's date of publication, and whether only a page's upkeep date ("Page last updated") gave it."""
    if not dates:
        return None, False
    published, updated, bare = [], [], []
    for start, end, iso in dates:
        label = None
        for span in labels:
            if span.end <= start and not _SEPARATOR.search(line, span.end, start):
                label = span.field
            elif span.end <= start and span.field in ("published", "updated", "page_updated"):
                # "Updated 2026-03-04 09:12 GMT+8 | Published ..." keeps to its segment
                label = None if _SEPARATOR.search(line, span.end, start) else span.field
        if label == "ignore":
            continue  # "Next review due: ..." is no date of this article
        if label in ("updated", "page_updated"):
            updated.append((iso, label == "page_updated"))
        elif label == "published":
            published.append(iso)
        else:
            bare.append((start, end, iso))
    if published:
        return published[0], False
    if bare and (labels or any(_is_date_line(line, [b]) for b in bare)):
        return bare[0][2], False
    return updated[0] if updated else (None, False)


def _is_date_line(line: str, bare: list) -> bool:
    """A line that is a date and little else: '人民日报 | 2026-04-12 10:30', not a sentence."""
    # The date's own segment ("Priya Natarajan, CEO · March 3, 2026 · 6 min
    # read" holds three): the date must be nearly all of it.
    start, end, _ = bare[0]
    cuts = [m.end() for m in _DATE_SEGMENT.finditer(line) if m.end() <= start]
    first = cuts[-1] if cuts else 0
    after = _DATE_SEGMENT.search(line, end)
    last = after.start() if after else len(line)
    rest = line[first:start] + " " + line[end:last]
    rest = _RESIDUE.sub(" ", rest)
    han = len(regex.findall(r"\p{Han}", rest))
    words = len(regex.findall(r"\p{Latin}+", rest))
    return han / 1.5 + words <= 3
