"""
Helpers for the browser tests: launching Debian's Chromium through Playwright, loading the
fixtures into the live server's database, and running axe-core on a page.
"""

import os
import re
import signal
import sys
import threading
import traceback
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# How long one browser session on a thread of its own may take (the longest takes ~30 s).
SESSION_LIMIT_S = 300
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}

# The axe-core build that axe-playwright-python ships (a dev dependency).
AXE_SOURCE = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
BLOCKING_IMPACTS = {"serious", "critical"}

POMPEO = "2018-05-pompeo-videgaray-washington"
EBRARD = "ebrard-receives-us-congressional-delegation"
HIGH_LEVEL = "2017-02-23-high-level-meeting-mexico-city"
DIALOGUE = "2017-12-14-second-strategic-dialogue-on-tcos"
NIELSEN = "2018-03-26-nielsen-pena-nieto-mexico-city"
ALL = {POMPEO, EBRARD, HIGH_LEVEL, DIALOGUE, NIELSEN}

# One address of each kind of page, with the status it answers.
PAGE_TYPES = [
    ("home", "/", 200),
    ("meeting-list", "/meetings/", 200),
    ("meeting-list-filtered", "/meetings/?topic=security&official=luis-videgaray&sort=date", 200),
    (
        "meeting-list-errors",
        "/meetings/?date_after=2018-13&date_before=soon&topic=no-such-topic&kind=nope&q=trade",
        400,
    ),
    ("meeting-list-empty", "/meetings/?q=no+such+words+anywhere", 200),
    ("meeting-detail", f"/meetings/{POMPEO}/", 200),
    ("meeting-detail-undated", f"/meetings/{EBRARD}/", 200),
    ("official-list", "/officials/", 200),
    ("official-detail", "/officials/luis-videgaray/", 200),
    ("agency-list", "/agencies/", 200),
    ("agency-detail", "/agencies/us-congress/", 200),
    ("topic-list", "/topics/", 200),
    ("topic-detail", "/topics/security/", 200),
    ("source-list", "/sources/", 200),
    ("source-detail", "/sources/four-areas-of-cooperation-between-us-mexico/", 200),
    # Issue 15: the pictures (timelines on the lists and detail pages above, the network on
    # the official's), the countries and a pair's relationship.
    ("country-list", "/countries/", 200),
    ("country-detail", "/countries/MX/", 200),
    ("country-pair", "/countries/US/MX/", 200),
    ("not-found", "/meetings/no-such-meeting/", 404),
]


def run_on_own_thread(session, limit=SESSION_LIMIT_S):
    """
    Runs `session()` on a daemon thread and waits at most `limit` seconds. A session still
    running then is ended (the Playwright driver it started is killed, so its calls fail and its
    thread stops) and the test fails with where it hung: a hang costs one test, not the run.
    """
    outcome, drivers_before = {}, playwright_drivers()

    def target():
        try:
            session()
        except BaseException as error:  # handed to the caller's thread below
            outcome["error"] = error

    thread = threading.Thread(target=target, name="browser-session", daemon=True)
    thread.start()
    thread.join(limit)
    if thread.is_alive():
        stack = "".join(traceback.format_stack(sys._current_frames()[thread.ident]))
        for pid in playwright_drivers() - drivers_before:
            os.kill(pid, signal.SIGKILL)
        thread.join(30)
        raise AssertionError(f"the browser session was still running after {limit} s:\n{stack}")
    if "error" in outcome:
        raise outcome["error"]


def playwright_drivers():
    """The ids of the Playwright driver processes (node ... run-driver) this process started."""
    drivers = set()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (proc / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == os.getpid() and b"run-driver" in command:
            drivers.add(int(proc.name))
    return drivers


def axe_violations(page, options=None):
    """
    Run axe-core on the page and return its violations. The script is evaluated through the
    DevTools protocol, which a Content-Security-Policy does not govern, so this works whether
    or not the site forbids inline and injected scripts.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    options = options or {"resultTypes": ["violations"]}
    results = page.evaluate("options => window.axe.run(document, options)", options)
    return results["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


def query(url):
    """The query parameters of a URL as a sorted list of pairs."""
    return sorted(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def result_count(page):
    """The number of meetings the list's heading announces ("26 meetings, page 1 of 2")."""
    text = page.locator("#results-heading").inner_text()
    return int(re.match(r"(\d+) meetings?", text).group(1))


def listed_slugs(page):
    hrefs = page.locator(".meeting-list .meeting-item__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [re.fullmatch(r"/meetings/([\w-]+)/", href).group(1) for href in hrefs]


def facet(page, title):
    return page.locator(".facets .facet").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def facet_items(page, title):
    """(label, count, href, active) for each value a facet offers."""
    return (
        facet(page, title)
        .locator("li")
        .evaluate_all(
            """items => items.map(li => {
            const a = li.querySelector('a');
            return [
                a.textContent.replace('Remove filter: ', '').trim(),
                parseInt(li.querySelector('.count').textContent, 10),
                a.getAttribute('href'),
                a.classList.contains('active'),
            ];
        })"""
        )
    )
