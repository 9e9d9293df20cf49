"""Publish a build as one transaction: docs/ and site/ replaced together, each atomically.

A build writes each published folder (docs/, site/) as a new folder beside it
(`.docs.new-*`), then publishes:

1. a journal (`.site.publish` beside site/) names each new folder, its target and the new
   folder's inode;
2. each new folder is exchanged with its target by one `renameat2(RENAME_EXCHANGE)` call, so
   the target's name never points at nothing or at a half-written folder (where the system
   cannot exchange, two renames are the fallback);
3. the journal is removed and the old folders are deleted in the background.

A build killed during step 2 leaves the journal; the next build (or any holder of the lock)
finishes the exchanges first (`recover`), so docs/ and site/ always end up from the same
build.  The lock (`lock`) keeps two builds from writing the same folders at once; `clean`
removes the temporary folders an interrupted build left.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
_libc = None


def _renameat2():
    global _libc
    if _libc is None:
        try:
            _libc = ctypes.CDLL(None, use_errno=True)
            _libc.renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                        ctypes.c_uint]
        except (OSError, AttributeError):
            _libc = False
    return _libc.renameat2 if _libc else None


def exchange(a: Path, b: Path) -> bool:
    """Swap the names a and b in one step; False where the system or file system cannot."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV):
        return False
    raise OSError(err, os.strerror(err), str(b))


def new_folder(target: Path) -> Path:
    """An empty folder beside target for its next version, with the mode a published folder
    gets under the user's umask (mkdtemp makes it 0700: a web server could not read it)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _journal(target: Path) -> Path:
    return target.parent / f".{target.name}.publish"


def publish(pairs: list[tuple[Path, Path]], journal_of: Path | None = None):
    """Replace each target by its new folder, as one transaction (see the module's text).
    journal_of: the target beside which the journal is kept (default the last one)."""
    pairs = [(Path(new), Path(target)) for new, target in pairs]
    journal = _journal(journal_of or pairs[-1][1])
    entries = [{"new": str(new.resolve()), "target": str(target.resolve()), "ino": new.stat().st_ino}
               for new, target in pairs]
    tmp = journal.with_name(journal.name + ".tmp")
    tmp.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, journal)
    _finish(entries)
    journal.unlink()


def _finish(entries):
    for e in entries:
        new, target, ino = Path(e["new"]), Path(e["target"]), e["ino"]
        if _ino(target) == ino:               # already in place; new holds the old version
            _delete_later(new)
            continue
        if _ino(new) != ino:                  # neither: nothing left to do for this pair
            continue
        if target.exists() or target.is_symlink():
            if not exchange(new, target):
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent)) / "old"
                target.rename(old)
                new.rename(target)
                _delete_later(old.parent)
                continue
            _delete_later(new)
        else:
            new.rename(target)


def _ino(path: Path):
    try:
        return path.stat().st_ino
    except OSError:
        return None


def recover(target: Path):
    """Finish a publish that an interrupted build began (its journal is beside target)."""
    journal = _journal(Path(target))
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        journal.unlink(missing_ok=True)
        return
    print(f"上次构建在发布时中断，先完成发布：{', '.join(e['target'] for e in entries)}",
          file=sys.stderr, flush=True)
    _finish(entries)
    journal.unlink(missing_ok=True)


def clean(target: Path):
    """Remove the temporary and old folders that interrupted builds left beside target (the
    caller holds target's lock, so none of them is in use)."""
    target = Path(target)
    if not target.parent.is_dir():
        return
    for entry in target.parent.iterdir():
        name = entry.name
        if not name.startswith(f".{target.name}") or not entry.is_dir() or entry.is_symlink():
            continue
        rest = name[len(target.name) + 1:]
        if rest.startswith((".new-", ".old-")) or (rest.startswith("-") and len(rest) == 9):
            shutil.rmtree(entry, ignore_errors=True)      # (`-XXXXXXXX`: older versions' mkdtemp)


def clean_tmp(prefix: str):
    """Remove folders named prefix-PID-* in the temporary directory whose process is gone."""
    root = Path(tempfile.gettempdir())
    for entry in root.glob(f"{prefix}-*"):
        pid = entry.name[len(prefix) + 1:].split("-")[0]
        alive = True
        if pid.isdigit():
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                alive = False
            except PermissionError:
                pass
        else:           # an older version's name without a process id: stale after an hour
            with contextlib.suppress(OSError):
                alive = time.time() - entry.stat().st_mtime < 3600
        if not alive and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def lock(*targets: Path):
    """Hold the build lock of each target (a file `.NAME.lock` beside it): a second build of
    the same folders waits, and says why."""
    handles = []
    try:
        for target in sorted({Path(t).resolve() for t in targets}):
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = open(target.parent / f".{target.name}.lock", "a+")
            handles.append(fh)
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                print(f"另一个构建正在写入 {target}，等待其结束 …", file=sys.stderr, flush=True)
                fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        for fh in reversed(handles):
            fh.close()


def _delete_later(folder: Path):
    """Delete in a background process (tens of thousands of files: a second or more that the
    build need not wait for)."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(folder)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
