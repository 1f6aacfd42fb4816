import datetime as dt

import factory
from django.contrib.auth import get_user_model

from gits.bodies.models import Body, Membership, Person
from gits.organisations.models import Organisation, Side

PASSWORD = "test-lösenord-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FederationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Förbund {n}")
    kind = Organisation.Kind.FEDERATION


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Kommun {n}")
    kind = Organisation.Kind.MUNICIPALITY
    scb_code = factory.Sequence(lambda n: f"{9000 + n:04d}")
    federation = factory.SubFactory(FederationFactory)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Region {n}")
    kind = Organisation.Kind.REGION


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Förnamn{n}")
    last_name = factory.Sequence(lambda n: f"Efternamn{n}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Styrgrupp {n}")
    short_name = factory.Sequence(lambda n: f"SG{n}")
    kind = Body.Kind.STEERING_GROUP
    seats_region = 5
    seats_municipalities = 5


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    side = Side.REGION
    role = Membership.Role.MEMBER
    start_date = dt.date(2025, 1, 1)
