"""Corpus reading figures (issue 12): documents, articles, problems by code, expiries, the
structural audit and the plain label scan, and a seeded sample of 30 warning/error records.

    PYTHONPATH=. REGSITE_CACHE=off nice .venv/bin/python scripts/corpus_figures.py ../shared/corpus/lawrefbook [SAMPLE.json]
"""
import collections
import datetime
import json
import random
import sys
from pathlib import Path

from build_tools import audit, commands
from build_tools.transforms import Context


def main(folder, sample_path=None):
    docs, failures = commands.load_sources(Path(folder), Context(datetime.date(2026, 11, 22)))
    print("documents", len(docs), "unreadable", len(failures),
          "articles", sum(len(d.articles) for d in docs),
          "chapters", sum(len(d.chapters) for d in docs), "divisions", sum(len(d.divisions) for d in docs))
    print("styles", dict(collections.Counter(d.style for d in docs)))
    print("statuses", dict(collections.Counter(d.status for d in docs)))
    print("expiry dates", [(d.source, d.dates["expires"], d.status) for d in docs if "expires" in d.dates])
    codes, where, severity = collections.Counter(), collections.defaultdict(set), {}
    for d in docs:
        for p in d.problems:
            codes[p.code] += 1
            where[p.code].add(d.source)
            severity[p.code] = p.severity
    for code, n in codes.most_common():
        print(f"| `{code}` | {severity[code]} | {n:,} | {len(where[code]):,} |")
    print("documents with unaccounted text", sum(1 for d in docs if audit.unaccounted(d, structure=False)))
    unplaced = collections.Counter((k) for d in docs for _, k, _ in audit.unplaced(d))
    print("structure lines not in the model", dict(unplaced))
    print("documents whose plain label scan differs from the model",
          [d.source for d in docs if any(audit.label_scan(d))])
    if sample_path:
        pool = [(d, p) for d in docs for p in d.problems if p.severity != "info"]
        out = [{"source": d.source, "code": p.code, "severity": p.severity, "line": p.line,
                "message": p.message, "context": d.lines[p.line - 2:p.line + 1] if p.line else []}
               for d, p in random.Random(12).sample(pool, 30)]
        Path(sample_path).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
