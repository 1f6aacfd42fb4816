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
