"""The scripts Material would load from unpkg.com, taken from pinned npm tarballs (integrity and sha256 checked)."""
from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .base import CACHE, BundleError, say

# Scripts Material would load from unpkg.com, vendored from pinned npm tarballs.  Each
# `dest` must be listed under extra.polyfills in mkdocs.offline.yml.
VENDOR = [
    {   # Material's search worker on file://; the offline plugin adds
        # https://unpkg.com/iframe-worker/shim to every page unless a polyfill names it
        "spec": "iframe-worker@1.0.4",
        "tarball": "iframe-worker-1.0.4.tgz",
        # npm's integrity for the tarball (npm view iframe-worker@1.0.4 dist.integrity)
        "integrity": "sha512-roeaaI+Lg1LJNfgpCjoRe/+WzEjy9+Z08LoEvu85MCPbBjwm+qXz8Ag5U05lHa6V1CysZyGzE0SOkAtSUA5q7Q==",
        "member": "package/shim/index.js",
        "sha256": "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609",
        "dest": "assets/vendor/iframe-worker/shim.js",
    },
    {   # Material loads https://unpkg.com/resize-observer-polyfill where ResizeObserver is missing
        # (browsers before 2020); the global build keeps a native ResizeObserver untouched.
        "spec": "resize-observer-polyfill@1.5.1",
        "tarball": "resize-observer-polyfill-1.5.1.tgz",
        "integrity": "sha512-LwZrotdHOo12nQuZlHEmtuXdqGoOD0OhaxopaNFxWzInpEgaLWoVuAMbTzixuosCx2nEG58ngzW3vxdWoxIgdg==",
        "member": "package/dist/ResizeObserver.global.js",
        "sha256": "9220821a37146b6ce57a059a56001ab035a4f67da4c734c5aef119c7cd9c6399",
        "dest": "assets/vendor/resize-observer-polyfill/ResizeObserver.global.js",
    },
]

def _integrity(data: bytes, expected: str) -> bool:
    algo, _, _ = expected.partition("-")
    return f"{algo}-" + base64.b64encode(hashlib.new(algo, data).digest()).decode() == expected


def vendor_files(cache: Path = CACHE, tarballs=None) -> dict[str, bytes]:
    """{bundle path: bytes} for every VENDOR script and its licence, from the pinned tarballs.

    A tarball is looked for in `tarballs` (paths given by the user), then in the cache,
    then fetched once with `npm pack`; its integrity and the file's sha256 must match."""
    given = {Path(t).name: Path(t) for t in tarballs or ()}
    out = {}
    for pkg in VENDOR:
        path = given.get(pkg["tarball"]) or Path(cache) / pkg["tarball"]
        if not (path.exists() and _integrity(path.read_bytes(), pkg["integrity"])):
            if pkg["tarball"] in given:
                raise BundleError(f"{path}: 不存在或校验值不符（应为 {pkg['integrity']}）")
            _npm_pack(pkg, Path(cache))
        data = path.read_bytes()
        if not _integrity(data, pkg["integrity"]):
            raise BundleError(f"{path}: 校验值不符，拒绝使用（应为 {pkg['integrity']}）")
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            script = tar.extractfile(pkg["member"]).read()
            licence = tar.extractfile("package/LICENSE").read()
        if hashlib.sha256(script).hexdigest() != pkg["sha256"]:
            raise BundleError(f"{pkg['spec']} {pkg['member']}: sha256 与固定值不符")
        out[pkg["dest"]] = script
        out[str(Path(pkg["dest"]).with_name("LICENSE"))] = licence
    return out


def _npm_pack(pkg: dict, cache: Path):
    npm = shutil.which("npm")
    if not npm:
        raise BundleError(f"需要 npm 下载 {pkg['spec']}，或用 --vendor-tarball 指定已下载的 {pkg['tarball']}")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".npm-", dir=cache))
    try:
        say(f"    下载 {pkg['spec']}（npm pack，存入 {cache}）…")
        run = subprocess.run([npm, "pack", pkg["spec"], "--pack-destination", str(tmp), "--ignore-scripts",
                              "--silent"], capture_output=True, text=True, timeout=300)
        got = tmp / pkg["tarball"]
        if run.returncode != 0 or not got.exists():
            raise BundleError(f"npm pack {pkg['spec']} 失败：{(run.stderr or run.stdout).strip()[-500:]}")
        if not _integrity(got.read_bytes(), pkg["integrity"]):
            raise BundleError(f"{pkg['spec']}: 下载的文件校验值不符，拒绝使用")
        os.replace(got, cache / pkg["tarball"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
