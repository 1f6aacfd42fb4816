"""No request breaks it (rule 10), walked: an administrator, a municipality's contact (who
acts for one party) and an anonymous visitor each follow every link of the demo from the
start page (a few pages of each shape of address), and on each page send odd values in the
address parameters it uses and in every field of every form on it. Every answer is a page,
a refusal or a 404: never a server error.

This walk found the server errors that tests/core/test_odd_addresses.py pins down one by
one."""

from __future__ import annotations

import io
import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

LINK = re.compile(r"""(?:href|action)="([^"#]+)""")
# Not walked: the admin, files, language and sign-out, the API (the schema's own fuzz test
# covers it), the health check (503 without a worker, by design) and the operations page's
# buttons, which start jobs such as a backup.
SKIP = ("/admin/", "/static/", "/media/", "/i18n/", "/konto/logga-ut", "/api/", "/halsa/")
SKIP_POSTS = ("/drift/",)
PER_SHAPE = 2
# Past a 64-bit integer, a digit that is not 0-9, a negative number, a long text.
ODD = ["9" * 25, "²", "-1", "x" * 3000]


class _Forms(HTMLParser):
    """The forms of a page: method, action and the names of their fields with the values the
    page shows (a select's chosen option, else its first)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option" and self._open is not None and self._select:
            fields = self._open["fields"]
            if fields.get(self._select) is None or "selected" in a:
                fields[self._select] = a.get("value") or ""
            return
        if tag == "select" and self._open is not None and a.get("name"):
            self._select = a["name"]
            self._open["fields"][self._select] = None
            return
        if tag == "form":
            self._open = {
                "method": (a.get("method") or "get").lower(),
                "action": a.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._open)
        elif (
            self._open is not None
            and tag in ("input", "textarea", "select", "button")
            and a.get("name")
            and a.get("type") != "file"
        ):
            self._open["fields"].setdefault(a["name"], a.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self._open = None
            for form in self.forms:
                form["fields"] = {k: v or "" for k, v in form["fields"].items()}


# Who walks, and how far the walk must reach so that it cannot pass by seeing little: the
# administrator sees every page and form, a municipality's contact what one party may do, a
# visitor the public register.
WALKERS = {"admin": (150, 300), "kommunkontakt": (60, 40), None: (25, 25)}


@pytest.mark.parametrize("username", WALKERS, ids=["administrator", "municipal-contact", "visitor"])
def test_every_page_and_form_of_the_demo_takes_odd_values(client, username):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    client.raise_request_exception = False
    shapes: Counter[str] = Counter()
    seen: set[str] = set()
    queue = deque(["/"])
    failures: list[tuple] = []
    pages = posts = 0
    while queue:
        url = urldefrag(queue.popleft())[0].replace("&amp;", "&")
        parts = urlsplit(url)
        shape = re.sub(r"\d+", "N", parts.path)
        if url in seen or not parts.path.startswith("/") or parts.path.startswith(SKIP):
            continue
        if shapes[shape] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape] += 1
        response = client.get(url)
        pages += 1
        if response.status_code >= 500:
            failures.append(("GET", url))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        queue.extend(LINK.findall(html))
        for name in {*dict(parse_qsl(parts.query)), "sida"}:
            for odd in ODD:
                query = urlencode({**dict(parse_qsl(parts.query)), name: odd})
                if client.get(f"{parts.path}?{query}").status_code >= 500:
                    failures.append(("GET", parts.path, name, odd[:12]))
        found = _Forms()
        found.feed(html)
        for form in found.forms:
            action = form["action"].replace("&amp;", "&") or url
            if urlsplit(action).path.startswith(SKIP + SKIP_POSTS):
                continue
            send = client.post if form["method"] == "post" else client.get
            sendings = [
                {k: v if k == "csrfmiddlewaretoken" else odd for k, v in form["fields"].items()}
                for odd in ODD
            ]
            # One field at a time past 64 bits, the others as shown: a rule that refuses an
            # earlier field must not hide a later one that breaks.
            sendings += [
                {**form["fields"], name: ODD[0]}
                for name, shown in form["fields"].items()
                if name != "csrfmiddlewaretoken" and shown != ODD[0]
            ]
            for data in sendings:
                posts += 1
                if send(action, data).status_code >= 500:
                    failures.append((form["method"], action, sorted(data.items())[:3]))
    assert failures == []
    least_pages, least_posts = WALKERS[username]
    assert pages > least_pages and posts > least_posts, (pages, posts)
