"""python -m build_tools bundle: the site as a zip that works from a double-click (file://).

Steps, all in a temporary folder (docs/ and site/ of the repository are not touched):

1. generate the Markdown from the sources, exactly as `build` does;
2. add local copies of the scripts Material would fetch from unpkg.com (the iframe-worker
   shim the offline plugin adds to every page, the ResizeObserver polyfill; npm tarballs
   pinned by integrity and sha256, cached in .build-cache/npm/), the page 关于本离线包
   (offline.md) and a note on the home page;
3. build with mkdocs.offline.yml (INHERITs mkdocs.yml, adds Material's offline plugin);
4. check that no page, script or stylesheet loads anything from another host;
5. write BUNDLE.txt and zip everything under one top-level folder, atomically, as
   dist/<site-slug>-offline-<date>.zip plus the stable name dist/regsite-offline.zip.
"""
from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFLINE_CONFIG = ROOT / "mkdocs.offline.yml"
CACHE = ROOT / ".build-cache" / "npm"
STABLE_NAME = "regsite-offline.zip"
ABOUT_PAGE = "offline.md"
ABOUT_TITLE = "关于本离线包"
INFO_FILE = "BUNDLE.txt"

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
# A load from elsewhere: <script src>, <img src>, <link href> other than canonical/alternate,
# CSS url(...) and @import, and the unpkg default of the offline plugin.
_TAG_URL = re.compile(r'<(script|img|iframe|source|audio|video|embed|link)\b([^>]*?)\s(src|href)="([^"]*)"', re.I)
_CSS_URL = re.compile(r'(?:url\(\s*["\']?|@import\s+["\'])((?:https?:)?//[^"\')\s]+)', re.I)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
# Material's bundle loads from hosts only when the page has these (mermaid diagrams, repo_url).
_TRIGGERS = {'class="mermaid"': "unpkg.com/mermaid", 'data-md-component="source"': "api.github.com"}


class BundleError(Exception):
    pass


def say(msg: str):
    from .commands import say as _say
    _say(msg)


# ------------------------------------------------------------------ vendored scripts

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


# ------------------------------------------------------------------ bundle information

@dataclasses.dataclass
class DocInfo:
    title: str
    slug: str
    source: str          # path relative to the source folder
    sha256: str
    size: int
    kind: str
    status: str
    issuer: str
    dates: dict
    articles: int


def doc_infos(docs, source_folder=None) -> list[DocInfo]:
    """One entry per document; its source named by its path relative to source_folder
    (two files of one name in different folders stay apart), on one line."""
    from .sourcefile import printable
    out = []
    for d in sorted(docs, key=lambda d: d.slug):
        data = Path(d.source).read_bytes()
        rel = Path(os.path.relpath(d.source, source_folder)).as_posix() if source_folder else Path(d.source).name
        out.append(DocInfo(d.title, d.slug, printable(rel), hashlib.sha256(data).hexdigest(), len(data),
                           d.kind, d.status, d.issuer, dict(d.dates), len(d.articles)))
    return out


def _date_names():
    try:
        from .writers.markdown import DATE_NAMES
        return list(DATE_NAMES)
    except ImportError:
        return [("passed", "通过日期"), ("approved", "批准日期"), ("amended", "修订日期"),
                ("published", "公布日期"), ("effective", "施行日期"), ("expires", "失效日期"),
                ("comment_deadline", "意见截止日期")]


def _dates(info: DocInfo) -> list[tuple[str, str]]:
    names = _date_names()
    known = dict(names)
    rows = [(name, info.dates[key]) for key, name in names if info.dates.get(key)]
    rows += [(key, v) for key, v in sorted(info.dates.items()) if key not in known and v]
    return rows


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version
    out = {}
    for name in ("mkdocs", "mkdocs-material"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    out.update(pkg["spec"].rsplit("@", 1) for pkg in VENDOR)
    try:   # read-only; no index refresh
        run = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
                             capture_output=True, text=True, timeout=10)
        if run.returncode == 0:
            out["build_tools"] = run.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return out


def info_text(site_name, site_url, built: dt.datetime, status_date, infos, versions) -> str:
    lines = [f"{site_name} 离线包", "",
             "打开方式：解压后双击本文件夹中的 index.html，用浏览器阅读和检索，无需联网。",
             f"复制的条文链接和引文指向公开网站 {site_url}", "",
             f"生成时间: {built.isoformat(timespec='seconds')}",
             f"生成日期: {built.date().isoformat()}",
             f"状态计算日期: {status_date}",
             f"公开网址: {site_url}",
             f"收录文件: {len(infos)} 件",
             "生成工具: " + ", ".join(f"{k} {v}" for k, v in versions.items()), ""]
    for i, d in enumerate(infos, 1):
        lines += [f"[{i}] {d.title}",
                  f"    slug: {d.slug}",
                  f"    来源文件: {d.source}",
                  f"    sha256: {d.sha256}",
                  f"    大小: {d.size} 字节",
                  f"    类型: {d.kind or '—'}",
                  f"    状态: {d.status or '—'}",
                  f"    制定机关: {d.issuer or '—'}"]
        lines += [f"    {name}: {value}" for name, value in _dates(d)]
        lines += [f"    条文数: {d.articles}", ""]
    return "\n".join(lines)


def about_page(site_name, site_url, built: dt.datetime, status_date, infos, versions) -> str:
    from .writers import markdown as md
    when = built.strftime("%Y-%m-%d %H:%M") + f"（UTC{built.strftime('%z')[:3]}:{built.strftime('%z')[3:]}）"
    tools = "，".join(f"{k} {v}" for k, v in versions.items())
    out = [md.front_matter({"title": ABOUT_TITLE, "page_kind": "bundle"}), "",
           f"# {ABOUT_TITLE}", "",
           f"这是“{md.escape(site_name)}”的离线副本：解压后双击 `index.html` 即可阅读和检索，无需联网，"
           "页面不会从任何网站加载内容。", "",
           f"复制的条文链接和引文指向公开网站 <{site_url}>，而不是本机文件，发给他人也能打开。", "",
           "| 项目 | 内容 |", "| --- | --- |",
           f"| 生成时间 | {when} |",
           f"| 状态计算日期 | {status_date} |",
           f"| 收录文件 | {len(infos)} 件 |",
           f"| 生成工具 | {md.escape(tools)} |",
           f"| 版本清单 | 本文件夹中的 `{INFO_FILE}` |", "",
           "文件状态按状态计算日期确定；有失效日期的文件，打开页面时再按当天日期判断。", "",
           "## 收录文件的版本 {#versions}", ""]
    for d in infos:
        out += [f"### {md.escape(d.title)} {{#doc-{d.slug}}}", "",
                "| 项目 | 内容 |", "| --- | --- |",
                f"| 页面 | [{md.escape(d.title)}]({d.slug}/index.md) |",
                f"| 标识（slug） | `{d.slug}` |",
                f"| 类型 | {md.escape(d.kind) or '—'} |",
                f"| 状态 | {md.escape(d.status) or '—'} |",
                f"| 制定机关 | {md.escape(d.issuer) or '—'} |"]
        out += [f"| {md.escape(name)} | {value} |" for name, value in _dates(d)]
        out += [f"| 条文数 | {d.articles} |",
                f"| 来源文件 | `{d.source}`（{d.size} 字节） |",
                f"| 来源文件 SHA-256 | `{d.sha256}` |", ""]
    return "\n".join(out) + "\n"


def _note_on_home(text: str, built: dt.datetime) -> str:
    note = (f'!!! info "离线版"\n\n    本离线包生成于 {built.date().isoformat()}。'
            f"收录文件的版本、来源和校验值见[{ABOUT_TITLE}]({ABOUT_PAGE})。\n")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[:i + 1] + ["", note] + lines[i + 1:])
    return text.rstrip("\n") + "\n\n" + note


def _add_to_nav(nav_file: Path):
    import yaml
    nav = yaml.safe_load(nav_file.read_text(encoding="utf-8")) if nav_file.exists() else None
    if nav is None:
        return
    nav.append({ABOUT_TITLE: ABOUT_PAGE})
    nav_file.write_text(yaml.safe_dump(nav, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


# ------------------------------------------------------------------ checks and zip

def remote_loads(site: Path) -> list[str]:
    """Every reference in the built site that would make the browser load something from a host."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".css", ".js") or path.name.endswith(".map"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            if "unpkg.com" in text:
                found.append(f"{rel}: unpkg.com")
            found += [f"{rel}: {trigger} → {host}" for trigger, host in _TRIGGERS.items() if trigger in text]
            for tag, attrs, _attr, url in _TAG_URL.findall(text):
                if tag.lower() == "link" and re.search(r'rel="(canonical|alternate|prev|next)"', attrs):
                    continue
                if _REMOTE.match(url.strip()):
                    found.append(f"{rel}: <{tag} {url}>")
        if path.suffix in (".css", ".html"):
            found += [f"{rel}: {url}" for url in _CSS_URL.findall(text)]
    return found


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
    (a server's error page, written with root-absolute /assets/ paths that file:// cannot follow)."""
    gone = 0
    for path in list(site.rglob("*.map")) + [site / n for n in ("sitemap.xml", "sitemap.xml.gz", "404.html")]:
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


# ------------------------------------------------------------------ the command

@dataclasses.dataclass
class Result:
    zip_path: Path
    stable_path: Path
    top: str
    files: int
    size: int
    seconds: float
    docs: list
    failures: list


def build(source=ROOT / "seeds", dist=ROOT / "dist", ctx=None, config_file=OFFLINE_CONFIG,
          vendor_tarballs=(), now: dt.datetime | None = None, from_docs=None) -> Result:
    """Build the offline bundle into `dist`; the repository's docs/ and site/ are not touched.

    The Markdown is generated afresh from `source`, or copied from `from_docs` (a docs/
    folder `build` wrote from the same sources); the sources give the version list."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from . import commands, slugs
    from .transforms import Context

    t0 = time.time()
    check_config(Path(config_file))
    ctx = ctx or Context(None)
    now = now or dt.datetime.now()
    built = (now if now.tzinfo else now.astimezone()).replace(microsecond=0)
    status_date = str(getattr(ctx, "today", None) or built.date())
    from . import publish
    publish.clean_tmp("regsite-bundle")        # what killed bundle builds left
    work = Path(tempfile.mkdtemp(prefix=f"regsite-bundle-{os.getpid()}-"))
    try:
        docs_dir = work / "docs"
        if from_docs:
            say(f"1/5 读取来源，使用已生成的 {from_docs} …")
            docs, failures = commands.load_sources(source, ctx)
            shutil.copytree(from_docs, docs_dir)
            stale = [d.slug for d in docs if not (docs_dir / d.slug / "index.md").exists()]
            if stale:
                raise BundleError(f"{from_docs} 与来源不一致（缺少 {', '.join(stale)}），请先运行 build")
        else:
            say("1/5 读取来源、生成 Markdown …")
            docs, failures, _ = commands.generate(source, docs_dir, ctx)
        if not docs:
            raise BundleError(f"{source}: 没有可读的来源文件")

        say("2/5 加入本地脚本（代替 unpkg.com）和“关于本离线包”页 …")
        for rel, data in vendor_files(tarballs=vendor_tarballs).items():
            (docs_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (docs_dir / rel).write_bytes(data)
        raw = _raw_config(Path(config_file))
        site_name, site_url = raw.get("site_name", "site"), raw.get("site_url", "")
        placeholder = commands.site_url_warning(config_file)
        if placeholder:
            say(placeholder)
        infos = doc_infos(docs, source)
        versions = _versions()
        (docs_dir / ABOUT_PAGE).write_text(
            about_page(site_name, site_url, built, status_date, infos, versions), encoding="utf-8")
        home = docs_dir / "index.md"
        if home.exists():
            home.write_text(_note_on_home(home.read_text(encoding="utf-8"), built), encoding="utf-8")
        _add_to_nav(docs_dir / ".nav.yml")

        say(f"3/5 MkDocs 构建（{Path(config_file).name}）…")
        t = time.time()
        site_dir = work / "site"
        cfg = load_config(str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir))
        mkdocs_build(cfg)
        say(f"    用时 {time.time() - t:.1f} 秒")

        say("4/5 检查外部引用 …")
        remote = remote_loads(site_dir)
        if remote:
            raise BundleError("离线包中仍有外部引用：\n  " + "\n  ".join(remote[:20]))
        if (site_dir / "search" / "search_index.json").exists() and \
                not (site_dir / "search" / "search_index.js").exists():
            raise BundleError("search/search_index.js 没有生成：Material 的检索在 file:// 下无法使用")
        (site_dir / INFO_FILE).write_text(
            info_text(site_name, site_url, built, status_date, infos, versions), encoding="utf-8")
        prune(site_dir)

        say("5/5 打包 …")
        slug = slugs.base_slug(site_name) if re.search(r"[^\x00-\x7f]", site_name) else \
            re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-")
        top = f"{slug or 'regsite'}-offline-{built.date().isoformat()}"
        dist = Path(dist)
        zip_path = dist / f"{top}.zip"
        count, size = write_zip(site_dir, zip_path, top, built)
        stable = dist / STABLE_NAME
        _publish_copy(zip_path, stable)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return Result(zip_path, stable, top, count, size, time.time() - t0, docs, failures)


def _plugin_names(plugins) -> list[str]:
    if isinstance(plugins, dict):
        return list(plugins)
    return [next(iter(p)) if isinstance(p, dict) else p for p in plugins or []]


def check_config(path: Path):
    """The bundle config must keep every plugin of the config it inherits, and add offline."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader
    with open(path, "rb") as fd:
        own = yaml.load(fd, Loader=get_yaml_loader()) or {}
    parent = own.get("INHERIT")
    if not parent:
        raise BundleError(f"{path.name}: 应以 INHERIT 继承 mkdocs.yml")
    base = _raw_config(path.parent / parent)
    names = _plugin_names(own.get("plugins", base.get("plugins")))
    missing = [n for n in _plugin_names(base.get("plugins")) if n not in names]
    if missing:
        raise BundleError(f"{path.name}: plugins 缺少 {parent} 中的 {', '.join(missing)}（列表不会继承，需照抄）")
    if "offline" not in names:
        raise BundleError(f"{path.name}: plugins 中没有 offline")
    polyfills = (own.get("extra") or {}).get("polyfills") or []
    for pkg in VENDOR:
        if pkg["dest"] not in polyfills:
            raise BundleError(f"{path.name}: extra.polyfills 中没有 {pkg['dest']}")


def _raw_config(path: Path) -> dict:
    """The merged YAML of a config (INHERIT followed), without validating it."""
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load
    with open(path, "rb") as fd:
        return yaml_load(fd, get_yaml_loader())


def cmd_bundle(args) -> int:
    from .cli import _context
    try:
        res = build(args.source, Path(args.dist), _context(args), vendor_tarballs=args.vendor_tarball,
                    from_docs=Path(args.from_docs).resolve() if args.from_docs else None)
    except BundleError as exc:
        say(f"错误 {exc}")
        return 1
    say(f"离线包：{res.zip_path}（另存为 {res.stable_path.name}，内容相同）")
    say(f"  {res.files} 个文件，{res.size / 1024 / 1024:.2f} MB，{len(res.docs)} 件法规文件，"
        f"用时 {res.seconds:.1f} 秒")
    say(f"  解压后双击 {res.top}/index.html 打开；版本清单见 {res.top}/{INFO_FILE}")
    errors = [p for d in res.docs for p in d.problems if p.severity == "error"]
    return 1 if res.failures or errors else 0


def register(sub):
    p = sub.add_parser("bundle", help="offline zip of the site that works from file:// (dist/)")
    p.add_argument("source", nargs="?", default=str(ROOT / "seeds"))
    p.add_argument("--dist", default=str(ROOT / "dist"), help="output folder (default dist/)")
    p.add_argument("--today", help="date used for statuses (YYYY-MM-DD)")
    p.add_argument("--from-docs", metavar="DIR",
                   help="bundle this already generated docs folder (e.g. docs/) instead of generating")
    p.add_argument("--vendor-tarball", action="append", default=[], metavar="TGZ",
                   help="an already downloaded " + " / ".join(v["tarball"] for v in VENDOR)
                   + " (instead of npm pack); repeatable")
    p.set_defaults(func=cmd_bundle)
