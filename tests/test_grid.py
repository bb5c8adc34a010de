import lxml.html

from govcrawl.extract.grid import MAX_COLSPAN, grids_from_html, html_table_to_grid


def table(html: str):
    return lxml.html.fromstring(html) if html.startswith("<table") else lxml.html.fromstring(f"<table>{html}</table>")


def test_rowspan_and_colspan_repeat_text():
    grid = html_table_to_grid(table(
        "<tr><td rowspan=2 colspan=2>申请人情况</td><td colspan=2>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业<br>企业</td><td>其他</td></tr>"
        "<tr><td>三、本年度办理结果</td><td>(一)予以公开</td><td>1</td><td></td><td>1</td></tr>"))
    assert grid == [
        ["申请人情况", "申请人情况", "法人或其他组织", "法人或其他组织", "总计"],
        ["申请人情况", "申请人情况", "商业\n企业", "其他", "总计"],
        ["三、本年度办理结果", "(一)予以公开", "1", "", "1"],
    ]


def test_malformed_and_huge_spans_are_bounded():
    grid = html_table_to_grid(table(
        "<tr><td rowspan=9999>A</td><td colspan='2x'>B</td><td colspan=0>C</td></tr>"
        "<tr><td rowspan=-1>D</td><td colspan=100000>E</td></tr>"))
    assert len(grid) == 2                                  # rowspan stops at the last row
    assert grid[0][:4] == ["A", "B", "B", "C"]
    assert grid[1][0] == "A" and grid[1][1] == "D"
    assert all(len(row) == len(grid[0]) for row in grid)
    assert len(grid[0]) <= MAX_COLSPAN + 2


def test_rowspan_zero_runs_to_the_end_and_short_rows_are_padded_with_unreadable():
    grid = html_table_to_grid(table(
        "<tr><td rowspan=0>A</td><td>1</td><td>2</td></tr><tr><td>3</td></tr><tr><td>4</td><td>5</td></tr>"))
    # the short row printed no third cell: None (unreadable), not a blank that would read as 0
    assert grid == [["A", "1", "2"], ["A", "3", None], ["A", "4", "5"]]


def test_trailing_colspan_covers_the_row():
    grid = html_table_to_grid(table(
        "<tr><td>x</td><td>a</td><td>b</td><td>c</td></tr><tr><td>y</td><td colspan=3>7</td></tr>"
        "<tr><td>z</td><td></td><td></td><td></td></tr>"))
    assert grid[1] == ["y", "7", "7", "7"]
    assert grid[2] == ["z", "", "", ""]      # printed blank cells stay blanks


def test_gap_before_a_rowspan_is_unreadable():
    grid = html_table_to_grid(table(
        "<tr><td>a</td><td>b</td><td rowspan=2>c</td></tr><tr><td>d</td></tr>"))
    assert grid == [["a", "b", "c"], ["d", None, "c"]]


def test_whitespace_and_blocks_inside_cells():
    grid = html_table_to_grid(table(
        "<tr><td><p>本年新</p><p>制作数量</p></td><td>  <span>15</span>&nbsp;</td><td>a   b\n c</td></tr>"))
    assert grid == [["本年新\n制作数量", "15", "a b c"]]


def test_thead_tbody_and_empty_rows():
    grid = html_table_to_grid(table(
        "<thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td></td><td></td></tr><tr><td>1</td><td>2</td></tr>"
        "</tbody>"))
    assert grid == [["x", "y"], ["1", "2"]]


def test_nested_tables_are_grids_of_their_own():
    root = lxml.html.fromstring(
        "<div><table><tr><td>外层<table><tr><td>规章</td><td>0</td></tr></table>尾</td><td>右</td></tr></table>"
        "<table><tr><td>second</td></tr></table></div>")
    grids = grids_from_html(root)
    assert grids == [[["外层尾", "右"]], [["规章", "0"]], [["second"]]]


def test_div_drawn_table_is_read_as_a_grid_and_short_rows_are_unreadable():
    root = lxml.html.fromstring(
        '<div><p>正文</p><div class="tb">'
        '<div class="tr"><div class="td">信息内容</div><div class="td">本年制发件数</div><div class="td">本年废止件数</div>'
        '<div class="td">现行有效件数</div></div>'
        '<div class="tr"><div class="td"><p><span>规章</span></p></div><div class="td">1</div><div class="td"></div>'
        '<div class="td">3</div></div>'
        '<div class="tr"><div class="td">规范性文件</div><div class="td">4</div><div class="td">5</div></div>'
        '</div></div>')
    assert grids_from_html(root) == []                      # only with div_tables=True
    assert grids_from_html(root, div_tables=True) == [[
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "1", "", "3"],
        ["规范性文件", "4", "5", None],
    ]]


def test_layout_divs_are_no_table():
    root = lxml.html.fromstring(
        '<div><div class="row"><div class="col">首页</div><div class="col">政务公开</div><div class="col">互动</div></div>'
        '<div class="row"><div class="col"><div>嵌套</div></div><div class="col">1</div><div class="col">2</div></div>'
        '<div class="row"><div class="col">a</div><div class="col">3</div><div class="col">4</div></div></div>')
    assert grids_from_html(root, div_tables=True) == []     # a cell holding a block: a layout box
    words = lxml.html.fromstring(
        '<div><div><div>一</div><div>二</div><div>三</div></div><div><div>四</div><div>五</div><div>六</div></div>'
        '<div><div>七</div><div>八</div><div>九</div></div></div>')
    assert grids_from_html(words, div_tables=True) == []    # no number anywhere: no table
