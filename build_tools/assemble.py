"""Links the collection and renders each document's pages, reusing a document's pages from
the model cache when neither the document nor anything it links to has changed.

A document's pages depend on its own model (the cache key: its bytes, path, date and the
code) and on the collection only through linking: the titles of other documents, the
site-wide terms with their definitions and the pages those definitions are on, and the
candidate terms (see linking.LinkContext) — and through citations: the articles it cites
(their text in the hover, their page) and the articles citing it (citations.Citations.digest).
Those have one digest; cached pages are used
only under the same key, digest and slug, so a rebuild gives the bytes a full build gives
(tests/test_incremental.py).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from . import citations, linking
from .writers import forward
from .writers import markdown as md


def aligned(old, new, store=None) -> list:
    """compare.align of two texts as [(old anchor, new anchor, kind, ratio, moved)], kept in the
    model cache under both documents' keys (aligning two long texts takes seconds)."""
    from . import compare
    ko, kn = old.derived.model_key, new.derived.model_key
    if store is not None and ko and kn:
        hit = store.get_extra(kn, "align", ko)
        if hit is not None:
            return hit
    pairs = [(p.old.anchor if p.old else None, p.new.anchor if p.new else None, p.kind, p.ratio, p.moved)
             for p in compare.align(old.articles, new.articles)]
    if store is not None and ko and kn:
        store.put_extra(kn, "align", ko, pairs)
    return pairs


def pairs_of(old, new, rows) -> list:
    from . import compare
    oa = {a.anchor: a for a in old.articles}
    na = {a.anchor: a for a in new.articles}
    return [compare.Pair(oa.get(o), na.get(n), kind, ratio, moved) for o, n, kind, ratio, moved in rows]


def article_history(docs, by_slug, store=None):
    """For every article of a work with several texts, doc.derived.article_history[anchor]:
    its counterpart in the previous text (or that it is new there) and, for a text no longer
    current, the same article in the current text (or that it was deleted on the way).
    Items: (kind, slug, anchor, label, version label)."""
    prev: dict[str, dict] = {}      # slug -> new anchor -> (old slug, old anchor, kind)
    nxt: dict[str, tuple] = {}      # old slug -> (new slug, {old anchor: (new anchor, kind)})
    for d in docs:
        d.derived.article_history = None
        info = d.derived.version_or_blank.compare
        if not info or info.new != d.slug or info.old not in by_slug:
            continue
        old = by_slug[info.old]
        rows = aligned(old, d, store)
        prev[d.slug] = {n: (old.slug, o, kind) for o, n, kind, _, _ in rows if n}
        nxt[old.slug] = (d.slug, {o: (n, kind) for o, n, kind, _, _ in rows if o})
    labels: dict[tuple, str] = {}
    for d in docs:
        if d.slug in prev or d.slug in nxt:
            for a in d.articles:
                labels[(d.slug, a.anchor)] = a.label
    for d in docs:
        info = d.derived.version_or_blank
        if d.slug not in prev and d.slug not in nxt:
            continue
        version_label = {x.work: x.label for x in info.versions}
        current = info.current
        out: dict[str, list] = {}
        for a in d.articles:
            items = []
            if d.slug in prev:
                o_slug, o_anchor, kind = prev[d.slug].get(a.anchor, (None, None, "added"))
                if o_anchor:
                    items.append((kind, o_slug, o_anchor, labels.get((o_slug, o_anchor), ""),
                                  version_label.get(o_slug, "")))
                else:
                    items.append(("added", "", "", "", ""))
            if current and current != d.slug and d.slug in nxt:
                slug, anchor, changed = d.slug, a.anchor, False
                while anchor and slug != current and slug in nxt:
                    slug, step = nxt[slug][0], nxt[slug][1].get(anchor)
                    anchor = step[0] if step else None
                    changed = changed or (step is not None and step[1] != "same")
                if anchor and slug == current:
                    items.append(("current-changed" if changed else "current-same", slug, anchor,
                                  labels.get((slug, anchor), ""), version_label.get(slug, "")))
                else:
                    items.append(("current-deleted", current, "", "", version_label.get(current, "")))
            out[a.anchor] = items
        d.derived.article_history = out


def comparison(doc, by_slug, linker, store=None) -> dict:
    """The 新旧对照 page of a version and its predecessor (or of a draft and its enacted text).
    It depends on the two documents (their model keys) and the version data only: cached
    under those, as aligning two long texts takes seconds."""
    info = doc.derived.version_or_blank.compare
    if not info or info.old not in by_slug or info.new not in by_slug:
        return {}
    from .writers import compare as compare_page
    old, new = by_slug[info.old], by_slug[info.new]
    digest = repr((old.derived.model_key, new.derived.model_key, info,
                   doc.derived.version, doc.slug, old.slug, new.slug))
    key = doc.derived.model_key if old.derived.model_key and new.derived.model_key else None
    text = store.get_extra(key, "compare", digest) if store is not None and key else None
    if text is None:
        text = compare_page.page(doc, old, new, info, linker.new_page() if linker is not None else None,
                                 pairs_of(old, new, aligned(old, new, store)))
        if store is not None and key:
            store.put_extra(key, "compare", digest, text)
    return {f"{doc.slug}/{compare_page.PAGE}.md": text}


@dataclass
class Assembled:
    glossary: list
    plans: dict          # slug -> its pages (writers.markdown.plan)
    reused: int          # documents whose pages came from the cache
    citations: object = None   # citations.Citations: references to other instruments


def assemble(docs, store, put, memo=None) -> Assembled:
    """Every document's pages handed to put(relative path, Markdown) as soon as they are made
    (none is held: at ten times the corpus they would be gigabytes).  Documents rendered here
    carry their link spans, documents taken from the cache do not.  memo: the build's
    slugs.Memo (word frequencies and term slugs of earlier builds)."""
    def scans(doc, words_digest):
        return store.get_extra(doc.derived.model_key, "scan", words_digest) if store else None

    ctx = linking.prepare(docs, scans=scans, memo=memo)
    cits = citations.resolve(docs)
    plans = {d.slug: md.plan(d) for d in docs}
    page_maps = {d.slug: md.page_map(d, plans[d.slug]) for d in docs}
    linker = md.Linker(page_maps, cits.cited_by, cits.related)
    targets = sorted((t, src.slug, md.locate(page_maps.get(src.slug, {}), df.anchor))
                     for t, (src, df) in ctx.external.items())
    digest = hashlib.sha256(repr((ctx.digest, targets)).encode("utf-8")).hexdigest()
    by_slug = {d.slug: d for d in docs}
    article_history(docs, by_slug, store)
    used: dict[str, set] = {}
    reused = 0
    for d in docs:
        key = d.derived.model_key
        if store is not None and id(d) in ctx.scanned:
            store.put_extra(key, "scan", ctx.words_digest, ctx.scanned[id(d)])
        # the pages of d also show the articles it cites and the articles citing it, and its
        # version block (status, other versions, timeline) comes from the collection too
        vkey = hashlib.sha256(repr((d.derived.version, d.derived.article_history))
                              .encode("utf-8")).hexdigest()[:16]
        page_key = f"{digest} {d.slug} {cits.digest(d, page_maps)} {vkey}"
        hit = store.get_extra(key, "pages", page_key) if store else None
        if hit is not None:
            terms, files = hit
            reused += 1
        else:
            citations.apply(cits, d)
            terms = sorted(linking.link_document(ctx, d))
            files = md.document_pages(d, plans[d.slug], linker)
            if store is not None:
                store.put_extra(key, "pages", page_key, (terms, files))
        for term in terms:
            used.setdefault(term, set()).add(d.slug)
        files = {**files, **comparison(d, by_slug, linker, store)}
        for pages in (files, forward.pages(d, files)):      # and the current text's permanent address
            for rel, text in pages.items():
                put(rel, text)
    return Assembled(linking.glossary(docs, used, memo), plans, reused, cits)
