"""The machine-readable JSON view of a document (the contract of the tests)."""
from __future__ import annotations


def to_json(doc, citations=None) -> dict:
    """citations: the collection's citations.Citations (export --all): the document's
    references to other instruments, resolved or with the reason they are not."""
    return {
        "source": doc.source,
        "format": doc.format,
        "title": doc.title,
        "subtitle": doc.subtitle,
        "slug": doc.slug,
        "kind": doc.kind,
        "status": doc.status,
        "issuer": doc.issuer,
        "dates": dict(sorted(doc.dates.items())),
        "preamble": [p.text for p in doc.preamble if p.kind not in ("status", "label")],
        "chapters": [{"anchor": d.anchor, "label": d.label, "title": d.title}
                     for d in doc.chapters],
        "divisions": [{"anchor": d.anchor, "kind": d.kind, "label": d.label, "title": d.title,
                       "parent": d.parent or None, "start_known": d.start_known,
                       "paragraphs": [p.text for p in d.paragraphs]}
                      for d in doc.divisions],
        "articles": [{"anchor": a.anchor, "label": a.label, "chapter": a.chapter,
                      "division": a.division, "title": a.title, "line": a.line,
                      "paragraphs": [p.text for p in a.paragraphs]}
                     for a in doc.articles],
        "problems": [p.to_json() for p in doc.problems],
        # the work, this version's date, status, the work's history and versions (versions.py;
        # only when read with the collection: export --all, build)
        "version": doc.derived.version.to_json() if doc.derived.version else None,
        # export --all, a text with a predecessor in its work: each article paired with the
        # previous text's (old/new anchors, same|changed|added|deleted, moved)
        "alignment": doc.derived.alignment.to_json() if doc.derived.alignment else None,
        # defined terms (transforms/definitions.py): where each holds and where it is defined
        "definitions": [{"term": df.term, "aliases": list(df.aliases), "scope": df.scope,
                         "scope_anchors": list(df.scope_anchors), "anchor": df.anchor,
                         "article": df.article_label, "text": df.text}
                        for df in doc.definitions],
        # references to other instruments (only with the collection: export --all)
        "references": _references(doc, citations) if citations is not None else None,
    }


def _references(doc, citations) -> list[dict]:
    out = []
    for c in citations.of(doc):
        p = c.out.paragraph
        rec = {"anchor": p.anchor or (c.out.article.anchor if c.out.article is not None else ""),
               "start": c.out.start,
               "end": c.out.end, "text": c.out.text, "instrument": c.name,
               "status": c.status, "reason": c.reason or None, "target": None}
        if c.target is not None and c.status in ("resolved", "partial"):
            from .citations import version_label
            rec["target"] = {"slug": c.target.slug, "title": c.target.title,
                             "version": version_label(c.target), "anchor": c.anchor,
                             "label": c.label, "note": c.note or None}
        out.append(rec)
    return out
