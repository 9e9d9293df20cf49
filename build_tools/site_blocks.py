"""The generated pages' regular blocks built straight into the element tree and HTML that
Python-Markdown's block parser, inline processor, prettifier, attr_list and serialiser would
make of them; any other block, and any block holding a character this module does not read with
certainty, goes through Python-Markdown itself.  Same HTML and table of contents, about half
the conversion's time (docs-dev/benchmarks.md).

Python-Markdown's `convert` is kept step by step (preprocessors; tree processors from `toc` on,
with MkDocs's anchor collection and title; serialiser; postprocessors); only the making of the
tree changes.  The page is read block by block (text between blank lines) and gathered into
chunks: a block that can continue the one before it (indented, a quote, a list after a list,
a blank line after code) joins its chunk, so that each chunk reads alone as it reads in the
page.  A chunk of one heading, paragraph, tight list or pipe table, or an admonition's or
details' first line with its indented list, is built here: block elements with their
attributes, and their inline content (links, **strong**, `code`) written as HTML into
Python-Markdown's stash of raw HTML, which its raw_html postprocessor puts back.  Any other chunk
is parsed by Python-Markdown and run through its inline processor, prettifier and attr_list on
its own (they act element by element).  MkDocs's link rewriting (`path_to_url`, with its
checks) is called for every link in the page's order, as its tree processor would.
tests/test_site_blocks.py and tests/test_site.py compare the HTML with Python-Markdown's.
"""
from __future__ import annotations

import re
from functools import lru_cache
import xml.etree.ElementTree as etree

from markdown import Markdown, util
from markdown.blockprocessors import HashHeaderProcessor, ParagraphProcessor, UListProcessor
from markdown.extensions.attr_list import (AttrListTreeprocessor, get_attrs_and_remainder,
                                           sanitize_name)
from markdown.serializers import (_escape_attrib_html, _escape_cdata, to_html_string,
                                  to_xhtml_string)
from markdown.treeprocessors import InlineProcessor, PrettifyTreeprocessor

# What the tree builder does the work of, in Python-Markdown's order (their priorities 20, 10, 8).
EARLY = (("inline", InlineProcessor), ("prettify", PrettifyTreeprocessor),
         ("attr_list", AttrListTreeprocessor))
# The block processors and inline patterns whose grammar the builder follows: with any other
# (another extension, REGSITE_FULL_MARKDOWN's reference and image patterns), nothing is built here.
BLOCKS = {"admonition", "details", "empty", "indent", "code", "table", "hashheader", "setextheader",
          "hr", "olist", "ulist", "quote", "reference", "paragraph"}
INLINE = {"backtick", "escape", "link", "linebreak", "html", "entity", "em_strong"}
# The tree processors after attr_list: Python-Markdown's and MkDocs's (or ProperDocs's).
LATE = {"toc", "unescape", "relpath", "mkdocs_extract_anchors", "mkdocs_extract_title",
        "properdocs_extract_anchors", "properdocs_extract_title"}

# A chunk may start only with a block that does not continue the one before it.
_CONTINUES = re.compile(r"[ \t]|>")
_LIST = re.compile(r"[*+-][ ]|\d+\.[ ]")
# Lines of a paragraph: none may start a heading, list, quote, table, admonition, rule, setext
# underline or code block in any of Python-Markdown's block processors.
_LINE_START_BAD = re.compile(r"[ \t#>!?|=*+_{}-]|\d+[.)]", re.M)
_ATTR_LINE = re.compile(r"\{:?[ ]*([^}\n ][^\n]*)\}[ ]*")       # attr_list's BASE_RE
# INLINE_RE's match: up to the last "}" of the element's tail, which is the first one here
# because a "}" anywhere else is not read by this module.
_ATTR_INLINE = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)\}")
_ATTR_SAFE = re.compile(r"[^{}\n\\`*\[\]&<>!|]*")                 # nothing the inline patterns act on
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#[0-9]+);")
_SPECIAL = re.compile(r"[\\`*_&<>\[\]{}!|\x02\x03]")
# A link as the generated pages write it: its title (which may run over several lines) holds no
# quote, backtick or backslash, which Python-Markdown's link reader and earlier patterns act on.
_LINK = re.compile(r'\[([^\[\]\n]*)\]\(([A-Za-z0-9_./#%-]+)(?: "([^"\'`\\]*)")?\)')
_STRONG = re.compile(r"\*\*([^*_\n`\[\]\\&<>{}]+)\*\*(?!\*)")
_CODE = re.compile(r"`([^`\\\n]+)`(?!`)")
_ITEM = re.compile(r"(    )?- (\S.*)")
_WS = re.compile(r"\s")
_WORD = re.compile(r"\w")
_WORDISH = re.compile(r"[A-Za-z0-9]")
_ATTR_TOKEN = re.compile(r'([#.][^ =}"\'#.]+)|([^ =}"\'#.][^ =}"\']*)="([^"]*)"')
_SIMPLE_ATTRS = re.compile(r'(?:[#.][^ =}"\'#.]+|[^ =}"\'#.][^ =}"\']*="[^"]*")'
                           r'(?: +(?:[#.][^ =}"\'#.]+|[^ =}"\'#.][^ =}"\']*="[^"]*"))* *')
_LONE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9_])_|_(?![A-Za-z0-9_])")


class NotRegular(Exception):
    """The block holds something the builder does not read with certainty."""


class Builder:
    """Makes the element tree of one page for one `Markdown` instance (MkDocs makes one per page)."""

    def __init__(self, md: Markdown):
        self.md = md
        self.early: list | None = None      # the three tree processors replaced (usable())
        self.attrs: AttrListTreeprocessor | None = None
        self.relpath = None                  # MkDocs's link rewriting, when MkDocs renders
        self.todo: list = []                 # (element, inline parts) of the block being built

    def usable(self) -> bool:
        """Whether the instance is the one whose grammar and processors this module follows."""
        md = self.md
        if (md.tab_length != 4 or not md.stripTopLevelTags or md.doc_tag != "div"
                or md.serializer not in (to_html_string, to_xhtml_string)
                or set(md.parser.blockprocessors._data) != BLOCKS
                or set(md.inlinePatterns._data) != INLINE):
            return False
        order = list(md.treeprocessors)
        early = [md.treeprocessors[name] if name in md.treeprocessors else None for name, _ in EARLY]
        if order[:3] != early or any(not isinstance(p, cls) for p, (_, cls) in zip(early, EARLY)):
            return False
        if not set(md.treeprocessors._data) - {name for name, _ in EARLY} <= LATE:
            return False
        toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
        if toc is not None and (toc.use_permalinks not in (False, None) or toc.use_anchors):
            return False                # they would add links for MkDocs to rewrite
        for name, cls in (("hashheader", HashHeaderProcessor), ("ulist", UListProcessor),
                          ("paragraph", ParagraphProcessor)):
            if type(md.parser.blockprocessors[name]) is not cls:
                return False
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
        if relpath is not None and not callable(getattr(relpath, "path_to_url", None)):
            return False
        self.early = early
        self.attrs = early[2]
        self.relpath = relpath
        return True

    def convert(self, source: str) -> str:
        """Markdown.convert, with the tree made chunk by chunk.  MkDocs's link rewriting runs
        chunk by chunk too, so that it meets the links in the page's order."""
        md = self.md
        if not self.usable():
            return Markdown.convert(md, source)
        if not source.strip():
            return ""
        md.lines = source.split("\n")
        for prep in md.preprocessors:
            md.lines = prep.run(md.lines)
        root = etree.Element(md.doc_tag)
        md.parser.root = root
        pending: list[str] = []            # the blocks of the chunk being gathered
        for block in "\n".join(md.lines).split("\n\n"):
            if not block.strip("\n") or block.startswith("\n"):
                # A blank line adds to a code block before it, and is nothing after any other.
                if any(_CONTINUES.match(b) for b in pending) and not self.built(root, pending):
                    pending.append(block)
                    continue
                block = block.lstrip("\n")
                if not block:
                    continue
            if pending and _CONTINUES.match(block):
                pending.append(block)      # it may continue what comes before
            elif pending and _LIST.match(block) and not self.ends_list_free(root, pending):
                pending.append(block)      # it may continue a list before it
            else:
                self.flush(root, pending)
                pending = [block]
        self.flush(root, pending)
        if len(root) and md.is_block_level(root[0].tag):
            root.text = "\n"                       # the prettifier's work on the root itself
        root.tail = "\n"
        done = (*self.early, self.relpath)
        for processor in md.treeprocessors:
            if processor not in done:
                new = processor.run(root)
                if new is not None:
                    root = new
        output = md.serializer(root)
        start = output.index(f"<{md.doc_tag}>") + len(md.doc_tag) + 2
        output = output[start:output.rindex(f"</{md.doc_tag}>")].strip()
        for pp in md.postprocessors:
            output = pp.run(output)
        return output.strip()

    def ends_list_free(self, root, pending: list[str]) -> bool:
        """Whether the chunk gathered so far surely ends in no list (which a list after a blank
        line would continue): a heading, paragraph, table, admonition or details built here;
        it is then added to the page."""
        return not (len(pending) == 1 and _LIST.match(pending[0])) and self.built(root, pending)

    def built(self, root, chunk: list[str]) -> bool:
        """Build the chunk gathered so far and add it to the page, if it is one block this
        module reads, or an admonition's or details' first line and its indented block (which
        ends up inside the box, so a blank line after it is nothing)."""
        if len(chunk) == 1 or len(chunk) == 2 and chunk[0].startswith(("!!! ", "??? ")):
            try:
                root.append(self.block(*chunk))
            except NotRegular:
                return False
            chunk.clear()
            return True
        return False

    def flush(self, root, chunk: list[str]) -> None:
        if chunk and not self.built(root, chunk):
            self.parse(root, "\n\n".join(chunk))

    def parse(self, root, text: str) -> None:
        """A chunk through Python-Markdown: block parser, its first three tree processors, and
        MkDocs's link rewriting (which reads only the links' addresses, which the processors in
        between leave as they are)."""
        tmp = etree.Element(self.md.doc_tag)
        self.md.parser.parseChunk(tmp, text)
        for processor in (*self.early, self.relpath):
            if processor is not None:
                new = processor.run(tmp)
                if new is not None:
                    tmp = new
        root.extend(list(tmp))

    # ------------------------------------------------------------ blocks

    def block(self, block: str, body: str | None = None):
        """The element of a block (or of an admonition's or details' first line and its
        indented body) this module reads, or NotRegular, before anything outside it (MkDocs's
        link rewriting, the stash) has been touched."""
        self.todo: list = []
        element = self.build(block) if body is None else self.box(block, body)
        for target, parts in self.todo:          # in the page's order
            html = "".join(part if isinstance(part, str) else self.link(*part) for part in parts)
            # Escaped text reads the same escaped twice (the serialiser keeps "&amp;", "&lt;").
            target.text = (self.md.htmlStash.store(html) if "<" in html else html) or None
        return element

    def build(self, block: str):
        if block.startswith("#"):
            return self.heading(block)
        if block.startswith("- "):
            return self.ulist(block)
        if block.startswith("| "):
            return self.table(block)
        return self.paragraph(block)

    def box(self, head: str, body: str):
        """`!!! note "title"` (admonition) or `??? quote cited-by "title"` (pymdownx.details,
        closed), then one block indented by four spaces: a list or a paragraph."""
        lines = body.split("\n")
        if "\n" in head or any(not line.startswith("    ") or line[4:5] == " " and not
                                line.startswith("        - ") for line in lines):
            raise NotRegular
        inner = self.build("\n".join(line[4:] for line in lines))
        if inner.tag not in ("ul", "p"):
            raise NotRegular
        processors = self.md.parser.blockprocessors
        if head.startswith("!!!"):
            admonition = processors["admonition"]
            m = admonition.RE.search(head)
            if not m or m.start() or m.end() != len(head):
                raise NotRegular
            klass, title = admonition.get_class_and_title(m)
            box = etree.Element("div")
            box.set("class", f"{admonition.CLASSNAME} {klass}")
            if title:
                p = etree.SubElement(box, "p")
                p.set("class", admonition.CLASSNAME_TITLE)
                p.tail = "\n"
                self.fill(p, title)
        else:
            m = processors["details"].START.search(head)
            if (not m or m.start() or m.end() != len(head) or m.group(1) or m.group(4)
                    or not m.group(2) or m.group(3).startswith("#")):
                raise NotRegular
            box = etree.Element("details")
            box.set("class", re.sub(r" {2,}", " ", m.group(2).lower()))
            summary = etree.SubElement(box, "summary")
            summary.tail = "\n"
            self.fill(summary, m.group(3))
        box.text = box.tail = "\n"
        box.append(inner)
        return box

    def link(self, attrs: dict, inner: str) -> str:
        """An <a> as MkDocs leaves it: its address rewritten (relative .md -> .html), checked."""
        if self.relpath is not None:
            attrs["href"] = self.relpath.path_to_url(attrs["href"])
        return f"<a{_attributes(attrs)}>{inner}</a>"

    def heading(self, block: str):
        """A heading keeps its text in the tree (the table of contents and MkDocs's title read it)."""
        m = HashHeaderProcessor.RE.search(block)
        if "\n" in block or not m or m.start() or m.end() != len(block):
            raise NotRegular
        h = etree.Element(f"h{len(m.group('level'))}")
        text = m.group("header").strip()
        a = AttrListTreeprocessor.HEADER_RE.search(text)
        if a:
            body = text[:a.start()]
            if body.rstrip().endswith("#"):
                raise NotRegular
            body = body.rstrip()
            self.assign(h, a.group(1), strict=True)
        else:
            body = text
        h.text = self.inline(body, html=False) or None
        h.tail = "\n"
        return h

    def paragraph(self, block: str):
        lines = block.split("\n")
        attrs = None
        if len(lines) > 1:
            m = _ATTR_LINE.fullmatch(lines[-1])
            if m:
                attrs = m.group(1)
                lines.pop()
        for line in lines:
            if (not line or _LINE_START_BAD.match(line) or line.endswith((" ", "\t"))
                    or "]:" in line):
                raise NotRegular
        p = etree.Element("p")
        if attrs is not None:
            self.assign(p, attrs, strict=True)
        self.fill(p, "\n".join(lines).lstrip())
        p.tail = "\n"
        return p

    def ulist(self, block: str):
        """A tight list, each item one line, with at most one level of nested items."""
        ul = etree.Element("ul")
        ul.text = "\n"
        inner = None
        for line in block.split("\n"):
            m = _ITEM.fullmatch(line)
            if not m or _LINE_START_BAD.match(m.group(2)) or line.endswith((" ", "\t")):
                raise NotRegular
            if m.group(1):
                if not len(ul):
                    raise NotRegular
                if inner is None:
                    inner = etree.SubElement(ul[-1], "ul")
                    inner.text = inner.tail = "\n"
                parent = inner
            else:
                inner = None
                parent = ul
            li = etree.SubElement(parent, "li")
            self.fill(li, m.group(2))
            li.tail = "\n"
        ul.tail = "\n"
        return ul

    def table(self, block: str):
        """A pipe table with borders, a header row, a plain --- separator, and no pipe, escape
        or code span inside a cell; an attribute list at the end of a cell goes to the cell."""
        rows = [_cells(line) for line in block.split("\n")]
        if len(rows) < 3 or any(c != "---" for c in rows[1]) or any(len(r) != len(rows[1]) for r in rows):
            raise NotRegular
        table = etree.Element("table")
        table.text = table.tail = "\n"
        for tag, part, group in (("th", "thead", rows[:1]), ("td", "tbody", rows[2:])):
            section = etree.SubElement(table, part)
            section.text = section.tail = "\n"
            for cells in group:
                tr = etree.SubElement(section, "tr")
                tr.text = tr.tail = "\n"
                for cell in cells:
                    c = etree.SubElement(tr, tag)
                    c.tail = "\n"
                    a = AttrListTreeprocessor.HEADER_RE.search(cell)
                    if a:
                        self.assign(c, a.group(1), strict=True)
                        cell = cell[:a.start()]
                    self.fill(c, cell)
        return table

    def fill(self, element, text: str) -> None:
        """The element's inline content: plain text in the tree, anything else as the HTML the
        serialiser would write for it, kept in Python-Markdown's stash of raw HTML until the
        serialised page gets it back (postprocessor raw_html).  Written once the whole block
        is read (Builder.block)."""
        self.todo.append((element, self.inline(text, html=True)))

    def assign(self, element, attrs: str, strict: bool = False) -> None:
        """attr_list's assign_attrs on an attribute list the inline patterns leave as it is;
        the lists the pages write (#id, .class, key="value") are read here as its scanner
        reads them."""
        if not _attr_safe(attrs):
            raise NotRegular
        pairs = _pairs(attrs)
        if pairs is None:
            if self.attrs.assign_attrs(element, attrs, strict=strict):
                raise NotRegular              # a stray "}": attr_list would leave the text
            return
        for k, v in pairs:
            if k == ".":
                cls = element.get("class")
                element.set("class", f"{cls} {v}" if cls else v)
            else:
                element.set(k, v)

    # ------------------------------------------------------------ inline

    def inline(self, text: str, html: bool):
        """`text` as the inline processor, attr_list and the serialiser leave it: with `html`,
        a list of HTML strings (escapes resolved, entities kept, **strong** and `code` written
        out) and links (attributes, inner HTML) for Builder.link; without, the text the tree
        holds (nothing but text allowed)."""
        out: list[str] = []                    # text since the last element
        done: list[str] = []                   # HTML up to the last element
        i, n = 0, len(text)
        escaped = self.md.ESCAPED_CHARS
        while i < n:
            m = _SPECIAL.search(text, i)
            if m is None:
                out.append(text[i:])
                break
            j = m.start()
            out.append(text[i:j])
            c = text[j]
            if c == "\\":
                if j + 1 >= n or text[j + 1] not in escaped or text[j + 1] == ">":
                    raise NotRegular
                out.append(text[j + 1])
                i = j + 2
                continue
            if c == "&":
                e = _ENTITY.match(text, j)
                if not e:
                    raise NotRegular
                out.append(e.group())
                i = e.end()
                continue
            if c == "_":
                k = j
                while k < n and text[k] == "_":
                    k += 1
                if not (j and _WORDISH.match(text[j - 1]) and k < n and _WORDISH.match(text[k])):
                    raise NotRegular
                out.append(text[j:k])
                i = k
                continue
            if not html:
                raise NotRegular
            attrs: dict[str, str] = {}
            if c == "[":
                e = _LINK.match(text, j)
                if not e:
                    raise NotRegular
                tag = "a"
                inner = _escape_cdata(self.inline(e.group(1), html=False))
                href = e.group(2)
                attrs["href"] = href
                if e.group(3) is not None:
                    attrs["title"] = _WS.sub(" ", e.group(3).strip())
            elif c == "*":
                e = _STRONG.match(text, j)
                if not e or (j and text[j - 1] == "*") or not _flanked(e.group(1)):
                    raise NotRegular
                tag = "strong"
                inner = _escape_cdata(self.inline(e.group(1), html=False))
            elif c == "`":
                e = _CODE.match(text, j)
                if not e or (j and text[j - 1] in "`\\"):
                    raise NotRegular
                tag = "code"
                inner = _escape_cdata(util.code_escape(e.group(1).strip()))
            else:
                raise NotRegular
            i = e.end()
            if text.startswith("{", i):                     # attr_list's INLINE_RE
                a = _ATTR_INLINE.match(text, i)
                if not a:
                    raise NotRegular
                self.inline_attrs(attrs, a.group(1))
                i = a.end()
            done.append(_escape_cdata("".join(out)))
            out.clear()
            done.append((attrs, inner) if tag == "a" else f"<{tag}{_attributes(attrs)}>{inner}</{tag}>")
        if not html:
            return "".join(out)
        done.append(_escape_cdata("".join(out)))
        return done

    def inline_attrs(self, attrs: dict, string: str) -> None:
        """attr_list's assign_attrs on an inline element, for classes and key="value" pairs
        (an id or a bare name: not read here)."""
        if not _attr_safe(string):
            raise NotRegular
        pairs, remainder = _parse_attrs(string)
        if remainder:
            raise NotRegular
        for k, v in pairs:
            if k == ".":
                attrs["class"] = f"{attrs['class']} {v}" if "class" in attrs else v
            elif k == "id" or v is None:
                raise NotRegular
            else:
                attrs[sanitize_name(k)] = v


@lru_cache(maxsize=4096)
def _parse_attrs(string: str):
    return get_attrs_and_remainder(string)


def _pairs(string: str):
    """attr_list's reading of "#id .class key=\"value\"" lists (its scanner's rules for words
    and double-quoted values, with sanitize_name on the keys), or None for any other list."""
    if not _SIMPLE_ATTRS.fullmatch(string):
        return None
    pairs = []
    for m in _ATTR_TOKEN.finditer(string):
        word, key, value = m.groups()
        if word is not None:
            pairs.append((".", word[1:]) if word[0] == "." else ("id", word[1:]))
        else:
            name = sanitize_name(key)
            if name != key:
                return None
            pairs.append((key, value))
    return pairs


def _attributes(attrs: dict) -> str:
    """The serialiser's writing of an element's attributes: sorted, values escaped."""
    return "".join(f' {k}="{_escape_attrib_html(v)}"' for k, v in sorted(attrs.items()))


def _attr_safe(attrs: str) -> bool:
    """An attribute list the inline patterns leave as it is: no character any of them acts on,
    and every "_" inside a word of ASCII letters and digits."""
    return bool(_ATTR_SAFE.fullmatch(attrs)) and not _LONE_UNDERSCORE.search(attrs)


def _flanked(inner: str) -> bool:
    """**inner** is strong by any reading of the delimiter rules: it starts and ends with a
    letter, digit or CJK character."""
    return bool(_WORD.match(inner)) and bool(_WORD.match(inner[-1]))


def _cells(line: str) -> list[str]:
    """The cells of a table row "| a | b |", stripped of spaces, as the table processor splits
    them: a row with an escape, or a code span that could hold a pipe, is not read here."""
    if not (line.startswith("| ") and line.endswith(" |")) or "\\" in line or "``" in line:
        raise NotRegular
    cells = [c.strip(" ") for c in line[1:-1].split("|")]
    if any(c.count("`") % 2 for c in cells):
        raise NotRegular
    return cells
