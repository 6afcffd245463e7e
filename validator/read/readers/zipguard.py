"""Open Office documents (ZIP archives) without trusting their sizes: no zip bomb gets through.

A .docx or .odt is a ZIP archive whose declared sizes can lie. Each member is decompressed in
bounded chunks and the reading stops as soon as the whole archive exceeds the limits, whatever the
central directory claims.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib

from ...document import InputError

MAX_TOTAL = 64 * 1024 * 1024  # decompressed bytes of all members
MAX_MEMBERS = 5000
# What reading a damaged member raises, beyond BadZipFile: a broken deflate, bzip2 or LZMA stream,
# a cut archive, an unknown compression method, an encrypted member (RuntimeError).
_DAMAGED = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, NotImplementedError, RuntimeError)
MAX_RATIO = 200  # decompressed / compressed, for a member of more than 1 MB
_CHUNK = 1 << 16


def zip_kind(data: bytes) -> str:
    """docx, odt or zip, from the archive's members; a broken archive is an InputError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = _bounded_read(archive, "mimetype", 1024).decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument.text"):
                    return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
            return "zip"
    except (*_DAMAGED, ValueError):
        raise InputError("archive illisible : fichier corrompu ou tronqué") from None


def safe_members(data: bytes) -> dict[str, bytes]:
    """All members of the archive, decompressed within the limits."""
    total = 0
    out: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise InputError(f"archive suspecte : {len(infos)} éléments (limite {MAX_MEMBERS})")
            for info in infos:
                if not info.filename:  # zipfile's own is_dir() fails on it
                    raise InputError("archive illisible : un élément n'a pas de nom")
                if info.is_dir():
                    continue
                content = _bounded_read(archive, info.filename, MAX_TOTAL - total)
                if len(content) > 1024 * 1024 and len(content) > MAX_RATIO * max(info.compress_size, 1):
                    raise InputError(f"archive suspecte (bombe de décompression ?) : « {info.filename} » se décompresse {len(content) // max(info.compress_size, 1)} fois")
                total += len(content)
                out[info.filename] = content
    except (*_DAMAGED, ValueError):
        raise InputError("archive illisible : fichier corrompu ou tronqué") from None
    except zipfile.LargeZipFile:
        raise InputError("archive trop volumineuse") from None
    return out


def _bounded_read(archive: zipfile.ZipFile, name: str, budget: int) -> bytes:
    chunks = []
    size = 0
    try:
        with archive.open(name) as member:
            while True:
                chunk = member.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > budget:
                    raise InputError(f"archive suspecte (bombe de décompression ?) : plus de {MAX_TOTAL // (1024 * 1024)} Mo une fois décompressée")
                chunks.append(chunk)
    except _DAMAGED:
        raise InputError("archive illisible : fichier corrompu ou tronqué") from None
    return b"".join(chunks)
