"""A portal behind a 加速乐-style cookie page: every request gets 521 and a script that sets
__jsl_clearance and reloads. Without running it (and the second round it triggers) nothing else is served."""
from . import Response

_BODY = (b"<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')"
         b"+('e')+('_')+('s')+('=')+(-~[]+'')+((1<<1)+'')+'71'+'4'+'.'+'36'+'|'+'-1'+'|'+'0'+'%'+'2'+'B'+'8'+'q'"
         b"+';max-age=3600;path=/';location.href=location.pathname+location.search</script>")


def handle(req):
    return Response(521, _BODY, "text/html", headers=[
        ("Set-Cookie", "__jsluid_h=9f1e63c0d3a62f0b5bde7f2c3b0b0f3e; max-age=31536000; path=/; HttpOnly")],
        rewrite=False)
