"""The URL holds all of a list's state: helpers that change one parameter and keep the rest."""

from urllib.parse import urlencode


class QueryParams:
    """
    An immutable view of request.GET that builds query strings ("?topic=trade&page=2") with
    one parameter added, removed or replaced. Changing a filter drops `page`, since the old
    page number means nothing in the new list.
    """

    def __init__(self, querydict):
        self._items = [(key, value) for key, values in querydict.lists() for value in values]

    def get(self, key):
        for item_key, value in self._items:
            if item_key == key:
                return value
        return None

    def last(self, key, default=None):
        """The last value of `key`, as request.GET.get() gives it."""
        values = [value for item_key, value in self._items if item_key == key]
        return values[-1] if values else default

    def has(self, key, value):
        return (key, value) in self._items

    def _url(self, items):
        items = [(key, value) for key, value in items if value != ""]
        return "?" + urlencode(items) if items else "?"

    def _without_page(self, keys=()):
        return [(k, v) for k, v in self._items if k != "page" and k not in keys]

    def toggle(self, key, value):
        if self.has(key, value):
            return self._url([(k, v) for k, v in self._without_page() if (k, v) != (key, value)])
        return self._url([*self._without_page(), (key, value)])

    def without(self, *keys):
        return self._url(self._without_page(keys))

    def replace(self, key, value):
        return self.replace_many(**{key: value})

    def replace_many(self, **values):
        return self._url([*self._without_page(values), *values.items()])

    def page(self, number):
        return self._url([*[(k, v) for k, v in self._items if k != "page"], ("page", number)])

    @property
    def multi_items(self):
        return list(self._items)
