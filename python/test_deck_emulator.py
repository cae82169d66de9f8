"""unittest suite of deck_emulator.py against the built CLI (``npm run test:python``, part of ``npm test``).

Set DECK_EMULATOR_BIN to the CLI to test (the npm script uses dist/deck-emulator.js).
"""

import http.server
import json
import os
import threading
import unittest

from deck_emulator import DeckEmulator, DeckError, WebhookVerificationError, verify_webhook

CONNECT = {"auth_method": "username_password", "auth_credentials": {"username": "user_mfa", "password": "pw"}}


class Receiver:
    """A webhook receiver on loopback that keeps what it gets."""

    def __init__(self):
        received = self.received = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                received.append((dict(self.headers), body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hooks/deck" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class DeckEmulatorTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deck = DeckEmulator.start()

    @classmethod
    def tearDownClass(cls):
        cls.deck.stop()

    def key(self, name):
        # Every key is its own tenant: one per test.
        return "sk_test_py_%s_%d" % (name, os.getpid())

    def source(self, key):
        return self.deck.request("POST", "/v2/sources", {"type": "website", "website": {"url": "https://bank.example.com"}}, key=key)["id"]

    def test_ready_line_gives_a_usable_base_url(self):
        info = self.deck.info
        self.assertEqual(info["event"], "listening")
        self.assertEqual(info["base_url"], "http://127.0.0.1:%d/v2" % info["port"])
        self.assertEqual(info["storage"], {"type": "memory"})
        self.assertEqual(self.deck.request("GET", "/v2/connections", key=self.key("ready"))["data"], [])

    def test_mfa_login_with_expected_answer_and_wait(self):
        key = self.key("mfa")
        conn = self.deck.request("POST", "/v2/connections", dict(CONNECT, source_id=self.source(key)), key=key)
        self.deck.wait(connection=conn["id"], status="interaction_required", key=key)
        inputs = self.deck.expected_answer("connection", conn["id"], key=key)
        self.assertIn("code", inputs)
        self.deck.request("POST", "/v2/connections/%s/interaction" % conn["id"], {"inputs": inputs}, key=key)
        self.assertEqual(self.deck.wait(connection=conn["id"], status="connected", key=key)["status"], "connected")

    def test_advance_returns_mode_and_now(self):
        clock = self.deck.advance("1m30s", key=self.key("clock"))
        self.assertEqual(clock, {"mode": "manual", "now": "2026-01-01T00:01:30.000Z"})

    def test_bad_input_raises_deck_error_with_the_envelope(self):
        with self.assertRaises(DeckError) as caught:
            self.deck.advance("30s1m", key=self.key("bad"))
        self.assertEqual(caught.exception.status, 400)
        self.assertIn("largest unit first", str(caught.exception))
        with self.assertRaises(DeckError) as timed_out:
            self.deck.wait(event="connection.connected", timeout="20ms", key=self.key("bad"))
        self.assertEqual(timed_out.exception.status, 408)

    def test_reset_empties_the_tenant(self):
        key = self.key("reset")
        self.source(key)
        self.deck.reset(key=key)
        self.assertEqual(self.deck.request("GET", "/v2/sources", key=key)["data"], [])

    def test_webhooks_are_delivered_and_verify(self):
        key = self.key("hooks")
        receiver = Receiver()
        try:
            destination = self.deck.request("POST", "/v2/event-destinations", {"name": "app", "type": "webhook", "events": ["connection.connected"], "webhook": {"url": receiver.url}}, key=key)
            conn = self.deck.request("POST", "/v2/connections", dict(CONNECT, source_id=self.source(key), auth_credentials={"username": "user_good", "password": "pw"}), key=key)
            idle = self.deck.wait_deliveries_idle(key=key)
            self.assertEqual(idle["success"], 1)
            headers, body = receiver.received[0]
            payload = verify_webhook(destination["webhook"]["secret"], headers, body)
            self.assertEqual(payload["type"], "connection.connected")
            self.assertEqual(payload["data"]["id"], conn["id"])
            with self.assertRaises(WebhookVerificationError):
                verify_webhook(destination["webhook"]["secret"], headers, body.replace(b"connected", b"c0nnected"))
            [row] = self.deck.deliveries(key=key)
            self.assertEqual((row["event_type"], row["delivery_status"], row["attempt"], row["status_code"]), ("connection.connected", "success", 1, 200))
        finally:
            receiver.close()


class StopTest(unittest.TestCase):
    def test_stop_is_clean(self):
        deck = DeckEmulator.start()
        self.assertEqual(deck.stop(), 0)


if __name__ == "__main__":
    unittest.main()
