"""What people type in an evaluation, in Spanish and, optionally, in English:
findings, corrective measures and their follow-up, for the report in either
language (the <field>_en convention of the indicators)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from monitoring import services
from monitoring.models import CorrectiveMeasure, CorrectiveStatus, Finding
from programmes.models import Measure
from tests.monitoring.evaluating import (
    MEMBERS,
    YEAR,
    approve,
    client_for,
    evaluated_programme,
    indicator,
    ready_evaluation,
    set_target,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(people):
    return people[Role.OFFICE_STAFF]


@pytest.fixture
def official(people):
    return people[Role.GOVERNMENT_OFFICIAL]


@pytest.fixture
def programme():
    programme = evaluated_programme()
    set_target(programme, MEMBERS, 10, baseline=2)
    return programme


@pytest.fixture
def draft(programme, office):
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    return services.freeze_snapshot(evaluation=evaluation, by=office)


def _url(name, *args):
    return reverse(f"monitoring:{name}", args=args)


def test_the_findings_page_saves_the_english_beside_the_spanish(draft, office):
    staff = client_for(office)
    form = staff.get(_url("evaluation_findings", draft.pk)).context["form"]
    assert f"{Measure.CLUSTER_OFFICE}_en" in form.fields
    response = staff.post(
        _url("evaluation_findings", draft.pk),
        {
            Measure.CLUSTER_OFFICE: "Los clústeres crecen.",
            f"{Measure.CLUSTER_OFFICE}_en": "The clusters grow.",
            Measure.BROKER_NETWORK: "La red funciona.",
        },
    )
    assert response.status_code == 302
    findings = {f.measure: f for f in Finding.objects.filter(evaluation=draft)}
    office_finding = findings[Measure.CLUSTER_OFFICE]
    assert (office_finding.text, office_finding.text_en) == (
        "Los clústeres crecen.",
        "The clusters grow.",
    )
    assert findings[Measure.BROKER_NETWORK].text_en == ""
    # shown again on the form, and changed on its own
    form = staff.get(_url("evaluation_findings", draft.pk)).context["form"]
    assert form[f"{Measure.CLUSTER_OFFICE}_en"].initial == "The clusters grow."
    staff.post(
        _url("evaluation_findings", draft.pk),
        {
            Measure.CLUSTER_OFFICE: "Los clústeres crecen.",
            f"{Measure.CLUSTER_OFFICE}_en": "The clusters are growing.",
        },
    )
    office_finding.refresh_from_db()
    assert office_finding.text_en == "The clusters are growing."


def test_saving_the_spanish_alone_keeps_the_english(draft, office):
    services.save_findings(
        evaluation=draft,
        texts={Measure.CLUSTER_OFFICE: "Uno"},
        texts_en={Measure.CLUSTER_OFFICE: "One"},
        by=office,
    )
    services.save_findings(evaluation=draft, texts={Measure.CLUSTER_OFFICE: "Uno y dos"}, by=office)
    finding = Finding.objects.get(evaluation=draft)
    assert (finding.text, finding.text_en) == ("Uno y dos", "One")


def test_the_localised_texts_fall_back_to_the_spanish(draft):
    finding = Finding(evaluation=draft, measure=Measure.CLUSTER_OFFICE, text="Hallazgo")
    measure = CorrectiveMeasure(
        evaluation=draft,
        indicator=indicator(MEMBERS),
        description="Captar socios",
        description_en="Recruit members",
        owner="Oficina",
        follow_up="Hecho",
        follow_up_en="Done",
        deadline=date(YEAR + 1, 6, 30),
    )
    with translation.override("en"):
        assert finding.localised_text == "Hallazgo"
        assert measure.localised_description == "Recruit members"
        assert measure.localised_owner == "Oficina"
        assert measure.localised_follow_up == "Done"
    finding.text_en = "Finding"
    with translation.override("en"):
        assert finding.localised_text == "Finding"
    with translation.override("es"):
        assert finding.localised_text == "Hallazgo"
        assert measure.localised_description == "Captar socios"
        assert measure.localised_follow_up == "Hecho"


def test_the_corrective_measure_form_saves_the_english(draft, office):
    staff = client_for(office)
    form = staff.get(_url("corrective_measure_create", draft.pk)).context["form"]
    assert {"description_en", "owner_en"} <= set(form.fields)
    assert str(form.fields["owner_en"].label) == "Owner (English)"
    response = staff.post(
        _url("corrective_measure_create", draft.pk),
        {
            "indicator": indicator(MEMBERS).pk,
            "description": "Campaña de captación de socios",
            "description_en": "Member recruitment campaign",
            "owner": "Oficina",
            "owner_en": "Office",
            "deadline": f"{YEAR + 1}-06-30",
            "status": CorrectiveStatus.PLANNED,
        },
    )
    assert response.status_code == 302
    measure = draft.corrective_measures.get()
    assert (measure.description_en, measure.owner_en) == ("Member recruitment campaign", "Office")


def test_the_snapshot_freezes_the_corrective_measures_in_both_languages(
    programme, office, official
):
    set_target(programme, MEMBERS, 10, year=YEAR - 1)
    previous = ready_evaluation(programme, office, year=YEAR - 1)
    previous.corrective_measures.update(description_en="Recruit", owner_en="The Office")
    previous = approve(previous, office, official)
    own = previous.snapshot["corrective_measures"][0]
    assert (own["description_en"], own["owner_en"], own["follow_up_en"]) == (
        "Recruit",
        "The Office",
        "",
    )

    measure = previous.corrective_measures.get()
    evaluation = services.start_evaluation(programme=programme, year=YEAR, by=office)
    services.freeze_snapshot(evaluation=evaluation, by=office)
    staff = client_for(office)
    url = _url("corrective_follow_up", evaluation.pk, measure.pk)
    assert "follow_up_en" in staff.get(url).context["form"].fields
    response = staff.post(
        url,
        {
            "status": CorrectiveStatus.DONE,
            "follow_up": "Campaña hecha",
            "follow_up_en": "Campaign carried out",
        },
    )
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.follow_up, measure.follow_up_en) == ("Campaña hecha", "Campaign carried out")
    evaluation.refresh_from_db()
    [row] = evaluation.snapshot["corrective_follow_up"]
    assert (row["description"], row["description_en"]) == (measure.description, "Recruit")
    assert (row["owner_en"], row["follow_up_en"]) == ("The Office", "Campaign carried out")
    assert staff.get(url).context["form"]["follow_up_en"].initial == "Campaign carried out"
