"""The address and host rules that keep a crawl on its portal and off private networks."""
import ipaddress

import pytest

from govcrawl.netguard import host_allowed, is_private
from govcrawl.registry import PortalsFileError, parse_portals


@pytest.mark.parametrize("ip,private", [
    ("127.0.0.1", True), ("127.3.4.5", True), ("10.1.2.3", True), ("192.168.10.5", True), ("172.20.0.1", True),
    ("169.254.1.1", True), ("::1", True), ("fe80::1", True), ("0.0.0.0", True),
    ("59.110.1.1", False), ("2400:3200::1", False),
])
def test_private_addresses(ip, private):
    assert is_private(ipaddress.ip_address(ip)) is private


def test_hosts_of_a_portal():
    hosts = frozenset({"www.laixi.gov.cn"})
    assert host_allowed("www.laixi.gov.cn", hosts)
    assert host_allowed("jyj.laixi.gov.cn", hosts)            # a department sub-site
    assert not host_allowed("www.laixi.gov.cn.spam.com", hosts)
    assert not host_allowed("laixi.gov.cn.evil.cn", hosts)
    assert not host_allowed("192.168.10.5", hosts)
    loop = frozenset({"127.0.0.3:4000", "127.0.0.4:4000"})
    assert host_allowed("127.0.0.4:4000", loop)
    assert not host_allowed("127.0.0.5:4000", loop)            # IPs have no sub-hosts


def test_portals_file_errors():
    with pytest.raises(PortalsFileError, match="lacks column"):
        parse_portals(b"code,name\n1,2\n")
    with pytest.raises(PortalsFileError, match="not an http"):
        parse_portals(b"code,name,url\n370285,x,ftp://a/\n")
    gbk = "code,name,url,level\n370285,莱西市人民政府,http://www.laixi.gov.cn/,county\n".encode("gbk")
    (p,) = parse_portals(gbk)
    assert p.name == "莱西市人民政府" and p.level == "county" and p.host == "www.laixi.gov.cn"
