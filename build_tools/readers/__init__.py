"""Source readers, one per format, chosen automatically by how well each recognises a file.

Each reader module exposes NAME, detect(text) -> score in [0, 1] and
read(doc, text) -> body blocks (filling the document's title and metadata).
The grammar in build_tools.structure turns the body blocks into divisions and articles.
"""
from __future__ import annotations

from ..model import Document
from ..sourcefile import SourceText
from . import frontmatter, lawrefbook, pdfdraft, plaintext

READERS = [frontmatter, lawrefbook, pdfdraft, plaintext]


def choose(text: str):
    return max(READERS, key=lambda r: r.detect(text))


def read(src: SourceText, reader=None):
    """SourceText -> (Document with metadata, body blocks)."""
    reader = reader or choose(src.text)
    doc = Document(source=src.path, lines=src.text.split("\n"), format=reader.NAME)
    for note in src.notes:
        doc.report("encoding_normalized", "info", note)
    blocks = reader.read(doc, src.text)
    return doc, blocks
