"""Keeping the index current: a saved, published, unpublished or deleted object
is re-indexed after the transaction commits, in the background (django-tasks),
once per object however many of its parts changed."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from wagtail.signals import page_published, page_unpublished

from search import registry
from search.backends import get_search_backend

logger = logging.getLogger("search")
# Set while a bulk load writes what a rebuild will index afterwards.
_paused: ContextVar[bool] = ContextVar("search_indexing_paused", default=False)


@contextmanager
def paused():
    """No object is queued for indexing inside this block (nor by the
    after-commit callbacks of its transactions): for a bulk load followed by
    `rebuild()`, which indexes everything once instead of object by object."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def documents_of(source, obj) -> list:
    try:
        return source.documents(obj)
    except Exception:
        logger.exception("Could not build the search documents of %s", obj)
        raise


@task()
def index_object(*, label: str, pk: int) -> int:
    """Make the index hold exactly the object's current documents (none when it
    is gone, unpublished or no longer searchable)."""
    source = registry.source(label)
    if source is None:
        return 0
    obj = source.get(pk)
    documents = documents_of(source, obj) if obj is not None else []
    get_search_backend().replace_group(source.group(pk), documents)
    return len(documents)


class _Enqueue:
    """The after-commit callback; it carries its key so a transaction queues
    each object once (a rolled-back transaction drops it with the rest)."""

    def __init__(self, label: str, pk):
        self.key = (label, pk)
        self.done = False

    def __call__(self):
        self.done = True
        label, pk = self.key
        try:
            index_object.enqueue(label=label, pk=pk)
        except Exception:
            logger.exception("Could not queue search indexing of %s:%s", label, pk)


def schedule(label: str, pk) -> None:
    """Re-index after commit; several saves of one object in a transaction
    enqueue it once."""
    if pk is None or _paused.get():
        return
    callback = _Enqueue(label, pk)
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        getattr(pending, "key", None) == callback.key and not pending.done
        for _sids, pending, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(callback)


def schedule_object(obj) -> None:
    """Re-index the object, or the object a part of it belongs to."""
    source = registry.source_for_model(type(obj))
    if source is not None:
        schedule(source.label, obj.pk)
        return
    for owner, attribute in registry.owners_of(type(obj)):
        schedule(owner.label, getattr(obj, f"{attribute}_id", None))


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_object(instance)


def _deleted(sender, instance, **kwargs):
    schedule_object(instance)


def connect() -> None:
    """Listen to every model: signals name the concrete class (a NewsPage, not
    Page), and the registry decides in a dictionary lookup what is indexed."""
    post_save.connect(_saved, dispatch_uid="search-save")
    post_delete.connect(_deleted, dispatch_uid="search-delete")
    page_published.connect(_saved, dispatch_uid="search-page-published")
    page_unpublished.connect(_saved, dispatch_uid="search-page-unpublished")


def all_documents(*, labels=None):
    """Every document of every (or the named) source, for a rebuild."""
    for source in registry.sources():
        if labels and source.label not in labels:
            continue
        for obj in source.queryset().iterator(chunk_size=200):
            yield from documents_of(source, obj)


def rebuild(*, progress=None) -> int:
    return get_search_backend().rebuild(all_documents(), progress=progress)
