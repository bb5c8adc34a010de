"""Redirect-only pages (meta refresh, one-line scripts) and the redirect middleware's refusals."""
from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from govcrawl.discovery.redirects import page_redirect
from govcrawl.runtime.redirects import GuardedRedirectMiddleware, PageRedirectMiddleware, RedirectRefused

BASE = "http://127.0.0.5/xxgk/"


@pytest.mark.parametrize("html, target", [
    ('<html><head><meta http-equiv="refresh" content="0;url=/xxgk/index.html"></head></html>',
     "http://127.0.0.5/xxgk/index.html"),
    ("<meta content='0; URL=list.shtml' http-equiv='Refresh'>", "http://127.0.0.5/xxgk/list.shtml"),
    ('<html><body><script>window.location.href="http://127.0.0.5/new/";</script>正在跳转...</body></html>',
     "http://127.0.0.5/new/"),
    ("<script type='text/javascript'>location.replace('../gk/')</script>", "http://127.0.0.5/gk/"),
    ("<script>top.location = 'index.htm';</script>", "http://127.0.0.5/xxgk/index.htm"),
])
def test_redirect_only_pages(html, target):
    assert page_redirect(html, BASE) == target


@pytest.mark.parametrize("html", [
    # a real page with a menu script: not a redirect
    "<html><body>" + "<p>二〇二三年政府信息公开工作年度报告正文内容</p>" * 40
    + "<script>function go(){window.location.href='/search';}</script></body></html>",
    # refresh after five minutes: a page that reloads itself, not a redirect
    '<meta http-equiv="refresh" content="300;url=/">',
    '<script>location.href="javascript:void(0)";</script>',
    "<html><body>no redirect at all</body></html>",
])
def test_real_pages_are_not_redirects(html):
    assert page_redirect(html, BASE) is None


class _Crawler:
    spider = None
    settings = Settings({"REDIRECT_MAX_TIMES": 3, "REDIRECT_ENABLED": True})

    class signals:
        @staticmethod
        def connect(*a, **k):
            pass


def _mw(cls):
    mw = cls(_Crawler.settings)
    mw.crawler = _Crawler
    return mw


def _hop(mw, request, status, location):
    response = HtmlResponse(request.url, status=status, headers={"Location": location}, body=b"", request=request)
    return mw.process_response(request, response)


def test_loop_is_refused_as_a_loop():
    mw = _mw(GuardedRedirectMiddleware)
    first = Request("http://127.0.0.5/a")
    second = _hop(mw, first, 302, "/b")
    assert second.url == "http://127.0.0.5/b"
    with pytest.raises(RedirectRefused, match="^redirect_loop: "):
        _hop(mw, second, 301, "/a")


def test_hop_limit_has_its_own_name():
    mw = _mw(GuardedRedirectMiddleware)
    req = Request("http://127.0.0.5/0")
    for i in range(1, 4):
        req = _hop(mw, req, 302, f"/{i}")
    with pytest.raises(RedirectRefused, match="^redirect_limit: "):
        _hop(mw, req, 302, "/4")


def test_meta_refresh_follows_and_keeps_the_chain():
    mw = _mw(PageRedirectMiddleware)
    req = Request("http://127.0.0.5/")
    resp = HtmlResponse(req.url, body=b'<meta http-equiv="refresh" content="0;url=/index.html">', request=req)
    nxt = mw.process_response(req, resp)
    assert nxt.url == "http://127.0.0.5/index.html"
    assert nxt.meta["redirect_urls"] == ["http://127.0.0.5/"] and nxt.meta["redirect_reasons"] == ["meta refresh"]
    # the same page refreshing to itself is a loop, not an endless crawl
    selfref = HtmlResponse(req.url, body=b'<meta http-equiv="refresh" content="0;url=/">', request=req)
    with pytest.raises(RedirectRefused, match="^redirect_loop: "):
        mw.process_response(req, selfref)
