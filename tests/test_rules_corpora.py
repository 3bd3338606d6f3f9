"""The built-in rules against the gold pages in corpora/.

A rule names boilerplate; firing on a block the gold calls article text
(title or content) is always a bug in the rule, so there must be none. The
few rules that keep a block (official-notice parts) must never keep boilerplate. Where
a rule fires on boilerplate, its label should be the gold's.
"""
import json
from collections import Counter
from pathlib import Path

import pytest

from toolkit.classify import rule_pass
from toolkit.page import build_page
from toolkit.rules import builtin_pack, load_rules

CORPORA = Path(__file__).parent.parent / "corpora"
GOLD = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPORA.glob("*.json"))]
RULES = load_rules([builtin_pack()])


def _hits():
    for gold in GOLD:
        page = build_page("\n\n".join(b["text"] for b in gold["blocks"]))
        assert len(page.blocks) == len(gold["blocks"]), gold["id"]
        # The rule pass, not bare matching: it withdraws a menu rule from a table's header row.
        decided = rule_pass(page, RULES)
        for block, g, d in zip(page.blocks, gold["blocks"], decided):
            found = RULES.matches(block, page) if d is not None else []
            if found:
                yield gold["id"], block, g["label"], found[0]


HITS = list(_hits())


def test_corpora_present():
    assert len(GOLD) >= 40


def test_no_rule_fires_on_article_text():
    wrong = [f"{pid} #{b.index} gold={label} rule={m.rule.id}: {b.text[:70]!r}"
             for pid, b, label, m in HITS if label in ("title", "content") and not m.rule.label.kept]
    assert not wrong, "\n".join(wrong)


def test_keep_rules_fire_only_on_article_text():
    """A rule that keeps a block (label content) may meet article text in another language, which
    the cleaner then sets aside as other-language; it must never keep boilerplate."""
    wrong = [f"{pid} #{b.index} gold={label} rule={m.rule.id}: {b.text[:70]!r}"
             for pid, b, label, m in HITS if m.rule.label.kept and label not in ("title", "content", "other-language")]
    assert not wrong, "\n".join(wrong)
    assert any(m.rule.label.kept for _, _, _, m in HITS)


def test_rule_labels_agree_with_gold():
    boiler = [(label, m.rule.label.value) for _, _, label, m in HITS
              if label not in ("title", "content") and not m.rule.label.kept]
    agree = sum(g == r for g, r in boiler)
    assert boiler and agree / len(boiler) >= 0.9, Counter(f"{g}->{r}" for g, r in boiler if g != r).most_common(10)
