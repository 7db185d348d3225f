"""Build the search index.

manage.py search_index rebuild   # replace the whole index (Elasticsearch:
                                 # a new index swapped in behind its alias)
manage.py search_index update    # re-index every object in place
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search import indexing, registry
from search.backends import get_search_backend


class Command(BaseCommand):
    help = "Rebuild or update the search index, with a progress bar."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "update"])
        parser.add_argument(
            "--quiet", action="store_true", help="No progress bar (for cron)."
        )

    def handle(self, *args, action, quiet=False, **options):
        backend = get_search_backend()
        total = sum(source.queryset().count() for source in registry.sources())
        with tqdm(
            total=total if action == "update" else None,
            unit=" objects" if action == "update" else " documents",
            disable=quiet,
            file=self.stderr,
        ) as bar:
            if action == "rebuild":
                count = backend.rebuild(indexing.all_documents(), progress=bar.update)
            else:
                count = 0
                for source in registry.sources():
                    for obj in source.queryset().iterator(chunk_size=200):
                        documents = indexing.documents_of(source, obj)
                        backend.replace_group(source.group(obj.pk), documents)
                        count += len(documents)
                        bar.update(1)
        self.stdout.write(
            self.style.SUCCESS(
                f"{action}: {count} documents in the {backend.name} index"
            )
        )
