"""What the bundle says about itself: BUNDLE.txt, the page 关于本离线包, the note on the home page."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import subprocess
from pathlib import Path

from .base import ABOUT_PAGE, ABOUT_TITLE, INFO_FILE, ROOT
from .vendor import VENDOR


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
    from ..sourcefile import printable
    out = []
    for d in sorted(docs, key=lambda d: d.slug):
        data = Path(d.source).read_bytes()
        rel = Path(os.path.relpath(d.source, source_folder)).as_posix() if source_folder else Path(d.source).name
        out.append(DocInfo(d.title, d.slug, printable(rel), hashlib.sha256(data).hexdigest(), len(data),
                           d.kind, d.status, d.issuer, dict(d.dates), len(d.articles)))
    return out


def _date_names():
    try:
        from ..writers.markdown import DATE_NAMES
        return list(DATE_NAMES)
    except ImportError:
        return [("passed", "通过日期"), ("approved", "批准日期"), ("amended", "最近修改日期"),
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
    from ..writers import markdown as md
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
