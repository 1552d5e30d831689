"""Which catalog models may fill an AI role: an embedder is not a chat model, a model
server is not a provider's embedding API, and a fallback tier is not the primary's
provider again.

Roles of the same kind are chosen together unless they differ in what the model does
(`PatternComponent.model_role`), in the specialised job they serve (`serves`: training,
a model registry) or must avoid another role's provider (`other_provider_than`); this
narrows the candidates for such a role. `archwright select` narrows the same way: its
argument carries the job (`ml_model:embedding`, `batch_processor:training`,
`llm:not-anthropic`), and a design's decision names that argument.
"""

from __future__ import annotations

from dataclasses import dataclass

from archwright.kb.catalog import Catalog, Technology
from archwright.model import Kind, ModelRole

MODEL_KINDS = frozenset({Kind.LLM, Kind.ML_MODEL})
_AVOID = "not-"


@dataclass(frozen=True)
class Job:
    """The narrowing of one role: what its model does, the specialised job it serves,
    the provider it must not share."""

    model_role: ModelRole | None = None
    serves: str | None = None
    avoid_provider: str | None = None

    def suffix(self) -> str:
        """How `select`'s argument names this job (empty for a generic role)."""
        if self.model_role is not None:
            return f":{self.model_role.value}"
        if self.serves is not None:
            return f":{self.serves}"
        if self.avoid_provider is not None:
            return f":{_AVOID}{self.avoid_provider}"
        return ""


def parse(argument: str) -> tuple[str, Job]:
    """`ml_model:embedding` → ("ml_model", Job(model_role=EMBEDDING)); no colon: generic."""
    kind, _, job = argument.partition(":")
    job = job.strip().lower()
    if not job:
        return kind, Job()
    if job.startswith(_AVOID):
        return kind, Job(avoid_provider=job.removeprefix(_AVOID))
    if job in {r.value for r in ModelRole}:
        return kind, Job(model_role=ModelRole(job))
    return kind, Job(serves=job)


def narrow_list(
    techs: list[Technology], kinds: tuple[Kind, ...], job: Job, within: str | None = None
) -> list[Technology]:
    """`narrow` over a candidate list (what `select` ranks)."""
    catalog = Catalog(techs, {})
    kept = narrow(catalog, kinds, job.model_role, job.avoid_provider, job.serves, within)
    names = {t.name for t in kept.technologies}
    return [t for t in techs if t.name in names]


def narrow(
    catalog: Catalog,
    kinds: tuple[Kind, ...],
    role: ModelRole | None,
    avoid_provider: str | None = None,
    serves: str | None = None,
    within: str | None = None,
) -> Catalog:
    """The catalog with the role's candidates narrowed to those doing its job: the
    specialised job it asks for (training, a model registry), else no specialised
    technology; for models, what the model does, served by the cloud `within` when the
    prompts must stay inside it (`constraints.within_cloud`), and not run by
    `avoid_provider` where another is left: inside one cloud a fallback tier is its
    model service again (another model or region), never a third-party API.
    Unchanged when nothing would be left."""
    catalog = _specialised(catalog, kinds, serves)
    if not MODEL_KINDS & set(kinds) or serves is not None:
        return catalog
    wanted = role if role is not None else _default_role(kinds)
    fits = [t for t in catalog.technologies if t.kind in kinds and _does(t, wanted)]
    if within is not None:
        fits = [t for t in fits if provider(t) == within] or fits
    if avoid_provider is not None:
        elsewhere = [
            t for t in fits if t.tokens is not None and t.tokens.provider != avoid_provider
        ]
        fits = elsewhere or fits
    if not fits:
        return catalog
    others = [t for t in catalog.technologies if t.kind not in kinds]
    return Catalog(others + fits, catalog.snapshot_dates)


def _specialised(catalog: Catalog, kinds: tuple[Kind, ...], serves: str | None) -> Catalog:
    """Specialised technologies (SageMaker training, a model registry) fill only the roles
    that ask for their job; generic roles of their kind never get them."""
    if serves is None:
        keep = [t for t in catalog.technologies if not (t.serves and t.kind in kinds)]
    else:
        fits = [t for t in catalog.technologies if serves in t.serves and t.kind in kinds]
        if not fits:
            return catalog
        keep = [t for t in catalog.technologies if t.kind not in kinds] + fits
    if len(keep) == len(catalog.technologies):
        return catalog
    return Catalog(keep, catalog.snapshot_dates)


def within_cloud(cloud: str | None, stays: bool | None) -> str | None:
    """The cloud whose model service a model role must use: the design's cloud when the
    requirements keep prompts inside it (`constraints.within_cloud`), else None."""
    return cloud if stays and cloud in ("aws", "gcp", "azure") else None


def provider(tech: Technology | None) -> str | None:
    """Who runs a model technology (None for one without token figures)."""
    return tech.tokens.provider if tech is not None and tech.tokens is not None else None


def _default_role(kinds: tuple[Kind, ...]) -> ModelRole | None:
    """An LLM role generates; an unqualified ML model role is a model we serve."""
    return ModelRole.GENERATION if Kind.LLM in kinds else None


def _does(tech: Technology, role: ModelRole | None) -> bool:
    if role is None:
        return tech.tokens is None
    return tech.tokens is not None and tech.tokens.role is role
