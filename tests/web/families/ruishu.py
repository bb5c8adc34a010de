"""A portal behind a 瑞数-style challenge: every request gets 412, a $_ts script and an …80S cookie."""
from . import Response

_BODY = (b'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
         b'<meta id="9DhefwqGPrzGxEp9hPaoag" content="QSz2b.bTqsyyqqJnE4Fw_NRkb3Y5wpOeNvcbVkKbR3pUFwL..."><script>'
         b'$_ts=window[\'$_ts\'];if(!$_ts)$_ts={};$_ts.nsd=70394;$_ts.cd="qRcarrAlDGqmcGAqqqqqqqqqqqqqqqqq";'
         b'</script><script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.dfe1675.js" r="m">'
         b'</script></head><body></body></html>')


def handle(req):
    return Response(412, _BODY, "text/html", headers=[
        ("Set-Cookie", "FSSBBIl1UgzbN7N80S=yKRCMJ0y1fKhm8nC7yWk1jTzuqZm9yBA3oHZ4n5Gq3Jc3x1TuNnYHq9vBEjE2S3c; Path=/; expires=Sun, 17 Nov 2036 12:00:00 GMT; HttpOnly")],
        rewrite=False)
