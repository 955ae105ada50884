"""Running a lint over many drafts: reports come out in input order, drafts already linted come
from the cache, and a large input is parsed by worker processes.

The stream is never held whole. Drafts queue in input order; the ones the cache cannot answer
go to the parser in batches (``nlp.pipe``), either here or, once the input has proved large
enough to repay starting workers, in a pool of ``jobs`` processes. Each Doc lives only while its
draft's report is built, in whichever process parsed it; only the small reports travel back.
A report leaves as soon as everything before it has left, so memory is bounded by the batches
in flight, not by the size of the library."""
from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .read import Notice, ReadFailure, Source
from .report import DraftReport, error_report

# Starting a worker costs about one model load; below this many drafts to parse, one process is
# faster than several.
MIN_DRAFTS_FOR_JOBS = 128
CHUNK_SIZE = 32  # drafts per unit of work sent to a worker (small enough to balance the workers)
IN_FLIGHT_PER_JOB = 3  # units of work queued per worker: keeps workers busy, memory bounded


def default_jobs() -> int:
    """The cores this process may use (the affinity mask on Linux; the CPU count elsewhere)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


@dataclass
class _Entry:
    source: Source | None
    key: str | None = None
    report: DraftReport | None = None


# The run's options, set in the parent before the workers fork (or by the initializer where they
# spawn): they hold the configuration resolver, which need not be sent with every unit of work.
_OPTIONS = None


def _init_worker(options) -> None:
    global _OPTIONS
    _OPTIONS = options


def _work(sources: list[Source]) -> list[DraftReport]:
    """A worker's unit of work (module-level so the pool can pickle a reference to it)."""
    from .lint import lint_batch

    return lint_batch(sources, _OPTIONS)


def _start_pool(jobs: int, options):
    import multiprocessing

    # fork where the platform has it (Linux), as spaCy's own nlp.pipe(n_process=...) does: the
    # workers inherit the loaded model and the compiled rules instead of loading them again.
    # Elsewhere (macOS, Windows) spawn, and each worker loads them once.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and sys.platform.startswith("linux") else "spawn"
    if method == "fork":
        from .lint import _engine, active_rules, pipeline_for

        _init_worker(options)  # inherited by the forked children
        _engine(active_rules(options), pipeline_for(()))  # load before forking, so the children share it
        return multiprocessing.get_context(method).Pool(processes=jobs)
    return multiprocessing.get_context(method).Pool(processes=jobs, initializer=_init_worker, initargs=(options,))


def lint_stream(sources: Iterable[Source | ReadFailure | Notice], options, *, jobs: int = 1, cache=None,
                on_notice=None) -> Iterator[DraftReport]:
    from .config import ConfigError
    from .lint import BATCH_SIZE, lint_batch
    from .policy import policy_for

    queue: deque[_Entry] = deque()  # every draft not yet yielded, in input order
    to_parse: list[_Entry] = []  # drafts waiting for a parser
    in_flight: deque = deque()  # (async result, entries) sent to workers, oldest first
    pool = None
    chunk = BATCH_SIZE

    def finish(entries: list[_Entry], reports: list[DraftReport]) -> None:
        for entry, report in zip(entries, reports):
            entry.report = report
            if cache is not None and entry.key is not None:
                cache.put(entry.key, report)

    def dispatch(entries: list[_Entry]) -> None:
        if pool is None:
            finish(entries, lint_batch([e.source for e in entries], options))
        else:
            result = pool.apply_async(_work, ([e.source for e in entries],))
            in_flight.append((result, entries))

    def collect(block: bool) -> None:
        while in_flight and (block or in_flight[0][0].ready()):
            result, entries = in_flight.popleft()
            finish(entries, result.get())

    def ready() -> Iterator[DraftReport]:
        while queue and queue[0].report is not None:
            entry = queue.popleft()
            entry.source = None  # the text is not needed once the report exists
            yield entry.report

    try:
        for source in sources:
            if isinstance(source, Notice):
                if on_notice is not None:
                    on_notice(source)
                continue
            if isinstance(source, ReadFailure):
                queue.append(_Entry(None, report=error_report(source.path, source.message)))
            else:
                entry = _Entry(source)
                if cache is not None:
                    try:
                        policy = policy_for(options, source.path)
                    except ConfigError as exc:  # a broken config for this file: reported, not parsed
                        entry.report = error_report(source.path, str(exc))
                    else:
                        entry.key = cache.key(source, policy)
                        entry.report = cache.get(entry.key, source)
                queue.append(entry)
                if entry.report is None:
                    to_parse.append(entry)
            if pool is None and jobs > 1 and len(to_parse) >= MIN_DRAFTS_FOR_JOBS:
                pool = _start_pool(jobs, options)
                chunk = CHUNK_SIZE
            if pool is None and jobs > 1:
                pass  # still deciding: keep the drafts until there are enough to start workers
            elif len(to_parse) >= chunk:
                while len(to_parse) >= chunk:
                    dispatch(to_parse[:chunk])
                    del to_parse[:chunk]
                    while len(in_flight) > jobs * IN_FLIGHT_PER_JOB:
                        in_flight[0][0].wait()  # back-pressure: wait for the oldest unit of work
                        collect(block=False)
            collect(block=False)
            yield from ready()
        while to_parse:
            dispatch(to_parse[:chunk])
            del to_parse[:chunk]
        collect(block=True)
        yield from ready()
    finally:
        if pool is not None:  # every result is collected by now, or the caller stopped reading
            pool.terminate()
            pool.join()
