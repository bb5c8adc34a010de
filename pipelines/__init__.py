"""Item pipelines: extract -> validate -> store, one job each (order in govcrawl/settings/base.py)."""


class CrawlerPipeline:
    """Keeps the crawler: the crawl's state and database are CrawlContext.of(crawler) (govcrawl/runtime/context.py)."""

    def __init__(self, crawler=None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
