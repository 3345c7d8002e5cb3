"""Raw jobs for thermal label printers: TSPL (TSC, Xprinter …) and ZPL (Zebra …).

Text and graphics go as one bitmap with every bar on whole printer dots. With ``native_barcodes`` the
Code 128 is left out of the bitmap and sent as the printer's own barcode command instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from ..core.device_settings import PrinterSettings
from .elements import Code128, Page
from .geometry import place_code128
from .raster import render

LANGUAGES = ("tspl", "zpl")


@dataclass(frozen=True)
class JobOptions:
    dpi: int = 203
    darkness: int = 8  # 0-15
    offset_x_dots: int = 0
    offset_y_dots: int = 0
    native_barcodes: bool = False
    copies: int = 1

    @classmethod
    def for_printer(cls, printer: PrinterSettings) -> JobOptions:
        dots_per_mm = printer.dpi / 25.4
        return cls(dpi=printer.dpi, darkness=printer.darkness, offset_x_dots=round(printer.offset_x_mm * dots_per_mm),
                   offset_y_dots=round(printer.offset_y_mm * dots_per_mm), native_barcodes=printer.native_barcodes)


def _inverted(image: Image.Image) -> Image.Image:
    # ImageChops.invert mishandles mode '1'; go through greyscale
    return image.convert("L").point(lambda v: 255 - v).convert("1", dither=Image.Dither.NONE)


def _packed(image: Image.Image, *, black_bit: int) -> tuple[int, bytes]:
    """Row-major bits, 8 dots a byte, MSB first. ``black_bit`` is what a black dot is in this language."""
    bits = image.convert("1")
    if black_bit == 1:  # PIL mode '1': 0 is black; ZPL wants 1 for black
        bits = _inverted(bits)
    width_bytes = (bits.width + 7) // 8
    padded = Image.new("1", (width_bytes * 8, bits.height), 1 if black_bit == 0 else 0)
    padded.paste(bits, (0, 0))
    return width_bytes, padded.tobytes()


def tspl(pages: list[Page], options: JobOptions = JobOptions()) -> bytes:
    out = bytearray()
    for page in pages:
        image = render(page, options.dpi, skip_barcodes=options.native_barcodes)
        width_bytes, data = _packed(image, black_bit=0)
        out += (f"SIZE {page.size.width_mm:g} mm,{page.size.height_mm:g} mm\r\nGAP 2 mm,0 mm\r\nDIRECTION 1\r\n"
                f"REFERENCE {options.offset_x_dots},{options.offset_y_dots}\r\n"
                f"DENSITY {options.darkness}\r\nCLS\r\n").encode()
        out += f"BITMAP 0,0,{width_bytes},{image.height},0,".encode() + data + b"\r\n"
        if options.native_barcodes:
            for e in page.elements:
                if isinstance(e, Code128):
                    bars = place_code128(e, options.dpi)
                    x = bars.bars[0][0] if bars.bars else 0
                    out += (f'BARCODE {x},{bars.top_dots},"128",{bars.height_dots},0,0,{bars.module_dots},'
                            f'{bars.module_dots},"{e.data}"\r\n').encode()
        out += f"PRINT 1,{options.copies}\r\n".encode()
    return bytes(out)


def zpl(pages: list[Page], options: JobOptions = JobOptions()) -> bytes:
    out = []
    for page in pages:
        image = render(page, options.dpi, skip_barcodes=options.native_barcodes)
        width_bytes, data = _packed(image, black_bit=1)
        total = len(data)
        parts = [f"^XA~SD{min(30, options.darkness * 2):02d}^PW{image.width}^LL{image.height}"
                 f"^LH{options.offset_x_dots},{options.offset_y_dots}^PQ{options.copies}",
                 f"^FO0,0^GFA,{total},{total},{width_bytes},{data.hex().upper()}^FS"]
        if options.native_barcodes:
            for e in page.elements:
                if isinstance(e, Code128):
                    bars = place_code128(e, options.dpi)
                    x = bars.bars[0][0] if bars.bars else 0
                    parts.append(f"^FO{x},{bars.top_dots}^BY{bars.module_dots}^BCN,{bars.height_dots},N,N,N"
                                 f"^FD{e.data}^FS")
        parts.append("^XZ")
        out.append("".join(parts))
    return "\n".join(out).encode()


def bitmap_from_tspl(job: bytes) -> list[Image.Image]:
    """The images inside a TSPL job, for tests and previews (the inverse of :func:`tspl`)."""
    images, at = [], 0
    while (start := job.find(b"BITMAP ", at)) >= 0:
        fields, cursor = [], start + len(b"BITMAP ")
        for _ in range(5):  # x,y,width_bytes,height,mode, then the raw bytes
            comma = job.index(b",", cursor)
            fields.append(int(job[cursor:comma]))
            cursor = comma + 1
        width_bytes, height = fields[2], fields[3]
        images.append(Image.frombytes("1", (width_bytes * 8, height), job[cursor:cursor + width_bytes * height]))
        at = cursor + width_bytes * height
    return images


def bitmap_from_zpl(job: bytes) -> list[Image.Image]:
    images, text = [], job.decode()
    for chunk in text.split("^GFA,")[1:]:
        total, _, width_bytes, rest = chunk.split(",", 3)
        data = bytes.fromhex(rest[: int(total) * 2])
        height = int(total) // int(width_bytes)
        images.append(_inverted(Image.frombytes("1", (int(width_bytes) * 8, height), data)))
    return images
