"""What a store holds beside a store of file bytes: per record, not a share of the bytes.

A video catalogue's search index and item embeddings grow with the number of videos,
not with their petabytes; a file-sync database holds file records, not file chunks. The
figures per kind (an index's on-disk ratio, an embedding's bytes) live in `held.yaml`
with a public source each; `generate.provision.held_by` applies them, and sizing and the
scorer both read that one share.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from archwright.kb.compiled import read_file
from archwright.model import Kind


class Payload(StrEnum):
    """The bytes a blob store (object store, data lake) holds, as its pattern declares
    them (`payload`): what a store beside it indexes or describes."""

    MEDIA = "media"  # video, audio, photos, opaque file chunks: indexed per item
    TEXT = "text"  # web pages, documents: an index or embeddings read the text itself
    OTHER = "other"  # undeclared (an audit archive, a lake, built assets)


class HeldRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    beside: frozenset[Payload] = Field(
        description="The blob stores beside which the stated data is theirs and this "
        "kind holds per record."
    )
    record_ratio: float = Field(0.0, ge=0, description="Bytes held per byte of record.")
    record_bytes: float = Field(0.0, ge=0, description="Bytes held per record (an embedding).")
    source: str = Field(pattern=r"^https://\S+")
    why: str = Field(min_length=1)

    def gb_per_record_gb(self, record_kb: float) -> float:
        """GB held per GB of records of `record_kb` each: the larger of the two figures."""
        return max(self.record_ratio, self.record_bytes / (record_kb * 1000))


class _HeldFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: dict[Kind, HeldRule]


@cache
def _held_file() -> _HeldFile:
    return _HeldFile.model_validate(read_file("held.yaml"))


def per_record(kind: Kind, beside: frozenset[Payload]) -> HeldRule | None:
    """The kind's rule when the design's blob stores (`beside`) hold what the stated data
    counts, and this kind keeps records about it; None: it holds its share of the data."""
    rule = _held_file().kinds.get(kind)
    return rule if rule is not None and rule.beside & beside else None
