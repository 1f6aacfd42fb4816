import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from gits.accounts.services import token_authenticate


def test_gits_command_maps_hyphens_to_commands():
    out = subprocess.run(
        [sys.executable, "-m", "gits", "load-defaults", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GITS_DEBUG": "1"},
    ).stdout
    assert "standarddata" in out.lower()


@pytest.mark.django_db
def test_token_create_prints_a_working_token(make_user, capsys):
    user = make_user("function_lead", username="api-user")
    call_command("token", "create", "api-user")
    raw = capsys.readouterr().out.strip()
    assert raw.startswith("gits_")
    assert token_authenticate(raw) == user
    assert token_authenticate(raw + "x") is None


def test_i18n_switch_to_english(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    text = response.content.decode()
    assert 'lang="en"' in text
    assert "Skip to content" in text


def test_swedish_by_default_whatever_the_browser_says(client, db):
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert 'lang="sv"' in response.content.decode() and response["Content-Language"] == "sv"
