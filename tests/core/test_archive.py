"""The locked record: PDF/A, sealed with the organisation's certificate (PAdES), checkable by
anyone; the test makes its own certificate authority and verifies the seal against it."""

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
import typst
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from gits.core.archive import PDF_STANDARD, seal_pdf, sha256


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


@pytest.fixture
def seal_ca(tmp_path, settings):
    """A certificate authority of the test's own and a seal certificate it issued."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Test-CA"))
        .issuer_name(_name("Test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    seal_key = ec.generate_private_key(ec.SECP256R1())
    seal = (
        x509.CertificateBuilder()
        .subject_name(_name("Regionen elektronisk stämpel"))
        .issuer_name(ca.subject)
        .public_key(seal_key.public_key())
        .serial_number(2)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = tmp_path / "ca.pem", tmp_path / "seal.pem", tmp_path / "k.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(seal.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        seal_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    settings.GITS_SEAL_CERT = str(cert_path)
    settings.GITS_SEAL_KEY = str(key_path)
    return ca_path


def _pdf():
    return typst.compile(
        b'#set document(title: "Protokoll")\nProtokoll SITIV',
        format="pdf",
        pdf_standards=[PDF_STANDARD],
    )


def _validate(data, ca_path):
    # pyHanko runs its own event loop: validate in a worker thread, since a browser test in
    # this process may have left one running in this thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_validate_here, data, ca_path).result()


def _validate_here(data, ca_path):
    reader = PdfFileReader(io.BytesIO(data))
    [embedded] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_path))])
    return embedded, validate_pdf_signature(embedded, context)


def test_seal_verifies_against_the_organisations_ca_and_names_the_signers(seal_ca):
    sealed = seal_pdf(
        _pdf(), reason="Justerat av A (ordförande) och B (justerare)", signers=["A", "B"]
    )
    embedded, status = _validate(sealed, seal_ca)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert embedded.sig_object["/Name"] == "A; B"
    assert "Justerat av A" in embedded.sig_object["/Reason"]
    assert embedded.self_reported_timestamp is not None


def test_an_altered_file_fails_the_check(seal_ca):
    sealed = bytearray(seal_pdf(_pdf(), reason="Justerat", signers=["A", "B"]))
    at = sealed.index(b"Protokoll")
    sealed[at : at + 9] = b"Protokolx"
    _, status = _validate(bytes(sealed), seal_ca)
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
