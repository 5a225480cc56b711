"""
Gunicorn's settings for production, shared by `make serve` and `make bench`:

    gunicorn meetings.project.wsgi --config python:meetings.project.gunicorn_conf --bind 127.0.0.1:8000

Command-line flags override any of them.
"""

import os

# One sync worker per core plus one, unless WEB_CONCURRENCY says otherwise. Pages are
# computed on the CPU, by Python and by a database usually on the same cores, so more
# workers only take turns: at 100,000 meetings on two cores, with five clients, three
# workers served more than five did (the filtered list 1,048 against 744 requests a second,
# its slowest 1% under 153 ms against 229 ms; make bench --workers N measures it).
workers = int(os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1)

# Workers are not recycled after a number of requests (gunicorn's --max-requests): their
# memory stays flat under load (make bench records it), and each recycling showed in the
# slowest requests of every page (p99 of the home page 138 ms with one restart in ten
# seconds, 9 ms without).
max_requests = 0

# A streamed export of every meeting takes seconds; a worker silent this long is stuck.
timeout = 120
graceful_timeout = 30

accesslog = "-"
errorlog = "-"
