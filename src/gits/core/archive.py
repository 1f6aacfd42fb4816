"""Records for the archive: a signed document is rendered once as PDF/A, sealed with the
organisation's certificate (PAdES), stored, and identified by its SHA-256.

The seal lets anyone check in an ordinary PDF reader that the file has not been altered since
it was locked. The certificate and key come from configuration (`GITS_SEAL_CERT`,
`GITS_SEAL_KEY`, `GITS_SEAL_KEY_PASSWORD`, PEM files). Without them GITS makes a self-signed
seal of its own under `GITS_VAR_DIR/seal/` on first use: it proves integrity, not identity, and
production should configure the organisation's real seal certificate.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings

PDF_STANDARD = "a-2b"  # PDF/A-2b: the archival form Swedish public records are kept in
_lock = threading.Lock()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seal_paths() -> tuple[Path, Path, bytes | None]:
    cert = getattr(settings, "GITS_SEAL_CERT", "")
    key = getattr(settings, "GITS_SEAL_KEY", "")
    password = getattr(settings, "GITS_SEAL_KEY_PASSWORD", "") or None
    if cert and key:
        return Path(cert), Path(key), password.encode() if password else None
    folder = Path(settings.VAR_DIR) / "seal"
    cert_path, key_path = folder / "seal-cert.pem", folder / "seal-key.pem"
    with _lock:
        if not cert_path.exists() or not key_path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            cert_pem, key_pem = make_self_signed_seal(getattr(settings, "GITS_SEAL_NAME", "GITS"))
            key_path.write_bytes(key_pem)
            key_path.chmod(0o600)
            cert_path.write_bytes(cert_pem)
    return cert_path, key_path, None


def make_self_signed_seal(name: str, days: int = 3650) -> tuple[bytes, bytes]:
    """A self-signed seal certificate and its key (PEM), for an installation without one."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, f"{name} elektronisk stämpel"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, name),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return (
        cert.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def seal_pdf(pdf: bytes, *, reason: str, signers: Sequence[str], location: str = "") -> bytes:
    """Seal pdf with a PAdES signature of the organisation: the reason names the signers and
    the signing time is in the signature itself. Returns the sealed file.

    pyHanko runs its own event loop (asyncio.run), which cannot start in a thread that already
    runs one (an async caller, a browser test's driver): then the seal is made in a worker."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _seal(pdf, reason=reason, signers=signers, location=location)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_seal, pdf, reason=reason, signers=signers, location=location).result()


def _seal(pdf: bytes, *, reason: str, signers: Sequence[str], location: str) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields
    from pyhanko.sign import signers as hanko_signers

    cert_path, key_path, password = _seal_paths()
    signer = hanko_signers.SimpleSigner.load(
        key_file=str(key_path), cert_file=str(cert_path), key_passphrase=password
    )
    if signer is None:
        raise RuntimeError("Stämpelcertifikatet kunde inte läsas (GITS_SEAL_CERT/GITS_SEAL_KEY).")
    meta = hanko_signers.PdfSignatureMetadata(
        field_name="GITS-stampel",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason[:500],
        location=location,
        name="; ".join(signers),
    )
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    hanko_signers.sign_pdf(writer, meta, signer=signer, output=out)
    return out.getvalue()
