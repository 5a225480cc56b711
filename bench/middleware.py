"""
The benchmark's middleware (bench/settings.py only, never production): one server measures
every mode. A request with `X-Bench-Cache: off` is computed with caching off (the cold mode),
and every answer says in `X-Bench-Cache` whether the page cache gave it ("hit") or not.
"""

from meetings.versioning import uncached

HEADER = "HTTP_X_BENCH_CACHE"


class BenchCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get(HEADER) == "off":
            with uncached():
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        hit = getattr(response, "bilateral_from_cache", False)
        response["X-Bench-Cache"] = "hit" if hit else "miss"
        return response
