"""The closed set of block labels (shared/spec/gold-format.md)."""
from enum import Enum


class Label(str, Enum):
    TITLE = "title"
    CONTENT = "content"
    NAVIGATION = "navigation"
    BYLINE = "byline"
    CREDIT = "credit"
    RELATED = "related"
    BROWSER_NOTICE = "browser-notice"
    COOKIE = "cookie"
    SHARE = "share"
    SUBSCRIBE = "subscribe"
    LEGAL = "legal"
    AD = "ad"
    COMMENT = "comment"
    UI = "ui"
    OTHER_LANGUAGE = "other-language"

    def __str__(self):
        return self.value

    @property
    def kept(self) -> bool:
        """True for the labels that make up the clean article."""
        return self in KEPT


KEPT = frozenset({Label.TITLE, Label.CONTENT})
LABEL_VALUES = frozenset(label.value for label in Label)
