"""Dossier: news articles in, a cross-linked knowledge-base site out.

The modules follow the data: readers -> clean -> extract -> index -> render -> writer,
tied together by :mod:`dossier.pipeline`. Nothing here imports MkDocs except
:mod:`dossier.plugin`, so the Markdown the pipeline produces could be served by another engine.
"""

__version__ = "0.1.0"
