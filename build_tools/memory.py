"""Giving the memory a build no longer needs back to the system (between stages, before MkDocs)."""
from __future__ import annotations

import ctypes
import gc


def release(collect: bool = False) -> None:
    """Hand the freed heap back to the system (glibc's malloc_trim), so a process forked or
    started next does not share or lose it.  With collect, first free what only reference
    cycles kept: the documents live in the collector's permanent generation (see
    loading.read_sources), which is emptied first."""
    if collect:
        gc.unfreeze()
        gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):      # not glibc: the memory is still free for reuse
        pass
