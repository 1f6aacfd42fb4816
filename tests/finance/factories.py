import factory

from gits.finance.models import Budget, BudgetLine, Financier, FinancierSide


class FinancierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Financier
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Finansiär {n}")
    side = FinancierSide.OTHER


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget
        django_get_or_create = ("year",)

    year = 2026
    deadline = factory.LazyAttribute(lambda b: __import__("datetime").date(b.year - 1, 9, 1))


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    budget = factory.SubFactory(BudgetFactory)
    name = factory.Sequence(lambda n: f"Rad {n}")


def sample_org_number(serial: int) -> str:
    """Test data only: a Luhn-valid organisation number 212000-90xx..99xx, numbered in
    order, never taken as any real municipality's number (the demo holds none of these)."""
    from gits.finance.payments import luhn_digit

    base = f"2120009{serial:02d}"  # nine digits; the tenth is the check digit
    return f"{base[:6]}-{base[6:]}{luhn_digit(base)}"


def give_org_numbers(organisations) -> list:
    """Give every organisation without an organisation number a test one (sample_org_number),
    so e-invoices to all of them can be built; the numbers the data set holds stay."""
    from gits.organisations.models import Organisation

    serial = 0
    for org in organisations:
        if not org.org_number:
            org.org_number = sample_org_number(serial)
            Organisation.objects.filter(pk=org.pk).update(org_number=org.org_number)
            serial += 1
    return list(organisations)
