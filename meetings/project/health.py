"""
/healthz for load balancers and monitoring: 200 when every configured database answers a
query, 503 when one does not. It says nothing more about the failure than that. It also
reports the cache ("ok", "unavailable" or "off") without failing on it: the site works
without its cache, only slower.
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..versioning import cache_state

logger = logging.getLogger(__name__)


def database_ok(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("Health check: database %r unreachable: %s", alias, error)
        return False
    return True


@never_cache
@require_safe
def healthz(request):
    cache = cache_state()
    if all(database_ok(alias) for alias in connections):
        return JsonResponse({"status": "ok", "database": "ok", "cache": cache})
    return JsonResponse(
        {"status": "unavailable", "database": "unavailable", "cache": cache}, status=503
    )
