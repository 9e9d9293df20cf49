"""Half-width punctuation inside Chinese text (, ; : ( ) ! ?) becomes full-width.

Numbers (1,000  10:30), URLs, e-mail addresses and runs of Latin text are left alone.
Text that is not Chinese (no Chinese character, or Latin letters outnumbering Chinese
characters four to one: an English version, a Latin name, a chemical formula) keeps its
half-width marks, and a quotation mark, dash or ellipsis next to a mark counts as Chinese
only when the text behind it is Chinese (“data”, in English text stays as it is).
One record per source line says how many marks were changed.
"""
from __future__ import annotations

import re

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’《》—…]")
PROTECTED = re.compile(r"(?:https?|ftp)://[^\s，。；）]+|www\.[^\s，。；）]+|[\w.+-]+@[\w-]+\.[\w.]+")
FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
SHARED = "“”‘’—…"           # used in English text too


def _cjk(ch: str) -> bool:
    return bool(ch) and bool(CJK.match(ch))


def _side_is_chinese(text: str, i: int, step: int) -> bool:
    """The character next to position i (step -1: before, +1: after) is Chinese punctuation or
    a Chinese character; a quotation mark, dash or ellipsis only when what lies behind it is."""
    j = i + step
    while 0 <= j < len(text) and text[j] in SHARED:
        j += step
    if j == i + step:
        return 0 <= j < len(text) and _cjk(text[j])
    return 0 <= j < len(text) and bool(HAN.match(text[j]) or (_cjk(text[j]) and text[j] not in SHARED))


def is_chinese(text: str) -> bool:
    han = len(HAN.findall(text))
    return han > 0 and len(LATIN.findall(text)) < 4 * han


def normalize(text: str) -> tuple[str, int]:
    if not any(c in text for c in FULL) or not is_chinese(text):
        return text, 0
    protected = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    chars = list(text)
    changed = 0
    opens: list[int] = []
    for i, c in enumerate(text):
        if c not in FULL or any(a <= i < b for a, b in protected):
            continue
        prev = text[i - 1] if i else ""
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if c == "(":
            opens.append(i)
            continue
        if c == ")":
            if opens:
                j = opens.pop()
                inner = text[j + 1:i]
                if HAN.search(inner) or _side_is_chinese(text, j, -1) or _side_is_chinese(text, i, 1):
                    chars[j], chars[i] = "（", "）"
                    changed += 2
            continue
        if prev.isdigit() and nxt.isdigit():
            continue                     # 1,000 / 10:30
        if _side_is_chinese(text, i, -1) or _side_is_chinese(text, i, 1) or (prev.isdigit() and not nxt.strip()):
            chars[i] = FULL[c]
            changed += 1
    return "".join(chars), changed


def run(doc, ctx):
    per_line: dict[int, int] = {}

    def fix(obj, attr, line):
        new, n = normalize(getattr(obj, attr))
        if n:
            setattr(obj, attr, new)
            per_line[line] = per_line.get(line, 0) + n

    if doc.title_lines:
        fix(doc, "title", doc.title_lines[0])
    for d in doc.divisions:
        fix(d, "title", d.line)
    for _, p in doc.all_paragraphs():
        fix(p, "text", p.line)
    for line in sorted(per_line):
        doc.report("punctuation_normalized", "info",
                   f"第{line}行：{per_line[line]}个半角标点已改为全角（如“,”→“，”、“(”→“（”）", line)
