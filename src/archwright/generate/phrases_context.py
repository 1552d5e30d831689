"""Extraction rules for the context of a design: team, experience, budget, cloud, regions,
residency, compliance, lock-in, managed vs self-hosted, and delivery/ordering needs."""

from __future__ import annotations

import re

from archwright.generate.phrasing import (
    MULTIPLIERS,
    NUM,
    Draft,
    RuleTable,
    number,
    renamed,
    words,
)
from archwright.generate.vocabulary import known_technologies, tech_alternation

TABLE = RuleTable()
_rule = TABLE.rule


@_rule(
    "team.size",
    r"(?:team\s+of\s+(?:about\s+|around\s+)?"
    + renamed(NUM, "1")
    + r"|"
    + NUM
    + r"[\s-]*(?:(?:backend|back-end|frontend|front-end|full[\s-]?stack|senior|junior|"
    r"software|platform|data|ml|mobile|devops|sre|qa|product)\s+)?"
    + words("team")
    + r"\b(?:\s+team)?)",
)
def _team(m: re.Match[str], d: Draft) -> bool:
    suffix = "1" if m.group("num1") else ""
    if m.group("mult" + suffix):
        return False  # "5M people" is an audience, never a team
    d.put("team", "size", int(number(m, suffix)))
    return True


@_rule("team.solo", r"\b(?:solo (?:developer|founder|dev)|just me|one-person)\b")
def _solo(m: re.Match[str], d: Draft) -> None:
    d.put("team", "size", 1)


@_rule(
    "budget.monthly",
    r"(?:\$\s?"
    + NUM
    + r"|"
    + NUM.replace("num", "n1").replace("mult", "m1")
    + r"\s*(?:usd|dollars|\$))\s*(?:/\s*|per\s+|a\s+|each\s+)(?P<per>month|mo|year|yr)\b",
)
def _budget(m: re.Match[str], d: Draft) -> None:
    if m.group("num") is not None:
        value = number(m)
    else:
        raw, mult = m.group("n1"), m.group("m1")
        value = float(raw.replace(",", "")) * (MULTIPLIERS[mult] if mult else 1.0)
    per_month = value / 12 if m.group("per") in ("year", "yr") else value
    d.put("budget", "monthly_usd", per_month)


@_rule("budget.plain", r"budget\s+(?:of\s+|is\s+|:\s*|around\s+|under\s+)?\$\s?" + NUM)
def _budget_plain(m: re.Match[str], d: Draft) -> None:
    d.assumptions.append(f"'{m.group(0).strip()}' with no period taken as a monthly budget")
    d.put("budget", "monthly_usd", number(m))


@_rule("budget.free", r"\b(?:free[\s-]tier|no budget|zero budget|\$0\b|for free|no money)")
def _free(m: re.Match[str], d: Draft) -> None:
    d.put("budget", "monthly_usd", 0.0)
    d.assumptions.append(f"'{m.group(0)}' read as a monthly budget of $0 (free tiers only)")


@_rule(
    "constraints.within_cloud",
    r"\b(?:prompts?|data|requests?|(?:model|llm|api)\s+calls?|inference|traffic|everything)\s+"
    r"(?:must\s+|has\s+to\s+|have\s+to\s+|needs?\s+to\s+|should\s+)?"
    r"(?:stays?|remains?|be\s+kept|be\s+processed)\s+(?:with)?in(?:side)?\s+(?:of\s+)?"
    r"(?:our\s+|the\s+|its\s+|their\s+)?(?P<c>aws|amazon web services|gcp|google cloud|azure)\b"
    r"|\b(?:must\s+not|never|cannot|can't|don't)\s+leave\s+(?:our\s+|the\s+)?"
    r"(?P<c2>aws|amazon web services|gcp|google cloud|azure)\b",
)
def _within_cloud(m: re.Match[str], d: Draft) -> None:
    # before `constraints.cloud`: the phrase names the cloud and what stays inside it
    c = m.group("c") or m.group("c2")
    cloud = "aws" if c.startswith(("aws", "amazon")) else "gcp" if c.startswith("g") else "azure"
    d.put("constraints", "cloud", cloud)
    d.put("constraints", "within_cloud", True)


@_rule(
    "constraints.cloud",
    r"\b(?P<c>aws|amazon web services|eks|gcp|google cloud(?: platform)?|gke|"
    r"azure|aks|on[\s-]?prem(?:ise|ises)?|own data[\s-]?cent(?:er|re)s?|bare[\s-]metal)\b",
)
def _cloud(m: re.Match[str], d: Draft) -> None:
    c = m.group("c")
    value = (
        "aws"
        if c.startswith(("aws", "amazon", "eks"))
        else "gcp"
        if c.startswith(("gcp", "google", "gke"))
        else "azure"
        if c in ("azure", "aks")
        else "on_prem"
    )
    d.put("constraints", "cloud", value)


@_rule(
    "constraints.region",
    r"\b(?:(?:us|eu|ap|sa|ca|me|af|il)-(?:east|west|north|south|central|"
    r"northeast|southeast|southwest|northwest)-\d|(?:us|europe|asia|australia|northamerica|"
    r"southamerica)-(?:east|west|north|south|central|northeast|southeast|southwest|"
    r"northwest)\d|westeurope|northeurope|eastus2?|westus[23]?|uksouth)\b",
)
def _region(m: re.Match[str], d: Draft) -> None:
    regions = d.data.setdefault("constraints", {}).setdefault("regions", [])
    if m.group(0) not in regions:
        regions.append(m.group(0))


@_rule(
    "constraints.residency",
    r"(?:(?:data|personal data|pii|records)\s+(?:must\s+|has to\s+|needs to\s+|should\s+)?"
    r"(?:stays?|remains?|be stored|be kept|reside)\s+in\s+(?:the\s+)?(?P<j1>eu|uk|us|germany|india)"
    r"|\b(?P<j>eu|uk|us|germany|india)(?:[\s-]only|\s+residency|\s+data residency))\b",
)
def _residency(m: re.Match[str], d: Draft) -> None:
    values = d.data.setdefault("constraints", {}).setdefault("data_residency", [])
    where = (m.group("j") or m.group("j1")).upper()
    if where not in values:
        values.append(where)


@_rule("compliance", r"\b(?P<c>hipaa|gdpr|pci[\s-]?dss|pci|soc[\s-]?2)\b")
def _compliance(m: re.Match[str], d: Draft) -> None:
    c = m.group("c")
    value = "PCI-DSS" if c.startswith("pci") else "SOC2" if c.startswith("soc") else c.upper()
    d.add("compliance", value)


@_rule(
    "constraints.no_lock_in",
    r"(?:no|avoid|without|minimi[sz]e)\s+(?:vendor\s+|cloud\s+)?"
    r"lock[\s-]?in|cloud[\s-]agnostic|multi[\s-]cloud|portable|vendor[\s-]neutral",
)
def _lock_in(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "no_lock_in", True)


@_rule(
    "constraints.managed",
    r"managed\s+services?\s+(?:preferred|only|first)|"
    r"prefer(?:s|red)?\s+managed|fully[\s-]managed|serverless|minimal ops|no ops|"
    r"low ops|little ops",
)
def _managed(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "managed_preferred", True)


@_rule("constraints.self_hosted", r"self[\s-]host(?:ed|ing)?|run (?:it|everything) ourselves")
def _self_hosted(m: re.Match[str], d: Draft) -> None:
    d.put("constraints", "managed_preferred", False)


@_rule("needs.delivery", r"\b(?P<d>exactly|at[\s-]least|at[\s-]most)[\s-]once\b")
def _delivery(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "delivery", re.sub(r"\s", "-", m.group(0)))


@_rule(
    "needs.ordering",
    r"(?P<g>global(?:ly)?\s+)?(?:strict(?:ly)?\s+order(?:ing|ed)|per[\s-](?:key|account|user|"
    r"entity|partition|device|customer)\s+order(?:ing|ed)?|in[\s-]order\s+"
    r"(?:delivery|processing)|(?:message|event)\s+ordering|preserv(?:e|es|ing)\s+(?:the\s+)?"
    r"order|ordered\s+(?:delivery|per))",
)
def _ordering(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "ordering", "global" if m.group("g") else "per-key")


@_rule(
    "needs.filtering",
    r"(?P<sel>(?:highly\s+|very\s+)?selective\s+(?:metadata\s+|payload\s+|attribute\s+)?"
    r"filter(?:s|ing)?|per[\s-]tenant\s+filter(?:s|ing)?)|(?:metadata|payload|attribute)\s+"
    r"filter(?:s|ing|ed)?|filtered\s+(?:vector|similarity|semantic|nearest[\s-]neighbou?r|"
    r"ann)\s+search",
)
def _filtering(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "filtering", "selective" if m.group("sel") else "metadata")


@_rule(
    "needs.consistency",
    r"\b(?P<c>strong|eventual|read[\s-]your[\s-]writes)(?:ly)?\s*"
    r"consisten(?:t|cy)",
)
def _consistency(m: re.Match[str], d: Draft) -> None:
    d.put("needs", "consistency", m.group("c").replace(" ", "-"))


def _tech_rules() -> None:
    """Experience and stack: negative forms first so 'no Kafka experience' is not positive.

    Both read a list of known technology names ("Kafka, Redis and Postgres"), so a
    phrase stops where the names stop and never swallows the words after them."""
    one = tech_alternation()
    names = one + r"(?:\s*(?:,\s*and|,|and|&|or|as well as)\s*" + one + r"){0,7}"

    @_rule(
        "team.lacks",
        r"(?:\bno|without|zero|little|lack(?:s|ing)?(?:\s+of)?|not much)\s+"
        + names
        + r"\s+(?:experience|expertise|knowledge|skills?|background)|"
        r"(?:never\s+(?:used|run|operated)|(?:don't|do not|doesn't)\s+know|\bavoid(?:ing)?|"
        r"instead\s+of|rather\s+than|\bnot)\s+" + names,
    )
    def _lacks(m: re.Match[str], d: Draft) -> bool:
        found = known_technologies(m.group(0))
        d.avoid.extend(w for w in found if w not in d.avoid)
        return bool(found)

    @_rule(
        "team.knows",
        r"(?:experience\s+(?:with|in)|(?:we|team|they|who|that|engineers|developers)\s+"
        r"(?:already\s+|mostly\s+)?(?:use|run|know|operate|have)s?|existing|"
        r"currently\s+(?:use|run)|familiar\s+with|comfortable\s+with|skilled\s+in|"
        r"strong\s+in|mostly|experienced\s+(?:with|in))\s+(?:in\s+|with\s+)?"
        + names
        + r"|"
        + names
        + r"\s+(?:in production|experience|expertise|shop|team|skills|engineers|developers)\b",
    )
    def _knows(m: re.Match[str], d: Draft) -> bool:
        found = [w for w in known_technologies(m.group(0)) if w not in d.avoid]
        d.experience.extend(w for w in found if w not in d.experience)
        if re.search(r"production|\brun|existing|operate|currently", m.group(0)):
            d.stack.extend(w for w in found if w not in d.stack)
        return bool(found)


_tech_rules()
