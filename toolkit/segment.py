"""Chinese word segmentation with jieba, loaded on first need.

The toolkit owns its ``jieba.Tokenizer``: its dictionary cache lives in a
directory of ours (jieba's default, the shared temp dir, lets anyone plant a
cache that changes our output), and its log is silenced.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path


def cache_dir() -> Path:
    """Where the toolkit keeps jieba's dictionary cache (TOOLKIT_CACHE_DIR overrides)."""
    root = os.environ.get("TOOLKIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "toolkit"
    )
    return Path(root) / "jieba"


class Segmenter:
    def __init__(self):
        self._tokenizer = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def _load(self):
        with self._lock:
            if self._tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                directory = cache_dir()
                try:
                    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
                    tokenizer.tmp_dir = str(directory)
                except OSError:
                    # An unwritable home: build the dictionary in memory each
                    # time rather than trust a shared temp dir.
                    tokenizer.tmp_dir = None
                    tokenizer.cache_file = os.devnull
                tokenizer.initialize()
                self._tokenizer = tokenizer
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        """jieba's tokens of ``text``, white space dropped."""
        return [token for token in self._load().lcut(text) if not token.isspace()]

    def split_keywords(self, words) -> dict:
        """Keywords jieba would split, each with its pieces: {} when all are single tokens.

        Rule packs are checked on every load, but loading jieba costs a
        second; words already found single are remembered in our cache
        directory (per jieba version), so a pack whose keywords were checked
        once loads without jieba.
        """
        words = sorted(set(words))
        known = _KnownSingles.load()
        unknown = [w for w in words if w not in known.words]
        if not unknown:
            return {}
        split = {}
        for word in unknown:
            pieces = self.cut(word)
            if pieces == [word]:
                known.words.add(word)
            else:
                split[word] = pieces
        known.save()
        return split


class _KnownSingles:
    """Words verified to be one jieba token, kept in the toolkit's cache dir."""

    def __init__(self, path: Path | None, words: set):
        self.path, self.words = path, words

    @classmethod
    def _path(cls) -> Path | None:
        try:
            from importlib.metadata import version

            tag = version("jieba")
        except Exception:
            return None
        return cache_dir() / f"single-tokens-{tag}.txt"

    @classmethod
    def load(cls) -> "_KnownSingles":
        path = cls._path()
        try:
            words = set(path.read_text(encoding="utf-8").split()) if path else set()
        except OSError:
            words = set()
        return cls(path, words)

    def save(self) -> None:
        if self.path is None:
            return
        try:
            from .io import write_atomic

            write_atomic(self.path, "\n".join(sorted(self.words)) + "\n")
        except OSError:
            pass  # an unwritable cache only costs time


_SEGMENTER = Segmenter()


def shared_segmenter() -> Segmenter:
    return _SEGMENTER
