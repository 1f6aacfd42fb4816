"""The one rule for personal data (issue 12), the same on web pages, the API, exports and
calendar feeds: contact details of people (e-mail, phone, user account) and the names of
people in roles that are not public are shown to signed-in users only.

Public are the roles DOMAIN.md and the seeds make public: the members of the bodies and their
chairs (R-4, R-5), the signatories of signed minutes and the decisions (R-14, R-17) and the
coordinators of the objects. Their names may be shown to anyone; their contact details may not.
Not public are the named contact persons of the parties (support contacts per object, seed 002,
and the contact persons of an agreement) and who signed an agreement for a party.

Pages get `show_contact_details` from the context processor (`gits.core.context_processors`);
views, API schemas and exports ask `show_contact_details(user)`; `without_contact_details`
blanks the contact fields of a serialised person for everybody else.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any, TypeVar

D = TypeVar("D", bound=MutableMapping[str, Any])
CONTACT_FIELDS = ("email", "phone", "user_id")


def show_contact_details(user: Any) -> bool:
    """Whether `user` (a request's user or API caller; None or anonymous for the public) may
    see people's contact details and the names of people in non-public roles."""
    return bool(getattr(user, "is_authenticated", False))


def without_contact_details(data: D, user: Any, fields: tuple[str, ...] = CONTACT_FIELDS) -> D:
    """`data` (a serialised person or contact) with its contact fields set to None unless
    `user` may see them."""
    if not show_contact_details(user):
        for name in fields:
            if name in data:
                data[name] = None
    return data
