"""The pattern library: a feature (or a load level) → a component sub-graph, with reasons.

Patterns are data (`patterns/*.yaml`); this module gives them a type and loads them. A
pattern names the components it adds by role id; ids shared between patterns (the
`core` ones: `client`, `edge`, `api`, `db`) are where sub-graphs join, so a design is the
union of its patterns. Scale-driven patterns carry `when` thresholds instead of (or
beside) trigger words, which is how the same feature list grows a cache, a CDN or a
queue at 50M users and not at 1,000.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from archwright.kb.compiled import read_folder
from archwright.kb.held import Payload
from archwright.model import Auth, DataClass, Kind, Mode, ModelRole, Protocol, Severity
from archwright.model.defaults import empty_dict, empty_list


class LoadBasis(StrEnum):
    """Which figure of the back-of-envelope a component's load follows."""

    EDGE = "edge"  # every request at the edge
    READS = "reads"  # read requests (after the cache, for datastores behind one)
    WRITES = "writes"  # write requests
    EVENTS = "events"  # events or messages per second
    CONCURRENT = "concurrent"  # open connections
    DEVICES = "devices"  # connections a device fleet holds open (people's not counted)
    MEDIA = "media"  # media uploads
    LLM = "llm"  # model calls
    DATA = "data"  # a system of record: writes plus the reads no cache absorbed
    BACKGROUND = "background"  # small constant load (schedulers, admin, observability)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Load(_Strict):
    basis: LoadBasis = LoadBasis.EDGE
    share: float = Field(1.0, ge=0, le=100, description="Multiple of the basis figure it sees.")


class PatternComponent(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str = Field(min_length=1)
    kind: Kind
    also_kinds: list[Kind] = Field(
        default_factory=empty_list,
        description="Other kinds that can fill the role (queue or stream).",
    )
    role: str = Field(min_length=1, description="Its responsibility, for the matrix.")
    load: Load = Field(default_factory=Load)
    public: bool = False
    speaks: Protocol | None = Field(
        None,
        description="The protocol its clients use; only technologies the catalog says "
        "speak it fill the role (an IoT gateway is an MQTT broker).",
    )
    rate_limited: bool = Field(
        False, description="Enforces a request limit (set at the capacity it is sized for)."
    )
    held_gb: float | None = Field(
        None,
        gt=0,
        description="GB the store holds whatever the system's data (a site's built assets), "
        "from the pattern's sources; unset, it holds a share of the data (`held_by`).",
    )
    payload: Payload | None = Field(
        None,
        description="A blob store holding the bytes the stated data counts: `media` "
        "(video, photos, file chunks) or `text` (pages, documents); what a store beside "
        "it holds per record follows (kb/held.yaml).",
    )
    data_classes: list[DataClass] = Field(default_factory=empty_list)
    model_role: ModelRole | None = Field(
        None, description="Models: what the model does (embedding, rerank, generation)."
    )
    serves: str | None = Field(
        None, description="A specialised job (training, model-registry): techs serving it."
    )
    other_provider_than: str | None = Field(
        None, description="Models: a role whose provider this one must not share (fallback)."
    )
    tags: list[str] = Field(default_factory=empty_list, description="Tags the component carries.")
    properties: dict[str, str | bool | int | float] = Field(
        default_factory=empty_dict, description="Properties the component carries (budgets, flags)."
    )
    override: bool = Field(
        False,
        description="Replaces the same role an earlier pattern declared (the video "
        "pattern's media CDN delivers video).",
    )


class PatternConnection(_Strict):
    """A call between two roles. `traffic` is what it carries in envelope terms; the
    engine turns it into the connection's `share` and `calls` over the wired graph."""

    source: str
    target: str
    protocol: Protocol = Protocol.HTTPS
    mode: Mode | None = None
    auth: Auth = Auth.NONE
    traffic: Load | None = Field(
        None,
        description="Requests/s it carries (basis × share); unset: the smaller of its "
        "two ends' loads.",
    )
    fallback: str | None = Field(
        None,
        description="Role called instead when the call fails; on a cache call, where "
        "the misses go (cache-aside).",
    )
    override: bool = Field(False, description="Replaces the same call an earlier pattern declared.")
    payload_kb: float | None = Field(
        None, gt=0, description="KB one call carries (a batch of readings), when not the default."
    )
    description: str | None = None


class PatternJourney(_Strict):
    name: str = Field(min_length=1)
    steps: list[str] = Field(min_length=2)


class PatternRisk(_Strict):
    risk: str = Field(min_length=1)
    mitigation: str = Field(min_length=1)
    severity: Severity = Severity.MEDIUM


class When(_Strict):
    """Scale thresholds; every one set must hold for the pattern to apply."""

    min_peak_rps: float | None = None
    min_read_rps: float | None = None
    min_write_rps: float | None = None
    min_dau: float | None = None
    min_concurrent: float | None = None
    min_data_gb: float | None = None
    min_availability: float | None = None
    compliance_any: list[str] = Field(
        default_factory=empty_list, description="Any of these regimes."
    )


class Pattern(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    category: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    always: bool = Field(False, description="Part of every design (the core).")
    triggers: list[str] = Field(
        default_factory=empty_list, description="Words or phrases in a description that ask for it."
    )
    when: When | None = Field(
        None, description="Applies by itself when these hold (and `alongside` patterns are in)."
    )
    alongside: list[str] = Field(
        default_factory=empty_list, description="Applies automatically only next to these patterns."
    )
    requires: list[str] = Field(default_factory=empty_list, description="Patterns it builds on.")
    sources: list[Annotated[str, StringConstraints(pattern=r"^https://\S+$")]] = Field(
        default_factory=empty_list,
        description="Public pages (https) the shape and its figures come from.",
    )
    components: list[PatternComponent] = Field(default_factory=empty_list)
    connections: list[PatternConnection] = Field(default_factory=empty_list)
    journey: PatternJourney | None = None
    reasons: list[str] = Field(min_length=1, description="Why this shape, for the design doc.")
    risks: list[PatternRisk] = Field(default_factory=empty_list)

    @property
    def feature(self) -> str:
        """The canonical feature name a trigger maps to."""
        return self.id


class PatternFile(_Strict):
    patterns: list[Pattern]


class PatternLibrary:
    """All patterns, in a stable order (file name, then position)."""

    def __init__(self, patterns: list[Pattern]) -> None:
        self.patterns = patterns
        self._by_id = {p.id: p for p in patterns}

    def __len__(self) -> int:
        return len(self.patterns)

    def get(self, pattern_id: str) -> Pattern:
        return self._by_id[pattern_id]

    def find(self, pattern_id: str) -> Pattern | None:
        return self._by_id.get(pattern_id)

    def closure(self, pattern_id: str) -> list[Pattern]:
        """The pattern and everything it requires, required ones first."""
        out: list[Pattern] = []
        seen: set[str] = set()

        def visit(pid: str) -> None:
            if pid in seen:
                return
            seen.add(pid)
            pattern = self._by_id[pid]
            for dep in pattern.requires:
                visit(dep)
            out.append(pattern)

        visit(pattern_id)
        return out


def read_data_folder(folder: str) -> list[tuple[str, Any]]:
    """(file name, parsed YAML) for every `.yaml` file of a kb data folder, by name.

    These files ship inside the package and are ours, not user input, so they are read
    with the plain safe loader rather than archfile's limits.
    """
    return read_folder(folder)


@cache
def load_patterns() -> PatternLibrary:
    """Read every pattern file shipped in the package (once per process)."""
    patterns: list[Pattern] = []
    for _name, raw in read_data_folder("patterns"):
        patterns.extend(PatternFile.model_validate(raw).patterns)
    return PatternLibrary(patterns)
