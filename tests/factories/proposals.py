import factory

from members.proposals.models import Proposal


class ProposalFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Förslag {n}")
    summary = "En kort sammanfattning."
    description = "Första stycket.\n\n- en punkt\n- en till"
    estimated_cost_minor = 100_000_00
    requested_funding_minor = 50_000_00
    status = Proposal.Status.DRAFT

    class Meta:
        model = Proposal
