"""PDF files of one page each (as Graphviz's cairo writes them: PDF 1.5, a classic
cross-reference table, no object streams) joined into one file of several pages,
in order: a drawing of several processes puts each on its own page."""

from __future__ import annotations

import re

_OBJ = re.compile(rb"(\d+) 0 obj\b")
_REF = re.compile(rb"(\d+) 0 R\b")


class PdfError(Exception):
    pass


def _objects(pdf: bytes) -> dict[int, bytes]:
    """Object number -> its body (between `N 0 obj` and `endobj`), found through the
    cross-reference table, so stream bytes are never searched."""
    start = pdf.rfind(b"startxref")
    if start < 0:
        raise PdfError("no startxref")
    xref = int(pdf[start + len(b"startxref") :].split()[0])
    if pdf[xref : xref + 4] != b"xref":
        raise PdfError("not a classic cross-reference table")
    lines = pdf[xref:].split(b"trailer", 1)[0].split(b"\n")[1:]
    offsets: dict[int, int] = {}
    number = 0
    for line in lines:
        parts = line.split()
        if len(parts) == 2:
            number = int(parts[0])
        elif len(parts) == 3:
            if parts[2] == b"n":
                offsets[number] = int(parts[0])
            number += 1
    ordered = sorted(offsets.items(), key=lambda item: item[1])
    found: dict[int, bytes] = {}
    for k, (number, offset) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else xref
        chunk = pdf[offset:end]
        head = _OBJ.match(chunk)
        close = chunk.rfind(b"endobj")
        if head is None or int(head.group(1)) != number or close < 0:
            raise PdfError(f"object {number} is not where the table says")
        found[number] = chunk[head.end() : close]
    return found


def _rewrite(body: bytes, shift: int) -> bytes:
    """References renumbered, in the dictionary part only (never inside a stream)."""
    stream = body.find(b"stream")
    head, tail = (body, b"") if stream < 0 else (body[:stream], body[stream:])
    return _REF.sub(lambda m: b"%d 0 R" % (int(m.group(1)) + shift), head) + tail


def join(pdfs: list[bytes]) -> bytes:
    """One PDF with the pages of `pdfs` in order (the first file alone if one)."""
    if len(pdfs) == 1:
        return pdfs[0]
    out_objects: list[tuple[int, bytes]] = []
    pages: list[int] = []
    next_number = 3  # 1: catalog, 2: pages
    info = None
    for pdf in pdfs:
        objects = _objects(pdf)
        shift = next_number - 1
        for number, body in sorted(objects.items()):
            kind = re.search(rb"/Type\s*/(\w+)", body.split(b"stream", 1)[0])
            kind = kind.group(1) if kind else b""
            if kind in (b"Catalog", b"Pages"):
                continue
            if b"/Producer" in body and b"/CreationDate" in body and info is None:
                info = (number + shift, _rewrite(body, shift))
                continue
            if b"/Producer" in body:
                continue
            body = _rewrite(body, shift)
            if kind == b"Page":
                body = re.sub(rb"/Parent \d+ 0 R", b"/Parent 2 0 R", body)
                pages.append(number + shift)
            out_objects.append((number + shift, body))
        next_number = max(n for n, _ in out_objects) + 1
    kids = b" ".join(b"%d 0 R" % p for p in pages)
    out_objects.append((1, b"\n<< /Type /Catalog /Pages 2 0 R >>\n"))
    out_objects.append((2, b"\n<< /Type /Pages /Kids [ " + kids + b" ] /Count %d >>\n" % len(pages)))
    if info is not None:
        out_objects.append(info)
    out_objects.sort()
    data = bytearray(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    offsets: dict[int, int] = {}
    for number, body in out_objects:
        offsets[number] = len(data)
        data += b"%d 0 obj" % number + body + b"endobj\n"
    size = max(offsets) + 1
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            data += b"%010d 00000 n \n" % offsets[number]
        else:
            data += b"0000000000 00000 f \n"
    trailer = b"<< /Size %d /Root 1 0 R" % size
    if info is not None:
        trailer += b" /Info %d 0 R" % info[0]
    data += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(data)
