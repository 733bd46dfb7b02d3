"""The commentary's Markdown subset: paragraphs, line breaks, bold, italics and lists.

Raw HTML, links, images and headings are not parsed, so such text is shown as the characters
typed and a comment cannot inject markup into the page or the PDF, nor add a heading to the
board's outline.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

_PARSER = MarkdownIt("zero", {"breaks": True}).enable(["emphasis", "list", "newline", "escape"])


def markdown_html(text: str) -> str:
    """The comment as HTML for the printed report; everything but the subset is escaped text."""
    return _PARSER.render(text)


def markdown_tree(text: str) -> SyntaxTreeNode:
    """The parsed comment, for renderers that build their own elements (the Dash page)."""
    return SyntaxTreeNode(_PARSER.parse(text))
