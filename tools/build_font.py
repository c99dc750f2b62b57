"""Build the bundled Chinese font: a GB2312 subset of Noto Sans CJK SC.

Developer tool, not used at run time.  Run it when the character set or the
source font changes::

    apt-get install fonts-noto-cjk
    python tools/build_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

It extracts the Simplified Chinese face from the collection, keeps the
characters of GB2312 (all 6,763 hanzi and its symbols) plus ASCII, Latin-1,
general and CJK punctuation, full-width forms, arrows and a few mathematical
signs, converts the CFF outlines to TrueType (quadratic) outlines so that
matplotlib can also embed the font in PDF and PostScript output, and renames the
family to ``CRMLab Noto Sans SC`` so that it can never be confused with a
system-wide Noto install.  The font is licensed under the SIL Open Font License
1.1 (``crmlab/fonts/OFL.txt``).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable

FAMILY = "CRMLab Noto Sans SC"


def gb2312_characters() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def wanted_codepoints() -> set[int]:
    cps = {ord(c) for c in gb2312_characters()}
    ranges = [
        (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF),
        (0x2200, 0x22FF), (0x2460, 0x24FF), (0x25A0, 0x25FF), (0x2700, 0x27BF),
        (0x3000, 0x303F), (0xFF00, 0xFFEF),
    ]
    for lo, hi in ranges:
        cps.update(range(lo, hi + 1))
    return cps


def pick_sc_face(collection: TTCollection):
    for font in collection.fonts:
        name = font["name"].getDebugName(1) or ""
        if name.endswith(" SC"):
            return font
    raise SystemExit("no Simplified Chinese (SC) face in the collection")


def cff_to_truetype(font) -> None:
    """Replace CFF outlines by quadratic TrueType outlines (in place)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, family: str, style: str) -> None:
    table = font["name"]
    full = family if style == "Regular" else f"{family} {style}"
    ps = full.replace(" ", "")
    for rec in list(table.names):
        if rec.nameID in (1, 16):
            table.setName(family, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID in (2, 17):
            table.setName(style, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 4:
            table.setName(full, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 6:
            table.setName(ps, rec.nameID, rec.platformID, rec.platEncID, rec.langID)
        elif rec.nameID == 3:
            table.setName(f"{ps};subset for CRM Lab", rec.nameID, rec.platformID,
                          rec.platEncID, rec.langID)


def build(source: Path, out: Path, style: str) -> None:
    font = pick_sc_face(TTCollection(str(source)))
    options = subset.Options()
    options.layout_features = ["kern", "palt"]
    options.layout_closure = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["VORG", "vhea", "vmtx", "DSIG"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    cff_to_truetype(font)
    rename(font, FAMILY, style)
    font.save(str(out))
    print(f"{out}: {out.stat().st_size / 1e6:.2f} MB, {len(font.getGlyphOrder())} glyphs")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("regular", type=Path, help="NotoSansCJK-Regular.ttc")
    parser.add_argument("--bold", type=Path, help="NotoSansCJK-Bold.ttc")
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).parents[1] / "crmlab" / "fonts")
    args = parser.parse_args(argv)
    build(args.regular, args.out_dir / "CRMLabNotoSansSC-Regular.ttf", "Regular")
    if args.bold:
        build(args.bold, args.out_dir / "CRMLabNotoSansSC-Bold.ttf", "Bold")
    return 0


if __name__ == "__main__":
    sys.exit(main())
