"""toolkit: scraped page in, clean article and an account of what was left out.

    import toolkit
    result = toolkit.clean(page_text)          # str or bytes; target="en"
    result.article, result.title, result.metadata, result.leftovers
"""
from __future__ import annotations

from functools import lru_cache

from .cleaner import Cleaner
from .errors import InputError, RuleError, RuleTimeoutError, ToolkitError
from .labels import Label
from .result import BlockResult, Result

__version__ = "0.1.0"
__all__ = ["clean", "Cleaner", "Result", "BlockResult", "Label", "ToolkitError", "InputError",
           "RuleError", "RuleTimeoutError", "__version__"]


@lru_cache(maxsize=8)
def _cleaner(rules: tuple, disable: tuple) -> Cleaner:
    return Cleaner(rules=list(rules), disable=disable)


def clean(page, target: str = "en", rules=None, tokens: str = "leftovers", disable=(), kind: str = "auto") -> Result:
    """Clean one page (str or bytes; plain text or HTML) into a :class:`Result`.

    ``kind`` is "auto" (HTML when the page looks like HTML), "text" or "html".

    Rule packs are loaded once per distinct ``rules`` list and reused; for
    many pages with other options, hold a :class:`Cleaner`.
    """
    if isinstance(rules, (str, bytes)) or hasattr(rules, "__fspath__"):
        rules = [rules]
    key = tuple(str(r) for r in (rules or ()))
    return _cleaner(key, tuple(sorted(disable))).clean(page, target=target, tokens=tokens, kind=kind)
