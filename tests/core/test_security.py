"""Security headers and the production configuration (issue 12)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "gits"
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>|<style\b|\sstyle=|\son[a-z]+=\"",
    re.I,
)

# The production configuration the README documents (behind an HTTPS proxy).
PRODUCTION_ENV = {
    "GITS_SECRET_KEY": "k" * 60 + "-production-only-7Hq!xZ",
    "GITS_ALLOWED_HOSTS": "gits.example.se",
    "GITS_CSRF_TRUSTED_ORIGINS": "https://gits.example.se",
    "GITS_SECURE_COOKIES": "1",
    "GITS_HSTS_SECONDS": "31536000",
    "GITS_HSTS_INCLUDE_SUBDOMAINS": "1",
    "GITS_HSTS_PRELOAD": "1",
    "GITS_SSL_REDIRECT": "1",
    "GITS_BEHIND_PROXY": "1",
}


def test_no_template_has_inline_script_style_or_handler():
    found = []
    for path in SRC.rglob("*.html"):
        for match in INLINE.finditer(path.read_text()):
            found.append(f"{path.relative_to(SRC)}: {match.group(0)}")
    assert found == []


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_api_docs_are_served_by_the_app_itself(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    assert "//" not in re.sub(
        r"https?://testserver", "", " ".join(re.findall(r'src="([^"]+)"', html))
    )


def test_check_deploy_is_clean_in_the_documented_production_configuration(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITS_")}
    env.update(PRODUCTION_ENV, GITS_VAR_DIR=str(tmp_path), GITS_TESTING="0")
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process
    result = subprocess.run(
        [sys.executable, "-m", "gits", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
