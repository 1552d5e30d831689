"""Which catalog models may fill an AI role: an embedder is not a chat model, a model
server is not a provider's embedding API, and a fallback tier is not the primary's
provider again.

Roles of the same kind are chosen together unless they differ in what the model does
(`PatternComponent.model_role`) or must avoid another role's provider
(`other_provider_than`); this narrows the candidates for such a role.
"""

from __future__ import annotations

from archwright.kb.catalog import Catalog, Technology
from archwright.model import Kind, ModelRole

MODEL_KINDS = frozenset({Kind.LLM, Kind.ML_MODEL})


def narrow(
    catalog: Catalog,
    kinds: tuple[Kind, ...],
    role: ModelRole | None,
    avoid_provider: str | None = None,
    serves: str | None = None,
) -> Catalog:
    """The catalog with the role's candidates narrowed to those doing its job: the
    specialised job it asks for (training, a model registry), else no specialised
    technology; for models, what the model does, and not run by `avoid_provider`.
    Unchanged when nothing would be left."""
    catalog = _specialised(catalog, kinds, serves)
    if not MODEL_KINDS & set(kinds) or serves is not None:
        return catalog
    wanted = role if role is not None else _default_role(kinds)
    fits = [t for t in catalog.technologies if t.kind in kinds and _does(t, wanted)]
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
