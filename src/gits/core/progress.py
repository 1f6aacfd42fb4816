"""A progress bar on the command line (rule 7) for long work run from `gits`."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def cli_progress(
    description: str, *, disable: bool = False
) -> Iterator[Callable[[int, int], None]]:
    # disable=None: no bar when output is not a terminal (CI logs stay readable).
    bar = tqdm(desc=description, unit="st", disable=True if disable else None, leave=True)

    def update(done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        bar.close()
