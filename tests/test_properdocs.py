"""The site runs on ProperDocs (the continuation of MkDocs 1.x) as it runs on MkDocs.

Material for MkDocs reaches end of life on 2027-05-05 and MkDocs 1.x is unmaintained; the
committed docs/ is built by both tools, with both configurations, and every file of the two
sites must be the same bytes but for the generator line each tool stamps into its pages."""
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
FORWARD = b"<!doctype html>\n<!-- regsite:forward -->"     # writers/forward.py


def _build(tool, config, out):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", tool, "build", "-q", "-f", str(ROOT / config), "-d", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, (tool, run.stderr[-2000:])
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs.offline.yml"])
def test_properdocs_builds_the_same_site(tmp_path, config):
    mk = _build("mkdocs", config, tmp_path / "mkdocs")
    pd = _build("properdocs", config, tmp_path / "properdocs")
    assert sorted(mk) == sorted(pd)
    forwards = {k for k in mk if k.suffix == ".html" and mk[k].startswith(FORWARD)}
    pages = [k for k in mk if k.suffix == ".html" and k not in forwards]
    assert len(pages) > 30
    assert forwards                    # permanent addresses: our pages, copied as they are by both tools
    stamped = 0
    for name, data in mk.items():
        if name in pages:
            assert b"mkdocs-1." in data
            stamped += GENERATOR.search(pd[name]) is not None and b"ProperDocs" in GENERATOR.search(pd[name]).group(0)
        assert GENERATOR.sub(b"", data) == GENERATOR.sub(b"", pd[name]), name
    assert stamped == len(pages)       # the second site was really built by ProperDocs
