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

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archwright.kb.compiled import read_file
from archwright.model import Kind
from archwright.model.defaults import empty_dict


class Payload(StrEnum):
    """The bytes a blob store (object store, data lake) holds, as its pattern declares
    them (`payload`): what a store beside it indexes or describes."""

    MEDIA = "media"  # video, audio, photos, opaque file chunks: indexed per item
    TEXT = "text"  # web pages, documents: an index or embeddings read the text itself
    OTHER = "other"  # undeclared (an audit archive, a lake, built assets)


class Embedding(BaseModel):
    """One chunk embedding: its bytes (dimensions × bytes each + a header) and the text
    it covers (a new chunk every `chunk_tokens - overlap_tokens` tokens), each figure
    with its source in held.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dimensions: int = Field(gt=0)
    dimensions_source: str = Field(pattern=r"^https://\S+")
    dimensions_why: str = Field(min_length=1)
    bytes_per_dimension: float = Field(gt=0)
    header_bytes: float = Field(ge=0)
    bytes_source: str = Field(pattern=r"^https://\S+")
    bytes_why: str = Field(min_length=1)
    chunk_tokens: int = Field(gt=0)
    overlap_tokens: int = Field(ge=0)
    chunk_source: str = Field(pattern=r"^https://\S+")
    chunk_why: str = Field(min_length=1)
    bytes_per_token: float = Field(gt=0)
    token_source: str = Field(pattern=r"^https://\S+")
    token_why: str = Field(min_length=1)

    @model_validator(mode="after")
    def _strides(self) -> Embedding:
        if self.overlap_tokens >= self.chunk_tokens:
            raise ValueError("overlap_tokens must be less than chunk_tokens")
        return self

    @property
    def bytes(self) -> float:
        """Bytes one embedding takes (a float32 vector: 4 × 1,536 + 8 = 6,152)."""
        return self.dimensions * self.bytes_per_dimension + self.header_bytes

    @property
    def per_text_byte(self) -> float:
        """Bytes of embeddings per byte of text: one embedding per chunk stride (chunks
        overlap, so each new one covers `chunk - overlap` tokens of new text)."""
        stride = (self.chunk_tokens - self.overlap_tokens) * self.bytes_per_token
        return self.bytes / stride


class HeldRule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    beside: frozenset[Payload] = Field(
        description="The blob stores beside which the stated data is theirs and this "
        "kind holds per record."
    )
    record_ratio: float = Field(0.0, ge=0, description="Bytes held per byte of record.")
    record_bytes: float = Field(0.0, ge=0, description="Bytes held per record.")
    record_embedding: bool = Field(
        False, description="One embedding (`embedding.bytes`) held per record."
    )
    of_text: bool = Field(
        False,
        description="Beside text, the kind holds its share of the text as chunk "
        "embeddings (`embedding.per_text_byte` GB per GB of text).",
    )
    source: str = Field(pattern=r"^https://\S+")
    why: str = Field(min_length=1)

    def gb_per_record_gb(self, record_kb: float) -> float:
        """GB held per GB of records of `record_kb` each: the larger of the figures."""
        per_record = self.record_bytes + (embedding().bytes if self.record_embedding else 0.0)
        return max(self.record_ratio, per_record / (record_kb * 1000))


class SampleFigure(BaseModel):
    """Bytes one stored sample takes on disk, compressed, with its public source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    bytes: float = Field(gt=0)
    source: str = Field(pattern=r"^https://\S+")
    why: str = Field(min_length=1)


class KindSamples(SampleFigure):
    """A kind's bytes per sample, and the technologies that document their own."""

    technologies: dict[str, SampleFigure] = Field(default_factory=empty_dict)


class _HeldFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    embedding: Embedding
    samples: dict[Kind, KindSamples]
    kinds: dict[Kind, HeldRule]


@cache
def _held_file() -> _HeldFile:
    return _HeldFile.model_validate(read_file("held.yaml"))


def embedding() -> Embedding:
    """The one chunk embedding of held.yaml (its bytes and the text it covers)."""
    return _held_file().embedding


def per_text(kind: Kind, beside: frozenset[Payload]) -> float | None:
    """GB a store of `kind` holds per GB of its share of the data when the design's blob
    stores hold text (pages, documents) it embeds: `embedding.per_text_byte` (~3.8: a
    6,152-byte embedding per 1,600 bytes of new text); None where the kind keeps its
    share as it is."""
    rule = _held_file().kinds.get(kind)
    if rule is None or not rule.of_text or Payload.TEXT not in beside:
        return None
    return embedding().per_text_byte


def per_record(kind: Kind, beside: frozenset[Payload]) -> HeldRule | None:
    """The kind's rule when the design's blob stores (`beside`) hold what the stated data
    counts, and this kind keeps records about it; None: it holds its share of the data."""
    rule = _held_file().kinds.get(kind)
    return rule if rule is not None and rule.beside & beside else None


def sample_bytes(kind: Kind, technology: str | None) -> SampleFigure | None:
    """Bytes a store of `kind` keeps per sample it takes from a stream (a time-series
    store's compressed readings): the technology's own figure where it documents one,
    else the kind's; None for a kind that lands events as records (`landed_event_kb`)."""
    kind_figure = _held_file().samples.get(kind)
    if kind_figure is None:
        return None
    return kind_figure.technologies.get(technology or "", kind_figure)


def sampled_technologies() -> dict[Kind, frozenset[str]]:
    """The technologies held.yaml gives a figure of their own, by kind (for the tests
    that check each one is a catalog entry of that kind)."""
    return {k: frozenset(v.technologies) for k, v in _held_file().samples.items()}
