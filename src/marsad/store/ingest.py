"""`marsad ingest` and `marsad reanalyze` as library functions.

Each input is read, skipped when already stored (idempotent), analysed, and written with its
layers in the current transaction; transactions commit every ``batch_size`` inputs or every
``commit_seconds``, so a kill loses at most the uncommitted batch and the next run redoes it.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import from_bytes, from_text, read_path
from marsad.pipeline import analyze, warm_up
from marsad.settings import Settings
from marsad.store import models as m
from marsad.store.merge import DEFAULT_WINDOW_DAYS, MergeIndex, PlaceTree, refresh_event, remerge_all
from marsad.store.repository import (
    DUPLICATE,
    NEW,
    QUARANTINED,
    SKIPPED,
    CorpusWriter,
    Outcome,
    Prepared,
    layer_names,
    now,
    prepare,
)

Progress = Callable[[Outcome], None]


@dataclass
class Counts:
    by_status: Counter[str] = field(default_factory=Counter)
    near_duplicates: int = 0

    def add(self, outcome: Outcome) -> None:
        self.by_status[outcome.status] += 1
        if outcome.detail.startswith("near-duplicate"):
            self.near_duplicates += 1

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def summary(self) -> str:
        c = self.by_status
        return (f"{c[NEW]} new ({self.near_duplicates} near-duplicates grouped), {c[DUPLICATE]} duplicate, "
                f"{c[QUARANTINED]} quarantined, {c[SKIPPED]} skipped")


def _analyze(raw: RawArticle, settings: Settings):
    """Analyse one input; any failure becomes an InputError naming it (quarantined, not fatal)."""
    try:
        return analyze(raw, settings)
    except InputError:
        raise
    except Exception as exc:  # a failing stage must not lose the rest of the run
        raise InputError(raw.label, f"analysis failed: {type(exc).__name__}: {exc}") from exc


def ingest(paths: Iterable[str], sessions: sessionmaker[Session], settings: Settings, *,
           outlet: str | None = None, since: date | None = None, window_days: int = DEFAULT_WINDOW_DAYS,
           batch_size: int = 50, commit_seconds: float = 2.0, progress: Progress | None = None,
           workers: int = 1) -> Counts:
    """Store every input under ``paths``; with ``workers`` > 1 the analysis runs in that many processes
    while this one writes (in input order, so the result is the same as with one)."""
    counts = Counts()
    warm_up(settings)  # loaded once here, before worker processes fork and share it
    with sessions() as session:
        writer = CorpusWriter(session, window_days, settings.max_bytes)
        pending, last_commit = 0, time.monotonic()

        def commit() -> None:
            nonlocal pending, last_commit
            session.commit()
            pending, last_commit = 0, time.monotonic()

        jobs = _jobs(paths, settings, outlet, since, writer)
        try:
            for item, result in _analysed(jobs, settings, workers):
                outcome = _finish(writer, item, result, since)
                counts.add(outcome)
                pending += outcome.status in (NEW, DUPLICATE, QUARANTINED)
                if progress:
                    progress(outcome)
                if pending >= batch_size or (pending and time.monotonic() - last_commit > commit_seconds):
                    commit()
        except KeyboardInterrupt:
            commit()  # every written article is whole: keep them
            raise
        except BaseException:
            session.rollback()
            raise
        commit()
    return counts


Job = tuple[RawArticle | InputError, Outcome | None]  # None: to analyse


def _jobs(paths: Iterable[str], settings: Settings, outlet: str | None, since: date | None,
          writer: CorpusWriter) -> Iterator[Job]:
    for path in paths:
        for item in read_path(path, settings, outlet=outlet):
            if isinstance(item, InputError):
                yield item, None
            elif since and item.published and item.published < since:
                yield item, Outcome(SKIPPED, detail=f"{item.label}: published {item.published} before --since")
            elif writer.seen(item):  # re-ingesting: skip before the costly analysis
                yield item, Outcome(DUPLICATE, detail=f"{item.label}: input already stored")
            else:
                yield item, None


Result = Document | tuple[Document, Prepared] | InputError | Outcome | None


def _analysed(jobs: Iterator[Job], settings: Settings,
              workers: int) -> Iterator[tuple[RawArticle | InputError, Result]]:
    if workers <= 1:
        for item, verdict in jobs:
            if verdict is not None or isinstance(item, InputError):
                yield item, verdict
                continue
            try:
                yield item, _analyze(item, settings)
            except InputError as exc:
                yield item, exc
        return
    # Only raw articles cross to the workers; results come back in input order (imap).
    waiting: deque[Job] = deque()

    def feed() -> Iterator[RawArticle | None]:
        for job in jobs:
            waiting.append(job)
            item, verdict = job
            yield item if verdict is None and not isinstance(item, InputError) else None

    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for answer in pool.imap(_work, feed(), chunksize=4):
            item, verdict = waiting.popleft()
            if answer is None:
                yield item, verdict
            elif isinstance(answer[0], str):
                yield item, InputError(*answer)
            else:
                yield item, answer


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and commits


def _work(raw: RawArticle | None) -> tuple[Document, Prepared] | tuple[str, str] | None:
    if raw is None:
        return None
    assert _worker_settings is not None
    try:
        doc = _analyze(raw, _worker_settings)
    except InputError as exc:
        return exc.source, exc.reason  # InputError does not pickle (two-argument constructor)
    prepared = prepare(doc)  # search text and MinHash here, off the writer's critical path
    doc._cache.clear()  # tokens and views are cheaper to recompute than to pickle
    return doc, prepared


def _finish(writer: CorpusWriter, item: RawArticle | InputError, result: Result, since: date | None) -> Outcome:
    if isinstance(item, InputError):
        return writer.quarantine_error(item)
    if isinstance(result, Outcome):
        return result
    if isinstance(result, InputError):
        return writer.quarantine_error(result, item)
    assert result is not None
    doc, prepared = result if isinstance(result, tuple) else (result, None)
    if since and doc.published and doc.published < since:
        return Outcome(SKIPPED, detail=f"{item.label}: published {doc.published} before --since")
    return writer.add(item, doc, prepared)


def raw_article(article: m.Article, settings: Settings) -> RawArticle:
    """Rebuild what the reader produced from the stored input and its metadata."""
    meta = dict(article.raw_meta or {})
    path = meta.pop("path", None)
    if article.raw_is_text:
        return from_text(article.raw.decode("utf-8", "surrogatepass"), article.label, settings, path=path,
                         html=True if article.raw_html else None, **meta)
    return from_bytes(article.raw, article.label, settings, path=path, hint_html=article.raw_html, **meta)


@dataclass
class ReanalyzeCounts:
    reanalyzed: int = 0
    failed: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)


def reanalyze(sessions: sessionmaker[Session], settings: Settings, *, window_days: int = DEFAULT_WINDOW_DAYS,
              article_ids: list[int] | None = None, batch_size: int = 50,
              progress: Callable[[int], None] | None = None) -> ReanalyzeCounts:
    """Re-run the pipeline over stored inputs, replace their layers and rebuild event merges.

    An input that now fails keeps its previous analysis and is reported; nothing is deleted.
    """
    counts = ReanalyzeCounts()
    warm_up(settings)
    with sessions() as session:
        query = select(m.Article.id).order_by(m.Article.id)
        if article_ids:
            query = query.where(m.Article.id.in_(article_ids))
        ids = list(session.scalars(query))
        writer = CorpusWriter(session, window_days, settings.max_bytes)
        # Old sources are deleted as we go: merge only among the new ones (all events are rebuilt at the end).
        writer.merger.index = MergeIndex()
        places = PlaceTree.load(session)
        for n, article_id in enumerate(ids, start=1):
            article = session.get(m.Article, article_id)
            assert article is not None
            try:
                doc = _analyze(raw_article(article, settings), settings)
            except InputError as exc:
                counts.failed += 1
                counts.failures.append(f"{exc.source}: {exc.reason}")
                continue
            article.document = doc.model_dump(mode="json")
            article.title, article.text, article.content_hash = doc.title, doc.text, doc.id
            article.outlet, article.url, article.published = doc.source.outlet, doc.source.url, doc.published
            article.stages = " ".join(layer_names(doc))
            article.analyzed_at = now()
            if article.duplicate_of is None:
                prepared = prepare(doc)
                article.search_text, article.minhash = prepared.search_text, prepared.minhash
                for event_id in writer.clear_layers(article_id):
                    refresh_event(session, event_id, places)
                writer.write_layers(article, doc)
            counts.reanalyzed += 1
            if progress:
                progress(n)
            if n % batch_size == 0:
                session.commit()
        session.commit()
        counts.events = remerge_all(session, window_days)
        session.commit()
    return counts
