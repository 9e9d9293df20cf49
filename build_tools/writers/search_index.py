"""The exact-match search index: per-document text shards plus a sharded gram -> documents index.

Layout (all files are JavaScript that hand their data to window.__regsearch(name, data), so
the index loads from file:// as well as over HTTP).  What every query loads is bounded: a
few bytes per document in meta.js, and the shards of its own grams; the rest is fetched for
the documents a query finds.

    search/meta.js     {"v": 2, "shards": N, "docs": D, "tchunk": T, "info": b64}
                       info: one varint per document, title length * 2 + 1 when the text is
                       superseded, repealed or expired (it ranks after the texts in force)
    search/g{k}.js     [{gram: postings}, {gram: title postings}, {slug: document number}]
                       for the grams and slugs whose hash % N == k; a gram is every single
                       character and every pair of adjacent characters of a document's
                       normalised text (title postings: of its title only); postings are
                       document numbers, delta + varint + base64
    search/t{k}.js     [[slug, title, kind, status], ...] for documents k*T .. k*T+T-1 (what a
                       citation's title part is matched against)
    search/d{i}.js     {"h": [slug, title, kind, status], "r": [[anchor, label, page, text,
                       defined_terms], ...]} for document i; page is the file name without
                       .html inside the document's folder (chp_3)

A query loads meta.js, the gram shards of its characters, intersects the postings, and
loads only the candidate documents' shards to find the exact matches.  Normalisation
(the same in regsearch.js): full-width ASCII variants -> ASCII, ideographic space -> space,
Latin letters lower-cased; one character to one character, so offsets carry over.
"""
from __future__ import annotations

import array
import base64
import bisect
import collections
import itertools
import json
import os

from .. import eids
from . import markdown as md

VERSION = 2
TITLE_CHUNK = 64          # documents per t{k}.js
LAPSED = ("已被", "已废止", "已失效")     # statuses that rank after the texts in force (regsearch.js)
TARGET_SHARD_BYTES = 24_000


_NORM = {o: o - 0xFEE0 for o in range(0xFF01, 0xFF5F)}
_NORM[0x3000] = 0x20
_NORM.update({o: o + 32 for o in range(ord("A"), ord("Z") + 1)})
_NORM.update({o: o - 0xFEE0 + 32 for o in range(0xFF21, 0xFF3B)})   # Ａ -> a


_NORM_CHARS = frozenset(map(chr, _NORM))


def norm(text: str) -> str:
    """text normalised: one str.replace per character of _NORM that text has (no output of
    _NORM is another of its keys, so the order does not matter); faster than str.translate,
    which looks every character of a long text up in the table."""
    for ch in _NORM_CHARS.intersection(text):
        text = text.replace(ch, chr(_NORM[ord(ch)]))
    return text


def gram_hash(gram: str) -> int:
    h = 0
    for ch in gram:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


def _varint(d: int) -> bytes:
    out = bytearray()
    while True:
        byte = d & 0x7F
        d >>= 7
        if d:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


_VARINT = [_varint(d) for d in range(1 << 14)]       # the one- and two-byte numbers


def varint_b64(numbers) -> str:
    """Ascending document numbers (a list or an array) as differences, varint + base64."""
    deltas = [b - a - 1 for a, b in zip(itertools.chain((-1,), numbers), numbers)]
    if max(deltas) < 128:                   # the usual case: one byte per number
        return base64.b64encode(bytes(deltas)).decode("ascii")
    table = _VARINT
    return base64.b64encode(b"".join([table[d] if d < 16384 else _varint(d) for d in deltas])).decode("ascii")


def records(doc, where) -> list[list]:
    defined: dict[str, list[str]] = {}
    for d in getattr(doc, "definitions", []) or []:
        art = getattr(d, "article_anchor", "") or getattr(d, "anchor", "")
        defined.setdefault(eids.owner(art) if art else "", []).append(getattr(d, "term", ""))
    out = []
    for a in doc.articles:
        page = md.locate(where, a.anchor)
        text = "\n".join(p.text for p in a.paragraphs)
        label = a.label if not a.title else f"{a.label}{a.title}"
        out.append([a.anchor, label, page, f"{a.label} {text}",
                    defined.get(a.anchor, [])])
    for d in doc.divisions:
        page = md.locate(where, d.anchor)
        text = "\n".join([d.heading] + [p.text for p in d.paragraphs])
        out.append([d.anchor, d.heading, page, text,
                    defined.get(d.anchor, [])])
    lead = md.body(doc)
    if lead:
        page = md.locate(where, "preamble")
        out.append(["preamble", "正文" if page == "text" else "序言", page, "\n".join(p.text for p in lead), []])
    return out


def part(doc) -> tuple[str, str]:
    """What the index needs of one document, from the document alone (so it can be computed
    where the document is read, in parallel, and cached with it): its grams, one per line,
    and the JSON of its records."""
    cached = doc.derived.search
    if cached is not None:
        return cached
    where = md.page_map(doc, md.plan(doc))
    recs = records(doc, where)
    grams = _grams(norm("\n".join([doc.title] + [r[3] for r in recs])))
    result = ("\n".join(grams), json.dumps(recs, ensure_ascii=False, separators=(",", ":")))
    doc.derived.search = result
    return result


class Parts:
    """Every document's search part (see part()), moved out of the document into an anonymous
    temporary file: only the index reads them, one document at a time, and held with the
    documents they are a fifth of the collection's memory (a gigabyte at ten times the
    corpus).  Another process given the file (fd) and where() reads them with read_part."""

    def __init__(self):
        import tempfile
        self._file = tempfile.TemporaryFile(buffering=0)
        self.fd = self._file.fileno()
        self._end = 0
        self._at: dict[int, tuple[int, int, int]] = {}     # id(document) -> offset, bytes of grams, of records

    def take(self, doc, keep: bool = False) -> None:
        """Write doc's part to the file and, unless keep, drop it from the document."""
        grams, payload = part(doc)
        if not keep:
            doc.derived.search = None
        g, p = grams.encode("utf-8", "surrogatepass"), payload.encode("utf-8", "surrogatepass")
        self._at[id(doc)] = (self._end, len(g), len(p))
        data = memoryview(g + p)
        while data:
            n = os.pwrite(self.fd, data, self._end)
            data, self._end = data[n:], self._end + n

    def where(self, doc) -> tuple[int, int, int]:
        """Where doc's part is in the file (it must have been taken)."""
        return self._at[id(doc)]


def read_part(fd: int, where: tuple[int, int, int]) -> tuple[str, str]:
    """A part Parts.take wrote: (grams, records JSON)."""
    offset, g, p = where
    data = os.pread(fd, g + p, offset)
    return data[:g].decode("utf-8", "surrogatepass"), data[g:].decode("utf-8", "surrogatepass")


def head(doc) -> list:
    """What a search result shows of a document: [slug, title, kind, status]."""
    return [doc.slug, doc.title, doc.kind, doc.status]


def build(docs, previous: dict | None = None) -> tuple[dict[str, str], dict]:
    """-> ({relative file name: content} for the search/ folder, state): what write() writes."""
    files: dict[str, str] = {}
    state = write([head(d) for d in docs], (part(d) for d in docs), files.__setitem__, previous)
    return files, state


def write(heads: list, parts, put, previous: dict | None = None) -> dict:
    """Hand every file of the search/ folder to put(relative name, content) as soon as it is
    made (a document's shard right after the document, a gram shard as it is encoded), so
    that no file is held until the end; -> the state.  heads: every document's head(),
    parts: their part()s in the same order (an iterable read once).  With the state of an
    earlier build, only the postings of documents whose grams changed are updated; the files
    are the same as built from scratch."""
    grams = []
    info = []
    title_postings: dict[str, list[int]] = collections.defaultdict(list)
    for i, (h, (doc_grams, payload)) in enumerate(zip(heads, parts)):
        grams.append(doc_grams)
        put(f"d{i}.js", (f'__regsearch("d{i}",{{"h":'
                         f'{json.dumps(h, ensure_ascii=False, separators=(",", ":"))},"r":{payload}}});\n'))
        _, title, _, status = h
        # the title's length as JavaScript counts it (UTF-16 units), for ranking and citations
        info.append(len(title.encode("utf-16-le")) + (1 if str(status or "").startswith(LAPSED) else 0))
        for g in _grams(norm(title)):
            title_postings[g].append(i)
    state = _postings(grams, previous)
    encoded = state["encoded"]
    titles = {g: varint_b64(p) for g, p in title_postings.items()}
    slugs = {h[0]: i for i, h in enumerate(heads)}
    total = (sum(len(g) * 3 + len(p) + 6 for g, p in encoded.items()) +
             sum(len(g) * 3 + len(p) + 6 for g, p in titles.items()) + sum(len(s) + 8 for s in slugs))
    shards = 1
    while shards < 4096 and total / shards > TARGET_SHARD_BYTES:
        shards *= 2
    buckets: list[list[dict]] = [[{}, {}, {}] for _ in range(shards)]
    for g in sorted(encoded):
        buckets[gram_hash(g) % shards][0][g] = encoded[g]
    for g in sorted(titles):
        buckets[gram_hash(g) % shards][1][g] = titles[g]
    for slug, i in slugs.items():
        buckets[gram_hash(slug) % shards][2][slug] = i
    for k, bucket in enumerate(buckets):
        put(f"g{k}.js", _js(f"g{k}", bucket))
    for k in range(0, len(heads), TITLE_CHUNK):
        put(f"t{k // TITLE_CHUNK}.js", _js(f"t{k // TITLE_CHUNK}", heads[k:k + TITLE_CHUNK]))
    put("meta.js", _js("meta", {"v": VERSION, "shards": shards, "docs": len(heads), "tchunk": TITLE_CHUNK,
                                "info": _varints_b64(info)}))
    return state


def _grams(text: str) -> set[str]:
    """Every character and pair of adjacent characters of normalised text, by line, without
    the grams of only white space.  Taken from the whole text at once (one pass, not one per
    line): the pairs that span a line break are then removed."""
    chars = set(text)
    grams = set(map(str.__add__, text, text[1:]))
    grams.update(chars)
    space = [c for c in chars if c.isspace()]
    grams.difference_update(space)
    grams.difference_update([a + b for a in space for b in space])
    if "\n" in chars:
        grams.difference_update([c + "\n" for c in chars])
        grams.difference_update(["\n" + c for c in chars])
    return grams


def _varints_b64(numbers: list[int]) -> str:
    """The numbers themselves (not their differences), varint + base64."""
    table = _VARINT
    return base64.b64encode(b"".join([table[d] if d < 16384 else _varint(d) for d in numbers])).decode("ascii")


def decode_b64(text: str) -> list[int]:
    """The document numbers varint_b64 encoded."""
    out, n, shift, prev = [], 0, 0, -1
    for byte in base64.b64decode(text):
        n |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            prev += n + 1
            out.append(prev)
            n, shift = 0, 0
    return out


def _gram_set(grams: str) -> set[str]:
    return set(grams.split("\n")) if grams else set()


def _postings(grams: list[str], previous: dict | None) -> dict:
    """{"grams": each document's grams, "encoded": gram -> varint_b64(document numbers)},
    updated from `previous` where it can be: the postings of the grams a changed document
    gained or lost are decoded, changed and encoded again."""
    if previous is None or previous.get("v") != VERSION or len(previous["grams"]) != len(grams):
        # arrays of 4-byte numbers, not lists of int objects: 85 million postings at ten times
        # the corpus would take about 3 GB as lists
        postings: dict[str, array.array] = collections.defaultdict(lambda: array.array("I"))
        for i, doc_grams in enumerate(grams):
            if doc_grams:
                for g in doc_grams.split("\n"):
                    postings[g].append(i)
        encoded = {g: varint_b64(p) for g, p in postings.items()}
        return {"v": VERSION, "grams": grams, "encoded": encoded}
    encoded = previous["encoded"]
    touched: dict[str, list[int]] = {}
    for i, (old, new) in enumerate(zip(previous["grams"], grams)):
        if old == new:
            continue
        old_set, new_set = _gram_set(old), _gram_set(new)
        for g in (old_set ^ new_set):
            if g not in touched:
                touched[g] = decode_b64(encoded[g]) if g in encoded else []
            if g in old_set:
                touched[g].remove(i)
            else:
                bisect.insort(touched[g], i)
    for g, numbers in touched.items():
        if numbers:
            encoded[g] = varint_b64(numbers)
        else:
            encoded.pop(g, None)
    return {"v": VERSION, "grams": grams, "encoded": encoded}


def _js(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f'__regsearch("{name}",{payload});\n'


def write_standalone(docs, out) -> None:
    """The index and the engine with a bare page that loads it, without MkDocs: what tests and
    benchmarks query to measure the engine on a large collection."""
    import shutil
    from pathlib import Path
    out = Path(out)
    (out / "search").mkdir(parents=True, exist_ok=True)
    for name, text in build(docs)[0].items():
        (out / "search" / name).write_text(text, encoding="utf-8")
    (out / "assets").mkdir(exist_ok=True)
    assets = Path(__file__).resolve().parents[2] / "overrides" / "assets"
    for name in ("reghierarchy.js", "regsearch.js"):      # the engine and the numerals it uses
        shutil.copy(assets / name, out / "assets" / name)
    (out / "index.html").write_text('<!doctype html><meta charset="utf-8"><title>search</title>'
                                    '<script src="assets/reghierarchy.js"></script>'
                                    '<script src="assets/regsearch.js"></script>', encoding="utf-8")
