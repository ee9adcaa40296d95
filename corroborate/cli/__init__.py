"""The command line, on top of everything: thin typer wrappers over :class:`~corroborate.Corpus`.

In: command-line arguments. Out: text for people, ``--json`` / ``--csv`` for machines. One module
a command group (``app`` for ingest/query/groups, ``index``, ``nightly``, ``stance``, ``bench*``);
shared options live in :mod:`corroborate.cli.options`. No pipeline logic lives here.
"""

from corroborate.cli.app import app, main

__all__ = ["app", "main"]
