"""A review (översyn) of the collaboration (seed 004, seed 000; DOMAIN section 8): its
assignment and the decision that gave it, the timeline and deliverables, the stakeholders and
their information needs, the costed alternatives (wind up, continue, widen: from a scenario)
and the decision that closes it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gits.core.models import VersionedModel


def _decision(label, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=label,
    )


class Review(VersionedModel):
    class State(models.TextChoices):
        OPEN = "open", _("Pågår")
        CLOSED = "closed", _("Avslutad")

    title = models.CharField(_("rubrik"), max_length=200, unique=True)
    purpose = models.TextField(_("syfte"), blank=True, default="")
    assignment = models.TextField(_("uppdrag"), blank=True, default="")
    assignment_decision = _decision(_("beslut om uppdraget"), "reviews_given")
    client = models.CharField(_("uppdragsgivare"), max_length=200, blank=True, default="")
    led_by = models.CharField(_("leds av"), max_length=300, blank=True, default="")
    start_date = models.DateField(_("påbörjas"), null=True, blank=True)
    due_date = models.DateField(_("slutleverans senast"), null=True, blank=True)
    scenario = models.ForeignKey(
        "finance.Scenario",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("scenario med alternativens kostnader"),
    )
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.OPEN)
    closing_decision = _decision(_("beslut som avslutade översynen"), "reviews_closed")
    closed_on = models.DateField(_("avslutad den"), null=True, blank=True)
    chosen_alternative = models.ForeignKey(
        "ReviewAlternative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("valt alternativ"),
    )
    outcome = models.TextField(_("utfall"), blank=True, default="")

    class Meta:
        verbose_name = _("översyn")
        verbose_name_plural = _("översyner")
        ordering = ["-start_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class ReviewItem(models.Model):
    """What every part of a review shares: the order it is shown in."""

    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        ordering = ["review", "position", "pk"]


class Milestone(ReviewItem):
    """A step of the timeline (seed 004 "Tidplan": Q2 Beslut om UH i SITIV, ...)."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("översyn")
    )
    period = models.CharField(_("tidpunkt"), max_length=100)
    activity = models.CharField(_("aktivitet"), max_length=300)
    due_date = models.DateField(_("senast"), null=True, blank=True)
    done_on = models.DateField(_("klart den"), null=True, blank=True)

    class Meta(ReviewItem.Meta):
        verbose_name = _("tidplanspunkt")
        verbose_name_plural = _("tidplan")

    def __str__(self) -> str:
        return f"{self.period}: {self.activity}"


class Deliverable(ReviewItem):
    """What the review delivers (seed 004: I. kunskapsunderlag, II. beslutsunderlag)."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("översyn")
    )
    name = models.CharField(_("leverans"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True, default="")
    due_date = models.DateField(_("senast"), null=True, blank=True)
    delivered_on = models.DateField(_("levererad den"), null=True, blank=True)

    class Meta(ReviewItem.Meta):
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")

    def __str__(self) -> str:
        return self.name


class ReviewStakeholder(ReviewItem):
    """A stakeholder and its information needs (seed 004 "Intressenter och kommunikation")."""

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="stakeholders", verbose_name=_("översyn")
    )
    name = models.CharField(_("intressent"), max_length=200)
    information_needs = models.TextField(_("informationsbehov"), blank=True, default="")
    channel = models.CharField(_("kanal"), max_length=200, blank=True, default="")

    class Meta(ReviewItem.Meta):
        verbose_name = _("intressent")
        verbose_name_plural = _("intressenter")

    def __str__(self) -> str:
        return self.name


class ReviewAlternative(ReviewItem):
    """An alternative the review weighs (seed 004: a) wind up, b) continue, c) widen), with
    its cost per party from a scenario's alternative."""

    class Kind(models.TextChoices):
        WIND_UP = "wind_up", _("Avveckla")
        CONTINUE = "continue", _("Fortsätta med bibehållen omfattning")
        WIDEN = "widen", _("Utöka uppdraget")
        OTHER = "other", _("Annat alternativ")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="alternatives", verbose_name=_("översyn")
    )
    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("alternativ"), max_length=200)
    consequences = models.TextField(_("konsekvenser och möjligheter"), blank=True, default="")
    scenario_alternative = models.ForeignKey(
        "finance.ScenarioAlternative",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kostnad enligt scenariot"),
    )

    class Meta(ReviewItem.Meta):
        verbose_name = _("alternativ")
        verbose_name_plural = _("alternativ")
        constraints = [
            models.UniqueConstraint(fields=["review", "name"], name="review_alternative_unique")
        ]

    def __str__(self) -> str:
        return self.name
