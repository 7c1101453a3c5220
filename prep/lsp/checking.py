"""Checking documents away from the server's loop (issue 23): one worker thread runs
the checks one at a time, so that the server answers hovers, `shutdown` and newer
changes while a big document is checked. Each check is a `Job`. A newer version of
its document, closing it, or `shutdown` cancels it: the analysis stops at its next
checkpoint (every few thousand tokens or findings, `Job.stop`) and publishes nothing.
A request about a document being checked waits for the newest check of it (and a
`$/cancelRequest` ends the wait)."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


class Cancelled(Exception):
    """The check was cancelled: a newer version of its document replaced it."""


class Job:
    """One check of one version of a document (`uri` None: the findings of every open
    document again, after a file closed or changed on disk). `done` (in the loop)
    ends with the document's analysis, or with Cancelled."""

    def __init__(self, uri: str | None, version: int | None, text: str | None) -> None:
        self.uri, self.version, self.text = uri, version, text
        self._cancelled = threading.Event()
        self.done: asyncio.Future = asyncio.get_running_loop().create_future()
        self.done.add_done_callback(_seen)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def stop(self) -> None:
        """The checkpoint the analysis calls: raises Cancelled once cancelled."""
        if self._cancelled.is_set():
            raise Cancelled


def _seen(future: asyncio.Future) -> None:
    """No "exception was never retrieved" when no request waited for a job."""
    if not future.cancelled():
        future.exception()


class Jobs:
    """The worker thread and the newest job of each document."""

    def __init__(self) -> None:
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prep-check")
        self.running: dict[str | None, Job] = {}

    def start(self, job: Job, work, finished) -> Job:
        """Run `work(job)` in the worker (after the jobs before it), then
        `finished(job, future)` in the loop; an older job of the same document is
        cancelled."""
        self.cancel(job.uri)
        self.running[job.uri] = job
        future = asyncio.wrap_future(self.worker.submit(work, job))
        future.add_done_callback(lambda f: self._ended(job, f, finished))
        return job

    def _ended(self, job: Job, future, finished) -> None:
        if self.running.get(job.uri) is job:
            del self.running[job.uri]
        finished(job, future)

    def cancel(self, uri: str | None) -> None:
        job = self.running.get(uri)
        if job is not None:
            job.cancel()

    def cancel_all(self) -> None:
        for job in list(self.running.values()):
            job.cancel()

    async def newest(self, uri: str):
        """The analysis of the newest check of `uri`, once it ends; None when no
        check of it is running."""
        while (job := self.running.get(uri)) is not None:
            try:
                return await asyncio.shield(job.done)
            except Cancelled:
                continue  # a newer job replaced it: wait for that one
        return None
