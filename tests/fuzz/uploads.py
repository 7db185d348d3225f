"""Hostile files for the upload tests, built in memory."""

import functools
import io
import struct
import zlib

from PIL import Image

from members.meetings.pdf import text_pdf

GIB = 1024**3
CHUNK = 4 * 1024 * 1024


def png(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(width: int = 8, height: int = 8) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def pdf(extra: bytes = b"") -> bytes:
    """A small valid PDF; `extra` goes into an unused stream (for polyglots)."""
    data = text_pdf("Budget", ["Rader"])
    return data.replace(b"%%EOF", extra + b"\n%%EOF") if extra else data


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.domain)</script></svg>"
)
PHP = b"<?php system($_GET['c']); ?>"
# A PDF that runs JavaScript when opened, and is HTML to a sniffing browser.
PDF_WITH_SCRIPT = pdf(
    b"1000 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj\n" + HTML
)
# Starts as a JPEG (so a magic-number check calls it one), then HTML and PHP.
JPEG_POLYGLOT = jpeg()[:-2] + HTML + PHP + b"\xff\xd9"


def png_bomb(side: int = 10_000) -> bytes:
    """A greyscale PNG of side × side pixels, all black: 100 MB of pixels at
    the default side in about 100 KB (Pillow only warns up to 179 MP)."""
    row = b"\x00" * (side + 1)  # filter byte + pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


@functools.cache
def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """Raw deflate data of `size` zero bytes (a multiple of CHUNK) and its CRC,
    made by repeating one fully flushed block (the flush resets the
    dictionary, so every repeat decodes the same)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\x00" * CHUNK) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc, zeros = 0, b"\x00" * CHUNK
    for _ in range(size // CHUNK):
        crc = zlib.crc32(zeros, crc)
    return block * (size // CHUNK) + tail, crc


def zip_bomb(size: int = 2 * GIB, *, first: str = "[Content_Types].xml") -> bytes:
    """A DOCX-looking archive whose word/document.xml unpacks to `size` bytes
    (2 GiB by default, in about 2 MB)."""
    members = [(first, b"<Types/>", 0, len(b"<Types/>"), zlib.crc32(b"<Types/>"))]
    data, crc = _deflated_zeros(size)
    members.append(("word/document.xml", data, 8, size, crc))
    if first == "word/document.xml":
        members = members[1:]
    out, directory = io.BytesIO(), io.BytesIO()
    for name, body, method, plain_size, member_crc in members:
        offset = out.tell()
        encoded = name.encode()
        fields = (20, 0, method, 0, 0, member_crc, len(body), plain_size, len(encoded))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0))
        out.write(encoded + body)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset
            )
            + encoded
        )
    start = out.tell()
    out.write(directory.getvalue())
    count = len(members)
    out.write(
        struct.pack(
            "<IHHHHIIH",
            0x06054B50,
            0,
            0,
            count,
            count,
            len(directory.getvalue()),
            start,
            0,
        )
    )
    return out.getvalue()


def jpeg_with_location(width: int = 400, height: int = 300) -> bytes:
    """A JPEG whose EXIF names the phone and where the picture was taken."""
    exif = Image.Exif()
    exif[0x010F] = "Phone"
    exif[0x8825] = {1: "N", 2: (57.0, 42.0, 1.0), 3: "E", 4: (11.0, 57.0, 3.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # it has GPS
    return data
