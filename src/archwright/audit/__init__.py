"""Deterministic audits: rule engine, registry, rules/<category>/<code>_<name>.py.

Public API: `audit(arch)` returns a `Report` of findings and grades; `all_rules()` lists
every rule; the render functions turn a report into JSON, Markdown or SARIF.
"""

from archwright.audit.context import Context
from archwright.audit.engine import Report, UnknownSelector, audit, select
from archwright.audit.grading import Grade
from archwright.audit.registry import RegisteredRule, RegistryError, all_rules
from archwright.audit.rule import Category, Finding, Rule

__all__ = [
    "Category",
    "Context",
    "Finding",
    "Grade",
    "RegisteredRule",
    "RegistryError",
    "Report",
    "Rule",
    "UnknownSelector",
    "all_rules",
    "audit",
    "select",
]
