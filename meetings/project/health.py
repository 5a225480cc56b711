"""
/healthz for load balancers and monitoring: 200 when every configured database answers a
query, 503 when one does not. It says nothing more about the failure than that.
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
    if all(database_ok(alias) for alias in connections):
        return JsonResponse({"status": "ok", "database": "ok"})
    return JsonResponse({"status": "unavailable", "database": "unavailable"}, status=503)
