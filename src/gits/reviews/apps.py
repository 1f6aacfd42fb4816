from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from gits.core.appconfig import DomainConfig
from gits.core.navigation import NavItem

VIEW = "reviews.review:view"
CHANGE = "reviews.review:change"

# The parts of a review, each added, changed and removed on the review's page.
PARTS = {
    "milestone": ("reviews.milestone", _("Tidplanspunkt")),
    "deliverable": ("reviews.deliverable", _("Leverans")),
    "stakeholder": ("reviews.reviewstakeholder", _("Intressent")),
    "alternative": ("reviews.reviewalternative", _("Alternativ")),
}


def _label_now(text: object, label: object) -> str:
    return str(text) % {"p": label}


# The action's label in the reader's language: formatted when shown, not once at start.
_labelled = lazy(_label_now, str)


def _part_actions(kind: str, label: object) -> dict[str, str]:
    return {
        f"reviews.{kind}.added": _labelled(_("%(p)s tillagd"), label),
        f"reviews.{kind}.changed": _labelled(_("%(p)s ändrad"), label),
        f"reviews.{kind}.removed": _labelled(_("%(p)s borttagen"), label),
    }


class ReviewsConfig(DomainConfig):
    name = "gits.reviews"
    verbose_name = _("Översyner")

    rights = {
        VIEW: _("se översyner"),
        CHANGE: _("upprätta, ändra och avsluta översyner"),
    }
    grants = {
        "function_lead": {VIEW, CHANGE},
        "sitiv_member": {VIEW, CHANGE},
        "function_coordinator": {VIEW},
        "municipal_contact": {VIEW},
    }
    nav_items = [NavItem(_("Översyner"), "reviews:list", 65, right=VIEW)]
    actions = {
        "reviews.review": {
            "reviews.review.created": _("Översyn upprättad"),
            "reviews.review.changed": _("Översyn ändrad"),
            "reviews.review.closed": _("Översyn avslutad"),
        },
    }

    def ready(self) -> None:
        # The parts' labels are made from their names once translations are set up.
        self.actions = {
            **self.actions,
            **{model: _part_actions(kind, label) for kind, (model, label) in PARTS.items()},
        }
        super().ready()
        from gits.core import navigation
        from gits.reviews import notice

        navigation.register_home_panel(
            navigation.HomePanel("reviews/_home_notices.html", notice.home_panel)
        )
        navigation.register_page_panel(
            "meeting", navigation.PagePanel("reviews/_meeting_notices.html", notice.meeting_panel)
        )
