<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>政府信息公开年度报告-嵊泗县人民政府网</title></head>
<body><table width="1000" align="center"><tr><td><a href="/">首页</a> | <a href="/xxgk/index.htm">政府信息公开</a> | <a href="http://192.168.1.20:8080/oa/">OA系统</a></td></tr></table>
<table class="list"><!--gc-item href="http://www.shengsi.gov.cn/info/1005/1918.htm"--><tr><td><a href="/info/1005/1918.htm" target="_blank">嵊泗县人民政府2023年政府信息公开工作年度报告</a></td><td>2024-03-15</td></tr><!--/gc-item-->
<!--gc-item href="http://www.shengsi.gov.cn/info/1005/1912.htm"--><tr><td><a href="/info/1005/1912.htm" target="_blank">嵊泗县财政局2023年政府信息公开工作年度报告</a></td><td>2024-02-02</td></tr><!--/gc-item-->
<!--gc-item href="http://www.shengsi.gov.cn/info/1005/1920.htm"--><tr><td><a href="/info/1005/1920.htm" target="_blank">关于做好2023年度政府信息公开工作年度报告编制发布工作的通知</a></td><td>2024-01-08</td></tr><!--/gc-item-->
<!--gc-item href="http://www.shengsi.gov.cn/info/1005/1880.htm"--><tr><td><a href="/info/1005/1880.htm" target="_blank">2023年嵊泗县政务公开工作要点</a></td><td>2023-04-11</td></tr><!--/gc-item-->
</table><div class="pages">共11条 &nbsp; 第1/3页 <a href="list.jsp?page=2">下一页</a> <a href="list.jsp?page=3">尾页</a></div>
<div class="bottom">嵊泗县人民政府办公室主办 &nbsp; 网站标识码：3309220004 &nbsp; 浙ICP备05010361号<br>
<a href="http://www.ssbet888.com/">嵊泗信息港</a></div></body></html>