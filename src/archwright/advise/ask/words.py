"""Matching words of a question: tokens, phrases on word boundaries, close misspellings.

People type "databse" and "kafak"; a cue or a name matches a token that is one slip
away (a swapped pair, a dropped or doubled letter), but only for words of four letters
or more, where a slip cannot turn one real word into another as easily.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_TOKEN = re.compile(r"[a-z0-9][a-z0-9_./-]*[a-z0-9]|[a-z0-9]")
MIN_FUZZY = 4
SIMILAR = 0.85


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def normalize(question: str) -> str:
    """Lower case, arrows spaced out ("a->b" reads as "a -> b"), quotes straightened."""
    text = question.lower().replace("\u2192", "->").replace("\u2019", "'")
    return re.sub(r"\s*-+>\s*", " -> ", text).strip()


def tokens(text: str) -> list[Token]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0).rstrip(".")
        out.append(Token(word, m.start(), m.start() + len(word)))
    return out


def close(word: str, target: str) -> bool:
    """`word` is `target` or one typing slip from it."""
    if word == target:
        return True
    if len(target) < MIN_FUZZY or word[:1] != target[:1]:
        return False
    if len(word) == len(target) and _swapped(word, target):
        return True
    if abs(len(word) - len(target)) > 1:
        return False
    return SequenceMatcher(None, word, target).ratio() >= SIMILAR


def _swapped(word: str, target: str) -> bool:
    diffs = [i for i, (a, b) in enumerate(zip(word, target, strict=True)) if a != b]
    return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and word[diffs[0]] == target[diffs[1]]


def find_phrase(
    phrase: str, toks: list[Token], fuzzy: bool = True, taken: set[int] | None = None
) -> list[tuple[int, int]]:
    """Token index spans [i, j) where the words of `phrase` appear in a row."""
    words = phrase.split()
    n = len(words)
    spans = []
    for i in range(len(toks) - n + 1):
        if taken and any(k in taken for k in range(i, i + n)):
            continue
        window = toks[i : i + n]
        if all(
            (close(t.text, w) if fuzzy else t.text == w) for t, w in zip(window, words, strict=True)
        ):
            spans.append((i, i + n))
    return spans
