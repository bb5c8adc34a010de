"""A portal behind a WZWS (网站卫士) challenge: every request is redirected (302) to /WZWSREL<base64 path>
?wzwschallenge=… with a wzws_cid cookie; that URL answers 200 with a script that must compute
wzwschallengex and post it back. A crawler that follows redirects and keeps cookies still only ever sees
the challenge page: no content without running the script."""
import base64
import hashlib

from . import Response

_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<meta http-equiv="Pragma" content="no-cache"><title></title></head><body><script type="text/javascript">
var wzwsquestion="{q}";var wzwsfactor="7157";var wzwsmethod="post";var wzwsparams="";
function wzwschallenge(){{var str=wzwsquestion+wzwsfactor;var tmp=0;for(var i=0;i<str.length;i++){{tmp+=str.charCodeAt(i);}}
tmp*=Number(wzwsfactor);tmp+=111111;return "WZWS_CONFIRM_PREFIX_LABEL"+tmp;}}
function HTMLEncode(t){{var d=document.createElement("div");d.textContent=t;return d.innerHTML;}}
var challenge=wzwschallenge();var form=document.createElement("form");form.method=wzwsmethod;
form.action="{action}";var i=document.createElement("input");i.type="hidden";i.name="wzwschallengex";
i.value=btoa(challenge);form.appendChild(i);document.body.appendChild(form);form.submit();
</script></body></html>"""


def _cid(req):
    return hashlib.md5(f"{req.host}{req.headers.get('User-Agent', '')}".encode()).hexdigest()[:32]


def handle(req):
    cookie = ("Set-Cookie", f"wzws_cid={_cid(req)}; path=/; HttpOnly")
    if req.path.startswith("/WZWSREL"):
        q = hashlib.md5(req.path.encode()).hexdigest()[:10].upper()
        body = _PAGE.format(q=q, action=req.path + ("?" + req.query if req.query else ""))
        return Response(200, body.encode("utf-8"), "text/html", headers=[cookie], rewrite=False)
    target = base64.b64encode((req.path + ("?" + req.query if req.query else "")).encode()).decode()
    token = base64.b64encode(b"WZWS_CONFIRM_PREFIX_LABEL" + hashlib.md5(target.encode()).hexdigest()[:6].encode()).decode()
    return Response(302, b"", "text/html", rewrite=False,
                    headers=[cookie, ("Location", f"http://{req.host}/WZWSREL{target}?wzwschallenge={token}")])
