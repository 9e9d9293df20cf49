"""Measure the word-boundary check of term links on a folder (docs-dev/citations.md).

    .venv/bin/python scripts/word_boundaries.py ../shared/corpus/lawrefbook [--pickle /tmp/corpus.pkl] [--sample 50]

Links the folder as a build does (citations first), once with words.Segmenter's check switched
off and once on; prints the links removed and added by kind, the CPU time of both linkings and
random samples (seed 15) of removed and kept links to read by hand.
"""
import argparse
import datetime
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_tools import citations, linking, pipeline, slugs, versions, words  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--pickle")
    parser.add_argument("--sample", type=int, default=50)
    args = parser.parse_args()
    docs = None
    if args.pickle and Path(args.pickle).exists():
        docs = pickle.loads(Path(args.pickle).read_bytes())
    if docs is None:
        docs = pipeline.load_folder(args.folder)
        if args.pickle:
            Path(args.pickle).write_bytes(pickle.dumps(docs, protocol=pickle.HIGHEST_PROTOCOL))
    slugs.assign(docs)
    versions.apply(docs, datetime.date.today())
    cits = citations.resolve(docs)
    for d in docs:
        citations.apply(cits, d)

    def key(d, p, s):
        return (d.slug, p.anchor, s.start, s.end, s.kind)

    def links():
        return {key(d, p, s): (d, p, s) for d in docs for _, p in d.all_paragraphs()
                for s in p.spans if s.kind in ("term", "term_external")}

    check = words.Segmenter.inside_word
    words.Segmenter.inside_word = lambda self, text, start, end: False
    t0 = time.process_time()
    linking.link_collection(docs)
    t1 = time.process_time()
    before = links()
    words.Segmenter.inside_word = check
    t2 = time.process_time()
    linking.link_collection(docs)
    t3 = time.process_time()
    after = links()
    print(f"link_collection CPU: without the check {t1 - t0:.1f} s, with it {t3 - t2:.1f} s")
    print("without:", dict(Counter(k[4] for k in before)), "with:", dict(Counter(k[4] for k in after)))
    removed = [before[k] for k in sorted(before.keys() - after.keys())]
    added = [after[k] for k in sorted(after.keys() - before.keys())]
    print("removed:", dict(Counter(s.kind for _, _, s in removed)),
          "added:", dict(Counter(s.kind for _, _, s in added)))
    rnd = random.Random(15)
    for name, items in (("removed", removed), ("added", added), ("kept", list(after.values()))):
        print(f"-- {name} (sample)")
        items = sorted(items, key=lambda x: key(*x))
        for d, p, s in rnd.sample(items, min(args.sample, len(items))):
            t = p.text
            print(f"  {s.kind} {d.title[:24]} «{t[max(0, s.start - 8):s.start]}[{t[s.start:s.end]}]"
                  f"{t[s.end:s.end + 8]}»")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
