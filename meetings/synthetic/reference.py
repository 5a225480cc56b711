"""Countries, cities and the two-level topic tree that every meeting points at."""

import bisect
import itertools
from dataclasses import dataclass

from django.utils.text import slugify

from meetings.models import City, Country, Topic
from meetings.synthetic.vocabulary import CITIES, COUNTRIES, TOPIC_SLUGS, TOPICS


@dataclass
class Places:
    countries: dict  # code -> Country
    countries_by_pk: dict
    cities: list
    city_weights: list


@dataclass
class Topics:
    all: list
    parent: dict  # a subtopic's pk -> its broader topic's pk
    cumulative_weights: list

    def draw(self, rng):
        weights = self.cumulative_weights
        return self.all[bisect.bisect(weights, rng.random() * weights[-1])]


def make_places(gen):
    """The countries and cities, those already in the database kept (unless on a dry run)."""
    countries = make_countries(gen)
    cities, weights = make_cities(gen, countries)
    by_pk = {country.pk: country for country in countries.values()}
    return Places(countries, by_pk, cities, weights)


def make_countries(gen):
    countries = {}
    for code, name in COUNTRIES.items():
        country = Country.objects.filter(code=code).first() if gen.store.write else None
        if country is None:
            country = Country(pk=gen.ids.take(Country), code=code, name=name)
            gen.store.save(Country, [country])
        countries[code] = country
    return countries


def make_cities(gen, countries):
    cities, weights, new = [], [], []
    for name, slug, code, weight in CITIES:
        city = City.objects.filter(slug=slug).first() if gen.store.write else None
        if city is None:
            city = City(pk=gen.ids.take(City), name=name, slug=slug, country_id=countries[code].pk)
            new.append(city)
        cities.append(city)
        weights.append(weight)
    gen.store.save(City, new)
    return cities, weights


def make_topics(gen):
    topics, parent_of = [], {}
    for parent_name, children in TOPICS.items():
        parent = Topic(pk=gen.ids.take(Topic), name=parent_name, slug=slugify(parent_name))
        topics.append(parent)
        for child_name in children:
            slug = TOPIC_SLUGS.get(child_name, slugify(child_name))
            child = Topic(pk=gen.ids.take(Topic), name=child_name, slug=slug, parent_id=parent.pk)
            topics.append(child)
            parent_of[child.pk] = parent.pk
    gen.store.save(Topic, topics)
    # Some topics come up far more often than others.
    weights = [1 / (rank + 2) for rank in range(len(topics))]
    gen.rng.shuffle(weights)
    return Topics(topics, parent_of, list(itertools.accumulate(weights)))
