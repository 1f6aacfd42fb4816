"""Pause points, for tests only: a test that must kill or hold a process at an exact moment
(an invoice written but not yet committed, say) starts it with

    GITS_TEST_PAUSE_AT=<point>:<n>      e.g. finance.invoice.written:2

and the process, the n-th time it passes that point, writes `GITS_TEST_PAUSED <point> <n>` to
stderr and waits: until the file named by GITS_TEST_RESUME_FILE exists, or for two minutes
(time enough to be killed). Honoured only when settings.TESTING is on (GITS_TESTING=1); in
production a pause point does nothing. Used by tests/finance/test_invoice_run_processes.py."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from pathlib import Path

from django.conf import settings

WAIT_SECONDS = 120
_passed: Counter[str] = Counter()


def pause_point(point: str) -> None:
    wanted = os.environ.get("GITS_TEST_PAUSE_AT", "")
    if not wanted or not getattr(settings, "TESTING", False):
        return
    name, _sep, count = wanted.rpartition(":")
    if name != point:
        return
    _passed[point] += 1
    if str(_passed[point]) != count:
        return
    sys.stderr.write(f"GITS_TEST_PAUSED {point} {count}\n")
    sys.stderr.flush()
    resume = os.environ.get("GITS_TEST_RESUME_FILE", "")
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if resume and Path(resume).exists():
            return
        time.sleep(0.05)
