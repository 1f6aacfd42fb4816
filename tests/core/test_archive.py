"""The locked record: PDF/A, sealed with the organisation's certificate (PAdES), checkable by
anyone; the test makes its own certificate authority and verifies the seal against it."""

import pytest
import typst

from gits.core.archive import PDF_STANDARD, seal_pdf, sha256
from tests.sealing import make_seal_ca, verify_seal


@pytest.fixture
def seal_ca(tmp_path, settings):
    return make_seal_ca(tmp_path, settings)


def _pdf():
    return typst.compile(
        b'#set document(title: "Protokoll")\nProtokoll SITIV',
        format="pdf",
        pdf_standards=[PDF_STANDARD],
    )


def test_seal_verifies_against_the_organisations_ca_and_names_the_signers(seal_ca):
    sealed = seal_pdf(
        _pdf(), reason="Justerat av A (ordförande) och B (justerare)", signers=["A", "B"]
    )
    embedded, status = verify_seal(sealed, seal_ca)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert embedded.sig_object["/Name"] == "A; B"
    assert "Justerat av A" in embedded.sig_object["/Reason"]
    assert embedded.self_reported_timestamp is not None


def test_an_altered_file_fails_the_check(seal_ca):
    sealed = bytearray(seal_pdf(_pdf(), reason="Justerat", signers=["A", "B"]))
    at = sealed.index(b"Protokoll")
    sealed[at : at + 9] = b"Protokolx"
    _, status = verify_seal(bytes(sealed), seal_ca)
    assert not status.intact
    assert not status.bottom_line


def test_archival_pdf_declares_pdf_a_and_has_a_stable_hash():
    data = _pdf()
    assert b"pdfaid:part" in data
    assert sha256(data) == sha256(bytes(data))
    assert len(sha256(data)) == 64


def test_without_configuration_a_self_signed_seal_is_made_once(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.GITS_SEAL_CERT = settings.GITS_SEAL_KEY = ""
    first = seal_pdf(_pdf(), reason="Justerat", signers=["A"])
    cert = (tmp_path / "seal" / "seal-cert.pem").read_bytes()
    seal_pdf(_pdf(), reason="Justerat", signers=["A"])
    assert (tmp_path / "seal" / "seal-cert.pem").read_bytes() == cert
    assert first.startswith(b"%PDF")
