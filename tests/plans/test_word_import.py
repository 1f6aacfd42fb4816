"""From Word to GITS: the old status report form (.docx, seed 003) read into the status report
form for confirmation (plans/word_import.py, the page and the API). The .docx files are made
here with python-docx, in the layouts a filled-in form comes in."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from gits.core.documents import render_docx
from gits.meetings import services as meetings
from gits.plans import services
from gits.plans.documents import status_report_document
from gits.plans.models import StatusReport
from gits.plans.word_import import WordImportError, find_object, read_status_report
from gits.portfolio.models import ManagedObject
from tests.plans.conftest import YEAR

TEXTS = {
    "assignment": "SAMSA är IT-stödet för samordnad vård- och omsorgsplanering.",
    "events": "- Ny version driftsatt i maj\n- 12 kommuner utbildade",
    "issues": "- Inloggning med SITHS krånglar",
    "planned": "- Upphandling av ny leverantör",
    "economy": "Inom budget. 2,5 årsarbetare.",
}
LABELS = {
    "assignment": ("Beskrivning av uppdraget", "Ge en kort beskrivning av uppdraget."),
    "events": (
        "Viktiga händelser under perioden",
        "Återge viktiga händelser sedan den förra statusrapporten. Gärna i punktform.",
    ),
    "issues": (
        "Aktuella problemställningar och utmaningar",
        "Beskriv aktuella problem eller utmaningar. Gärna i punktform.",
    ),
    "planned": ("Planerade aktiviteter", "Berätta om planerade aktiviteter. Gärna i punktform."),
    "economy": ("Ekonomisk status och personalresurser", ""),
}


def saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_lines(container, text):
    """Text as paragraphs; "- " lines as Word bullets, as people write them in the form."""
    for line in text.split("\n"):
        if line.startswith("- "):
            container.add_paragraph(line[2:], style="List Bullet")
        else:
            container.add_paragraph(line)


def table_form(*, date="2026-09-01", skip=(), obj="SAMSA") -> bytes:
    """The form as a table: the label cell (with its instruction) beside or above the value."""
    doc = Document()
    doc.add_paragraph("GITS")
    doc.add_heading("Statusrapport", 0)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    head = [
        ("managed_object", "Förvaltningsobjekt:", obj),
        ("date", "Datum:", date),
        (
            "coordinators",
            "Ansvarig funktionskoordinator\nAnge vem eller vilka som är ansvariga för "
            "förvaltningsobjektet.",
            "Per Förlagsson\nAnna Andersson",
        ),
    ]
    for name, label, value in head:
        if name not in skip:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
    for name, (label, help_text) in LABELS.items():
        if name in skip:
            continue
        label_cell = table.add_row().cells
        label_cell[0].merge(label_cell[1])
        label_cell[0].text = label
        if help_text:
            label_cell[0].add_paragraph(help_text)
        value_cell = table.add_row().cells
        value_cell[0].merge(value_cell[1])
        value_cell[0].paragraphs[0].text = ""
        add_lines(value_cell[0], TEXTS[name])
        first = value_cell[0].paragraphs[0]
        first._p.getparent().remove(first._p)  # the cell's empty first paragraph
    return saved(doc)


def headed_form() -> bytes:
    """The form as headed paragraphs: bold labels with the value, then headings."""
    doc = Document()
    doc.add_heading("Statusrapport", 0)
    for label, value in (
        ("Förvaltningsobjekt", "Bibblix läsförståelse"),
        ("Datum", "2 september 2026"),
        ("Ansvarig funktionskoordinator", "Per Förlagsson"),
    ):
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(value)
    for name, (label, help_text) in LABELS.items():
        doc.add_heading(label, 2)
        if help_text:
            doc.add_paragraph(help_text)
        add_lines(doc, TEXTS[name])
    return saved(doc)


def test_reads_the_eight_fields_from_the_table_layout():
    report = read_status_report(table_form())
    assert report.managed_object == "SAMSA"
    assert report.date == dt.date(2026, 9, 1)
    assert report.coordinators == "Per Förlagsson, Anna Andersson"
    for name, text in TEXTS.items():
        assert getattr(report, name) == text, name
    assert report.empty == []


def test_reads_the_eight_fields_from_headed_paragraphs():
    report = read_status_report(headed_form())
    assert report.managed_object == "Bibblix läsförståelse"
    assert report.date == dt.date(2026, 9, 2)
    assert report.coordinators == "Per Förlagsson"
    for name, text in TEXTS.items():
        assert getattr(report, name) == text, name


def test_content_controls_placeholders_and_dates_are_understood():
    """Word's form fields: a date picker stores its date; an untouched control shows only
    its placeholder, which is not a value."""
    doc = Document()
    p = doc.add_paragraph("Förvaltningsobjekt: ")
    p._p.append(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
            "<w:r><w:t>Klicka för att välja objekt.</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )
    doc.add_paragraph("Datum:")
    doc.element.body.insert(
        len(doc.element.body) - 1,
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:date w:fullDate="2026-08-28T00:00:00Z">'
            '<w:dateFormat w:val="d MMMM yyyy"/></w:date></w:sdtPr><w:sdtContent><w:p><w:r>'
            "<w:t>28 augusti 2026</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    for label in ("Ansvarig funktionskoordinator", *(lbl for lbl, _h in LABELS.values())):
        doc.add_paragraph(label)
        doc.add_paragraph("Klicka eller tryck här för att ange text.")
    doc.paragraphs[-1].text = "Inom budget."
    report = read_status_report(saved(doc))
    assert report.managed_object == "" and report.date == dt.date(2026, 8, 28)
    assert report.economy == "Inom budget." and report.assignment == ""
    assert set(report.empty) == {
        "managed_object",
        "coordinators",
        "assignment",
        "events",
        "issues",
        "planned",
    }


def test_gits_own_word_export_reads_back(sitiv, lead, samsa):
    meeting = meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 9, 19))
    report = services.status_report_save(
        actor=lead,
        managed_object=samsa,
        meeting=meeting,
        submit=True,
        date=dt.date(YEAR, 9, 1),
        coordinators="Per Förlagsson",
        **TEXTS,
    )
    read = read_status_report(render_docx(status_report_document(report)))
    assert read.managed_object == samsa.name and read.date == dt.date(YEAR, 9, 1)
    assert read.coordinators == "Per Förlagsson"
    assert read.assignment == TEXTS["assignment"] and read.economy == TEXTS["economy"]


def test_a_missing_field_is_named():
    with pytest.raises(WordImportError) as err:
        read_status_report(table_form(skip=("planned",)))
    assert err.value.field == "planned"
    assert "”Planerade aktiviteter” saknas i filen" in str(err.value.message)
    with pytest.raises(WordImportError) as err:
        read_status_report(table_form(skip=("date", "economy")))
    assert err.value.missing == ["date", "economy"]
    assert "Fälten ”Datum”, ”Ekonomisk status och personalresurser” saknas" in str(
        err.value.message
    )


def test_a_date_that_is_not_a_date_is_named():
    with pytest.raises(WordImportError) as err:
        read_status_report(table_form(date="i början av september"))
    assert err.value.field == "date"
    assert "”Datum” i filen, ”i början av september”, är inte ett datum" in str(err.value.message)


@pytest.mark.parametrize(
    "content, says",
    [
        (b"PK\x03\x04 inte en riktig fil", "kan inte läsas som ett Word-dokument"),
        (b"Statusrapport i ren text", "kan inte läsas som ett Word-dokument"),
    ],
)
def test_a_file_that_is_not_a_word_document_is_refused(content, says):
    with pytest.raises(WordImportError) as err:
        read_status_report(content)
    assert err.value.field == "file" and says in str(err.value.message)


def test_a_word_document_that_is_not_the_form_is_refused():
    doc = Document()
    doc.add_paragraph("Protokoll från mötet")
    with pytest.raises(WordImportError) as err:
        read_status_report(saved(doc))
    assert err.value.field == "file" and "liknar inte blanketten" in str(err.value.message)


def test_the_object_is_found_by_name_or_short_name(db):
    samsa = ManagedObject(name="SAMSA – samordnad vård", short_name="SAMSA")
    bibblix = ManagedObject(name="Bibblix läsförståelse", short_name="Bibblix")
    objects = [samsa, bibblix]
    assert find_object("samsa", objects) is samsa
    assert find_object("SAMSA – samordnad vård och omsorg", objects) is samsa
    assert find_object("Bibblix läsförståelse", objects) is bibblix
    assert find_object("Okänt system", objects) is None and find_object("", objects) is None


# --- the page --------------------------------------------------------------------------------


@pytest.fixture
def meeting(sitiv, lead, samsa):
    return meetings.meeting_plan(actor=lead, body=sitiv, date=dt.date(YEAR, 12, 5))


def upload(content: bytes, name="statusrapport.docx"):
    return SimpleUploadedFile(
        name,
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


def test_upload_shows_the_fields_for_confirmation_and_saves_nothing(client, lead, meeting, samsa):
    client.force_login(lead)
    url = reverse("plans:status_report_word", args=[meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"file": upload(table_form())})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Uppgifterna är inlästa från statusrapport.docx. Inget är sparat än." in text
    assert 'value="2026-09-01"' in text and "Per Förlagsson, Anna Andersson" in text
    assert "12 kommuner utbildade" in text and "Inom budget. 2,5 årsarbetare." in text
    action = reverse("plans:status_report", args=[meeting.pk, samsa.pk])
    assert f'action="{action}"' in text
    assert not StatusReport.objects.exists()

    # Confirming is the form's own save, through the service.
    parsed = read_status_report(table_form())
    data = {**parsed.form_initial(), "date": "2026-09-01", "submit": "1"}
    response = client.post(action, data)
    assert response.status_code == 302
    report = StatusReport.objects.get()
    assert report.submitted_at is not None and report.events == TEXTS["events"]


def test_upload_of_a_file_that_cannot_be_read_says_which_field(client, lead, meeting):
    client.force_login(lead)
    url = reverse("plans:status_report_word", args=[meeting.pk])
    response = client.post(url, {"file": upload(table_form(skip=("issues",)))})
    text = response.content.decode()
    assert response.status_code == 400
    assert "”Aktuella problemställningar och utmaningar” saknas i filen" in text
    assert 'role="alert"' in text and not StatusReport.objects.exists()


def test_upload_for_an_object_the_file_does_not_name_asks_which(client, lead, meeting, samsa):
    client.force_login(lead)
    url = reverse("plans:status_report_word", args=[meeting.pk])
    response = client.post(url, {"file": upload(table_form(obj="Okänt system"))})
    assert response.status_code == 400
    assert "”Okänt system” i filen rapporterar inte till sammanträdet" in response.content.decode()
    response = client.post(
        url, {"file": upload(table_form(obj="Okänt system")), "managed_object": samsa.pk}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Filen anger förvaltningsobjektet ”Okänt system”, men rapporten skrivs för" in text


def test_upload_needs_the_right_to_write_reports(client, contact_user, meeting):
    client.force_login(contact_user)
    url = reverse("plans:status_report_word", args=[meeting.pk])
    response = client.post(url, {"file": upload(table_form())})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:status_overview", args=[meeting.pk])


# --- the API ---------------------------------------------------------------------------------


def test_api_reads_the_fields_without_saving(client, lead, samsa, auth_header):
    response = client.post(
        "/api/v1/status-reports/word", {"file": upload(table_form())}, headers=auth_header(lead)
    )
    body = response.json()
    assert response.status_code == 200, body
    assert body["managed_object"] == "SAMSA" and body["managed_object_id"] == samsa.pk
    assert body["date"] == "2026-09-01" and body["events"] == TEXTS["events"]
    assert body["empty_fields"] == [] and not StatusReport.objects.exists()


def test_api_names_the_missing_field(client, lead, auth_header, db):
    response = client.post(
        "/api/v1/status-reports/word",
        {"file": upload(table_form(skip=("economy",)))},
        headers=auth_header(lead),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "economy"


def test_api_refuses_without_the_right(client, contact_user, auth_header, people):
    response = client.post(
        "/api/v1/status-reports/word",
        {"file": upload(table_form())},
        headers=auth_header(contact_user),
    )
    assert response.status_code == 403
