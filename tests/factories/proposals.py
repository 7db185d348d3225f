import factory

from members.proposals.models import Proposal
from tests.factories.areas import named_area


class ProposalFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Förslag {n}")
    summary = "En kort sammanfattning."
    description = "Första stycket.\n\n- en punkt\n- en till"
    estimated_cost_minor = 100_000_00
    requested_funding_minor = 50_000_00
    status = Proposal.Status.DRAFT

    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        """`areas=[…]`: areas, or names of areas (made if there are none)."""
        if create and extracted:
            self.areas.set(
                [named_area(a) if isinstance(a, str) else a for a in extracted]
            )
