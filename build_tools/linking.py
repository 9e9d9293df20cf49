"""Collection-level links: defined terms, terms defined elsewhere, titles of other documents.

Runs once after every document of the site is loaded (and after the per-document transforms
`definitions` and `crossrefs`):

    glossary = link_collection(docs)

(a) `term`: every use of a term in the text its definition covers (the whole defining document,
    or the article / division a 本条 / 前款 / 本章 definition is limited to) links to the
    defining paragraph or item; title = the definition text.  Not inside the term's own
    defining paragraph, not in headings, not inside an existing span or a 《title》.
(b) `term_external`: a term defined (for a whole document) in one document and used in
    another links to the defining paragraph there: target (slug, anchor), title = definition,
    source_title = the defining document's title.  A document's own definition of a term
    always wins, and an own definition in any scope keeps the external one out.
(c) `doc`: 《title》 naming another document of the site (exact title, or the title without
    中华人民共和国) links to that document's landing page, target (slug, "").

Longest match wins across own and external terms (算力产业 before 算力, 公共数据 is not 数据);
a longer term that may not be linked here still hides the shorter ones inside it.  A match that
is a piece of a longer word (计[算力], 反[倾销], [档案]馆, 通[航标]准) is no use of the term and is
not linked: `words.Segmenter` cuts the match's text with the site's terms and titles in jieba's
dictionary (docs-dev/citations.md, "Word boundaries").

Noise control for external terms (the choice and its figures are in
docs-dev/definitions-and-references.md).  A term is linked outside the document defining it only
when it is a term of art of the site:
- at most `max_definers` (1) instruments define it for a whole document (versions of one
  instrument, same title, count once; the current version is linked): a term several
  instruments define (物业, 单位 …) has competing meanings, and local definitions are local;
- it is not everyday vocabulary: its frequency in jieba's general dictionary is below
  `common_freq` (100) — 处理, 保护, 单位, 网络 are defined in some law but mean the ordinary
  thing everywhere else;
- it is used by at most max(`min_users`, `users_share` × documents) documents (20, 1 %):
  a term nearly every document uses (事业单位, 公安机关, 行政处罚) is general legal vocabulary.
- it has at least `min_length` (2) characters.
Own terms (a document's own definitions) are always linked.
"""
from __future__ import annotations

import gc
import re
from bisect import bisect_right

import ahocorasick

from .model import Article, Division, Span
from .transforms.crossrefs import title_ranges
from .words import Segmenter

SKIP_KINDS = ("heading", "toc", "note", "status", "label")
PREFIX = "中华人民共和国"


def link_collection(docs, max_definers: int = 1, min_length: int = 2, common_freq: int = 100,
                    min_users: int = 20, users_share: float = 0.01) -> dict:
    """Add term, term_external and doc spans to every paragraph; return the glossary.

    Glossary: a list sorted by term of {"term", "key" (ASCII id, term-suanli),
    "definitions": [{"slug", "title", "label" (article label), "anchor", "text", "scope"}],
    "used_in": [slug, …] (documents with a link to the term)}.  Calling it again recomputes
    the spans (ref spans from the crossrefs transform are kept).
    """
    # the pass allocates many small objects next to a large heap of documents: the cyclic
    # garbage collector would rescan that heap over and over (several seconds on the corpus)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _link_collection(list(docs), max_definers, min_length, common_freq, min_users,
                                users_share)
    finally:
        if enabled:
            gc.enable()


def _link_collection(docs, max_definers, min_length, common_freq, min_users, users_share):
    ctx = prepare(docs, max_definers, min_length, common_freq, min_users, users_share)
    used: dict[str, set] = {}
    for d in docs:
        for term in link_document(ctx, d):
            used.setdefault(term, set()).add(d.slug)
    return glossary(docs, used)


class LinkContext:
    """What linking one document needs of the others: titles, site-wide terms, and the
    automaton of candidate terms.  `digest` covers all of it, so a document whose own
    text is unchanged links exactly as before when the digest is unchanged."""

    def __init__(self, titles, supers, external, min_length, cand_words, cand_automaton, texts,
                 scanned, words_digest, segmenter=None):
        self.titles, self.supers, self.external, self.min_length = titles, supers, external, min_length
        self.segmenter = segmenter      # words.Segmenter: is a match a word of its sentence?
        self.cand_automaton = cand_automaton
        self.texts = texts              # id(document) -> its _Text with candidate matches, where scanned
        self.scanned = scanned          # id(document) -> its candidate terms, where scanned
        self.words_digest = words_digest
        self.digest = _digest(
            sorted((name, d.slug, d.title) for name, d in titles.items()),
            sorted((t, src.slug, src.title, df.anchor, df.text) for t, (src, df) in external.items()),
            sorted(cand_words), sorted((k, sorted(v)) for k, v in supers.items()), min_length,
            segmenter.digest if segmenter is not None else "")


def _digest(*parts) -> str:
    import hashlib
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def candidate_words(docs, max_definers: int = 1, min_length: int = 2, common_freq: int = 100, memo=None):
    """The candidate terms for site-wide links, every term containing one, and a digest of
    them: a document's scan for candidates depends on nothing else.  memo: the build's
    slugs.Memo (word frequencies from earlier builds), if any."""
    all_terms = set()
    for d in docs:
        for df in d.definitions:
            all_terms.update(t for t in (df.term, *df.aliases) if len(t) >= min_length)
    supers = _superstrings(all_terms)
    common = _common_words(memo)
    candidates = {t: v for t, v in _external_terms(docs, max_definers, min_length).items()
                  if common(t) < common_freq}
    words = set(candidates)
    for t in candidates:
        words.update(supers.get(t, ()))
    return supers, candidates, words, _digest(sorted(words))


def prepare(docs, max_definers: int = 1, min_length: int = 2, common_freq: int = 100,
            min_users: int = 20, users_share: float = 0.01, scans=None, memo=None) -> LinkContext:
    """The collection's side of linking.  `scans(doc, words_digest)` may return a document's
    candidate terms from an earlier build (None: scan it); memo: the build's slugs.Memo."""
    supers, candidates, words, words_digest = candidate_words(docs, max_definers, min_length,
                                                              common_freq, memo)
    automaton = _build_automaton(words) if words else None
    # one scan of every document for the candidates counts their users (the matches are
    # kept for linking); a candidate used too widely stays a blocker where it occurs
    users: dict[str, int] = {}
    texts: dict[int, _Text] = {}
    scanned: dict[int, list] = {}
    for d in docs:
        found = scans(d, words_digest) if scans else None
        if found is None:
            t = texts[id(d)] = _Text(d)
            t.matches = list(automaton.iter(t.text)) if automaton is not None else []
            found = scanned[id(d)] = sorted({term for _, term in t.matches})
        for term in found:
            users[term] = users.get(term, 0) + 1
    cap = max(min_users, int(users_share * len(docs)))
    external = {t: v for t, v in candidates.items() if users.get(t, 0) <= cap}
    return LinkContext(_title_index(docs), supers, external, min_length, words, automaton, texts,
                       scanned, words_digest, Segmenter(user_dict_terms(docs, min_length)))


def user_dict_terms(docs, min_length: int = 2) -> set[str]:
    """The words added to jieba's dictionary for the word-boundary check: every term the
    site defines (aliases included) and every document title."""
    out = {d.title for d in docs if d.title}
    for d in docs:
        for df in d.definitions:
            out.update(t for t in (df.term, *df.aliases) if len(t) >= min_length)
    return out


def link_document(ctx: LinkContext, doc) -> set[str]:
    """Add term, term_external and doc spans to one document; returns the terms it links."""
    for _, p in doc.all_paragraphs():
        if p.spans:
            p.spans = [s for s in p.spans if s.kind in ("ref", "cite")]
    t = ctx.texts.pop(id(doc), None)
    if t is None:
        t = _Text(doc)
        t.matches = list(ctx.cand_automaton.iter(t.text)) if ctx.cand_automaton is not None else []
    own = _automaton({x for df in doc.definitions for x in (df.term, *df.aliases)
                      if len(x) >= ctx.min_length}, ctx.supers)
    if own is not None:
        t.matches.extend(own.iter(t.text))
    used: dict[str, set] = {}
    _link_document(t, ctx.external, ctx.titles, used, ctx.segmenter)
    return set(used)


class _Text:
    """A document's linkable paragraphs joined by newlines, for one automaton scan each."""

    def __init__(self, doc):
        self.doc = doc
        history = {id(p) for p in doc.history}
        self.paras = [(o, p) for o, p in doc.all_paragraphs()
                      if p.kind not in SKIP_KINDS and p.text and id(p) not in history]
        self.starts = []
        pos = 0
        for _, p in self.paras:
            self.starts.append(pos)
            pos += len(p.text) + 1
        self.text = "\n".join(p.text for _, p in self.paras)
        self.matches: list = []


def _build_automaton(words):
    a = ahocorasick.Automaton()
    for w in words:
        a.add_word(w, w)
    a.make_automaton()
    return a


def _superstrings(terms) -> dict:
    """term -> the other terms containing it (公共数据 contains 数据)."""
    out: dict[str, list] = {}
    if not terms:
        return out
    a = _build_automaton(terms)
    for t in terms:
        for _, u in a.iter(t):
            if u != t:
                out.setdefault(u, []).append(t)
    return out


def _automaton(terms, supers):
    """An automaton of `terms` plus every longer term containing one of them, so that the
    longest match is found even when the longer term is not linkable here."""
    words = set(terms)
    for t in terms:
        words.update(supers.get(t, ()))
    if not words:
        return None
    return _build_automaton(words)


def _common_words(memo=None):
    """Frequency of a word in jieba's general dictionary (0 when absent), through the build's
    slugs.Memo when there is one."""
    try:
        from .slugs import word_freq
        freq = memo.word_freq if memo is not None else word_freq
        freq("的")
    except Exception:       # jieba unavailable: no word counts as everyday vocabulary
        return lambda t: 0
    return freq


# -- which document a title or an external term points to ---------------------------------

def _date_key(d):
    dates = d.dates or {}
    return max((v for k, v in dates.items() if k in ("effective", "amended", "published",
                                                     "passed", "approved") and v), default="")


def _preferred(group):
    """Of several versions with one title: the current one, then the latest, then by slug."""
    return sorted(group, key=lambda d: (d.status not in IN_FORCE, _neg(_date_key(d)), d.slug))[0]


IN_FORCE = ("现行有效", "有效")    # the collection's status (versions.py), a lone file's (metadata)


def _neg(s):
    return tuple(-ord(c) for c in s)


def _title_index(docs):
    groups: dict[str, list] = {}
    for d in docs:
        if d.title:
            groups.setdefault(d.title, []).append(d)
    index = {t: _preferred(g) for t, g in groups.items()}
    short: dict[str, list] = {}
    for t, d in index.items():
        if t.startswith(PREFIX) and len(t) > len(PREFIX) + 1:
            short.setdefault(t[len(PREFIX):], []).append(d)
    for t, ds in short.items():
        if t not in index and len(ds) == 1:
            index[t] = ds[0]
    return index


# a text whose definitions are not lent to other documents: a draft, a repealed or expired
# text, a superseded version (status words of build_tools/versions.py included)
NOT_LENDING = re.compile(r"草案|征求意见|送审稿|失效|废止|被修|已修订|已修正")


def lends_definitions(d, latest: dict) -> bool:
    """May a definition of `d` be shown in other documents (as 参考)?  Only from a text in
    force that is the newest of its title; never from a draft, a repealed or a superseded one."""
    if NOT_LENDING.search(d.status or "") or NOT_LENDING.search(d.title or ""):
        return False
    return _date_key(d) >= latest.get(d.title, "")


def _external_terms(docs, max_definers, min_length):
    """term -> (defining document, Definition) for terms that may be linked site-wide."""
    by_term: dict[str, dict[str, list]] = {}
    latest: dict[str, str] = {}
    for d in docs:
        latest[d.title] = max(latest.get(d.title, ""), _date_key(d))
    for d in docs:
        if not lends_definitions(d, latest):
            continue        # its terms are still blockers where a longer term contains them
        for df in d.definitions:
            if df.scope != "document":
                continue
            for t in (df.term, *df.aliases):
                if len(t) >= min_length:
                    by_term.setdefault(t, {}).setdefault(d.title, []).append((d, df))
    out = {}
    for t, by_title in by_term.items():
        if len(by_title) > max_definers:
            continue
        # one instrument (possibly several versions, or one code published in several files)
        candidates = [x for group in by_title.values() for x in group]
        best_doc = _preferred([d for d, _ in candidates])
        df = next(df for d, df in candidates if d is best_doc)
        out[t] = (best_doc, df)
    return out


# -- one document -----------------------------------------------------------------------------

def _scopes(doc):
    """term -> [Definition] of this document, the narrowest scope first."""
    own: dict[str, list] = {}
    rank = {"article": 0, "division": 1, "document": 2}
    for df in doc.definitions:
        for t in (df.term, *df.aliases):
            own.setdefault(t, []).append(df)
    for t in own:
        own[t].sort(key=lambda df: rank.get(df.scope, 3))
    return own


def _division_chain(doc):
    parent = {d.anchor: d.parent for d in doc.divisions}

    def chain(anchor):
        out = set()
        while anchor and anchor not in out:
            out.add(anchor)
            anchor = parent.get(anchor, "")
        return out
    return chain


def _applies(df, owner, chain_cache, chain):
    if df.scope == "document":
        return True
    if owner is None:
        return False
    anchor = getattr(owner, "anchor", "")
    if df.scope == "article":
        return anchor in df.scope_anchors
    # division: the owner (article or division) lies inside one of the scope divisions
    key = id(owner)
    if key not in chain_cache:
        start = owner.division if isinstance(owner, Article) else \
            anchor if isinstance(owner, Division) else ""
        chain_cache[key] = chain(start)
    return any(a in chain_cache[key] for a in df.scope_anchors)


def _link_document(t, external, titles, used, segmenter=None):
    doc = t.doc
    own = _scopes(doc)
    chain = _division_chain(doc)
    chain_cache: dict = {}
    defining: dict[str, set] = {}          # paragraph anchor -> terms it defines
    for df in doc.definitions:
        defining.setdefault(df.anchor, set()).update((df.term, *df.aliases))
    # matches (end index in t.text, term) -> per paragraph (start, end) in its own text
    per_para: dict[int, list] = {}
    for end, term in t.matches:
        start = end - len(term) + 1
        i = bisect_right(t.starts, start) - 1
        base = t.starts[i]
        per_para.setdefault(i, []).append((start - base, end + 1 - base, term))
    for i, (owner, p) in enumerate(t.paras):
        text = p.text
        new: list[Span] = []
        quoted = title_ranges(text) if "《" in text else []
        if quoted and titles:
            new.extend(_title_spans(doc, text, quoted, p.spans, titles))
        found = per_para.get(i)
        if found:
            blocked = [(s.start, s.end) for s in p.spans + new] + quoted
            new.extend(_term_spans(doc, owner, p, found, own, external, defining, blocked,
                                   chain_cache, chain, used, segmenter))
        if new:
            p.spans = sorted(p.spans + new, key=lambda s: s.start)


def _title_spans(doc, text, quoted, existing, titles):
    """doc spans for the 《titles》 (quoted: their ranges) naming another document."""
    out = []
    for start, end in quoted:
        name = text[start + 1:end - 1]
        target = titles.get(name)
        if target is None and "〈" in name:
            target = titles.get(name.replace("〈", "《").replace("〉", "》"))
        if target is None or target is doc or target.title == doc.title:
            continue
        s, e = start + 1, end - 1
        if any(x.start < e and s < x.end for x in existing):
            continue
        out.append(Span(s, e, "doc", (target.slug, ""), target.title))
    return out


def _term_spans(doc, owner, p, found, own, external, defining, blocked, chain_cache, chain,
                used, segmenter=None):
    """Leftmost-longest choice among the matches (start, end, term) of both automata; a match
    to be linked that is a piece of a longer word (segmenter) is passed over, as if the term
    were absent (a longer term that is not linked here still hides the shorter ones)."""
    matches = sorted(set(found), key=lambda x: (x[0], x[0] - x[1]))
    out = []
    last_end = 0
    for start, end, term in matches:
        if start < last_end:
            continue
        if blocked and any(b0 < end and start < b1 for b0, b1 in blocked):
            continue
        defs = own.get(term)
        span = None
        if defs is not None:
            df = next((x for x in defs if _applies(x, owner, chain_cache, chain)), None)
            if df is None:
                continue            # own term outside its scope: neither linked nor blocking
            if term not in defining.get(p.anchor, ()):
                span = Span(start, end, "term", ("", df.anchor), df.text)
        else:
            ext = external.get(term)
            if ext is not None and ext[0] is not doc:
                src, df = ext
                span = Span(start, end, "term_external", (src.slug, df.anchor), df.text,
                            source_title=src.title)
            # else a longer term not linkable here hides the terms inside it
            # (公共数据资源 is not 公共数据)
        if span is not None and segmenter is not None and segmenter.inside_word(p.text, start, end):
            continue                # a piece of a longer word: 计[算力]
        last_end = end
        if span is not None:
            out.append(span)
            used.setdefault(term, set()).add(doc.slug)
    return out


def glossary(docs, used: dict[str, set], memo=None) -> list[dict]:
    """The glossary entries; used: term -> slugs of the documents linking it; memo: the
    build's slugs.Memo, if any."""
    entries: dict[str, dict] = {}
    for d in docs:
        for df in d.definitions:
            for t in (df.term, *df.aliases):
                e = entries.setdefault(t, {"term": t, "key": "", "definitions": [], "used_in": []})
                e["definitions"].append({
                    "slug": d.slug, "title": d.title, "label": df.article_label,
                    "anchor": df.anchor, "text": df.text, "scope": df.scope})
    for t, slugs in used.items():
        if t in entries:
            entries[t]["used_in"] = sorted(slugs)
    keys: set[str] = set()
    for t in sorted(entries):          # ids in code point order: stable, whatever the display order
        entries[t]["key"] = _key(t, keys, memo)
    from .collation import pinyin_key
    return [entries[t] for t in sorted(entries, key=lambda t: pinyin_key(t, False))]


def _key(term, taken, memo=None) -> str:
    """An ASCII id for the term's glossary entry: term-suanli, term-suanli-2 on a clash."""
    try:
        from .slugs import base_slug
        base = "term-" + (memo.base_slug(term) if memo is not None else base_slug(term))
    except Exception:
        base = "term"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


# -- figures for docs-dev/definitions-and-references.md --------------------------------------

def measure(docs) -> dict:
    """Counts of definitions, references and links over loaded (and linked) documents."""
    from collections import Counter

    from .transforms import crossrefs
    defs = [df for d in docs for df in d.definitions]
    found = [crossrefs.find_refs(d) for d in docs]
    refs = Counter(r.status for doc_refs in found for r in doc_refs)
    spans = Counter(s.kind for d in docs for _, p in d.all_paragraphs() for s in p.spans)
    return {
        "documents": len(docs),
        "documents_with_definitions": sum(1 for d in docs if d.definitions),
        "definitions": len(defs),
        "terms": len({df.term for df in defs}),
        "definitions_by_form": dict(Counter(df.form for df in defs)),
        "definitions_by_scope": dict(Counter(df.scope for df in defs)),
        "references": dict(refs),
        "documents_with_references": sum(
            1 for doc_refs in found if any(r.status != "other" for r in doc_refs)),
        "spans": dict(spans),
    }


def _main(argv=None) -> int:
    import argparse
    import json
    import time

    from . import pipeline
    parser = argparse.ArgumentParser(prog="python -m build_tools.linking",
                                     description="统计一个文件夹中的定义术语、条文引用和链接")
    parser.add_argument("folder")
    args = parser.parse_args(argv)
    t0 = time.time()
    docs = pipeline.load_folder(args.folder)
    t1 = time.time()
    glossary = link_collection(docs)
    t2 = time.time()
    figures = measure(docs)
    figures.update({"glossary_terms": len(glossary), "load_seconds": round(t1 - t0, 1),
                    "link_seconds": round(t2 - t1, 1)})
    print(json.dumps(figures, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
