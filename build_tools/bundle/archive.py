"""The zip: pruning what a disk cannot use, writing it atomically with fixed time stamps, publishing the stable name."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from pathlib import Path


def write_zip(site: Path, dest: Path, top: str, when: dt.datetime) -> tuple[int, int]:
    """Zip site/ under top/ into dest atomically (temporary file, then rename); returns (files, bytes)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    stamp = when.timetuple()[:6]
    count = 0
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(site).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, path.read_bytes())
                count += 1
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count, dest.stat().st_size


def prune(site: Path) -> int:
    """Drop what is useless from a disk: source maps, the public site's sitemap, and 404.html
    (a server's error page, written with root-absolute /assets/ paths that file:// cannot follow)
    with the table of versions only it reads (version-table.js)."""
    gone = 0
    for path in list(site.rglob("*.map")) + [site / n for n in ("sitemap.xml", "sitemap.xml.gz", "404.html",
                                                                 "version-table.js")]:
        if path.is_file():
            path.unlink()
            gone += 1
    return gone


def _publish_copy(src: Path, dest: Path):
    """dest becomes the same file as src, atomically (hard link, or a copy where links fail)."""
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(src, tmp)
    except OSError:
        shutil.copyfile(src, tmp)
    os.replace(tmp, dest)
