"""The stage contract, the registry and :func:`process_batch`.

A stage is a pure function ``Document -> Document`` registered under a namespaced, versioned name
(``cronaca.quotes.rules.v1``). It declares what it **requires** (fields earlier stages or the
cleaner must have filled) and what it **assigns**; :func:`check_stages` verifies the order before
anything runs, as spaCy's ``pipe_analysis`` does.

Stages are referenced by ``"module:function"`` strings and imported on first use, so the registry
itself is plain data: it pickles, it travels to Dask workers, and a process loads each stage (and
the resources it caches) once.

:func:`process_batch` is the one callable that turns raw documents into annotated documents. It
opens no database and keeps no state between calls: the same function runs in a local loop, in a
``multiprocessing`` pool or in ``dask.bag.map_partitions``. A document that fails in a stage is
reported as a :class:`~cronaca.types.Failure` and the rest of the batch goes on; so is one over
the size or time limit of :mod:`cronaca.limits`.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from .errors import CronacaError, InputError, PipelineError
from .limits import MAX_SECONDS, MAX_TEXT_CHARS, check_text, deadline
from .types import Document, Failure, RawDocument

log = logging.getLogger(__name__)

StageFn = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    target: str  # "package.module:function"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


#: What the cleaner provides before any NLP stage runs.
CLEANER_ASSIGNS = ("article.text", "article.sentences", "article.published", "article.language")

REGISTRY: dict[str, StageSpec] = {}


def register(spec: StageSpec) -> StageSpec:
    """Register a stage (user code can add its own, e.g. ``myorg.events.model.v2``)."""
    REGISTRY[spec.name] = spec
    return spec


for _spec in (
    StageSpec("cronaca.times.rules.v1", "cronaca.nlp.times:annotate",
              requires=("article.sentences", "article.published"), assigns=("times",)),
    StageSpec("cronaca.entities.rules.v1", "cronaca.nlp.entities:annotate",
              requires=("article.sentences",), assigns=("mentions",)),
    StageSpec("cronaca.quotes.rules.v1", "cronaca.nlp.quotes:annotate",
              requires=("article.sentences", "mentions"), assigns=("quotes",)),
    StageSpec("cronaca.events.frames.v2", "cronaca.nlp.events:annotate",
              requires=("article.sentences", "mentions", "times", "quotes"), assigns=("events",)),
):
    register(_spec)

DEFAULT_STAGES: tuple[str, ...] = (
    "cronaca.times.rules.v1",
    "cronaca.entities.rules.v1",
    "cronaca.quotes.rules.v1",
    "cronaca.events.frames.v2",
)


@dataclass(frozen=True, slots=True)
class Options:
    """Everything a run can be told, built once and passed down (picklable)."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    language: str | None = None  # force a language; None = detect per article
    max_chars: int = MAX_TEXT_CHARS  # longest text one article may have (cronaca.limits)
    max_seconds: float | None = MAX_SECONDS  # time one article may take; None: no limit


@dataclass(slots=True)
class BatchResult:
    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def check_stages(names: Sequence[str]) -> list[StageSpec]:
    """Resolve stage names and verify each one's requirements are met by what runs before it."""
    available = set(CLEANER_ASSIGNS)
    specs = []
    for name in names:
        spec = REGISTRY.get(name)
        if spec is None:
            known = ", ".join(sorted(REGISTRY))
            raise PipelineError(f"unknown stage {name!r}; registered stages: {known}")
        missing = [r for r in spec.requires if r not in available]
        if missing:
            raise PipelineError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                f"put the stage that assigns it first"
            )
        available.update(spec.assigns)
        specs.append(spec)
    return specs


_LOADED: dict[str, StageFn] = {}


def load_stage(spec: StageSpec) -> StageFn:
    """Import a stage's function once per process."""
    fn = _LOADED.get(spec.target)
    if fn is None:
        module_name, _, attr = spec.target.partition(":")
        fn = getattr(importlib.import_module(module_name), attr)
        _LOADED[spec.target] = fn
    return fn


def annotate(doc: Document, specs: Sequence[StageSpec]) -> Document:
    """Run the stages over one document, recording each stage's name on it."""
    for spec in specs:
        doc = load_stage(spec)(doc)
        doc = Document(doc.article, doc.mentions, doc.quotes, doc.times, doc.events,
                       doc.stages + (spec.name,))
    return doc


def process_batch(raws: Iterable[RawDocument], options: Options = Options()) -> BatchResult:
    """Clean and annotate a batch of raw documents. Pure: no I/O, no state between calls."""
    from .ingest.clean import clean  # imported here so the registry module stays light

    specs = check_stages(options.stages)
    result = BatchResult()
    for raw in raws:
        stage = "cronaca.clean"
        try:
            check_text(raw.text, raw.origin, options.max_chars)
            with deadline(options.max_seconds, raw.origin):
                article = clean(raw, language=options.language)
                doc = Document(article)
                for spec in specs:
                    stage = spec.name
                    doc = annotate(doc, [spec])
            result.documents.append(doc)
        except InputError as exc:  # the input's own fault: its reason, without the origin again
            result.failures.append(Failure(raw.origin, exc.reason, stage))
        except CronacaError as exc:
            result.failures.append(Failure(raw.origin, str(exc), stage))
        except Exception as exc:  # a bug in one stage must not lose the rest of the batch
            log.exception("stage %s failed on %s", stage, raw.origin)
            result.failures.append(Failure(raw.origin, f"{type(exc).__name__}: {exc}", stage))
    return result
