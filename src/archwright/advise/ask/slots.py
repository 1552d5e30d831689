"""Filling slots: what a question names, matched against the model and the catalog.

Components are matched by id, display name, technology ("redis" is the component that
runs ElastiCache Redis) and kind word ("the database", when the model has one);
technologies against the generator's vocabulary and the catalog; numbers with their
units by the generator's own reading (`generate.extract`) and its number grammar, so
"20k requests per second" means here what it means to `design`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from archwright.advise.ask.result import Slots
from archwright.advise.ask.rules import Rules
from archwright.advise.ask.words import Token, find_phrase, normalize, tokens
from archwright.generate.extract import DescriptionTooLong, extract
from archwright.generate.phrasing import NUM, TIME_UNIT, number, renamed, to_ms
from archwright.generate.vocabulary import tech_regex, vocabulary
from archwright.kb.catalog import Catalog
from archwright.model import Architecture

_FACTOR = re.compile(NUM + r"\s*(?:x|times|-?\s?fold)(?![a-z])")
_COUNT = re.compile(
    NUM + r"\s+(?:more\s+)?(?:read\s+)?(?:replicas?|instances?|nodes?|copies)(?![a-z])"
)
_COUNT_TO = re.compile(r"(?:replicas?|instances?)\s+to\s+" + NUM)
_TIMEOUT = re.compile(NUM + r"\s*-?\s*" + TIME_UNIT + r"(?![a-z])")
_RETRIES = re.compile(
    NUM + r"\s+(?:more\s+)?(?:retries|retry|re-tries|attempts|tries)(?![a-z])"
    r"|retr(?:y|ies)\b[^.?!]*?\b" + renamed(NUM, "2") + r"\s+times(?![a-z])"
)
_NO_RETRIES = re.compile(r"\b(?:no|without|disable|remove|zero)\s+(?:the\s+)?retr(?:y|ies)\b")
MAX_RETRIES = 100
_PATH = re.compile(r"(?<![\w./-])([\w./-]+\.(?:ya?ml|json))(?![\w])", re.IGNORECASE)
_PLACE = re.compile(r"(?<![a-z0-9-])([a-z]{2}(?:-[a-z]+)+-\d)([a-z])?(?![a-z0-9-])")
MAX_COUNT = 1000


@dataclass
class _Reading:
    """A question being read: its tokens and which are already claimed by a slot."""

    text: str
    toks: list[Token]
    taken: set[int] = field(default_factory=set)

    def claim(self, phrase: str, fuzzy: bool = True) -> list[int]:
        """Token positions where `phrase` is found (and now taken)."""
        found = []
        for i, j in find_phrase(phrase, self.toks, fuzzy, self.taken):
            if any(k in self.taken for k in range(i, j)):
                continue
            self.taken.update(range(i, j))
            found.append(i)
        return found


def fill(
    question: str,
    arch: Architecture,
    catalog: Catalog,
    rules: Rules,
    fills: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
) -> Slots:
    """The slots of `question`; `fills` limits them to what one intent reads (None: all)."""
    text = normalize(question)
    want = set(fills) if fills is not None else None

    def wanted(name: str) -> bool:
        return want is None or name in want

    reading = _Reading(text, tokens(text))
    for phrase in sorted(ignore, key=lambda p: -len(p.split())):
        reading.claim(phrase)
    path = _path(question) if wanted("path") else None
    if path:
        reading.taken.update(i for i, t in enumerate(reading.toks) if t.text == path.lower())
    techs = (
        _technologies(reading, catalog) if wanted("technologies") or wanted("components") else []
    )
    components: list[str] = []
    ambiguous: list[str] = []
    if wanted("components"):
        components, ambiguous = _components(reading, arch, catalog, rules)
    scale = _scale(question) if wanted("rps") or wanted("dau") else (None, None)
    region, zone = _place(text)
    return Slots(
        components=tuple(components),
        technologies=tuple(t for _, t in techs) if wanted("technologies") else (),
        factor=_factor(text, rules) if wanted("factor") else None,
        rps=scale[0] if wanted("rps") else None,
        count=_count(text) if wanted("count") else None,
        dau=scale[1] if wanted("dau") else None,
        kind=_kind(reading, rules) if wanted("kind") else None,
        path=path,
        cloud=next((t.text for t in reading.toks if t.text in rules.clouds), None)
        if wanted("cloud")
        else None,
        region=region if wanted("region") else None,
        zone=zone if wanted("zone") else None,
        timeout_ms=_timeout(text) if wanted("timeout_ms") else None,
        retries=_retries(text) if wanted("retries") else None,
        backoff=_backoff(reading, rules) if wanted("backoff") else None,
        ambiguous=tuple(ambiguous),
    )


def _component_keys(arch: Architecture) -> list[tuple[str, str]]:
    """(phrase, component id), longest phrases first so "orders database" beats "orders"."""
    keys: dict[str, str] = {}
    for c in arch.components:
        for raw in (c.id, c.name):
            phrase = " ".join(t.text for t in tokens(normalize(raw))) if raw else ""
            if phrase and phrase not in keys:
                keys[phrase] = c.id
    return sorted(keys.items(), key=lambda kv: (-len(kv[0].split()), -len(kv[0]), kv[0]))


def _components(
    reading: _Reading, arch: Architecture, catalog: Catalog, rules: Rules
) -> tuple[list[str], list[str]]:
    found: list[tuple[int, str]] = []
    for phrase, cid in _component_keys(arch):
        found.extend((pos, cid) for pos in reading.claim(phrase))
    for pos, tech in _technologies(reading, catalog, claim=True):
        found.extend((pos, cid) for cid in running(arch, catalog, tech))
    ambiguous: list[str] = []
    for word, kinds in sorted(rules.kind_words.items(), key=lambda kv: -len(kv[0].split())):
        matches = [c.id for c in arch.components if c.kind.value in kinds]
        for pos in reading.claim(word, fuzzy=True):
            if len(matches) == 1:
                found.append((pos, matches[0]))
            elif matches:
                ambiguous.append(word)
    ordered = [cid for _, cid in sorted(found)]
    return list(dict.fromkeys(ordered)), ambiguous


def named_directly(question: str, arch: Architecture, rules: Rules) -> list[str]:
    """Components the question names by id, display name or kind word, not through a
    technology they run ("switch db to postgres" names db, not "the postgres one")."""
    text = normalize(question)
    reading = _Reading(text, tokens(text))
    found = [cid for phrase, cid in _component_keys(arch) if reading.claim(phrase)]
    for word, kinds in rules.kind_words.items():
        matches = [c.id for c in arch.components if c.kind.value in kinds]
        if len(matches) == 1 and reading.claim(word, fuzzy=True):
            found.append(matches[0])
    return list(dict.fromkeys(found))


def running(arch: Architecture, catalog: Catalog, tech: str) -> list[str]:
    """Components whose technology is `tech` or its managed equivalent on some cloud."""
    entry = catalog.find(tech)
    if entry is None:
        return []
    names = {entry.name, *entry.equivalents.values()}
    return [c.id for c in arch.components if c.technology and c.technology in names]


@cache
def _tech_words() -> tuple[str, ...]:
    return tuple(sorted(vocabulary()["technologies"], key=len, reverse=True))


def _technologies(
    reading: _Reading, catalog: Catalog, claim: bool = False
) -> list[tuple[int, str]]:
    """(token position, catalog name) of the technologies named, typos within one slip."""
    table: dict[str, str] = vocabulary()["technologies"]
    out: list[tuple[int, str]] = []
    for i, tok in enumerate(reading.toks):  # a catalog name typed out: "aws-aurora-mysql"
        entry = catalog.find(tok.text) if "-" in tok.text else None
        if entry is not None and entry.name == tok.text and i not in reading.taken:
            out.append((i, entry.name))
            if claim:
                reading.taken.add(i)
    named = {p for p, _ in out}  # not read again for the generic word inside the name
    spans = [(m.start(), m.group(1)) for m in tech_regex().finditer(reading.text)]
    for start, word in spans:
        pos = next((i for i, t in enumerate(reading.toks) if t.start <= start < t.end), None)
        if pos is None or pos in reading.taken or pos in named:
            continue
        entry = catalog.find(table[word])
        if entry is not None:
            out.append((pos, entry.name))
            if claim:
                reading.taken.update(range(pos, pos + len(word.split())))
    seen = {p for p, _ in out}
    for word in _tech_words():
        if len(word) < 5 or " " in word:
            continue
        for i, j in find_phrase(word, reading.toks, True, reading.taken | seen):
            entry = catalog.find(table[word])
            if entry is not None and i not in seen:
                out.append((i, entry.name))
                seen.add(i)
                if claim:
                    reading.taken.update(range(i, j))
    out.sort()
    names: dict[str, int] = {}
    for pos, name in out:
        names.setdefault(name, pos)
    return [(pos, name) for name, pos in names.items()]


def _factor(text: str, rules: Rules) -> float | None:
    m = _FACTOR.search(text)
    if m:
        return number(m)
    toks = tokens(text)
    for phrase, value in rules.factor_words.items():
        if find_phrase(phrase, toks, fuzzy=False):
            return value
    return None


def _count(text: str) -> int | None:
    m = _COUNT.search(text) or _COUNT_TO.search(text)
    if not m:
        return None
    value = number(m)
    return int(value) if value.is_integer() and 1 <= value <= MAX_COUNT else None


def _scale(question: str) -> tuple[float | None, float | None]:
    """Peak requests/s and daily active users as `design` reads them."""
    try:
        scale = extract(question).requirements.scale
    except (DescriptionTooLong, ValueError):
        return None, None
    return scale.peak_rps, scale.dau


def _kind(reading: _Reading, rules: Rules) -> str | None:
    for phrase, kind in sorted(rules.select_kinds.items(), key=lambda kv: -len(kv[0])):
        if find_phrase(phrase, reading.toks, True, reading.taken):
            return kind
    return None


def _path(question: str) -> str | None:
    m = _PATH.search(question)
    return m.group(1) if m else None


def _place(text: str) -> tuple[str | None, str | None]:
    m = _PLACE.search(text)
    if not m:
        return None, None
    if m.group(2):
        return None, m.group(0)
    return m.group(1), None


def _timeout(text: str) -> float | None:
    """A duration ("2 s", "300ms", "two seconds"), read as `design` reads durations."""
    m = _TIMEOUT.search(text)
    return to_ms(number(m), m.group("unit")) if m else None


def _retries(text: str) -> int | None:
    """Retries of a call: "3 retries", "retry it 5 times"; "no retries" is zero."""
    if _NO_RETRIES.search(text):
        return 0
    m = _RETRIES.search(text)
    if not m:
        return None
    value = number(m) if m.group("num") else number(m, "2")
    return int(value) if value.is_integer() and 0 <= value <= MAX_RETRIES else None


def _backoff(reading: _Reading, rules: Rules) -> str | None:
    """The backoff a question asks for, by the words of `backoff_words` (longest first)."""
    for phrase, value in sorted(rules.backoff_words.items(), key=lambda kv: -len(kv[0])):
        if find_phrase(phrase, reading.toks, True, reading.taken):
            return value
    return None
