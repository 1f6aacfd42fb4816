"""A review (översyn) of the collaboration (seed 004, seed 000; DOMAIN section 8): its
assignment and the decision that gave it, the timeline and deliverables, the stakeholders and
their information needs, the costed alternatives (wind up, continue, widen: from a scenario)
and the decision that closes it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.fields import (
    decision_fk,
    optional_date,
    optional_text,
    parent_fk,
    protected_fk,
    state_field,
)
from gits.core.models import Named, VersionedModel, unique


class Review(Named, VersionedModel):
    class State(models.TextChoices):
        OPEN = "open", _("Pågår")
        CLOSED = "closed", _("Avslutad")

    title = models.CharField(_("rubrik"), max_length=200, unique=True)
    purpose = optional_text(_("syfte"))
    assignment = optional_text(_("uppdrag"))
    assignment_decision = decision_fk(
        _("beslut om uppdraget"), optional=True, related_name="reviews_given"
    )
    client = optional_text(_("uppdragsgivare"), 200)
    led_by = optional_text(_("leds av"), 300)
    start_date = optional_date(_("påbörjas"))
    due_date = optional_date(_("slutleverans senast"))
    scenario = protected_fk(
        "finance.Scenario",
        _("scenario med alternativens kostnader"),
        optional=True,
        related_name="reviews",
    )
    state = state_field(State, max_length=10)
    closing_decision = decision_fk(
        _("beslut som avslutade översynen"), optional=True, related_name="reviews_closed"
    )
    closed_on = optional_date(_("avslutad den"))
    chosen_alternative = protected_fk("ReviewAlternative", _("valt alternativ"), optional=True)
    outcome = optional_text(_("utfall"))

    NAME_FIELD = "title"

    class Meta:
        verbose_name = _("översyn")
        verbose_name_plural = _("översyner")
        ordering = ["-start_date", "-pk"]

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class ReviewItem(Named, VersionedModel):
    """What every part of a review shares: the order it is shown in, its name (a part
    without a `name` field says what it is called instead) and its version, so that two
    people editing one part cannot overwrite each other."""

    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    name: str  # a field of each part that has a name

    class Meta:
        abstract = True
        ordering = ["review", "position", "pk"]


class Milestone(ReviewItem):
    """A step of the timeline (seed 004 "Tidplan": Q2 Beslut om UH i SITIV, ...)."""

    review = parent_fk(Review, _("översyn"), related_name="milestones")
    period = models.CharField(_("tidpunkt"), max_length=100)
    activity = models.CharField(_("aktivitet"), max_length=300)
    due_date = optional_date(_("senast"))
    done_on = optional_date(_("klart den"))

    class Meta(ReviewItem.Meta):
        verbose_name = _("tidplanspunkt")
        verbose_name_plural = _("tidplan")

    def __str__(self) -> str:
        return f"{self.period}: {self.activity}"


class Deliverable(ReviewItem):
    """What the review delivers (seed 004: I. kunskapsunderlag, II. beslutsunderlag)."""

    review = parent_fk(Review, _("översyn"), related_name="deliverables")
    name = models.CharField(_("leverans"), max_length=200)
    description = optional_text(_("beskrivning"))
    due_date = optional_date(_("senast"))
    delivered_on = optional_date(_("levererad den"))

    class Meta(ReviewItem.Meta):
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")


class ReviewStakeholder(ReviewItem):
    """A stakeholder and its information needs (seed 004 "Intressenter och kommunikation")."""

    review = parent_fk(Review, _("översyn"), related_name="stakeholders")
    name = models.CharField(_("intressent"), max_length=200)
    information_needs = optional_text(_("informationsbehov"))
    channel = optional_text(_("kanal"), 200)

    class Meta(ReviewItem.Meta):
        verbose_name = _("intressent")
        verbose_name_plural = _("intressenter")


class ReviewAlternative(ReviewItem):
    """An alternative the review weighs (seed 004: a) wind up, b) continue, c) widen), with
    its cost per party from a scenario's alternative."""

    class Kind(models.TextChoices):
        WIND_UP = "wind_up", _("Avveckla")
        CONTINUE = "continue", _("Fortsätta med bibehållen omfattning")
        WIDEN = "widen", _("Utöka uppdraget")
        OTHER = "other", _("Annat alternativ")

    review = parent_fk(Review, _("översyn"), related_name="alternatives")
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("alternativ"), max_length=200)
    consequences = optional_text(_("konsekvenser och möjligheter"))
    scenario_alternative = protected_fk(
        "finance.ScenarioAlternative", _("kostnad enligt scenariot"), optional=True
    )

    class Meta(ReviewItem.Meta):
        verbose_name = _("alternativ")
        verbose_name_plural = _("alternativ")
        constraints = [unique("review", "name", name="review_alternative_unique")]
