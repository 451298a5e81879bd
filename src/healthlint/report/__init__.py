"""`healthlint report`: one self-contained HTML page for a run, to look at rather than read as a list.

`article` measures each article (findings, each sentence's grade, the numbers of `stats`);
`page` writes the HTML; `style` is its inline stylesheet. No script, font or image from
anywhere else: the page works from file:// on a machine without a network.
"""
