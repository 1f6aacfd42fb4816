"""Prometheus metrics: requests and their latency counted by each server process, and the
jobs' runs and failures read from the database when scraped.

The request counts are safe with several gunicorn processes: with GITS_METRICS_DIR set
(the default outside tests), prometheus-client's multi-process mode has each process write
its counts to files there, and /metrics adds up all of them. The job metrics come from the
database, so they are the same whichever app server is scraped and wherever the workers run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

REQUESTS = Counter(
    "gits_http_requests",
    "HTTP requests served, by method, view and status.",
    ["method", "view", "status"],
)
LATENCY = Histogram(
    "gits_http_request_duration_seconds",
    "Time to serve an HTTP request, by method and view.",
    ["method", "view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)


def _view_name(request: Any) -> str:
    """The URL pattern's name (a bounded set of labels), never the path itself."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"
    return match.view_name or "unnamed"


class MetricsMiddleware:
    """Count every request and its time; first in the chain, so it sees every response."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        start = time.perf_counter()
        response = self.get_response(request)
        view = _view_name(request)
        REQUESTS.labels(request.method, view, str(response.status_code)).inc()
        LATENCY.labels(request.method, view).observe(time.perf_counter() - start)
        return response


class JobCollector(Collector):
    """Job runs, failures, last success and the worker's heartbeat, from the database."""

    def collect(self) -> Iterator[Any]:
        from django.utils import timezone

        from gits.operations.models import JobState, WorkerHeartbeat
        from gits.operations.selectors import queue_length

        runs = CounterMetricFamily("gits_job_runs", "Runs of each scheduled job.", labels=["job"])
        failures = CounterMetricFamily(
            "gits_job_failures", "Failed runs of each scheduled job.", labels=["job"]
        )
        last_success = GaugeMetricFamily(
            "gits_job_last_success_timestamp_seconds",
            "When each job last succeeded (Unix time).",
            labels=["job"],
        )
        duration = GaugeMetricFamily(
            "gits_job_last_duration_seconds", "How long each job's last run took.", labels=["job"]
        )
        for state in JobState.objects.all():
            runs.add_metric([state.name], state.runs)
            failures.add_metric([state.name], state.failures)
            if state.last_success:
                last_success.add_metric([state.name], state.last_success.timestamp())
            if state.last_duration is not None:
                duration.add_metric([state.name], state.last_duration)
        yield from (runs, failures, last_success, duration)
        latest = WorkerHeartbeat.objects.order_by("-seen_at").first()
        if latest:
            yield GaugeMetricFamily(
                "gits_worker_heartbeat_age_seconds",
                "Seconds since a worker last showed a sign of life.",
                value=(timezone.now() - latest.seen_at).total_seconds(),
            )
        yield GaugeMetricFamily(
            "gits_job_queue_length", "Tasks waiting in the queue.", value=queue_length()
        )


def exposition() -> tuple[bytes, str]:
    """The metrics text: this process's (or, in multi-process mode, every process's) request
    counts, and the job metrics."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry.register(_Forward(REGISTRY))
    registry.register(JobCollector())
    return generate_latest(registry), CONTENT_TYPE_LATEST


class _Forward(Collector):
    """This process's own metrics, when there is only one process to ask."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterator[Any]:
        yield from self.source.collect()
