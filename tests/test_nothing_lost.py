"""Every character of every seed reaches the model or is named in a problem record."""
import pytest

from build_tools import audit
from conftest import SEED


@pytest.mark.parametrize("key", sorted(SEED))
def test_every_source_line_is_accounted_for(seed_docs, key):
    assert audit.unaccounted(seed_docs[key]) == []


def test_audit_notices_a_lost_paragraph(seed_docs):
    import copy
    doc = copy.deepcopy(seed_docs["000"])
    lost = doc.articles[3].paragraphs.pop(1)
    missing = audit.unaccounted(doc)
    assert [n for n, _ in missing] == [lost.line]


def test_audit_notices_a_dropped_copy_without_record(seed_docs):
    import copy
    doc = copy.deepcopy(seed_docs["002"])
    doc.problems = [p for p in doc.problems if p.code != "duplicate_copy"]
    missing = {n for n, _ in audit.unaccounted(doc)}
    assert 179 in missing and 305 in missing
