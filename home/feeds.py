"""Atom feed of a news index: the latest articles of that language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, *, index_page):
        super().__init__()
        self.index_page = index_page
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index_page.title

    def subtitle(self):
        return self.index_page.intro

    def link(self):
        return self.index_page.get_url(self.request)

    def feed_url(self):
        return self.index_page.get_url(self.request) + self.index_page.reverse_subpage(
            "feed"
        )

    def items(self):
        return self.index_page.articles()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"urn:bid:news:{item.translation_key}:{item.locale.language_code}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.published_on, time(8, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)
