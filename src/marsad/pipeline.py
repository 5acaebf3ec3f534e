"""The pipeline: a RawArticle becomes a Document through small registered stages.

``clean`` turns the reader's text into the Document; every later stage takes the Document and
the Settings and adds its layer. Stages are looked up by name, so settings (or a plugin) choose
which run; nothing here knows about storage, HTTP or the command line.
"""

from __future__ import annotations

import gc
import importlib
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from time import perf_counter
from typing import Any

import numpy as np

from marsad.clean.clean import clean_text
from marsad.clean.codepoints import CodePointTable, code_points
from marsad.document import Document, Furniture, Source
from marsad.errors import InputError
from marsad.ingest.raw import RawArticle
from marsad.ingest.readers import from_text
from marsad.settings import DEFAULT_SETTINGS, Settings

Stage = Callable[[Document, Settings], None]

# name -> "module:function"; imported on first use so a light install starts fast.
STAGES: dict[str, str] = {
    "segment": "marsad.nlp.segment:segment",
    "gazetteer": "marsad.link.gazetteer:gazetteer",
    "ner": "marsad.nlp.ner.recognise:recognise",
    "link": "marsad.link.linker:link",
    "events": "marsad.events.extract:extract_events",
}
_loaded: dict[str, Stage] = {}


def register_stage(name: str, target: str) -> None:
    """Declare a stage (plugins call this); ``target`` is "module:function"."""
    STAGES[name] = target
    _loaded.pop(name, None)


def get_stage(name: str) -> Stage:
    if name not in _loaded:
        if name not in STAGES:
            raise KeyError(f"unknown pipeline stage {name!r}; known: {', '.join(STAGES)}")
        module, _, func = STAGES[name].partition(":")
        _loaded[name] = getattr(importlib.import_module(module), func)
    return _loaded[name]


def _letter_kind(ch: str) -> int:
    """2 for a letter (str.isalpha) of the Arabic blocks U+0600-06FF and U+0750-08FF, 1 for another letter, else 0."""
    if not ch.isalpha():
        return 0
    return 2 if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff" else 1


_LETTER_KIND = CodePointTable(_letter_kind)


def arabic_ratio(text: str) -> tuple[int, float]:
    """Letters in Arabic script, and their share of all letters (array lookups, not a loop per character)."""
    kinds = _LETTER_KIND(code_points(text))
    letters, arabic = int(np.count_nonzero(kinds)), int(np.count_nonzero(kinds == 2))
    return arabic, (arabic / letters if letters else 0.0)


RETRY_SECONDS = 0.25  # the time limit fires again this often until the document has stopped


def _timed_out(label: str, seconds: float) -> InputError:
    return InputError(label, f"analysis took longer than {seconds:g} s (document_timeout)")


class _Expired(BaseException):
    """Raised asynchronously in a worker thread whose document ran out of time (not an Exception: no
    stage's ``except Exception`` may swallow it)."""


@contextmanager
def _thread_time_limit(seconds: float, label: str) -> Iterator[None]:
    """The time limit off the main thread (Dask workers, the API's thread pool), where SIGALRM cannot go:
    a timer raises ``_Expired`` in this thread between two bytecodes, as a signal handler would."""
    import ctypes

    tid, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}

    def expire() -> None:
        nonlocal timer
        with lock:
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(_Expired))
                # Again shortly, in case it was swallowed (an exception in a gc callback is only printed).
                timer = threading.Timer(RETRY_SECONDS, expire)
                timer.daemon = True
                timer.start()

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    try:
        try:
            timer.start()
            yield
        finally:
            while True:  # disarm even if the exception lands in this very block
                try:
                    with lock:
                        state["done"] = True
                        timer.cancel()
                    break
                except _Expired:
                    continue
            if state["fired"]:  # cancel the exception if it has not been delivered yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), None)
    except _Expired:
        raise _timed_out(label, seconds) from None


@contextmanager
def time_limit(seconds: float, label: str) -> Iterator[None]:
    """Abort a document that takes longer than ``seconds`` (SIGALRM on the main thread, a timer elsewhere)."""
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds, label):
            yield
        return

    armed = True

    def _expired(signum: int, frame: Any) -> None:
        if armed:
            raise _timed_out(label, seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    # Repeats until disarmed: an exception raised inside a gc callback is only printed, not raised.
    signal.setitimer(signal.ITIMER_REAL, seconds, RETRY_SECONDS)
    try:
        yield
    finally:
        while True:  # disarm even if the signal lands in this very block
            try:
                armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except InputError:
                continue


def build_document(raw: RawArticle, settings: Settings) -> Document:
    """The clean stage: RawArticle -> Document with title, body and the furniture removed."""
    cleaned = clean_text(raw.text, raw.title)
    if not cleaned.text.strip():
        raise InputError(raw.label, "no article text left after removing page furniture")
    if len(cleaned.text) > settings.max_text_chars:
        raise InputError(raw.label, f"article text is {len(cleaned.text):,} characters, over the "
                                    f"{settings.max_text_chars:,} analysis limit (max_text_chars)")
    arabic, ratio = arabic_ratio(cleaned.text)
    if arabic < settings.min_arabic_letters or ratio < settings.min_arabic_ratio:
        raise InputError(raw.label, f"not Arabic text ({ratio:.0%} of its letters are Arabic script)")
    doc = Document(
        source=Source(path=raw.path, url=raw.url, outlet=raw.outlet),
        title=cleaned.title,
        text=cleaned.text,
        published=raw.published,
        language="ar",
        furniture=[Furniture(text=t, reason=r) for t, r in [*raw.removed, *cleaned.furniture]],
    )
    doc.assign_id()
    return doc


def analyze(raw: RawArticle, settings: Settings = DEFAULT_SETTINGS,
            timings: dict[str, float] | None = None) -> Document:
    """Run the stages; with ``timings``, add each stage's seconds to it (benchmarks/throughput.py)."""
    with time_limit(settings.document_timeout, raw.label):
        started = perf_counter()
        doc = build_document(raw, settings)
        if timings is not None:
            timings["clean"] = timings.get("clean", 0.0) + perf_counter() - started
        for name in settings.stages:
            if name == "clean":
                continue
            started = perf_counter()
            try:
                get_stage(name)(doc, settings)
            except InputError:
                raise
            except Exception as exc:  # a bug in one stage must not end the run: quarantine the input
                raise InputError(raw.label, f"stage {name!r} failed ({type(exc).__name__}: {exc})") from exc
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + perf_counter() - started
    return doc


def analyze_text(text: str, settings: Settings = DEFAULT_SETTINGS, *, label: str = "text", **meta: Any) -> Document:
    """Analyse a string (plain text or HTML) with optional url/outlet/published/title."""
    return analyze(from_text(text, label, settings, **meta), settings)


# A short article that runs every stage, so models and the KB load before the first real input.
WARM_TEXT = ("اشتباكات في ريف حلب\n\nاندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حلب "
             "الغربي صباح اليوم الخميس، وقالت مصادر محلية إنها أسفرت عن مقتل ثلاثة عناصر.")


YOUNG_GC_THRESHOLD = 10_000


def warm_up(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Load every stage (models, KB) now by analysing one short article, then freeze what is loaded.

    ``gc.freeze`` puts the loaded tables out of the collector's reach: otherwise every full
    collection walks the KB and the model again (about 3% of the pipeline's CPU), and in forked
    workers it would also copy their pages. The youngest generation's threshold is raised from 700
    to ``YOUNG_GC_THRESHOLD``: an article's analysis builds a few thousand objects that refcounting
    frees (it makes almost no cycles), and collecting every 700 of them cost about 5% of the CPU.
    The cycles left between collections are bounded by the threshold (a few MB at most).
    The collector is paused while loading: the tables built then all live on, and collecting them as
    they grow cost about a seventh of the start-up.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for name in settings.stages:
            if name != "clean":
                get_stage(name)
        analyze(RawArticle(label="warm-up", text=WARM_TEXT), settings)
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])
