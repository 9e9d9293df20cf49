"""Read a source file's bytes into text lines, or explain in one line why it cannot be read."""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 32 * 1024 * 1024


def printable(text: str) -> str:
    """A file name as one line: control characters (a newline in a name) shown escaped."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class SourceError(Exception):
    """A file that cannot be read as a regulation; str() is the one-line message."""

    def __init__(self, path, message: str, line: int | None = None):
        self.path, self.line = str(path), line
        where = f"{printable(self.path)}:{line}" if line else printable(self.path)
        super().__init__(f"{where}: {message}")


@dataclass
class SourceText:
    path: str
    text: str
    encoding: str
    notes: list[str]        # what decoding did (BOM removed, line ends converted), in Chinese


def decode(path, data: bytes) -> SourceText:
    notes: list[str] = []
    if not data.strip():
        raise SourceError(path, "文件为空（empty file）")
    if len(data) > MAX_BYTES:
        raise SourceError(path, f"文件过大（{len(data)} 字节，上限 {MAX_BYTES} 字节）")
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SourceError(path, "有 UTF-8 字节顺序标记，但内容不是有效的 UTF-8（invalid UTF-8）",
                              data[:exc.start + 3].count(b"\n") + 1) from None
        notes.append("已去除 UTF-8 字节顺序标记（BOM）")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            line = data[:exc.start].replace(b"\x00", b"").count(b"\n") + 1
            raise SourceError(path, "有 UTF-16 字节顺序标记，但内容不是有效的 UTF-16（invalid UTF-16）",
                              line) from None
        notes.append("已按 UTF-16 解码")
    elif _utf16_without_bom(data):
        text, encoding = _utf16_without_bom(data)
        notes.append(f"已按 {encoding.upper()} 解码（文件没有字节顺序标记）")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            if b"\x00" in data[:4096]:
                raise SourceError(path, "二进制文件，不是文本（binary file, not text）",
                                  data[:data.index(b"\x00")].count(b"\n") + 1) from None
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                line = data[:exc.start].count(b"\n") + 1
                raise SourceError(path, "无法识别的文本编码（not UTF-8, UTF-16 or GB18030）",
                                  line) from None
            if not _looks_chinese(text):
                line = data[:exc.start].count(b"\n") + 1
                raise SourceError(path, "无法识别的文本编码（not UTF-8, UTF-16 or GB18030）",
                                  line)
            notes.append("已按 GB18030/GBK 解码")
    if "\x00" in text:
        raise SourceError(path, "含有 NUL 字节，不是纯文本（NUL byte: binary file, not text）",
                          text[:text.index("\x00")].count("\n") + 1)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("已统一换行符（CRLF/CR → LF）")
    if not text.strip():
        raise SourceError(path, "文件为空（empty file）")
    return SourceText(str(path), text, encoding, notes)


def _utf16_without_bom(data: bytes):
    """(text, 'utf-16-le' or 'utf-16-be') for UTF-16 without a byte order mark, else None.
    Such a file has NUL bytes (the high byte of its ASCII characters: line ends, digits)
    nearly all at odd offsets (little endian) or at even ones (big endian); a character
    such as 一 (U+4E00) puts a few on the other side."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    odd = data[1::2].count(0)
    even = data[0::2].count(0)
    for encoding, here, there in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if here >= 2 and here > 4 * there:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for c in text if c < " " and c not in "\n\r\t")
            if "\n" in text and not controls and _looks_chinese(text):
                return text, encoding
    return None


def _looks_chinese(text: str) -> bool:
    sample = text[:4000]
    han = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff")
    return han >= max(1, len(sample.strip()) // 5)


def read(path) -> SourceText:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"无法读取文件：{exc.strerror or exc}") from None
    return decode(path, data)
