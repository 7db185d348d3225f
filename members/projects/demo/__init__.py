"""Demo follow-up of the demo projects: a co-funded project with lines in every
state, milestones and indicators, a discontinued project and two evaluations."""

from members.projects.demo import evaluations, funding, milestones


def load() -> None:
    funding.load()
    milestones.load()
    evaluations.load()
