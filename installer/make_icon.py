"""Draw Daftar's icon (a white "D" on a green rounded square) and save it as a Windows ``.ico``.

``python installer/make_icon.py [OUT.ico] [--preview PNG]`` rewrites ``installer/daftar.ico``, which
is committed: the build does not need to draw it. The glyph is made of geometric paths rather than
text so the result does not depend on the fonts of the machine that draws it. Qt's own ICO writer
stores one image only, so the multi-size container is written here: classic 32-bit DIB entries
for the small sizes (every Windows tool reads them) and a PNG entry for 256 px.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

SIZES = (16, 24, 32, 48, 64, 128, 256)
BACKGROUND = QColor("#1f5f4a")
GLYPH = QColor("#ffffff")


def _glyph(size: int) -> QPainterPath:
    """The "D", in a square of ``size`` pixels: a bar and half an ellipse, minus the inside."""

    def d_shape(left: float, top: float, right: float, rx: float, ry: float) -> QPainterPath:
        bar = QPainterPath()
        bar.addRect(QRectF(left * size, top * size, (right - left) * size, (1 - 2 * top) * size))
        ellipse = QPainterPath()
        ellipse.addEllipse(QPointF(right * size, size / 2), rx * size, ry * size)
        right_half = QPainterPath()
        right_half.addRect(QRectF(right * size, 0, size, size))
        return bar.united(ellipse.intersected(right_half))

    outer = d_shape(0.27, 0.20, 0.50, 0.25, 0.30)
    inner = d_shape(0.39, 0.33, 0.50, 0.12, 0.17)
    return outer.subtracted(inner)


def render(size: int) -> QImage:
    """The icon at one size, drawn for that size (sharper than scaling the 256 px one down)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BACKGROUND)
    radius = size * 0.18
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    painter.setBrush(GLYPH)
    painter.drawPath(_glyph(size))
    painter.end()
    return image


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA DIB as ICO wants it: bottom-up rows, then an (empty) AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    stride = argb.bytesPerLine()
    bits = bytes(argb.constBits())
    rows = [bits[y * stride : y * stride + size * 4] for y in range(size)]
    if sys.byteorder == "big":  # ARGB32 is 0xAARRGGBB in memory order of the machine
        rows = [bytes(reversed(row)) for row in rows]
    mask_stride = ((size + 31) // 32) * 4
    pixels = b"".join(reversed(rows))
    mask = bytes(mask_stride * size)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(pixels) + len(mask),
                         0, 0, 0, 0)
    return header + pixels + mask


def ico_bytes(images: list[QImage]) -> bytes:
    """An ICO file holding ``images`` (square, at most 256 px)."""
    blobs = [_png_bytes(i) if i.width() >= 256 else _dib_bytes(i) for i in images]
    offset = 6 + 16 * len(images)
    directory = b""
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() % 256  # 0 stands for 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(images)) + directory + b"".join(blobs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path,
                        default=Path(__file__).resolve().parent / "daftar.ico")
    parser.add_argument("--preview", type=Path, help="also save the 256 px image as PNG")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([])
    images = [render(size) for size in SIZES]
    args.out.write_bytes(ico_bytes(images))
    if args.preview:
        images[-1].save(str(args.preview), "PNG")
    print(f"{args.out}: {len(SIZES)} sizes, {args.out.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
