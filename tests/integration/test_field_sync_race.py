"""The field outbox's id against real concurrency: ten devices (or ten retries of one) send the same log at once
to gunicorn with several processes and threads, and all of them hear it is stored, once."""

from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import Flask
from sqlalchemy import func, select

from participation.extensions import db
from participation.models import Conversation, Role
from tests.factories import TEST_PASSWORD, StaffAccount

CLIENTS = 10
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Device:
    """One browser: its own cookies, signed in as the professional."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = ""

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return int(response.status), response.read().decode()
        except urllib.error.HTTPError as error:
            return int(error.code), error.read().decode()

    def get(self, path: str) -> str:
        status, body = self._open(urllib.request.Request(self.base + path))  # noqa: S310 - loopback only
        assert status == 200, (path, status)
        return body

    def sign_in(self, user: StaffAccount) -> None:
        token = CSRF_FIELD.search(self.get("/login"))
        assert token is not None
        form = {"csrf_token": token.group(1), "email": user.email, "password": TEST_PASSWORD}
        request = urllib.request.Request(  # noqa: S310 - loopback only
            self.base + "/login", data=urllib.parse.urlencode(form).encode(), method="POST"
        )
        self._open(request)
        meta = CSRF_META.search(self.get("/field/"))  # only a signed-in professional gets the field home
        assert meta is not None
        self.csrf = meta.group(1)

    def send(self, fields: dict[str, list[str]]) -> int:
        request = urllib.request.Request(  # noqa: S310 - loopback only
            self.base + "/field/api/conversations",
            data=json.dumps({"fields": fields}).encode(),
            headers={"Content-Type": "application/json", "X-CSRFToken": self.csrf},
            method="POST",
        )
        return self._open(request)[0]


def test_ten_devices_sending_one_log_at_once_store_it_once(
    loaded_app: Flask, make_staff: Callable[..., StaffAccount], start_server: Callable[..., str]
) -> None:
    user = make_staff(Role.PROFESSIONAL, organisation="Welzijn Dordrecht")
    base = start_server(workers=2, threads=8, LOGIN_RATE_LIMIT="1000 per minute")
    devices = [Device(base) for _ in range(CLIENTS)]
    for device in devices:
        device.sign_in(user)
    fields = {
        "client_id": [str(uuid.uuid4())],
        "occurred_at": ["2026-11-20T14:14"],
        "line": ["contact"],
        "setting": ["street"],
        "participants": ["2"],
        "notes": ["Over de speeltuin"],
    }
    start = threading.Barrier(CLIENTS)

    def send_together(device: Device) -> int:
        start.wait()
        return device.send(fields)

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = list(pool.map(send_together, devices))
    assert set(statuses) <= {200, 201} and statuses.count(201) == 1, statuses
    with loaded_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Conversation)) == 1
