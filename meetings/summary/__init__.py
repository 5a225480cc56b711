"""
Summary rows: what the home page and the whole meeting list show about every published
meeting, counted once and then kept exact by database triggers, so that reading them costs
the same at 100 meetings or 1,000,000 (no recount per request, per edit or per cache miss).

* ``triggers``: the SQL (pure: a vendor in, SQL text out) of the triggers and of a recount;
* ``read``: the figures and facets read back, in one query.
"""
