"""The model cache: a source file whose bytes, path and build date are unchanged, read by the
same pipeline code, is not read again; its finished document is unpickled instead.

An entry is keyed by sha256 of (pipeline code, package versions, REGSITE_* switches, path,
date, bytes), so a stale entry can never be used: any change to the file, to the date the
statuses are computed for, to any module of build_tools, to the version of a package that
shapes a document (MODEL_PACKAGES) or to a switch gives a new key.  Besides the document, an entry may hold values derived from it and from the rest of the
collection (see assemble.py), keyed by a digest of those other inputs as well.  Entries not
used by a build of a folder are removed after it.
REGSITE_CACHE=off turns the cache off; REGSITE_CACHE_DIR moves it (default .build-cache/models).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / ".build-cache" / "models"


# the installed packages whose version can change a document, a slug or a page
MODEL_PACKAGES = ("cn2an", "proces", "jieba", "pypinyin", "markdown-it-py", "mdit-py-plugins",
                  "charset-normalizer", "PyYAML", "pyahocorasick")
SITE_PACKAGES = MODEL_PACKAGES + ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown",
                                  "Jinja2", "Pygments", "babel", "properdocs")
# REGSITE_* variables that do not change what is written (every other one is a switch that may)
NOT_OUTPUT = {"REGSITE_CACHE", "REGSITE_CACHE_DIR", "REGSITE_SHARD"}


def package_versions(names) -> str:
    from importlib import metadata
    out = []
    for name in names:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return "\n".join(out)


def switches() -> str:
    """Every REGSITE_* switch that may change output, as set now."""
    return "\n".join(f"{k}={v}" for k, v in sorted(os.environ.items())
                     if k.startswith("REGSITE_") and k not in NOT_OUTPUT)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of every module of build_tools, of the Python version and of the versions of
    the packages that shape a document (MODEL_PACKAGES)."""
    h = hashlib.sha256(sys.version.encode())
    h.update(package_versions(MODEL_PACKAGES).encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def model_version() -> str:
    """code_version() and the switches set for this build: what a cached model depends on
    besides its source."""
    return hashlib.sha256(f"{code_version()}\n{switches()}".encode()).hexdigest()


TRUSTED = True      # False (build --full): nothing is read from the cache
MAGIC = b"regsite-cache-1\n"     # then the sha256 of the pickle (32 bytes), then the pickle


def load_pickle(path):
    """The value pickled at path, or None: none yet, the cache not trusted (--full), or an
    entry whose digest does not match its bytes (damaged: said, and computed afresh)."""
    if not TRUSTED:
        return None
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError:
        return None
    head = len(MAGIC) + 32
    if raw[:len(MAGIC)] != MAGIC or hashlib.sha256(raw[head:]).digest() != raw[len(MAGIC):head]:
        print(f"缓存条目已损坏，将重新生成：{path}", file=sys.stderr, flush=True)
        return None
    try:
        return pickle.loads(raw[head:])
    except Exception:
        print(f"缓存条目无法读取，将重新生成：{path}", file=sys.stderr, flush=True)
        return None


def save_pickle(path, value=None, data: bytes | None = None) -> None:
    """Pickle value (or write already pickled data) to path atomically, with its digest; a
    cache that cannot be written is no harm, the next build computes it again."""
    if data is None:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=Path(path).parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + hashlib.sha256(data).digest())
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def _short(digest: str) -> str:
    return hashlib.sha256(digest.encode("utf-8")).hexdigest()[:24]


class ModelCache:
    """The cached documents of one source folder."""

    def __init__(self, source_folder, root: Path | None = None):
        folder_id = hashlib.sha256(str(Path(source_folder).resolve()).encode()).hexdigest()[:16]
        root = root or os.environ.get("REGSITE_CACHE_DIR") or DEFAULT_DIR
        self.dir = Path(root) / folder_id
        self.used: set[str] = set()

    @staticmethod
    def enabled() -> bool:
        return os.environ.get("REGSITE_CACHE", "").lower() not in ("off", "0", "no")

    def key(self, path, ctx) -> str | None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None             # the reader reports the error
        h = hashlib.sha256(model_version().encode())
        h.update(str(path).encode() + b"\0" + ctx.today.isoformat().encode() + b"\0")
        h.update(data)
        key = h.hexdigest()[:40]
        self.used.add(key)
        return key

    def get(self, key):
        """The value stored under key, or None (a damaged entry is computed again)."""
        return load_pickle(self.dir / f"{key}.pickle")

    def put(self, key, value) -> None:
        save_pickle(self.dir / f"{key}.pickle", value)

    def put_bytes(self, key, data: bytes) -> None:
        """Store an already pickled value."""
        save_pickle(self.dir / f"{key}.pickle", data=data)

    def get_extra(self, key, kind: str, digest: str):
        """A value derived from the document stored under key and from other inputs whose
        digest is given (its linked pages, its scan for site-wide terms), or None."""
        if not key:
            return None
        name = f"{key}.{kind}-{_short(digest)}"
        self.used.add(name)
        return self.get(name)

    def put_extra(self, key, kind: str, digest: str, value) -> None:
        if key:
            name = f"{key}.{kind}-{_short(digest)}"
            self.used.add(name)
            self.put(name, value)

    def state_path(self, name: str) -> Path:
        """Where a stage keeps its own state from one build to the next (kept by prune)."""
        self.used.add(name)
        self.dir.mkdir(parents=True, exist_ok=True)
        return self.dir / f"{name}.pickle"

    def prune(self) -> None:
        """Remove the entries this build did not use (old versions of changed files, pages
        linked against an older state of the collection)."""
        if not self.dir.is_dir():
            return
        for entry in self.dir.iterdir():
            if entry.suffix in (".pickle", ".tmp") and entry.stem not in self.used:
                try:
                    entry.unlink()
                except OSError:
                    pass
