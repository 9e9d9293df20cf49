"""Corpus figures for works and versions (docs-dev/versions.md).

    nice .venv/bin/python scripts/versions_corpus.py ../shared/corpus/lawrefbook 2026-12-02

The oracle for the grouping is independent of versions.py: LawRefBook names a version's file
after the instrument plus the version's date, 行政复议法(2017-09-01).md, so files whose names
agree once the date is removed are versions of one instrument (or one version filed twice).
"""
import collections
import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from build_tools import versions                    # noqa: E402
from build_tools.commands import load_sources       # noqa: E402
from build_tools.transforms import Context          # noqa: E402


def main(folder, today):
    today = dt.date.fromisoformat(today)
    docs, failures = load_sources(folder, Context(today))
    works = versions.apply(docs, today)
    several = [w for w in works if len(w.versions) > 1]
    names = collections.defaultdict(list)
    for d in docs:
        names[re.sub(r"\(\d{4}-\d{2}-\d{2}\)", "", Path(d.source).stem)].append(d.source)
    oracle = {tuple(sorted(v)) for v in names.values() if len(v) > 1}
    got = {tuple(sorted(v.doc.source for v in w.versions)) for w in several}
    print(f"documents {len(docs)}, works {len(works)}")
    print(f"works with two or more files {len(several)}; of them one version filed twice "
          f"{sum(1 for w in several if not w.multiple)}; with several texts "
          f"{sum(1 for w in several if w.multiple)} (texts per work: "
          f"{dict(sorted(collections.Counter(len(w.texts) for w in several if w.multiple).items()))})")
    print(f"file-name groups (oracle) {len(oracle)}; found exactly {len(oracle & got)}")
    for g in sorted(oracle - got):
        print("  missed", [Path(s).name for s in g])
    for g in sorted(got - oracle):
        print("  grouped beyond the oracle", [Path(s).name for s in g])
    split = collections.Counter(w.key for w in works)
    print("titles kept apart (issuer, or parts of one text):",
          {k: n for k, n in split.items() if n > 1})
    print("statuses:", dict(collections.Counter(v.status for w in works for v in w.versions).most_common()))
    evs = [e for d in docs for e in versions.events(d)]
    print(f"events read {len(evs)}:", dict(collections.Counter(e.kind for e in evs).most_common()))
    print("documents with a 题注 but no event read:",
          sum(1 for d in docs if d.history and not versions.events(d)))
    print("events of the works' timelines that have a text in the collection:",
          sum(1 for w in works for e in w.events if e.version), "of", sum(len(w.events) for w in works))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else dt.date.today().isoformat())
