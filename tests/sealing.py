"""The test's own certificate authority and a seal certificate it issued, and the check of a
sealed file against it (used by the core archive tests and the meetings tests)."""

import datetime as dt
import io
from concurrent.futures import ThreadPoolExecutor

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_seal_ca(folder, settings):
    """A certificate authority of the test's own and a seal certificate it issued, set as the
    organisation's seal (GITS_SEAL_CERT/KEY). Returns the CA's PEM path."""
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
    ca_path, cert_path, key_path = folder / "ca.pem", folder / "seal.pem", folder / "k.pem"
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


def verify_seal(data: bytes, ca_path):
    """The seal of a locked file, checked against the test's CA: (signature, status). Runs in
    a thread of its own: pyHanko starts an event loop, and a browser test may have left one
    running in this thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_verify_seal, data, ca_path).result()


def _verify_seal(data: bytes, ca_path):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(io.BytesIO(data))
    [embedded] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(ca_path))])
    return embedded, validate_pdf_signature(embedded, context)
