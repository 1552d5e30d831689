"""Every `archwright` command: its name, where it lives, and the line `--help` lists.

The table lets the CLI import a command's module only when that command runs (issue 16):
importing all 28 modules with the engines they pull in was most of every process's
start-up. `--help` lists the summaries from here instead of importing each module for
its docstring. A test builds every command from its module and checks that its help
begins with this summary, that every module's command is in the table, and that the
lazy `--help` prints exactly what the fully loaded CLI prints (`tests/cli/`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CommandEntry:
    """One command: `archwright.cli.<module>.<attr>` is a command function or, for a
    command with subcommands, a `typer.Typer`."""

    name: str
    module: str
    attr: str
    summary: str  # the first paragraph of its help: what `archwright --help` shows


COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry(
        "validate",
        "validate",
        "command",
        "Check architecture files: shape, kinds, references, journeys and units.",
    ),
    CommandEntry(
        "schema",
        "schema",
        "command",
        "Print the JSON Schema of an architecture file (or of a requirements file).",
    ),
    CommandEntry(
        "export",
        "export",
        "command",
        "Export diagrams, infrastructure code or documents into a folder.",
    ),
    CommandEntry("formats", "export", "formats_command", "List the export formats."),
    CommandEntry(
        "cost",
        "cost",
        "command",
        "Estimate the monthly cost per component and in total, with the assumptions.",
    ),
    CommandEntry(
        "audit",
        "audit",
        "command",
        "Audit an architecture: findings with reasons and fixes, graded A-F per category.",
    ),
    CommandEntry(
        "rules",
        "audit",
        "rules_command",
        "List the audit rules (markdown is the docs/rules.md reference).",
    ),
    CommandEntry(
        "audit-code",
        "audit_code",
        "command",
        "Grade a repository A-F: lint, complexity, tests, pinning, Dockerfiles, secrets.",
    ),
    CommandEntry(
        "design",
        "design",
        "command",
        "Design a sized, explained architecture from a description or a requirements file.",
    ),
    CommandEntry(
        "simulate",
        "simulate",
        "command",
        "Load and capacity: utilization, latency, bottleneck and ceiling of every component.",
    ),
    CommandEntry(
        "chaos",
        "chaos",
        "command",
        "Fail components, zones or a region (or slow or throttle a component) and show the"
        " cascade.",
    ),
    CommandEntry(
        "availability",
        "availability",
        "command",
        "Composite availability of every journey against the SLO, with the error budget.",
    ),
    CommandEntry(
        "sweep",
        "sweep",
        "command",
        "Fail every component in turn and rank them by the traffic and journeys they take down.",
    ),
    CommandEntry(
        "import",
        "import_cmd",
        "command",
        "Reverse-engineer deployment files into an architecture, with a loss report.",
    ),
    CommandEntry(
        "conform",
        "conform",
        "command",
        "Drift between a design and deployment files; exit 1 when they differ.",
    ),
    CommandEntry(
        "tradeoff",
        "tradeoff",
        "command",
        "Score options across dimensions, recommend one, and say what would flip it.",
    ),
    CommandEntry(
        "select",
        "select",
        "command",
        "Rank technologies for a need: guarantees, burden, cost at scale, team, cloud, lock-in.",
    ),
    CommandEntry(
        "estimate",
        "estimate",
        "command",
        "Estimate load and footprint from stated numbers, showing each step.",
    ),
    CommandEntry(
        "adr",
        "adr",
        "command",
        "Write Architecture Decision Records (MADR) for every decision in the model.",
    ),
    CommandEntry(
        "slo",
        "slo",
        "command",
        "Design SLOs per journey and component, with multi-window burn-rate alerts.",
    ),
    CommandEntry(
        "migrate",
        "migrate",
        "command",
        "A phased strangler-fig plan: extraction order by coupling, seams, data, rollback.",
    ),
    CommandEntry("compare", "compare", "command", "Compare two architectures side by side."),
    CommandEntry(
        "critique",
        "critique",
        "command",
        "Failure modes, what breaks at 10x, hidden costs, simpler alternatives, tech debt.",
    ),
    CommandEntry(
        "interview",
        "interview",
        "command",
        "Practise system design: read a challenge, answer with an architecture file, get graded.",
    ),
    CommandEntry(
        "session",
        "session",
        "command",
        "Context, options, deep dive, stress test and an ADR; saved after every step.",
    ),
    CommandEntry(
        "prompt",
        "prompt",
        "command",
        "Print a filled prompt for any chat model; with --llm, send it and print the answer.",
    ),
    CommandEntry(
        "review",
        "review",
        "command",
        "Review an architecture: the audit's findings, prioritised and explained.",
    ),
    CommandEntry(
        "ask",
        "ask",
        "command",
        "Ask about the design in words: answers from the engines, edits as diffs to accept.",
    ),
    CommandEntry(
        "serve",
        "serve",
        "command",
        "Serve the web workbench: a canvas and an HTTP API over every engine.",
    ),
    CommandEntry(
        "specs",
        "specs",
        "app",
        "Reference designs of well-known products, usable as starting points.",
    ),
)
