"""
Every change to the records editors keep, by whom and when, with the values before and after
(django-simple-history): meetings (with their topics and sources), their participants,
delegations, mentions, agreements and quotes, officials, their aliases and positions, and
sources. The history tables belong to this app (meetings_historical...).

What writes no history, so that loads stay fast:

* raw saves (loaddata, restore, load_fixtures) and the many-to-many values they set;
* bulk_create (generate_meetings, imports), which sends no signals.

A record that has no history yet (loaded, generated, or older than the history) gets a
first version of how it was just before its first recorded change, so that every change an
editor sees shows its old and new values.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone
from simple_history import register
from simple_history.models import HistoricalChanges, HistoricalRecords

from .bodies import Agency
from .evidence import Agreement, Delegation, Mention, Participation, Quote
from .people import Official, OfficialAlias, Position
from .records import Meeting, Source

# Set on every save: its change would be listed each time, and says nothing.
UNTRACKED = {Meeting: ["updated"]}
MANY_TO_MANY = {Meeting: ["topics", "sources"]}
TRACKED = [
    Meeting,
    Participation,
    Delegation,
    Mention,
    Agreement,
    Quote,
    Official,
    OfficialAlias,
    Position,
    Source,
    Agency,
]
BASELINE_REASON = "As it was before its first recorded change"


class Records(HistoricalRecords):
    """simple-history's records, each found by its model to record a version by hand."""

    of_model = {}

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        if sender is self.cls:
            Records.of_model[sender] = self


def has_history(model):
    return model in Records.of_model


def is_history(model):
    """A history table's model (the versions of another), not a record of the knowledge base."""
    return issubclass(model, HistoricalChanges)


def history_labels():
    """The history tables' models, as dumpdata's --exclude names them."""
    return [m._meta.label for m in apps.get_app_config("meetings").get_models() if is_history(m)]


def history_receivers():
    """(signal, receiver, sender): simple-history's for saves and deletes of tracked models."""
    for model, records in Records.of_model.items():
        yield post_save, records.post_save, model
        yield pre_delete, records.pre_delete, model
        yield post_delete, records.post_delete, model


_paused = ContextVar("history_paused", default=False)


@contextmanager
def history_paused():
    """
    Within: no history is written, and deleting records is as fast as without history (no
    delete signal is listened to, so Django deletes rows without reading them first). For
    restore, which replaces the whole knowledge base; not for editors' work.
    """
    receivers = list(history_receivers())
    for signal, receiver, sender in receivers:
        signal.disconnect(receiver, sender=sender)
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)
        for signal, receiver, sender in receivers:
            signal.connect(receiver, sender=sender, weak=False)


def record_version(instance, history_type="~", reason="", user=None, date=None):
    """
    Record the instance as it is now, by `user` (None: nobody, not the request's user): a
    version made by hand, such as a load's record applied by an editor.
    """
    instance._change_reason = reason
    instance._history_user = user
    if date is not None:
        instance._history_date = date
    Records.of_model[type(instance)].create_historical_record(instance, history_type)


def retake_many_to_many(instance):
    """
    The latest version's many-to-many values taken again: a form saves them after the
    record itself, so the version its save recorded still has the ones from before.
    """
    records = Records.of_model[type(instance)]
    latest = instance.history.order_by("-history_date", "-history_id").first()
    if latest is None:
        return
    for field in latest._history_m2m_fields:
        records.m2m_models[field].objects.filter(history=latest).delete()
    records.create_historical_record_m2ms(latest, instance)


@contextmanager
def many_to_many_in_one_version(instance):
    """
    Within: the instance's many-to-many changes make no versions of their own (a form sets
    each field apart, and the admin adds the broader topics); after: the latest version takes
    them. Nested uses leave it to the outermost.
    """
    outermost = not hasattr(instance, "skip_history_when_saving")
    instance.skip_history_when_saving = True
    try:
        yield
    finally:
        if outermost:
            del instance.skip_history_when_saving
    if outermost:
        retake_many_to_many(instance)


def keep_history(sender, instance, raw=False, **kwargs):
    """
    Before a save: a raw save records nothing, not even the many-to-many values set after it;
    a record without history gets its first version, as the database still holds it.
    """
    if raw or _paused.get():
        instance.skip_history_when_saving = True
        return
    if instance._state.adding or instance.pk is None:
        return
    if not hasattr(instance, "skip_history_when_saving"):
        record_baseline(sender, instance.pk)


def record_baseline(model, pk):
    """The record as the database holds it, as its first version, if it has none yet."""
    if model.history.filter(**{model._meta.pk.attname: pk}).exists():
        return
    before = model._default_manager.filter(pk=pk).first()
    if before is not None:
        date = getattr(before, "updated", None) or timezone.now()
        record_version(before, reason=BASELINE_REASON, date=date)


for model in TRACKED:
    register(
        model,
        records_class=Records,
        excluded_fields=UNTRACKED.get(model, []),
        m2m_fields=MANY_TO_MANY.get(model, []),
    )
    pre_save.connect(keep_history, sender=model, dispatch_uid=f"keep_history_{model.__name__}")
