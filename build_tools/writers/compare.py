"""The comparison page (新旧对照) of two texts of one work: counts, then every changed, added,
deleted or moved article side by side with the changed characters marked; unchanged
articles are listed, not repeated.  The alignment is build_tools/compare.py's."""
from __future__ import annotations

from .. import compare
from ..model import CompareInfo
from . import markdown as md

PAGE = "compare"


def _cell(text: str) -> str:
    """Source text for a table cell: escaped as everywhere (markdown.escape), paragraphs as
    <br>, no pipe breaking the row."""
    return md.escape(text).replace("\\|", "&#124;").replace("|", "&#124;").replace("\n", "<br>")


def _marked(pieces, side: str) -> str:
    out = []
    for tag, old, new in pieces:
        if tag == "equal":
            out.append(_cell(old))
        elif side == "old" and old:
            out.append(f"<del>{_cell(old)}</del>")
        elif side == "new" and new:
            out.append(f"<ins>{_cell(new)}</ins>")
    return "".join(out)


def page(doc, old_doc, new_doc, info: CompareInfo, linker, pairs=None) -> str:
    """Markdown of doc's comparison page (doc is new_doc, or the draft old_doc)."""
    if pairs is None:
        pairs = compare.align(old_doc.articles, new_doc.articles)
    n = compare.counts(pairs)
    title = f"新旧对照：{info.old_label.strip('（）')} → {info.new_label.strip('（）')}"
    meta = {"title": md.theme_text(f"{title} - {doc.title}"), **md.doc_meta(doc), "page_kind": "compare"}

    def link(d, a):
        href = linker.href(doc.slug, (d.slug, a.anchor)) if linker is not None else None
        return f"[{md.escape(a.label)}]({href})" if href else md.escape(a.label)

    old_name = f"《{md.escape(old_doc.title)}》{md.escape(info.old_label)}"
    new_name = f"《{md.escape(new_doc.title)}》{md.escape(info.new_label)}"
    out = [md.front_matter(meta), "", f"# {md.escape(title)} {{#compare}}", "",
           f"[《{md.escape(doc.title)}》](index.md){{ .doc-backlink }}", "",
           f"左栏：[{old_name}](../{old_doc.slug}/index.md)（{info.old_date}）；"
           f"右栏：[{new_name}](../{new_doc.slug}/index.md)（{info.new_date}）。", "",
           "| 项目 | 条数 |", "| --- | --- |",
           f"| 旧文本条文 | {len(old_doc.articles)} |", f"| 新文本条文 | {len(new_doc.articles)} |",
           f"| 文字未变 | {n['same']}（其中条号变化 {n['renumbered']}） |",
           f"| 修改 | {n['changed']} |", f"| 新增 | {n['added']} |", f"| 删除 | {n['deleted']} |",
           f"| 位置移动 | {n['moved']} |", "",
           "条文按文字对齐，不按条号：文字相同的条文直接对应，其余按相似度（不低于"
           f"{int(compare.THRESHOLD * 100)}%）对应；找不到对应的条文列为新增或删除。"
           "<del>删除线</del>为旧文本中删去的文字，<ins>下划线</ins>为新文本中加入的文字。"
           "对齐由程序完成，仅供参考，请以原文为准。", "{: .compare-note }", ""]
    rows = [p for p in pairs if p.kind != "same" or p.moved]
    if rows:
        out += ["## 有改动的条文 {#changes}", "", "| 旧文本 | 新文本 |", "| --- | --- |"]
        for p in rows:
            if p.kind == "added":
                out.append(f"| （新增） | **{link(new_doc, p.new)}**<br>{_cell(p.new.text())} |")
            elif p.kind == "deleted":
                out.append(f"| **{link(old_doc, p.old)}**<br>{_cell(p.old.text())} | （删除） |")
            else:
                pieces = compare.char_diff(p.old.text(), p.new.text())
                note = "（位置移动）" if p.moved else ""
                out.append(f"| **{link(old_doc, p.old)}**{note}<br>{_marked(pieces, 'old')} | "
                           f"**{link(new_doc, p.new)}**{note}<br>{_marked(pieces, 'new')} |")
        out.append("")
    same = [p for p in pairs if p.kind == "same" and not p.moved]
    if same:
        out += ["## 文字未变的条文 {#unchanged}", ""]
        out.append("、".join(f"{link(old_doc, p.old)}→{link(new_doc, p.new)}" if p.renumbered
                             else link(new_doc, p.new) for p in same))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
