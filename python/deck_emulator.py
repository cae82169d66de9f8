"""A standard-library-only helper to run deck-emulator from Python tests.

    from deck_emulator import DeckEmulator

    with DeckEmulator.start() as deck:          # --port 0, in memory, manual clock
        deck.request("POST", "/v2/sources", {...})
        deck.advance("1m30s")                   # {"mode": "manual", "now": "..."}
        deck.wait(connection=conn_id, status="connected")
        deck.wait_deliveries_idle()

It starts the CLI (``node_modules/.bin/deck-emulator``, ``$DECK_EMULATOR_BIN``
or ``npx --yes deck-emulator``) with ``--log-format json`` and reads the first
stdout line, a JSON object with ``url``, ``base_url``, ``port`` and
``api_key``: no regex, any free port. Shipped in the npm package as
``node_modules/deck-emulator/python/deck_emulator.py``. Python 3.8+.
"""

import base64
import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

__all__ = ["DeckEmulator", "DeckError", "WebhookVerificationError", "verify_webhook", "find_cli"]


class DeckError(Exception):
    """A non-2xx answer: ``status`` and the Deck error envelope ``body``."""

    def __init__(self, status, body):
        self.status = status
        self.body = body
        errors = body.get("errors") if isinstance(body, dict) else None
        message = errors[0].get("message") if errors else str(body)
        super().__init__("%s: %s" % (status, message))


class WebhookVerificationError(Exception):
    pass


def find_cli(cwd=None):
    """The command that starts deck-emulator, as a list for subprocess."""
    explicit = os.environ.get("DECK_EMULATOR_BIN")
    if explicit:
        return [explicit]
    local = os.path.join(cwd or os.getcwd(), "node_modules", ".bin", "deck-emulator")
    if os.path.exists(local):
        return [local]
    found = shutil.which("deck-emulator")
    if found:
        return [found]
    return ["npx", "--yes", "deck-emulator"]


class DeckEmulator:
    """A running emulator: its ready line (``info``), a JSON client, and ``stop()``."""

    def __init__(self, process, info, api_key=None):
        self.process = process
        self.info = info
        self.url = info["url"]
        self.base_url = info["base_url"]
        self.port = info["port"]
        self.api_key = api_key or info["api_key"]
        self.output = []  # stderr lines (logs), drained so the child never blocks on a full pipe

    @classmethod
    def start(cls, args=None, cli=None, cwd=None, in_memory=True, clock="manual", timeout=30.0, env=None):
        """Starts the CLI on a free port; returns once it listens (its first stdout line)."""
        command = list(cli) if cli else find_cli(cwd)
        argv = command + ["--port", "0", "--log-format", "json"]
        if in_memory:
            argv.append("--in-memory")
        if clock:
            argv += ["--clock", clock]
        argv += list(args or [])
        process = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, **(env or {})), text=True, bufsize=1,
        )
        ready = {}
        done = threading.Event()

        def read_stdout():
            line = process.stdout.readline()
            try:
                ready.update(json.loads(line))
            except ValueError:
                ready["error"] = line
            done.set()
            for _ in process.stdout:  # keep draining
                pass

        threading.Thread(target=read_stdout, daemon=True).start()
        errors = []
        threading.Thread(target=lambda: errors.extend(process.stderr), daemon=True).start()
        if not done.wait(timeout) or "url" not in ready:
            process.kill()
            process.wait()
            raise RuntimeError("deck-emulator did not start (%s): %s%s" % (" ".join(argv), ready.get("error", ""), "".join(errors)[-2000:]))
        emulator = cls(process, ready)
        emulator.output = errors
        return emulator

    def stop(self, timeout=10.0):
        """SIGTERM, then the exit code (0 for a clean stop); SIGKILL if it does not stop in time."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for stream in (self.process.stdout, self.process.stderr):
            if stream:
                stream.close()
        return self.process.returncode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    # --- HTTP -------------------------------------------------------------

    def request(self, method, path, body=None, key=None, headers=None, timeout=70.0):
        """A JSON call to the emulator (``/v2/...`` or ``/_emulator/...``); raises DeckError on non-2xx."""
        data = None if body is None else (body if isinstance(body, (bytes, str)) else json.dumps(body))
        if isinstance(data, str):
            data = data.encode()
        all_headers = {"authorization": "Bearer %s" % (key or self.api_key)}
        if data is not None:
            all_headers["content-type"] = "application/json"
        all_headers.update(headers or {})
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                raw = res.read()
                return json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = raw.decode(errors="replace")
            raise DeckError(error.code, parsed) from None

    def reset(self, key=None):
        """Resets the tenant (the key's) to its loaded scenario."""
        return self.request("POST", "/_emulator/reset", {}, key=key)

    def advance(self, by, key=None):
        """Moves the tenant's clock (``"10m"``, ``"1m30s"``, or ms); returns ``{"mode", "now"}``."""
        answer = self.request("POST", "/_emulator/clock/advance", {"by": by}, key=key)
        return {"mode": answer["mode"], "now": answer["now"]}

    def expected_answer(self, kind, id, key=None):
        """The ``inputs`` a pending interaction expects, e.g. ``expected_answer("connection", conn_id)``
        or ``("task_run", run_id)``: submit them as ``{"inputs": ...}``."""
        collection = kind.replace("_", "-") + "s"
        return self.request("GET", "/_emulator/%s/%s/expected-answer" % (collection, urllib.parse.quote(id, safe="")), key=key)["inputs"]

    def wait(self, key=None, timeout="5s", **query):
        """Long-polls ``/_emulator/wait`` (``connection=…, status=…``, ``event=…``, ``delivery=…``,
        ``deliveries="idle"``); returns the object that met it, raises DeckError(408) on timeout."""
        query = dict(query, timeout=timeout)
        return self.request("GET", "/_emulator/wait?" + urllib.parse.urlencode(query), key=key)

    def wait_deliveries_idle(self, key=None, timeout="5s"):
        return self.wait(key=key, timeout=timeout, deliveries="idle")

    def deliveries(self, key=None, **query):
        """Every webhook attempt of the tenant (``/_emulator/deliveries``), oldest first."""
        suffix = ("?" + urllib.parse.urlencode(query)) if query else ""
        return self.request("GET", "/_emulator/deliveries" + suffix, key=key)["data"]


def verify_webhook(secret, headers, body, tolerance=300, now=None):
    """Verifies a Standard Webhooks signature; returns the parsed payload or raises WebhookVerificationError.

    ``secret`` is the destination's ``whsec_…`` secret, ``headers`` any mapping
    (names compared case-insensitively), ``body`` the raw bytes or text as received.
    """
    lower = {k.lower(): v for k, v in dict(headers).items()}
    msg_id, stamp, signatures = lower.get("webhook-id"), lower.get("webhook-timestamp"), lower.get("webhook-signature")
    if not (msg_id and stamp and signatures):
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        sent = int(stamp)
    except ValueError:
        raise WebhookVerificationError("webhook-timestamp is not a number") from None
    current = time.time() if now is None else now
    if abs(current - sent) > tolerance:
        raise WebhookVerificationError("webhook-timestamp is more than %ss away from now" % tolerance)
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    payload = body if isinstance(body, bytes) else body.encode()
    expected = base64.b64encode(hmac.new(key, b"%s.%s.%s" % (msg_id.encode(), stamp.encode(), payload), hashlib.sha256).digest()).decode()
    for candidate in signatures.split():
        version, _, signature = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(signature, expected):
            return json.loads(payload)
    raise WebhookVerificationError("no signature matches")
