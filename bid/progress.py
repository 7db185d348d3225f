"""A progress bar for management commands that run a long service."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tqdm import tqdm


@contextmanager
def progress_bar(
    stream, *, unit: str, quiet: bool = False
) -> Iterator[Callable[[int, int], None]]:
    """A tqdm bar on `stream` (a command's stderr), hidden when `quiet`; yields
    the `progress(done, total)` callback long services take, and closes the bar
    however the block ends."""
    bar = tqdm(total=0, unit=unit, file=stream, disable=quiet)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()
