"""
The soak's editor: an account of the editor group with an authenticator, signed in through
the admin as a person is (password, then the authenticator's code), saving a meeting's change
page every few seconds and then reading the meeting's public page, which must show the edit
at once. Everything over HTTP against the server, with the admin's own forms.

Django is set up at run time (bench/database.py): its modules are imported where used.
"""

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

from bench.clients import Tally
from bench.server import HEADERS

USERNAME = "soak-editor"
PASSWORD = "soak-editor-pass-phrase-not-secret"
SUFFIX = re.compile(r" · edit \d+$")


def create_account():
    """The editor's account, group and a fresh confirmed authenticator; returns its key."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from meetings.twofactor.devices import remove_all

    call_command("create_editor_group", verbosity=0)
    user, _ = get_user_model().objects.get_or_create(username=USERNAME)
    user.is_staff, user.is_active = True, True
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="editor"))
    remove_all(user)
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True).bin_key


def meetings_to_edit(count, seed):
    """(pk, slug) of `count` published meetings, the same ones for a seed."""
    import random

    from meetings.models import Meeting

    ids = list(Meeting.objects.published().order_by("pk").values_list("pk", "slug"))
    return random.Random(seed).sample(ids, min(count, len(ids)))


class FormReader(HTMLParser):
    """The fields a browser would post from the form with `form_id`, as (name, value) pairs."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select, self.textarea = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "__prefix__" in attrs.get("name", ""):
            return
        if tag == "input" and attrs.get("name"):
            self.add_input(attrs)
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))
        elif tag == "textarea":
            self.textarea = [attrs.get("name"), ""]

    def add_input(self, attrs):
        kind = attrs.get("type", "text")
        if kind in {"submit", "button", "image", "file"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attrs:
            return
        self.fields.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None


def form_fields(html, form_id):
    reader = FormReader(form_id)
    reader.feed(html)
    return reader.fields


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One person's cookies (the __Host- ones included, which urllib's jar keeps for https)."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.origin = "https://" + base.split("://", 1)[1]
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None):
        """(status, Location, body) of one request; a POST with the CSRF token when `data`."""
        headers = {**HEADERS, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            headers.update(Origin=self.origin, Referer=self.origin + path)
            body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return self.answer(response)
        except urllib.error.HTTPError as error:
            return self.answer(error)

    def answer(self, response):
        for line in response.headers.get_all("Set-Cookie") or []:
            name, _, value = line.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, response.headers.get("Location"), response.read().decode()

    def csrf(self):
        return next(value for name, value in self.cookies.items() if name.endswith("csrftoken"))


class Editor:
    """Signs in with both steps, then saves meetings in turn until the deadline."""

    def __init__(self, base, key, meetings, every):
        self.browser, self.key, self.meetings, self.every = Browser(base), key, meetings, every
        self.tallies = {
            name: Tally() for name in ("admin change page", "admin save", "page after save")
        }
        self.edits, self.visible, self.problems = 0, 0, []

    def timed(self, name, path, data=None):
        """One request, its time counted under `name` (None: not counted)."""
        started = time.monotonic()
        answer = self.browser.request(path, data)
        if name:
            self.tallies[name].answered(time.monotonic() - started, len(answer[2]))
        return answer

    def sign_in(self):
        """Password, then the authenticator's code; raises if the admin does not open."""
        from django_otp.oath import TOTP

        self.browser.request("/admin/login/")
        form = {"username": USERNAME, "password": PASSWORD, "next": "/admin/"}
        status, location, _ = self.post("/admin/login/", form)
        assert status == 302, f"password step answered {status}"
        status, location, _ = self.browser.request(location)
        assert location.startswith("/admin/two-factor/?next="), location
        self.browser.request(location)
        code = f"{TOTP(self.key).token():06d}"
        status, location, _ = self.post("/admin/two-factor/", {"code": code, "next": "/admin/"})
        assert (status, location) == (302, "/admin/"), f"second step answered {status}"
        status, _, _ = self.browser.request("/admin/")
        assert status == 200, f"the admin answered {status} after both steps"

    def post(self, path, data):
        return self.browser.request(path, {**data, "csrfmiddlewaretoken": self.browser.csrf()})

    def edit(self, pk, slug):
        """Retitle one meeting through its change page, then read its public page once."""
        from django.utils.html import escape

        self.edits += 1
        path = f"/admin/meetings/meeting/{pk}/change/"
        status, _, page = self.timed("admin change page", path)
        if status != 200:
            self.problems.append(f"{path} answered {status}")
            return
        fields = form_fields(page, "meeting_form")
        pairs = [(name, value) for name, value in fields if name != "title"]
        title = f"{SUFFIX.sub('', dict(fields)['title'])} · edit {self.edits}"
        status, _, page = self.save(path, pairs, title)
        if status != 302:
            errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', page, re.S)[:2]
            self.problems.append(f"saving {path} answered {status}: {errors}")
            return
        status, _, public = self.timed("page after save", f"/meetings/{slug}/")
        if status == 200 and escape(title) in public:
            self.visible += 1
        else:
            self.problems.append(f"/meetings/{slug}/ did not show the edit at once ({status})")

    def save(self, path, pairs, title):
        """The change page posted back as shown, with the new title, as "Save" does."""
        body = [*pairs, ("title", title), ("_save", "Save")]
        body.append(("csrfmiddlewaretoken", self.browser.csrf()))
        return self.timed("admin save", path, body)

    def run(self, deadline, stop):
        """Edit every `every` seconds until the deadline (or `stop` is set)."""
        index = 0
        while time.monotonic() < deadline and not stop.is_set():
            started = time.monotonic()
            try:
                self.edit(*self.meetings[index % len(self.meetings)])
            except (OSError, AssertionError, KeyError) as error:
                self.problems.append(f"edit failed: {error!r}")
            index += 1
            stop.wait(max(0.0, self.every - (time.monotonic() - started)))


def start(base, key, meetings, every, deadline):
    """The editor signed in and editing on a thread of its own: (editor, thread, stop)."""
    editor = Editor(base, key, meetings, every)
    editor.sign_in()
    stop = threading.Event()
    thread = threading.Thread(target=editor.run, args=(deadline, stop), daemon=True)
    thread.start()
    return editor, thread, stop
