"""
The load: wrk (Debian's package) cycling through a class's URLs with bench/load.lua, or, when
wrk is missing, a bounded Python client. Both answer with the same figures.
"""

import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

from bench.server import HEADERS, ROOT

LUA = ROOT / "bench" / "load.lua"
WRK_ERRORS = ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")


def choose(name):
    """The client function asked for (auto: wrk if installed), and its name for the report."""
    if name == "python" or (name == "auto" and not shutil.which("wrk")):
        if name == "auto":
            print("wrk not found (apt-get install wrk): using the Python client.")
        return run_python, "python threads"
    return run_wrk, "wrk"


def run_wrk(base, urls, duration, connections, timeout, cache=True):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(urls) + "\n")
        path = handle.name
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(duration))}s"]
        command += [f"--timeout={timeout}s", "-s", str(LUA), base, "--", path, "0"]
        command.append("on" if cache else "off")
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    summary = json.loads(output.strip().splitlines()[-1])  # load.lua's last line
    seconds = summary["duration_us"] / 1e6
    return {
        "requests": summary["requests"],
        "rps": summary["requests"] / seconds if seconds else 0.0,
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "max_ms": summary["max_us"] / 1000,
        "mb_per_s": summary["bytes"] / seconds / 1e6 if seconds else 0.0,
        "errors": sum(summary[key] for key in WRK_ERRORS),
        "status_errors": summary["status_errors"],
        "cache_hits": summary.get("hits", 0),
    }


class Tally:
    """What the Python client's threads saw: each answer's latency and size, and the errors."""

    def __init__(self):
        self.latencies, self.errors, self.size, self.hits = [], 0, 0, 0
        self.lock = threading.Lock()

    def answered(self, seconds, size, hit=False):
        with self.lock:
            self.latencies.append(seconds)
            self.size += size
            self.hits += hit

    def failed(self):
        with self.lock:
            self.errors += 1


def run_python(base, urls, duration, connections, timeout, cache=True):
    """A bounded client: `connections` threads, each one request at a time, until the time is up."""
    deadline = time.monotonic() + duration
    tally = Tally()
    headers = HEADERS if cache else {**HEADERS, "X-Bench-Cache": "off"}

    def client(offset):
        index = offset
        while time.monotonic() < deadline:
            url = urls[index % len(urls)]
            index += 1
            started = time.monotonic()
            try:
                request = urllib.request.Request(base + url, headers=headers)
                with urllib.request.urlopen(request, timeout=timeout) as response:
                    size = len(response.read())
                    hit = response.headers.get("X-Bench-Cache") == "hit"
                tally.answered(time.monotonic() - started, size, hit)
            except (OSError, urllib.error.URLError):
                tally.failed()

    started = time.monotonic()
    # Each thread starts at its own place in the list (a fresh URL is asked for once).
    step = max(1, len(urls) // connections)
    threads = [threading.Thread(target=client, args=(i * step,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return python_result(tally, time.monotonic() - started)


def python_result(tally, seconds):
    latencies = sorted(tally.latencies)

    def percentile(p):
        return (
            latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000 if latencies else 0
        )

    return {
        "requests": len(latencies),
        "rps": len(latencies) / seconds,
        "p50_ms": percentile(0.50),
        "p99_ms": percentile(0.99),
        "max_ms": latencies[-1] * 1000 if latencies else 0,
        "mb_per_s": tally.size / seconds / 1e6,
        "errors": tally.errors,
        "status_errors": tally.errors,
        "cache_hits": tally.hits,
    }
