"""The machine-readable JSON view of a document (the contract of the tests)."""
from __future__ import annotations


def to_json(doc) -> dict:
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
        "version": (doc.derived or {}).get("version"),
    }
