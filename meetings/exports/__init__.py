"""
What Bilateral gives away: each meeting as a record (``records``), its CSV row (``rows``),
and every matching meeting streamed in a fixed number of queries (``streaming``).
"""
