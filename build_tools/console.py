"""What a build tells its operator on stderr: progress lines, problems, the summary, the site_url warning."""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path


def say(msg: str):
    print(msg, file=sys.stderr, flush=True)


MAX_PRINTED = 200
SEVERITY = {"warning": "警告", "error": "错误"}


def summary(docs, failures):
    say(summary_text(docs, failures))


def summary_text(docs, failures) -> str:
    counts = collections.Counter(p.severity for d in docs for p in d.problems)
    return (f"完成：文件 {len(docs)} 个，章节页 {sum(len(d.chapters) for d in docs)} 个，"
            f"条文 {sum(len(d.articles) for d in docs)} 条；错误 {counts['error'] + len(failures)}，"
            f"警告 {counts['warning']}，说明 {counts['info']}（详见各文件的“来源说明”）")


PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net")


def site_url_warning(config_file) -> str | None:
    """A warning (file and line) while mkdocs.yml's site_url is empty or a placeholder: every
    copied link and citation points there."""
    import urllib.parse
    text = Path(config_file).read_text(encoding="utf-8")
    line_no, value = 0, ""
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"site_url:\s*(\S*)", line)
        if m:
            line_no, value = i, m.group(1).strip("'\"")
            break
    host = urllib.parse.urlsplit(value).hostname or ""
    if value and not (host == "localhost" or host.endswith(PLACEHOLDER_HOSTS)):
        return None
    where = f"{Path(config_file).name}:{line_no}" if line_no else Path(config_file).name
    shown = value or "（未设置）"
    return (f"警告 {where} site_url_placeholder site_url 仍是示例地址 {shown}，复制的链接和引文都指向它；"
            f"发布前请改为本站的公开地址（见 README 开头）")
