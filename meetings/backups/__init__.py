"""
Backups of the knowledge base as natural-key JSON, streamed both ways.

The format is Django's JSON fixture format with natural keys (what `dumpdata
--natural-foreign --natural-primary` writes and `loaddata` reads), one record a line, so
that old backups and new ones load alike, with `restore` or with `loaddata`:

* `files`: a backup's name, its compression, and a file written under a temporary name;
* `jsonstream`: a JSON list read one record at a time and written one record a line (pure);
* `keys`: each model's natural key, as the fields that make it (pure);
* `dump`: the records read table by table with server-side cursors, in constant memory;
* `load`: the records inserted in batches, many rows a statement, natural keys resolved through
  one map per model;
* `triggers`: the search and data-version triggers set aside during a restore, the search
  rebuilt once at its end.
"""
