"""
The server under test: gunicorn as `make serve` starts it (meetings/project/gunicorn_conf.py), with the
benchmark's settings and environment, its memory sampled in the background; and the workers'
shared cache, in a private redis-server when REDIS_URL does not name one.
"""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "/bench/baseline/"
HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "127.0.0.1"}


def server_env(database_url, cache):
    """The environment of the benchmark's Django, in this process and in gunicorn's."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or "bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
        "BILATERAL_CACHE": "1" if cache else "0",
        "PYTHONPATH": str(ROOT),
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_settings():
    """make serve's gunicorn settings (meetings/project/gunicorn_conf.py), as this environment gives them."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from meetings.project import gunicorn_conf

    return gunicorn_conf


def cache_backend(choice):
    """(our redis-server or None, the REDIS_URL for the workers or None, its description)."""
    redis_url = os.environ.get("REDIS_URL")
    if choice == "locmem" or (
        choice == "auto" and not redis_url and not shutil.which("redis-server")
    ):
        return None, None, "each worker's memory (locmem)"
    if redis_url:
        return None, redis_url, "REDIS_URL"
    redis = Redis()
    return redis, redis.url, "a private redis-server"


class Redis:
    """A private redis-server on a free port, for the workers' shared cache."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        command = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no"]
        command += ["--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.command(b"PING").startswith(b"+PONG"):
                    return
            except OSError:
                time.sleep(0.1)
        sys.exit("redis-server did not start")

    def command(self, text):
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(text + b"\r\n")
            return sock.recv(64)

    def flush(self):
        self.command(b"FLUSHALL")

    def stop(self):
        self.process.terminate()  # our own redis-server, by its pid
        self.process.wait(timeout=10)


def gunicorn_command(port, workers, cache, logdir, max_requests):
    """make serve's command line, on our port, with the run's workers and logs."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "meetings.project.wsgi"]
    command += ["--config", "python:meetings.project.gunicorn_conf", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers)]
    if max_requests:
        command += ["--max-requests", str(max_requests)]
        command += ["--max-requests-jitter", str(max_requests // 10)]
    mode = "on" if cache else "off"
    command += ["--access-logfile", str(logdir / f"access-{mode}.log")]
    command += ["--error-logfile", str(logdir / f"error-{mode}.log")]
    return command


class Server:
    """gunicorn with make serve's flags, its memory sampled in the background."""

    def __init__(self, database_url, cache, workers, logdir, redis_url=None, max_requests=None):
        self.port = free_port()
        self.workers = workers
        self.command = gunicorn_command(self.port, workers, cache, logdir, max_requests)
        env = {**os.environ, **server_env(database_url, cache)}
        if redis_url:
            env["REDIS_URL"] = redis_url
        else:
            env.pop("REDIS_URL", None)
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=env)
        self.peak = {}
        self.label = None
        self.running = True
        self.sampler = threading.Thread(target=self.sample, daemon=True)
        self.sampler.start()

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn exited; see its error log in " + self.command[-1])
            try:
                request = urllib.request.Request(self.base + BASELINE, headers=HEADERS)
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.3)
        sys.exit("gunicorn did not answer in time")

    def rss_mb(self):
        """Resident memory of the master and all its workers, in MB."""
        pids = [self.process.pid, *children(self.process.pid)]
        total = 0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/status") as status:
                    for line in status:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except OSError:
                continue
        return total / 1024

    def sample(self):
        while self.running:
            label = self.label
            if label:
                self.peak[label] = max(self.peak.get(label, 0), self.rss_mb())
            time.sleep(0.05)

    def stop(self):
        self.running = False
        self.process.terminate()  # our own gunicorn master, by its pid; it stops its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []
