"""Regulation texts -> document model -> clean Markdown -> MkDocs Material site."""
