"""Control characters in stored names never break the Peppol UBL export (issue 12): what XML
1.0 cannot hold is dropped, whatever got into the database before the input checks."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from gits.finance import services
from gits.finance.models import Invoice
from gits.finance.peppol import invoice_ubl, xml_text
from gits.organisations.models import Organisation
from tests.finance.conftest import association, budget_2026, financiers, region  # noqa: F401

pytestmark = pytest.mark.django_db
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
BAD = "\x01\x08\x0b\x0c\x1b\ufffe\uffff"


def test_xml_text_drops_what_xml_cannot_hold():
    assert xml_text(f"Väst{BAD}kom\t\n\r ✓ 𝄞") == "Västkom\t\n\r ✓ 𝄞"


def test_control_characters_in_names_leave_the_ubl_readable(budget_2026, lead_user):  # noqa: F811
    invoice = services.invoice_run(
        actor=lead_user, year=2026, quarter=1, today=dt.date(2026, 4, 2)
    ).created[0]
    # Stored past every check (an old import, the database by hand).
    Organisation.objects.filter(pk=invoice.buyer_id).update(name=f"Kommun{BAD}en")
    Invoice.objects.filter(pk=invoice.pk).update(buyer_reference=f"Ref{BAD}erens")
    xml = invoice_ubl(Invoice.objects.select_related("seller", "buyer").get(pk=invoice.pk))
    root = ET.fromstring(xml)  # raises on a character XML 1.0 cannot hold
    names = [e.text for e in root.iterfind(".//cac:AccountingCustomerParty//cbc:Name", NS)]
    assert names == ["Kommunen"]
    assert root.find("cbc:BuyerReference", NS).text == "Referens"
