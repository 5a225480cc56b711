"""
The public site, one module per resource. Views stay thin: the FilterSet filters, QuerySet
methods fetch, and each page runs a fixed number of queries whatever the page size.
"""
