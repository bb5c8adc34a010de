"""Item pipelines: extract -> validate -> store, one job each (order in govcrawl/settings/base.py)."""


class CrawlerPipeline:
    """Keeps the crawler: the spider (and its per-portal state and database) is crawler.spider."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
